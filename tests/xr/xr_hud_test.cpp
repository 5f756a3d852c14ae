// The in-headset HUD under the simulated runtime (core validation layer and Vulkan validation on):
// it is submitted as a quad layer whose image matches a golden, the controller ray presses its
// buttons (a press that starts on the panel never grabs in the world) and the break reminder
// comes at the configured session time.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "input/pose_math.hpp"
#include "render/image_compare.hpp"
#include "session/scripted_run.hpp"
#include "test_support.hpp"
#include "ui/hud_menu.hpp"
#include "xr/hud_panel.hpp"
#include "xr_sim_support.hpp"

using namespace txr;

namespace {

// The simulated head: standing at the stage origin, looking down -Z.
constexpr float k_eye_y_m = 1.6f;

std::unique_ptr<session::Session> intro_session(scenario::Mode mode, double break_reminder_s,
                                                scenario::LoadResult& loaded) {
  loaded = session::load_scenario(test::source_dir() / "scenarios/mechanical/bolt-torque-intro");
  REQUIRE(loaded.scenario);
  session::SessionOptions options;
  options.mode = mode;
  options.break_reminder_s = break_reminder_s;
  auto created = session::Session::create(*loaded.scenario, options);
  REQUIRE(created.has_value());
  return std::move(*created);
}

// Where the app hangs the panel for the simulated head, and the stage point of a menu button.
std::array<float, 3> button_point(ui::HudMenuItem item) {
  xr::HudPanel panel;
  core::Pose head;
  head.position_m = {0.0f, k_eye_y_m, 0.0f};
  panel.place(head);
  const auto& o = panel.options();
  const ui::HudRect r = ui::HudMenu::rect(
      item, ImVec2(static_cast<float>(o.width_px), static_cast<float>(o.height_px)));
  return panel.point_at(r.centre_x(), r.centre_y());
}

// A controller pose at `from` whose aim (-Z) points at `to`, as script JSON.
std::string aim_json(const std::array<float, 3>& from, const std::array<float, 3>& to) {
  const glm::dvec3 a(from[0], from[1], from[2]), b(to[0], to[1], to[2]);
  const glm::dvec3 z = glm::normalize(a - b);  // aim looks down -Z
  const glm::dvec3 x = glm::normalize(glm::cross(glm::dvec3(0, 1, 0), z));
  const glm::dquat q = glm::quat_cast(glm::dmat3(x, glm::cross(z, x), z));
  char out[256];
  std::snprintf(out, sizeof out,
                R"({"position": [%.5f, %.5f, %.5f], "orientation": [%.6f, %.6f, %.6f, %.6f]})",
                from[0], from[1], from[2], q.x, q.y, q.z, q.w);
  return out;
}

// The right hand holding still at `grip`, its ray at `target`, select (the simple controller's
// only button) pressed from 0.3 s to 0.5 s.
std::string press_script(const std::array<float, 3>& grip, const std::array<float, 3>& target) {
  const std::string pose = aim_json(grip, target);
  const std::string hand = R"("grip": )" + pose + R"(, "aim": )" + pose;
  return R"({"keyframes": [
    {"t": 0, "head": {"position": [0, 1.6, 0]}, "right": {)" +
         hand + R"(, "buttons": []}},
    {"t": 0.3, "right": {"buttons": ["select"]}},
    {"t": 0.5, "right": {"buttons": []}}]})";
}

std::size_t count(const session::Session& s, const std::string& type, const std::string& subject) {
  return static_cast<std::size_t>(
      std::count_if(s.events().begin(), s.events().end(), [&](const session::SessionEvent& e) {
        return e.type == type && (subject.empty() || e.subject == subject);
      }));
}

session::XrRunOptions validated(std::uint64_t frames) {
  session::XrRunOptions options;
  options.validation = true;
  options.max_frames = frames;
  return options;
}

}  // namespace

TEST_CASE("[xr] the HUD is a quad layer in front of the trainee and matches its golden image") {
  const auto dir = test::scratch_dir("xr-hud-golden");
  test::use_xr_simulator("64x64");
  test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", dir.string());
  test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "40");
  test::set_env("TRADEXR_XRSIM_LOG", (dir / "sim-log.json").string());
  // The right ray rests on the recentre button (cursor and hover in the image); the break
  // reminder is due after a quarter of a second of session time.
  const std::array<float, 3> grip{0.2f, 1.2f, -0.3f};
  test::set_env(
      "TRADEXR_XRSIM_SCRIPT",
      test::write_sim_script(
          dir, R"({"keyframes": [{"t": 0,
                  "head": {"position": [0, 1.6, 0]}, "right": {"grip": )" +
                   aim_json(grip, button_point(ui::HudMenuItem::recentre)) + R"(, "aim": )" +
                   aim_json(grip, button_point(ui::HudMenuItem::recentre)) + "}}]}")
          .string());
  scenario::LoadResult loaded;
  auto s = intro_session(scenario::Mode::assessment, 0.25, loaded);
  auto options = validated(45);
  options.hud_options.language = "en";
  auto summary = session::run_xr(*s, nullptr, options);
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
  CHECK(summary->hud_frames == summary->rendered_frames);
  CHECK(summary->hud_clicks == 0);  // pointing is not pressing

  // The reminder at 0.25 s of session time (60 physics steps at 240 Hz), recorded once.
  REQUIRE(count(*s, "break_reminder", "") == 1);
  const auto reminder = std::find_if(s->events().begin(), s->events().end(),
                                     [](const auto& e) { return e.type == "break_reminder"; });
  CHECK(reminder->time_s == doctest::Approx(0.25).epsilon(0.02));

  const auto log = nlohmann::json::parse(test::read_file(dir / "sim-log.json"), nullptr, false);
  REQUIRE(log.is_object());
  CHECK(log["layers"]["quad"].get<std::uint64_t>() == summary->hud_frames);

  const auto out_dir = std::filesystem::path(TXR_BINARY_DIR) / "golden-out";
  std::filesystem::create_directories(out_dir);
  const std::string name = "xr-hud-quad";
  auto actual = render::read_png(dir / "frame_000040_layer1_quad.png");
  REQUIRE_MESSAGE(actual.has_value(), "the runtime did not capture the HUD's quad layer");
  CHECK(actual->width == 1024);
  CHECK(actual->height == 704);
  const auto actual_path = out_dir / (name + ".actual.png");
  const auto diff_path = out_dir / (name + ".diff.png");
  std::filesystem::remove(actual_path);
  std::filesystem::remove(diff_path);
  const auto expected_path = test::source_dir() / "tests/xr/golden" / (name + ".png");
  auto expected = render::read_png(expected_path);
  if (!expected) {
    REQUIRE(render::write_png(actual_path, *actual).has_value());
    FAIL("no golden image at " << expected_path.string() << "; review " << actual_path.string()
                               << " and approve it with tools/golden/approve.sh");
  }
  const render::GoldenTolerance tolerance{8, 0.005};
  const auto diff = render::compare_images(*expected, *actual, tolerance.per_channel);
  if (!render::within(diff, tolerance)) {
    REQUIRE(render::write_png(actual_path, *actual).has_value());
    if (diff.same_size) REQUIRE(render::write_png(diff_path, diff.diff).has_value());
    std::cerr << "golden mismatch: actual " << actual_path.string() << "\n  diff "
              << diff_path.string() << "\n";
  }
  CHECK(render::within(diff, tolerance));
}

TEST_CASE("[xr] the controller ray presses the HUD's hint button and the press grabs nothing") {
  // The right hand is right at the wrench (stage = world - 0.55 m in z after recentering), so
  // the same press made away from the panel grabs it.
  const std::array<float, 3> at_wrench{0.3f, 0.95f, -0.4f};
  const std::array<float, 3> away{0.3f, 0.5f, -1.4f};  // the floor beyond the bench
  for (const bool on_panel : {true, false}) {
    CAPTURE(on_panel);
    const auto dir = test::scratch_dir(on_panel ? "xr-hud-press" : "xr-hud-press-away");
    test::use_xr_simulator("32x32");
    test::set_env(
        "TRADEXR_XRSIM_SCRIPT",
        test::write_sim_script(
            dir, press_script(at_wrench, on_panel ? button_point(ui::HudMenuItem::hint) : away))
            .string());
    scenario::LoadResult loaded;
    auto s = intro_session(scenario::Mode::practice, 0.0, loaded);
    std::vector<core::InputFrame> frames;
    auto options = validated(70);
    options.on_frame = [&](const core::InputFrame& f) { frames.push_back(f); };
    auto summary = session::run_xr(*s, nullptr, options);
    REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
    CHECK(summary->validation_messages == 0);
    CHECK(summary->xr_messages == 0);
    const bool squeezed = std::any_of(frames.begin(), frames.end(), [](const auto& f) {
      return f.hand(core::Hand::right).squeeze > 0.5f;
    });
    if (on_panel) {
      CHECK(summary->hud_clicks == 1);
      CHECK(count(*s, "ui_command", "request_hint") == 1);
      CHECK(count(*s, "hint_shown", "set_wrench") == 1);
      CHECK(count(*s, "grabbed", "") == 0);
      CHECK_FALSE(squeezed);  // the recorded frames never carried the HUD's press
    } else {
      CHECK(summary->hud_clicks == 0);
      CHECK(count(*s, "ui_command", "request_hint") == 0);
      CHECK(count(*s, "grabbed", "") == 1);
      CHECK(squeezed);
    }
  }
}

TEST_CASE("[xr] the HUD's exit button ends the run") {
  const auto dir = test::scratch_dir("xr-hud-exit");
  test::use_xr_simulator("32x32");
  const std::array<float, 3> grip{0.2f, 1.2f, -0.3f};
  test::set_env("TRADEXR_XRSIM_SCRIPT",
                test::write_sim_script(dir, press_script(grip, button_point(ui::HudMenuItem::exit)))
                    .string());
  scenario::LoadResult loaded;
  auto s = intro_session(scenario::Mode::assessment, 0.0, loaded);
  auto summary = session::run_xr(*s, nullptr, validated(400));
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  CHECK(summary->hud_clicks == 1);
  CHECK(summary->xr_frames < 100);  // ended at about 0.5 s, not at 400 frames
  CHECK(std::find(summary->states.begin(), summary->states.end(), "exiting") !=
        summary->states.end());
  CHECK_FALSE(summary->runtime_requested_exit);
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
}
