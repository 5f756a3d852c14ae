#pragma once
// Fixed-step accumulator: turns variable frame times into a whole number of simulation steps
// plus an interpolation factor for rendering, so simulation never depends on the frame rate.
#include <cstdint>

namespace txr::core {

class FixedStepClock {
 public:
  // step_hz: simulation rate (e.g. 240). max_steps_per_frame bounds catch-up after a stall so a
  // long hitch does not snowball into ever longer frames (the "spiral of death").
  explicit FixedStepClock(double step_hz = 240.0, std::uint32_t max_steps_per_frame = 32);

  // Adds a frame's elapsed time; returns how many fixed steps to run now.
  std::uint32_t advance(double frame_dt_s);

  double step_s() const { return step_s_; }
  // Fraction [0,1) of a step left over: render state = lerp(previous, current, alpha).
  double alpha() const { return accumulator_s_ / step_s_; }
  std::uint64_t steps_total() const { return steps_total_; }
  // Simulated time: steps_total * step_s, exact (no accumulated floating-point drift).
  double sim_time_s() const { return static_cast<double>(steps_total_) * step_s_; }
  // Time dropped because a frame needed more than max_steps_per_frame steps.
  double dropped_s() const { return dropped_s_; }

 private:
  double step_s_;
  std::uint32_t max_steps_;
  double accumulator_s_ = 0.0;
  std::uint64_t steps_total_ = 0;
  double dropped_s_ = 0.0;
};

}  // namespace txr::core
