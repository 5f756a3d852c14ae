#include "core/fixed_step_clock.hpp"

#include <cmath>

namespace txr::core {

FixedStepClock::FixedStepClock(double step_hz, std::uint32_t max_steps_per_frame)
    : step_s_(1.0 / (step_hz > 0.0 && std::isfinite(step_hz) ? step_hz : 240.0)),
      max_steps_(max_steps_per_frame > 0 ? max_steps_per_frame : 1) {}

std::uint32_t FixedStepClock::advance(double frame_dt_s) {
  // A negative, NaN or infinite frame time (clock jumps, bad input) adds nothing.
  if (!(frame_dt_s > 0.0) || !std::isfinite(frame_dt_s)) return 0;
  accumulator_s_ += frame_dt_s;
  std::uint32_t steps = 0;
  while (accumulator_s_ >= step_s_ && steps < max_steps_) {
    accumulator_s_ -= step_s_;
    ++steps;
  }
  if (accumulator_s_ >= step_s_) {
    const double whole = std::floor(accumulator_s_ / step_s_) * step_s_;
    dropped_s_ += whole;
    accumulator_s_ -= whole;
  }
  steps_total_ += steps;
  return steps;
}

}  // namespace txr::core
