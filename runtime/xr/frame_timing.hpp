#pragma once
// FrameTiming: how well the app kept up with the headset. Each frame adds the runtime's
// predicted display time and period (a jump of more than one period means display slots were
// missed) and the CPU time the app spent from xrWaitFrame returning to xrEndFrame returning.
#include <cstdint>
#include <string>
#include <vector>

namespace txr::xr {

struct FrameTimingSummary {
  std::uint64_t frames = 0;
  std::uint64_t missed_frames = 0;  // display slots that passed without a new frame
  double refresh_hz = 0.0;          // from the runtime's predicted display period
  double cpu_ms_median = 0.0;       // wait -> end frame, this thread's work
  double cpu_ms_p99 = 0.0;
  double cpu_ms_max = 0.0;
};

class FrameTiming {
 public:
  void add_frame(std::int64_t predicted_display_ns, std::int64_t period_ns, double cpu_ms);
  FrameTimingSummary summary() const;
  // {"frames":…, "missed_frames":…, …} for the session record.
  std::string to_json() const;

 private:
  std::vector<double> cpu_ms_;
  std::int64_t last_display_ns_ = 0;
  std::int64_t period_ns_ = 0;
  std::uint64_t missed_ = 0;
};

// The p-th percentile (0..100, nearest rank) of the values; 0 for none.
double percentile(std::vector<double> values, double p);

}  // namespace txr::xr
