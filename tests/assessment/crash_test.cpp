// Crash safety: a recording process killed with SIGKILL at random moments leaves a record that
// opens, verifies as "incomplete" and holds everything up to at most 1 s before the kill.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "assessment/reader.hpp"
#include "assessment/verifier.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;

namespace {

struct Child {
  pid_t pid = -1;
  int out_fd = -1;
};

Child spawn(const std::string& exe, const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const auto& s : args) argv.push_back(const_cast<char*>(s.c_str()));
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reads what is available within timeout_ms; false on EOF/timeout with nothing read.
bool read_some(int fd, std::string& buffer, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char chunk[4096];
  const ssize_t n = ::read(fd, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

// Time in the last complete "t <time>" line, or -1.
double last_printed_time(const std::string& out) {
  double last = -1.0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = out.find('\n', start);
    if (end == std::string::npos) break;
    if (out.compare(start, 2, "t ") == 0) last = std::stod(out.substr(start + 2, end - start - 2));
    start = end + 1;
  }
  return last;
}

}  // namespace

TEST_CASE("[assessment] a recorder killed at random moments loses at most the last second") {
  const auto dir = txr::test::scratch_dir("assessment-crash");
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> delay_ms(100, 1900);
  int checked_with_data = 0;
  for (int run = 0; run < 20; ++run) {
    const auto record = dir / ("killed-" + std::to_string(run) + ".txrrec");
    Child child = spawn(TXR_CRASH_HELPER, {record.string(), (dir / "keys").string(), "30"});
    std::string out;
    // Wait until the record exists and the first frame is pushed, then kill at a random moment.
    while (out.find("\nt ") == std::string::npos) {
      if (!read_some(child.out_fd, out, 10000)) break;
    }
    REQUIRE_MESSAGE(out.find("ready") != std::string::npos, "helper did not start: " << out);
    const auto kill_at =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(rng));
    while (std::chrono::steady_clock::now() < kill_at) read_some(child.out_fd, out, 5);
    ::kill(child.pid, SIGKILL);
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    while (read_some(child.out_fd, out, 100)) {
    }
    ::close(child.out_fd);
    REQUIRE(WIFSIGNALED(status));
    const double last_pushed = last_printed_time(out);
    REQUIRE(last_pushed >= 0.0);

    const auto report = a::verify_record(record);
    INFO("run " << run << ", last pushed t = " << last_pushed << "\n" << report.to_text());
    CHECK(report.status == a::VerifyStatus::incomplete);
    auto reader = a::Reader::open(record);
    REQUIRE(reader.has_value());
    auto frames = reader->frames();
    REQUIRE(frames.has_value());
    const double last_recorded = frames->empty() ? 0.0 : frames->back().input.time_s;
    CHECK(last_recorded >= last_pushed - 1.0);
    CHECK(last_recorded <= last_pushed + 1e-6);
    // Nothing missing in between: frames 0..n-1 in order.
    for (std::size_t i = 0; i < frames->size(); ++i) {
      if ((*frames)[i].input.frame_index != i) {
        FAIL_CHECK("frame " << i << " has index " << (*frames)[i].input.frame_index);
        break;
      }
    }
    if (!frames->empty()) {
      ++checked_with_data;
      CHECK(report.verified_up_to_s >= last_recorded - 1e-9);
    }
  }
  CHECK(checked_with_data >= 10);
}
