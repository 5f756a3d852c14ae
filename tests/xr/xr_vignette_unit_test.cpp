// The comfort vignette's ramp: strength from the speed of artificial turning, eased in and out,
// a snap turn covered at once; off means never.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "input/pose_math.hpp"
#include "xr/comfort.hpp"
#include "xr/comfort_vignette.hpp"

using namespace txr;

namespace {

constexpr double k_dt_s = 1.0 / 90.0;
double rad_per_frame(double deg_s) { return deg_s * std::numbers::pi / 180.0 * k_dt_s; }

// Strength after `frames` frames of turning at deg_s.
float after(xr::ComfortVignette& v, double deg_s, int frames) {
  float s = 0.0f;
  for (int i = 0; i < frames; ++i) s = v.update(rad_per_frame(deg_s), k_dt_s);
  return s;
}

}  // namespace

TEST_CASE("[xr] the comfort vignette ramps with the angular speed of artificial turning") {
  xr::ComfortVignette v;
  CHECK(v.target_for(0.0) == 0.0f);
  CHECK(v.target_for(5.0) == 0.0f);  // below the start speed: nothing
  CHECK(v.target_for(30.0) > 0.0f);
  CHECK(v.target_for(30.0) < v.target_for(60.0));
  CHECK(v.target_for(90.0) == doctest::Approx(0.8f));
  CHECK(v.target_for(400.0) == doctest::Approx(0.8f));  // capped
  CHECK(v.target_for(-90.0) == doctest::Approx(0.8f));  // either direction

  // Eases in: not at full strength on the first frame, there after the ease-in time.
  const float first = v.update(rad_per_frame(90.0), k_dt_s);
  CHECK(first > 0.0f);
  CHECK(first < 0.2f);
  CHECK(after(v, 90.0, 20) == doctest::Approx(0.8f));
  // A slower turn settles lower.
  CHECK(after(v, 45.0, 60) == doctest::Approx(v.target_for(45.0)));
  CHECK(v.strength() < 0.5f);
  // Stopping eases out to nothing within the ease-out time, never in one frame.
  const float s0 = v.strength();
  const float s1 = v.update(0.0, k_dt_s);
  CHECK(s1 < s0);
  CHECK(s1 > 0.0f);
  CHECK(after(v, 0.0, 30) == 0.0f);
}

TEST_CASE("[xr] a snap turn is covered at once and the vignette can be switched off") {
  xr::ComfortVignette v;
  const float snap = v.update(30.0 * std::numbers::pi / 180.0, k_dt_s);  // one 30 degree jump
  CHECK(snap == doctest::Approx(0.6f));
  CHECK(after(v, 0.0, 5) < snap);
  CHECK(after(v, 0.0, 40) == 0.0f);

  xr::VignetteOptions off;
  off.enabled = false;
  xr::ComfortVignette none(off);
  CHECK(after(none, 90.0, 30) == 0.0f);
  CHECK(none.update(1.0, k_dt_s) == 0.0f);
}

TEST_CASE("[xr] the vignette's cue is the turn comfort applied to the world") {
  xr::ComfortOptions options;
  options.turn = xr::TurnMode::smooth;
  xr::Comfort comfort(options);
  core::Pose head;
  head.position_m = {0.0f, 1.6f, 0.0f};
  comfort.recenter(head);
  const core::Pose before = comfort.T_world_app();
  comfort.update(1.0f, k_dt_s, head);  // full stick: 90 degrees per second
  const double turn = xr::ComfortVignette::turn_between(before, comfort.T_world_app());
  CHECK(turn == doctest::Approx(rad_per_frame(90.0)).epsilon(1e-3));
  CHECK(xr::ComfortVignette::turn_between(before, before) == doctest::Approx(0.0));
}
