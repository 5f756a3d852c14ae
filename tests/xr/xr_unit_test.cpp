// runtime/xr logic that needs no runtime: the lifecycle by the book, comfort turning and
// recentering, frame timing and the haptic cues.
#include <doctest/doctest.h>

#include <cmath>

#include "xr/comfort.hpp"
#include "xr/frame_timing.hpp"
#include "xr/haptic_cue.hpp"
#include "xr/lifecycle.hpp"

using namespace txr;

TEST_CASE("[xr] the lifecycle begins on ready, ends on stopping and destroys on exiting") {
  xr::Lifecycle life;
  CHECK(life.on_state(XR_SESSION_STATE_IDLE) == xr::LifecycleAction::none);
  CHECK(life.on_state(XR_SESSION_STATE_READY) == xr::LifecycleAction::begin_session);
  life.note_session_begun();
  CHECK(life.running());
  CHECK(life.on_state(XR_SESSION_STATE_SYNCHRONIZED) == xr::LifecycleAction::none);
  CHECK_FALSE(life.visible());
  life.on_state(XR_SESSION_STATE_VISIBLE);
  CHECK(life.visible());
  CHECK_FALSE(life.focused());
  life.on_state(XR_SESSION_STATE_FOCUSED);
  CHECK(life.focused());
  CHECK(life.on_state(XR_SESSION_STATE_STOPPING) == xr::LifecycleAction::end_session);
  CHECK(life.runtime_requested_exit());  // the app never asked
  life.note_session_ended();
  CHECK(life.on_state(XR_SESSION_STATE_IDLE) == xr::LifecycleAction::none);
  CHECK(life.on_state(XR_SESSION_STATE_EXITING) == xr::LifecycleAction::destroy_session);
  CHECK(life.history().size() == 8);
}

TEST_CASE("[xr] an exit the app asked for is not reported as the runtime's") {
  xr::Lifecycle life;
  life.on_state(XR_SESSION_STATE_READY);
  life.note_session_begun();
  life.note_exit_requested();
  CHECK(life.on_state(XR_SESSION_STATE_STOPPING) == xr::LifecycleAction::end_session);
  CHECK_FALSE(life.runtime_requested_exit());
}

TEST_CASE("[xr] loss pending asks for the session to be destroyed") {
  xr::Lifecycle life;
  life.on_state(XR_SESSION_STATE_READY);
  life.note_session_begun();
  CHECK(life.on_state(XR_SESSION_STATE_LOSS_PENDING) == xr::LifecycleAction::destroy_session);
  CHECK(life.loss_pending());
  CHECK(xr::state_name(XR_SESSION_STATE_LOSS_PENDING) == "loss_pending");
}

TEST_CASE("[xr] recentering puts the head at the start point facing the work") {
  xr::Comfort comfort;
  core::Pose head;  // 1.7 m up, 1 m to the side, looking along +X (yaw -90 degrees)
  head.position_m = {1.0f, 1.7f, 0.0f};
  const float s = std::sqrt(0.5f);
  head.orientation = {0.0f, -s, 0.0f, s};
  comfort.recenter(head);
  const core::Pose world = comfort.to_world(head);
  CHECK(world.position_m[0] == doctest::Approx(0.0f).epsilon(1e-4));
  CHECK(world.position_m[1] == doctest::Approx(1.7f));  // standing: the floor stays the floor
  CHECK(world.position_m[2] == doctest::Approx(0.55f).epsilon(1e-4));
  // Looking down world -Z: the rotation is the identity (up to sign).
  CHECK(std::fabs(world.orientation[3]) == doctest::Approx(1.0f).epsilon(1e-4));
}

TEST_CASE("[xr] seated trainees are lifted to standing eye height") {
  xr::ComfortOptions options;
  options.seated = true;
  xr::Comfort comfort(options);
  core::Pose head;
  head.position_m = {0.0f, 0.1f, 0.0f};  // LOCAL space: near its origin
  comfort.recenter(head);
  CHECK(comfort.to_world(head).position_m[1] == doctest::Approx(1.6f));
}

TEST_CASE("[xr] a snap turn happens once per push of the stick and keeps the head in place") {
  xr::Comfort comfort;
  core::Pose head;
  head.position_m = {0.3f, 1.6f, 0.2f};
  comfort.recenter(head);
  const auto before = comfort.to_world(head);
  comfort.update(0.9f, 0.011, head);
  CHECK(comfort.turning());
  comfort.update(1.0f, 0.011, head);  // still held: no second turn
  CHECK(comfort.snap_turns() == 1);
  comfort.update(0.0f, 0.011, head);
  comfort.update(0.8f, 0.011, head);
  CHECK(comfort.snap_turns() == 2);
  const auto after = comfort.to_world(head);
  for (int i = 0; i < 3; ++i) CHECK(after.position_m[i] == doctest::Approx(before.position_m[i]));
  // Two 30-degree turns to the right: heading -60 degrees about +Y.
  const float angle = 2.0f * std::acos(std::fabs(after.orientation[3]));
  CHECK(angle == doctest::Approx(60.0f * 3.14159265f / 180.0f).epsilon(1e-3));
  CHECK(after.orientation[1] * after.orientation[3] < 0.0f);  // clockwise seen from above
}

TEST_CASE("[xr] smooth turning turns at its rate and off turns nothing") {
  xr::ComfortOptions options;
  options.turn = xr::TurnMode::smooth;
  xr::Comfort comfort(options);
  core::Pose head;
  comfort.recenter(head);
  for (int i = 0; i < 90; ++i) comfort.update(-1.0f, 1.0 / 90.0, head);  // 1 s at full left
  const float angle = 2.0f * std::acos(std::fabs(comfort.to_world(head).orientation[3]));
  CHECK(angle == doctest::Approx(90.0f * 3.14159265f / 180.0f).epsilon(1e-3));
  xr::ComfortOptions off_options;
  off_options.turn = xr::TurnMode::off;
  xr::Comfort off(off_options);
  off.recenter(head);
  off.update(1.0f, 0.1, head);
  CHECK(off.snap_turns() == 0);
  CHECK_FALSE(off.turning());
}

TEST_CASE("[xr] frame timing counts display slots that passed without a frame") {
  xr::FrameTiming timing;
  const std::int64_t period = 11'111'111;  // 90 Hz
  std::int64_t t = 1'000'000'000;
  for (int i = 0; i < 10; ++i) timing.add_frame(t += period, period, 1.0 + i);
  timing.add_frame(t += 3 * period, period, 2.0);  // two slots missed
  const auto s = timing.summary();
  CHECK(s.frames == 11);
  CHECK(s.missed_frames == 2);
  CHECK(s.refresh_hz == doctest::Approx(90.0).epsilon(1e-3));
  CHECK(s.cpu_ms_median == doctest::Approx(5.0));
  CHECK(s.cpu_ms_max == doctest::Approx(10.0));
  CHECK(timing.to_json().find("\"missed_frames\":2") != std::string::npos);
  CHECK(xr::percentile({}, 99.0) == 0.0);
}

TEST_CASE("[xr] a shock is felt longer and stronger than a torque click, impacts scale") {
  const auto click = xr::pulse_for(xr::HapticCue::torque_click);
  const auto shock = xr::pulse_for(xr::HapticCue::shock);
  CHECK(shock.duration_ns > click.duration_ns);
  CHECK(shock.amplitude >= click.amplitude);
  CHECK(xr::pulse_for(xr::HapticCue::impact, 1.0f).amplitude >
        xr::pulse_for(xr::HapticCue::impact, 0.1f).amplitude);
  CHECK(xr::pulse_for(xr::HapticCue::impact, 5.0f).amplitude <= 1.0f);
  CHECK(xr::cue_name(xr::HapticCue::socket_snap) == "socket_snap");
}
