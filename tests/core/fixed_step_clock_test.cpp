#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>

#include "core/fixed_step_clock.hpp"

using txr::core::FixedStepClock;

TEST_CASE("[core] fixed-step clock runs the same number of steps whatever the frame rate") {
  // One simulated second at 240 Hz must be 240 steps whether frames come at 60, 90 or 144 Hz.
  for (double frame_hz : {60.0, 90.0, 144.0, 37.3}) {
    FixedStepClock clock(240.0);
    std::uint64_t steps = 0;
    const int frames = static_cast<int>(std::round(frame_hz * 10.0));
    for (int i = 0; i < frames; ++i) steps += clock.advance(1.0 / frame_hz);
    CHECK(std::llabs(static_cast<long long>(steps) - 2400) <= 1);
    CHECK(clock.steps_total() == steps);
    CHECK(clock.alpha() >= 0.0);
    CHECK(clock.alpha() < 1.0);
  }
}

TEST_CASE("[core] fixed-step clock keeps the leftover as interpolation alpha") {
  FixedStepClock clock(100.0);
  CHECK(clock.advance(0.025) == 2);
  CHECK(clock.alpha() == doctest::Approx(0.5));
  CHECK(clock.sim_time_s() == doctest::Approx(0.02));
}

TEST_CASE("[core] fixed-step clock bounds catch-up after a stall and ignores bad frame times") {
  FixedStepClock clock(240.0, 8);
  CHECK(clock.advance(10.0) == 8);
  CHECK(clock.dropped_s() > 9.9);
  CHECK(clock.alpha() < 1.0);
  CHECK(clock.advance(-1.0) == 0);
  CHECK(clock.advance(std::numeric_limits<double>::quiet_NaN()) == 0);
  CHECK(clock.advance(std::numeric_limits<double>::infinity()) == 0);
  CHECK(clock.steps_total() == 8);
}
