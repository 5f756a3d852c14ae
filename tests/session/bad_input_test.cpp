// Bad input from every source a session has (script, desktop mouse, a session record; XR frames
// enter through the same Session::update) is refused, logged and never reaches Bullet.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "input/trainee_script.hpp"
#include "platform/input_state.hpp"
#include "session/desktop_input.hpp"
#include "session/recording.hpp"
#include "session/replay.hpp"
#include "session/scripted_run.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

const auto k_package = test::source_dir() / "tests/session/fixtures/pick-place";
constexpr float k_nan = std::numeric_limits<float>::quiet_NaN();

scenario::Scenario load_fixture() {
  auto loaded = session::load_scenario(k_package);
  REQUIRE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

std::unique_ptr<session::Session> make_session(const scenario::Scenario& sc,
                                               const session::SessionOptions& options = {}) {
  auto created = session::Session::create(sc, options);
  REQUIRE(created.has_value());
  return std::move(*created);
}

input::TraineeScript load_script(const std::string& name) {
  auto load = input::load_trainee_script(k_package / "scripts" / name);
  REQUIRE(load.ok());
  return load.script;
}

// The frames of the expert script, as a live run produces them.
std::vector<core::InputFrame> expert_frames(const scenario::Scenario& sc) {
  auto s = make_session(sc);
  input::ScriptedTrainee trainee(load_script("expert.yaml"), session::default_trainee_start());
  std::vector<core::InputFrame> frames;
  session::ScriptedRunOptions options;
  options.on_frame = [&](const core::InputFrame& f) { frames.push_back(f); };
  session::run_scripted(*s, trainee, options);
  return frames;
}

// One of several kinds of broken frame, derived from a good one.
core::InputFrame broken(core::InputFrame f, int kind) {
  auto& hand = f.hand(core::Hand::right);
  switch (kind % 7) {
    case 0:  // NaN position: the recording grid alone would have turned this into a plausible 0
      hand.T_world_grip.position_m[0] = k_nan;
      break;
    case 1:
      f.T_world_head.position_m[1] = std::numeric_limits<float>::infinity();
      break;
    case 2:  // 5 km away
      hand.T_world_grip.position_m[2] = 5000.0f;
      break;
    case 3:  // not a rotation
      hand.T_world_aim.orientation = {0.0f, 0.0f, 0.0f, 0.0f};
      break;
    case 4:
      hand.squeeze = 7.0f;
      break;
    case 5:
      f.time_s = std::numeric_limits<double>::quiet_NaN();
      break;
    default:  // a UI command riding on a NaN pose is refused with the frame
      f.ui.kind = core::UiCommandKind::request_hint;
      hand.T_world_grip.orientation[3] = k_nan;
      break;
  }
  return f;
}

struct LogCapture {
  std::vector<std::string> lines;
  LogCapture() {
    core::set_log_sink(
        [](core::LogLevel, std::string_view, std::string_view message, void* user) {
          static_cast<LogCapture*>(user)->lines.emplace_back(message);
        },
        this);
  }
  ~LogCapture() { core::set_log_sink(nullptr, nullptr); }
  bool has(const std::string& text) const {
    for (const auto& l : lines) {
      if (l.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

std::filesystem::path private_dir(const std::string& name) {
  const auto dir = test::scratch_dir(name);
  std::filesystem::create_directories(dir / "key");
  ::chmod((dir / "key").c_str(), 0700);
  return dir;
}

}  // namespace

TEST_CASE(
    "[session] NaN and absurd frames are refused whole, logged, and the run stays identical") {
  const auto sc = load_fixture();
  const auto frames = expert_frames(sc);
  REQUIRE(frames.size() > 100);
  auto clean = make_session(sc);
  auto noisy = make_session(sc);
  LogCapture log;
  std::uint64_t injected = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    clean->update(frames[i]);
    noisy->update(frames[i]);
    if (i % 9 == 4) {
      noisy->update(broken(frames[i], static_cast<int>(injected)));
      ++injected;
    }
    REQUIRE(noisy->physics_hash() == clean->physics_hash());
  }
  CHECK(injected >= 14);  // every kind of breakage at least twice
  CHECK(noisy->frames_rejected() == injected);
  CHECK(clean->frames_rejected() == 0);
  CHECK(log.has("rejected input frame"));
  CHECK(noisy->engine().outcome() == scenario::Outcome::completed);
  CHECK(noisy->events().size() == clean->events().size());  // no hint request slipped through
}

TEST_CASE(
    "[session] a scripted run refuses frames built from a broken world pose and records none") {
  const auto sc = load_fixture();
  auto s = make_session(sc);

  // The world answers NaN for the part's grab point (as a blown-up body would).
  struct BrokenPart : input::WorldQuery {
    const input::WorldQuery& real;
    explicit BrokenPart(const input::WorldQuery& r) : real(r) {}
    std::optional<core::Pose> pose_of(std::string_view name) const override {
      if (name != "part") return real.pose_of(name);
      core::Pose p;
      p.position_m = {k_nan, 1.0f, 0.0f};
      return p;
    }
    std::optional<core::Pose> hinge_of(std::string_view n) const override {
      return real.hinge_of(n);
    }
    std::optional<double> angle_of(std::string_view n) const override { return real.angle_of(n); }
    std::optional<core::Pose> held_object_in_hand(core::Hand h) const override {
      return real.held_object_in_hand(h);
    }
    std::optional<core::Pose> held_tool_working_point(core::Hand h) const override {
      return real.held_tool_working_point(h);
    }
    bool event_since(std::string_view a, std::string_view b, double t) const override {
      return real.event_since(a, b, t);
    }
    int object_index(std::string_view n) const override { return real.object_index(n); }
  } query(s->world_query());

  const auto part_before = s->scene().world->body_pose("part");
  REQUIRE(part_before.has_value());
  input::ScriptedTrainee trainee(load_script("expert.yaml"), session::default_trainee_start());
  LogCapture log;
  std::uint64_t recorded_invalid = 0;
  for (int i = 0; i < 200 && !trainee.finished(); ++i) {
    const auto frame = trainee.next(query);
    s->update(frame);
  }
  CHECK(s->frames_rejected() > 0);
  CHECK(log.has("rejected input frame"));
  const auto part_after = s->scene().world->body_pose("part");
  REQUIRE(part_after.has_value());
  CHECK(std::isfinite(part_after->position_m[0]));
  CHECK(part_after->position_m[0] == doctest::Approx(part_before->position_m[0]).epsilon(1e-3));
  for (const auto& e : s->events()) CHECK_FALSE((e.type == "grabbed" && e.subject == "part"));

  // run_scripted hands the recorder valid frames only.
  auto t = make_session(sc);
  input::ScriptedTrainee again(load_script("expert.yaml"), session::default_trainee_start());
  BrokenPart broken_query(t->world_query());
  session::ScriptedRunOptions options;
  options.time_limit_s = 1.5;
  options.query = &broken_query;
  std::uint64_t recorded = 0;
  options.on_frame = [&](const core::InputFrame& f) {
    ++recorded;
    if (!core::is_valid(f)) ++recorded_invalid;
  };
  const auto summary = session::run_scripted(*t, again, options);
  CHECK(t->frames_rejected() > 0);
  CHECK(recorded + t->frames_rejected() == summary.frames);
  CHECK(recorded_invalid == 0);
}

TEST_CASE("[session] a script with an absurd offset is refused before the run with file and line") {
  const auto dir = test::scratch_dir("bad-input-script");
  const auto path = dir / "far.yaml";
  {
    std::ofstream out(path);
    out << "actions:\n  - move: part\n    offset_m: [5000, 0, 0]\n";
  }
  const auto load = input::load_trainee_script(path);
  REQUIRE_FALSE(load.ok());
  CHECK(load.errors.front().to_string().find("far.yaml:3:") != std::string::npos);
}

TEST_CASE("[session] a NaN cursor from the desktop gives a frame the session refuses") {
  const auto sc = load_fixture();
  auto s = make_session(sc, {.desktop_aim_ray = true});
  session::DesktopInput desktop;
  platform::InputState in;
  in.begin_frame();
  in.set_cursor(640.0, 360.0);
  s->update(desktop.next(in, 0.0, {1280.0f, 720.0f}, 1.0f, false));
  const auto hash = s->physics_hash();

  LogCapture log;
  in.begin_frame();
  in.set_cursor(static_cast<double>(k_nan), 360.0);
  in.set_button(0, true);
  const auto frame = desktop.next(in, 0.1, {1280.0f, 720.0f}, 1.0f, false);
  CHECK_FALSE(core::is_valid(frame));
  s->update(frame);
  CHECK(s->frames_rejected() == 1);
  CHECK(s->physics_hash() == hash);
  CHECK(log.has("rejected input frame"));

  // A zero-sized window (minimised) and an absurd wheel still give valid frames.
  in.begin_frame();
  in.set_cursor(10.0, 10.0);
  in.add_wheel(1e30);
  const auto minimised = desktop.next(in, 0.2, {0.0f, 0.0f}, 1.0f, false);
  CHECK(core::is_valid(minimised));
}

TEST_CASE("[session] absurd frames stored in a record are refused on replay with the same end") {
  const auto sc = load_fixture();
  const auto frames = expert_frames(sc);
  const auto dir = private_dir("bad-input-record");
  session::RecordingSetup setup;
  setup.path = dir / "tampered.txrec";
  setup.trainee_id = "t-1";
  setup.run_mode = "headless";
  setup.language = "en";
  setup.device = "test";
  setup.key_dir = dir / "key";
  std::filesystem::remove(setup.path);
  auto rec = session::open_recording(sc, {}, setup);
  REQUIRE(rec.has_value());

  auto live = make_session(sc);
  std::uint64_t injected = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    live->update(frames[i]);
    REQUIRE((*rec)->push_frame(frames[i]));
    if (i % 11 == 5) {
      // Finite but absurd values survive the recording grid (a corrupted or forged record).
      core::InputFrame bad = frames[i];
      if (injected % 3 == 0) bad.hand(core::Hand::right).T_world_grip.position_m[0] = 4000.0f;
      if (injected % 3 == 1) bad.hand(core::Hand::right).T_world_grip.orientation = {0, 0, 0, 0.5f};
      if (injected % 3 == 2) bad.hand(core::Hand::right).trigger = 3.0f;
      REQUIRE((*rec)->push_frame(bad));
      ++injected;
    }
  }
  REQUIRE((*rec)->push_event(frames.back().time_s, "session_ended", sc.meta.id,
                             session::session_end_payload(*live, frames.size())));
  REQUIRE((*rec)->close().has_value());

  LogCapture log;
  const auto replayed = session::replay_record(setup.path);
  REQUIRE(replayed.has_value());
  CHECK(replayed->frames == frames.size() + injected);
  CHECK(replayed->frames_rejected == injected);
  REQUIRE(replayed->recorded_hash.has_value());
  CHECK(replayed->physics_hash == *replayed->recorded_hash);
  CHECK(replayed->outcome == scenario::Outcome::completed);
  CHECK(log.has("rejected input frame"));
}
