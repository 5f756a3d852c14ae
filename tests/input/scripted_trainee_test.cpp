#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "input/pose_math.hpp"
#include "input/scripted_trainee.hpp"

using namespace txr::input;
using txr::core::Hand;
using txr::core::Pose;

namespace {

Pose at(float x, float y, float z) {
  Pose p;
  p.position_m = {x, y, z};
  return p;
}

// A world of fixed poses; held objects are whatever the test says.
class FakeWorld : public WorldQuery {
 public:
  std::map<std::string, Pose, std::less<>> poses;
  std::map<std::string, Pose, std::less<>> hinges;
  std::map<std::string, double, std::less<>> angles;
  std::optional<Pose> held;
  std::optional<Pose> working_point;
  double click_time_s = 1e9;
  mutable double now_s = 0.0;

  std::optional<Pose> pose_of(std::string_view name) const override {
    auto it = poses.find(name);
    return it == poses.end() ? std::nullopt : std::optional<Pose>(it->second);
  }
  std::optional<Pose> hinge_of(std::string_view name) const override {
    auto it = hinges.find(name);
    return it == hinges.end() ? std::nullopt : std::optional<Pose>(it->second);
  }
  std::optional<double> angle_of(std::string_view name) const override {
    auto it = angles.find(name);
    return it == angles.end() ? std::nullopt : std::optional<double>(it->second);
  }
  std::optional<Pose> held_object_in_hand(Hand) const override { return held; }
  std::optional<Pose> held_tool_working_point(Hand) const override { return working_point; }
  bool event_since(std::string_view, std::string_view event, double since_s) const override {
    return event == "click" && now_s >= click_time_s && click_time_s >= since_s;
  }
  int object_index(std::string_view name) const override {
    int i = 0;
    for (const auto& [key, _] : poses) {
      if (key == name) return i;
      ++i;
    }
    return -1;
  }
};

TraineeScript script_of(const std::string& text) {
  auto load = parse_trainee_script(text, "t.yaml");
  REQUIRE(load.ok());
  return load.script;
}

TraineeStart start_pose() {
  TraineeStart s;
  s.T_world_head = at(0.0f, 1.6f, 0.4f);
  s.T_world_left_grip = at(-0.2f, 1.0f, 0.2f);
  s.T_world_right_grip = at(0.2f, 1.0f, 0.2f);
  return s;
}

std::vector<txr::core::InputFrame> run(ScriptedTrainee& trainee, FakeWorld& world,
                                       int max_frames = 20000) {
  std::vector<txr::core::InputFrame> frames;
  while (!trainee.finished() && static_cast<int>(frames.size()) < max_frames) {
    world.now_s = static_cast<double>(frames.size()) * trainee.frame_dt_s();
    frames.push_back(trainee.next(world));
  }
  return frames;
}

double distance(const Pose& a, const Pose& b) {
  return glm::length(position_of(a) - position_of(b));
}

}  // namespace

TEST_CASE("[input] minimum-jerk profile starts and ends at rest") {
  CHECK(minimum_jerk(0.0) == 0.0);
  CHECK(minimum_jerk(1.0) == doctest::Approx(1.0));
  CHECK(minimum_jerk(0.5) == doctest::Approx(0.5));
  CHECK(minimum_jerk(-1.0) == 0.0);
  // Velocity ~0 at both ends: tiny change over the first and last 1 %.
  CHECK(minimum_jerk(0.01) < 1e-5);
  CHECK(1.0 - minimum_jerk(0.99) < 1e-5);
}

TEST_CASE("[input] a scripted grab reaches the object and closes the hand") {
  FakeWorld world;
  world.poses["wrench"] = at(0.5f, 0.9f, -0.3f);
  ScriptedTrainee trainee(script_of("actions:\n  - grab: wrench\n    over_s: 1.0\n"), start_pose());
  const auto frames = run(trainee, world);
  REQUIRE(!frames.empty());
  const auto& last = frames.back().hand(Hand::right);
  CHECK(distance(last.T_world_grip, world.poses["wrench"]) < 1e-4);
  CHECK(last.squeeze == doctest::Approx(1.0f));
  CHECK(frames.front().hand(Hand::right).squeeze == 0.0f);
  // 90 Hz frames with consecutive indices and times.
  CHECK(frames[90].time_s == doctest::Approx(1.0));
  CHECK(frames[90].frame_index == 90);
  // Reach takes over_s (1.0) + grip + dwell (0.25 s): about 113 frames.
  CHECK(frames.size() >= 110);
  CHECK(frames.size() <= 116);
  for (const auto& f : frames) CHECK(txr::core::is_valid(f));
}

TEST_CASE("[input] the same script and seed give identical frames, another seed differs") {
  FakeWorld world;
  world.poses["part"] = at(0.4f, 1.1f, -0.2f);
  const std::string text =
      "seed: 4\nmotion: {tremor_mm: 2, submovements: 2}\nactions:\n  - grab: part\n";
  ScriptedTrainee a(script_of(text), start_pose());
  ScriptedTrainee b(script_of(text), start_pose());
  ScriptedTrainee c(script_of("seed: 5\n" + text.substr(text.find('\n') + 1)), start_pose());
  const auto fa = run(a, world), fb = run(b, world), fc = run(c, world);
  REQUIRE(fa.size() == fb.size());
  bool any_difference = fa.size() != fc.size();
  for (std::size_t i = 0; i < fa.size(); ++i) {
    CHECK(fa[i].hand(Hand::right).T_world_grip.position_m ==
          fb[i].hand(Hand::right).T_world_grip.position_m);
    if (i < fc.size() && fa[i].hand(Hand::right).T_world_grip.position_m !=
                             fc[i].hand(Hand::right).T_world_grip.position_m) {
      any_difference = true;
    }
  }
  CHECK(any_difference);
}

TEST_CASE("[input] a novice reach has tremor and corrective sub-movements and takes longer") {
  FakeWorld world;
  world.poses["part"] = at(0.6f, 1.0f, -0.4f);
  ScriptedTrainee expert(script_of("actions:\n  - move: part\n"), start_pose());
  ScriptedTrainee novice(
      script_of("motion: {tremor_mm: 3, submovements: 2}\nactions:\n  - move: part\n"),
      start_pose());
  const auto fe = run(expert, world), fn = run(novice, world);
  CHECK(fn.size() > fe.size() + 30);
  // Both end near the target; the novice within its tremor amplitude.
  CHECK(distance(fe.back().hand(Hand::right).T_world_grip, world.poses["part"]) < 1e-4);
  CHECK(distance(fn.back().hand(Hand::right).T_world_grip, world.poses["part"]) < 0.012);
  // Tremor: the RMS deviation of the resting hand after the reach is near 3 mm.
  ScriptedTrainee resting(script_of("motion: {tremor_mm: 3}\nactions:\n  - wait: 4\n"),
                          start_pose());
  const auto fr = run(resting, world);
  double sum2 = 0.0;
  for (const auto& f : fr) {
    const double d = distance(f.hand(Hand::right).T_world_grip, start_pose().T_world_right_grip);
    sum2 += d * d;
  }
  const double rms_mm = std::sqrt(sum2 / static_cast<double>(fr.size())) * 1000.0;
  CHECK(rms_mm == doctest::Approx(3.0).epsilon(0.25));
}

TEST_CASE("[input] placing carries the held object onto the socket pose, then lets go") {
  FakeWorld world;
  world.poses["tray.slot"] = at(0.3f, 0.95f, -0.1f);
  world.held = at(0.0f, -0.05f, 0.0f);  // object hangs 5 cm below the grip
  ScriptedTrainee trainee(script_of("actions:\n  - place: tray.slot\n"), start_pose());
  const auto frames = run(trainee, world);
  // Find the frame where the hand opened: the object (grip + held offset) is on the socket.
  std::size_t opened = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (frames[i].hand(Hand::right).squeeze < 0.01f && i > 0 &&
        frames[i - 1].hand(Hand::right).squeeze > 0.01f) {
      opened = i;
    }
  }
  CHECK(trainee.warnings().empty());
  const auto& grip = frames[opened].hand(Hand::right).T_world_grip;
  CHECK(grip.position_m[1] == doctest::Approx(1.0f).epsilon(1e-4));           // 0.95 + 0.05
  CHECK(frames.back().hand(Hand::right).T_world_grip.position_m[1] > 1.05f);  // retreated
}

TEST_CASE("[input] placing with an empty hand is a warning, not a crash") {
  FakeWorld world;
  world.poses["tray.slot"] = at(0.3f, 0.95f, -0.1f);
  ScriptedTrainee trainee(script_of("actions:\n  - place: tray.slot\n  - wait: 0.1\n"),
                          start_pose());
  run(trainee, world);
  REQUIRE(trainee.warnings().size() == 1);
  CHECK(trainee.warnings()[0].to_string() == "t.yaml:2:5: 'place' with an empty hand");
}

TEST_CASE("[input] using a tool turns about the target axis and stops at the click") {
  FakeWorld world;
  Pose bolt = at(0.4f, 1.0f, -0.2f);
  bolt.orientation = {-0.70710678f, 0.0f, 0.0f, 0.70710678f};  // +Z of the target points up
  world.poses["bolt_1"] = bolt;
  world.held = at(0.0f, 0.0f, 0.0f);
  world.working_point = at(0.25f, 0.0f, 0.0f);  // the socket end is 25 cm from the grip
  world.click_time_s = 2.0;
  ScriptedTrainee trainee(
      script_of("actions:\n  - use: bolt_1\n    turn_deg: 90\n    over_s: 3\n    until: click\n"),
      start_pose());
  const auto frames = run(trainee, world);
  // Stopped soon after the click instead of running the full 0.8 + 0.1 + 3 s.
  CHECK(frames.back().time_s < 2.3);
  // The grip stays on a circle of radius 0.25 m around the bolt axis (a turning wrench).
  for (const auto& f : frames) {
    if (f.time_s < 1.0 || f.time_s > 1.9) continue;
    const auto p = position_of(f.hand(Hand::right).T_world_grip);
    const double r = std::hypot(p.x - 0.4, p.z + 0.2);
    CHECK(r == doctest::Approx(0.25).epsilon(1e-3));
    CHECK(p.y == doctest::Approx(1.0).epsilon(1e-4));
  }
}

TEST_CASE("[input] a UI command is issued in exactly one frame with its object") {
  FakeWorld world;
  world.poses["a"] = at(0, 1, 0);
  world.poses["wrench"] = at(0, 1, 0);
  ScriptedTrainee trainee(
      script_of("actions:\n  - ui: set_value\n    object: wrench\n    value: 72\n  - wait: 0.5\n"),
      start_pose());
  const auto frames = run(trainee, world);
  int commands = 0;
  for (const auto& f : frames) {
    if (f.ui.kind == txr::core::UiCommandKind::set_value) {
      ++commands;
      CHECK(f.ui.object == 1);
      CHECK(f.ui.value == 72.0f);
    }
  }
  CHECK(commands == 1);
}

TEST_CASE("[input] unknown names in a script are found before the run starts") {
  FakeWorld world;
  world.poses["wrench"] = at(0, 1, 0);
  const auto script = script_of(
      "actions:\n  - grab: wrench\n  - place: nowhere\n  - turn: wrench\n    to_deg: 5\n");
  const auto errors = check_script_targets(script, world);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].to_string() == "t.yaml:3:5: unknown object, socket or target 'nowhere'");
  CHECK(errors[1].to_string() == "t.yaml:4:5: 'wrench' is not a turnable object (no hinge)");
}
