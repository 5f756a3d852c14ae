// The app's XR path under the simulated runtime: a scripted attempt ends exactly as headless,
// the lifecycle is followed through every state, every controller profile's bindings are
// accepted and its input reaches the InputFrame, haptic pulses reach the runtime, and without
// a runtime the error says what to do. The OpenXR core validation layer and the Vulkan
// validation layer are on: any message fails.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "session/scripted_run.hpp"
#include "test_support.hpp"
#include "xr_sim_support.hpp"

using namespace txr;

namespace {

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

session::XrRunOptions validated() {
  session::XrRunOptions options;
  options.validation = true;
  return options;
}

}  // namespace

TEST_CASE("[xr] the expert script in XR mode ends with the headless outcome and physics hash") {
  const auto dir = test::scratch_dir("xr-expert");
  test::use_xr_simulator();
  test::set_env("TRADEXR_XRSIM_LOG", (dir / "sim-log.json").string());
  test::IntroRun headless("expert.yaml");
  session::run_scripted(*headless.session, *headless.trainee);
  REQUIRE(headless.session->engine().outcome() == scenario::Outcome::completed);

  test::IntroRun run("expert.yaml");
  std::vector<session::HapticRequest> pulses;
  auto options = validated();
  options.on_haptic = [&](const session::HapticRequest& r) { pulses.push_back(r); };
  auto summary = session::run_xr(*run.session, run.trainee_ptr(), options);
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  run.session->finish();
  CHECK(run.session->engine().outcome() == headless.session->engine().outcome());
  CHECK(run.session->physics_hash() == headless.session->physics_hash());
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
  CHECK(summary->rendered_frames > 100);
  CHECK(summary->depth_submitted);
  CHECK(summary->timing.frames == summary->xr_frames);
  CHECK(summary->timing.missed_frames == 0);  // unpaced: one period per frame exactly
  CHECK(has(summary->states, "exiting"));
  CHECK_FALSE(summary->runtime_requested_exit);  // the app ended it when the attempt was over

  // The torque wrench's click was felt in the right hand, and the runtime got the pulse.
  const bool clicked = std::any_of(pulses.begin(), pulses.end(), [](const auto& p) {
    return p.cue == xr::HapticCue::torque_click && p.hand == core::Hand::right;
  });
  CHECK(clicked);
  const auto log = nlohmann::json::parse(test::read_file(dir / "sim-log.json"), nullptr, false);
  REQUIRE(log.is_object());
  REQUIRE(log.contains("haptics"));
  bool right_pulse = false;
  for (const auto& h : log["haptics"]) {
    right_pulse = right_pulse || (h.value("target", "") == "/user/hand/right/output/haptic" &&
                                  h.value("amplitude", 0.0) > 0.5);
  }
  CHECK(right_pulse);
  CHECK(log["layers"]["depth_infos"].get<int>() > 0);
}

TEST_CASE("[xr] the app follows the runtime through focus loss and a runtime-requested exit") {
  const auto dir = test::scratch_dir("xr-lifecycle-exit");
  test::use_xr_simulator();
  test::set_env("TRADEXR_XRSIM_SCRIPT", test::write_sim_script(dir, R"({"events": [
                  {"t": 0.2, "event": "focus_lost"},
                  {"t": 0.4, "event": "focus_gained"},
                  {"t": 0.6, "event": "request_exit"}]})")
                                            .string());
  test::IntroRun run;
  auto summary = session::run_xr(*run.session, nullptr, validated());
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  for (const char* state :
       {"idle", "ready", "synchronized", "visible", "focused", "stopping", "exiting"}) {
    CHECK_MESSAGE(has(summary->states, state), state);
  }
  // Focus lost: back to visible, then focused again, before stopping.
  const auto& s = summary->states;
  const auto lost = std::find(s.begin() + 5, s.end(), "visible");
  CHECK(lost != s.end());
  CHECK(std::find(lost, s.end(), "focused") != s.end());
  CHECK(summary->runtime_requested_exit);
  CHECK_FALSE(summary->session_lost);
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
  // The session paused while unfocused: fewer InputFrames than frames run.
  CHECK(summary->frames < summary->xr_frames);
  CHECK(summary->frames > 0);
}

TEST_CASE("[xr] a session the runtime is losing is destroyed and the run stops cleanly") {
  const auto dir = test::scratch_dir("xr-lifecycle-loss");
  test::use_xr_simulator();
  test::set_env(
      "TRADEXR_XRSIM_SCRIPT",
      test::write_sim_script(dir, R"({"events": [{"t": 0.3, "event": "loss_pending"}]})").string());
  test::IntroRun run;
  auto summary = session::run_xr(*run.session, nullptr, validated());
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  CHECK(summary->session_lost);
  CHECK(summary->states.back() == "loss_pending");
  CHECK(summary->frames > 10);
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
}

TEST_CASE("[xr] every controller profile is bound and its input reaches the InputFrame") {
  const char* profiles[] = {"/interaction_profiles/khr/simple_controller",
                            "/interaction_profiles/oculus/touch_controller",
                            "/interaction_profiles/valve/index_controller",
                            "/interaction_profiles/htc/vive_controller",
                            "/interaction_profiles/microsoft/motion_controller"};
  for (const char* profile : profiles) {
    CAPTURE(profile);
    const auto dir = test::scratch_dir("xr-profile");
    test::use_xr_simulator("32x32");
    test::set_env("TRADEXR_XRSIM_PROFILE", profile);
    // Right hand half a metre ahead of the head and below it, everything pressed.
    test::set_env("TRADEXR_XRSIM_SCRIPT", test::write_sim_script(dir, R"({"keyframes": [{"t": 0,
                    "head": {"position": [0, 1.6, 0]},
                    "right": {"grip": {"position": [0.2, 1.3, -0.3]}, "trigger": 0.8,
                              "squeeze": 0.9, "thumbstick": [0.2, -0.4], "trackpad": [0.2, -0.4],
                              "buttons": ["a", "menu"]}}]})")
                                              .string());
    test::IntroRun run;
    std::vector<core::InputFrame> frames;
    auto options = validated();
    options.max_frames = 4;
    options.on_frame = [&](const core::InputFrame& f) { frames.push_back(f); };
    auto summary = session::run_xr(*run.session, nullptr, options);
    REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
    CHECK(summary->accepted_profiles.size() == 5);
    CHECK(summary->xr_messages == 0);
    REQUIRE(frames.size() == 4);
    const core::HandInput& right = frames.back().hand(core::Hand::right);
    CHECK(right.tracked);
    // Recentering put the head at (0, 1.6, 0.55): the grip follows 0.3 m ahead of it.
    CHECK(right.T_world_grip.position_m[0] == doctest::Approx(0.2f).epsilon(1e-3));
    CHECK(right.T_world_grip.position_m[1] == doctest::Approx(1.3f).epsilon(1e-3));
    CHECK(right.T_world_grip.position_m[2] == doctest::Approx(0.25f).epsilon(1e-3));
    CHECK(right.squeeze > 0.5f);  // every profile can grab (simple: with select)
    const std::string p(profile);
    if (p.find("simple") == std::string::npos) {
      CHECK(right.trigger == doctest::Approx(0.8f));
      CHECK(right.thumbstick[1] == doctest::Approx(-0.4f));
    }
    if (p.find("touch") != std::string::npos || p.find("index") != std::string::npos) {
      CHECK((right.buttons & core::k_button_primary) != 0);
    }
    if (p.find("simple") != std::string::npos || p.find("vive") != std::string::npos ||
        p.find("microsoft") != std::string::npos) {
      CHECK((right.buttons & core::k_button_menu) != 0);
    }
    CHECK_FALSE(frames.back().hand(core::Hand::left).buttons != 0);
  }
}

TEST_CASE("[xr] without an OpenXR runtime the error names the problem") {
  test::use_xr_simulator();
  test::set_env("XR_RUNTIME_JSON", (test::scratch_dir("xr-none") / "missing.json").string());
  test::IntroRun run;
  auto summary = session::run_xr(*run.session, nullptr, {});
  REQUIRE_FALSE(summary.has_value());
  CHECK(summary.error().message.find("no OpenXR runtime is available") != std::string::npos);
  CHECK(run.session->physics_steps() == 0);  // the session was not touched
}
