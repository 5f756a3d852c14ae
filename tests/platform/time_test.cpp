#include <doctest/doctest.h>

#include <thread>

#include "platform/time.hpp"

TEST_CASE("[platform] monotonic time never goes backwards") {
  double last = txr::platform::monotonic_seconds();
  for (int i = 0; i < 1000; ++i) {
    const double now = txr::platform::monotonic_seconds();
    CHECK(now >= last);
    last = now;
  }
  txr::platform::Stopwatch watch;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(watch.elapsed_s() > 0.0);
}
