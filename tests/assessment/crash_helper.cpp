// Test helper: records synthetic frames in real time (90 Hz) and prints "t <time>" after each
// push so a test can kill it with SIGKILL and compare the record with what it had pushed.
// Usage: assessment_crash_helper <record> <key-dir> [seconds] [--no-close]
// With --no-close it exits without closing (as a crash would), for the CLI exit-code tests.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "assessment/recorder.hpp"
#include "record_fixture.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <record> <key-dir> [seconds]\n", argv[0]);
    return 2;
  }
  const double seconds = argc > 3 ? std::atof(argv[3]) : 30.0;
  auto rec = txr::assessment::Recorder::open(argv[1], txr::test::test_header(),
                                             txr::test::test_options(argv[2]));
  if (!rec) {
    std::fprintf(stderr, "%s\n", rec.error().message.c_str());
    return 1;
  }
  std::printf("ready\n");
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0;; ++i) {
    const double t = static_cast<double>(i) / 90.0;
    if (t > seconds) break;
    std::this_thread::sleep_until(start + std::chrono::duration<double>(t));
    const auto f = txr::test::synthetic_frame(i, t);
    if (!(*rec)->push_frame(f.input, f.tool)) {
      std::printf("dropped %.6f\n", t);
    }
    if (i % 45 == 0) (void)(*rec)->push_event(t, "tick", "helper", "{}");
    std::printf("t %.6f\n", t);
    std::fflush(stdout);
  }
  if (argc > 4 && std::string(argv[4]) == "--no-close") std::_Exit(0);
  return (*rec)->close() ? 0 : 1;
}
