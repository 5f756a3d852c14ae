#pragma once
// Monotonic time for frame pacing and measurements (never jumps with the wall clock).
#include <chrono>

namespace txr::platform {

// Seconds since the first call in this process, from a steady clock.
double monotonic_seconds();

// Measures elapsed time from construction or the last restart.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  void restart() { start_ = std::chrono::steady_clock::now(); }
  double elapsed_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace txr::platform
