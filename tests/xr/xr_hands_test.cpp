// Hand tracking on the XR path under the simulated runtime: a tracked hand without a controller
// pinches the torque wrench and holds it (the same InputFrame as a controller squeeze), and a
// headset without hand tracking still plays with controllers. Both validation layers are on.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_support.hpp"
#include "xr_sim_support.hpp"

using namespace txr;

namespace {

struct Run {
  std::optional<session::XrRunSummary> summary;
  std::vector<core::InputFrame> frames;
  std::vector<session::SessionEvent> events;
};

Run run_with(const std::string& dir_name, const std::string& script, std::uint64_t frames) {
  const auto dir = test::scratch_dir(dir_name);
  test::set_env("TRADEXR_XRSIM_SCRIPT", test::write_sim_script(dir, script).string());
  test::IntroRun intro;
  Run out;
  session::XrRunOptions options;
  options.validation = true;
  options.max_frames = frames;
  options.on_frame = [&](const core::InputFrame& f) { out.frames.push_back(f); };
  auto summary = session::run_xr(*intro.session, nullptr, options);
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  out.summary = *summary;
  out.events = intro.session->events();
  return out;
}

int count(const std::vector<session::SessionEvent>& events, const std::string& type,
          const std::string& subject) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const auto& e) {
    return e.type == type && e.subject == subject;
  }));
}

// The wrench lies at world (0.3, 0.92, 0.15); recentering maps STAGE z to world z + 0.55, so
// a wrist at STAGE (0.3, 0.95, -0.35) puts the palm (5 cm ahead of the wrist) right above it.
constexpr const char* k_pinch = R"({"keyframes": [
  {"t": 0, "head": {"position": [0, 1.6, 0]},
   "left": {"tracked": false}, "right": {"tracked": false,
     "hand": {"wrist": {"position": [0.3, 0.95, -0.35]}, "pinch": 0}}},
  {"t": 0.3, "right": {"hand": {"pinch": 0}}},
  {"t": 0.5, "right": {"hand": {"pinch": 1}}},
  {"t": 0.8, "right": {"hand": {"pinch": 1}}},
  {"t": 0.9, "right": {"hand": {"pinch": 0}}}]})";

}  // namespace

TEST_CASE("[xr] a tracked hand pinching next to the wrench picks it up and lets it go") {
  test::use_xr_simulator("32x32");
  test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  const Run run = run_with("xr-hand-pinch", k_pinch, 100);
  CHECK(run.summary->hand_tracking);
  CHECK(run.summary->hand_frames > 50);
  CHECK(run.summary->validation_messages == 0);
  CHECK(run.summary->xr_messages == 0);
  REQUIRE(run.frames.size() == 100);
  const core::HandInput& early = run.frames[10].hand(core::Hand::right);
  CHECK(early.tracked);
  CHECK(early.squeeze == 0.0f);
  // The palm, in the world: above the wrench.
  CHECK(early.T_world_grip.position_m[0] == doctest::Approx(0.3f).epsilon(1e-3));
  CHECK(early.T_world_grip.position_m[2] == doctest::Approx(0.15f).epsilon(1e-2));
  CHECK(run.frames[70].hand(core::Hand::right).squeeze == 1.0f);  // pinched
  CHECK(run.frames[99].hand(core::Hand::right).squeeze == 0.0f);  // opened again
  CHECK_FALSE(run.frames[70].hand(core::Hand::left).tracked);
  CHECK(count(run.events, "grabbed", "wrench") == 1);
  CHECK(count(run.events, "released", "wrench") == 1);
}

TEST_CASE("[xr] without hand tracking the controllers grab as before") {
  test::use_xr_simulator("32x32");
  test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "0");
  // The controller squeezes where the hand would have pinched (the hand in the script is
  // ignored by a headset that cannot track hands).
  const Run run =
      run_with("xr-hand-absent", R"({"profile": "/interaction_profiles/oculus/touch_controller",
    "keyframes": [
    {"t": 0, "head": {"position": [0, 1.6, 0]},
     "right": {"grip": {"position": [0.3, 0.95, -0.4]}, "squeeze": 0,
               "hand": {"wrist": {"position": [0.3, 0.95, -0.35]}, "pinch": 0}}},
    {"t": 0.3, "right": {"squeeze": 0}},
    {"t": 0.5, "right": {"squeeze": 1}}]})",
               70);
  test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  CHECK_FALSE(run.summary->hand_tracking);
  CHECK(run.summary->hand_frames == 0);
  CHECK(run.summary->xr_messages == 0);
  CHECK(run.summary->validation_messages == 0);
  CHECK(run.frames.back().hand(core::Hand::right).squeeze > 0.9f);
  CHECK(count(run.events, "grabbed", "wrench") == 1);
}

TEST_CASE("[xr] a tracked controller wins over the hand holding it") {
  test::use_xr_simulator("32x32");
  test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  // The hand is tracked and pinching, but the controller in it is tracked and not squeezed.
  const Run run =
      run_with("xr-hand-controller", R"({"profile": "/interaction_profiles/oculus/touch_controller",
    "keyframes": [{"t": 0, "head": {"position": [0, 1.6, 0]},
     "right": {"grip": {"position": [0.3, 0.95, -0.4]}, "squeeze": 0,
               "hand": {"wrist": {"position": [0.3, 0.95, -0.35]}, "pinch": 1}}}]})",
               30);
  CHECK(run.summary->hand_tracking);
  CHECK(run.summary->hand_frames == 0);
  CHECK(run.frames.back().hand(core::Hand::right).squeeze == 0.0f);
  CHECK(count(run.events, "grabbed", "wrench") == 0);
  CHECK(run.summary->xr_messages == 0);
}
