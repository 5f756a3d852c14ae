// Crash safety through the real CLI: `tradexr run ... --realtime --record F` killed with SIGKILL
// at random moments leaves a record that opens, that `tradexr verify` reports as
// "incomplete, verified up to t = …", and that holds everything up to at most one second
// before the kill (the kill's wall-clock time measured from when the record appeared).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "assessment/reader.hpp"
#include "assessment/verifier.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace a = txr::assessment;
using Clock = std::chrono::steady_clock;

namespace {

// Starts `args` with extra environment entries; its stdout/stderr go to `log`. argv and envp
// are built before fork so the child only calls async-signal-safe functions.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const fs::path& log) {
  std::vector<char*> argv;
  for (const auto& s : args) argv.push_back(const_cast<char*>(s.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

// Runs a command to the end; returns its exit code and output.
int run_capture(const std::vector<std::string>& args, const fs::path& log, std::string& output) {
  const pid_t pid = spawn(args, {}, log);
  int status = 0;
  ::waitpid(pid, &status, 0);
  output = txr::test::read_file(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Kill {
  fs::path record;
  pid_t pid = -1;
  double kill_after_s = 0.0;  // planned delay after the record appeared
  Clock::time_point appeared{};
  Clock::time_point killed{};
  bool seen = false;
};

}  // namespace

TEST_CASE(
    "[assessment] tradexr run killed at random moments leaves a verifiable record holding all but "
    "the last second") {
  const fs::path tradexr = TXR_TRADEXR;
  const fs::path package = txr::test::source_dir() / "scenarios/mechanical/bolt-torque-intro";
  const fs::path script = txr::test::source_dir() / "tests/assessment/fixtures/crash-long.yaml";
  const fs::path dir = txr::test::scratch_dir("assessment-cli-crash");
  fs::create_directories(dir / "key");
  ::chmod((dir / "key").c_str(), 0700);
  const std::vector<std::string> env{"TRADEXR_DATA_DIR=" + (dir / "data").string(),
                                     "TRADEXR_KEY_DIR=" + (dir / "key").string()};

  // 24 kills, 0.5–3 s into the run, six runs at a time (a realtime run mostly sleeps).
  constexpr int k_kills = 24;
  constexpr int k_parallel = 6;
  std::mt19937 rng(20261122);
  std::uniform_real_distribution<double> delay_s(0.5, 3.0);
  std::vector<Kill> kills(k_kills);
  for (int i = 0; i < k_kills; ++i) {
    kills[static_cast<std::size_t>(i)].record = dir / ("killed-" + std::to_string(i) + ".txrec");
    kills[static_cast<std::size_t>(i)].kill_after_s = delay_s(rng);
  }
  for (int wave = 0; wave < k_kills; wave += k_parallel) {
    const int end = std::min(k_kills, wave + k_parallel);
    for (int i = wave; i < end; ++i) {
      auto& k = kills[static_cast<std::size_t>(i)];
      k.pid = spawn({tradexr.string(), "run", package.string(), "--mode", "headless", "--script",
                     script.string(), "--realtime", "--record", k.record.string()},
                    env, dir / ("run-" + std::to_string(i) + ".log"));
    }
    // Poll every millisecond: note when each record appears (the run starts right after the
    // record is created) and kill each child at its planned moment.
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    int alive = end - wave;
    while (alive > 0 && Clock::now() < deadline) {
      const auto now = Clock::now();
      for (int i = wave; i < end; ++i) {
        auto& k = kills[static_cast<std::size_t>(i)];
        if (k.pid < 0) continue;
        if (!k.seen && fs::exists(k.record)) {
          k.seen = true;
          k.appeared = now;
        }
        if (k.seen && now - k.appeared >= std::chrono::duration<double>(k.kill_after_s)) {
          ::kill(k.pid, SIGKILL);
          k.killed = Clock::now();
          int status = 0;
          ::waitpid(k.pid, &status, 0);
          CHECK_MESSAGE(WIFSIGNALED(status), "run " << i << " ended before its kill");
          k.pid = -1;
          --alive;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    for (int i = wave; i < end; ++i) {
      auto& k = kills[static_cast<std::size_t>(i)];
      if (k.pid >= 0) {
        ::kill(k.pid, SIGKILL);
        ::waitpid(k.pid, nullptr, 0);
        FAIL_CHECK("run " << i << ": the record never appeared (see run-" << i << ".log)");
        k.pid = -1;
      }
    }
  }

  const std::regex up_to(R"(incomplete[^\n]*verified up to t = ([0-9.]+))");
  int with_frames = 0;
  for (int i = 0; i < k_kills; ++i) {
    const auto& k = kills[static_cast<std::size_t>(i)];
    if (!k.seen) continue;
    const double killed_at_s = std::chrono::duration<double>(k.killed - k.appeared).count();
    std::string out;
    const int code = run_capture({tradexr.string(), "verify", k.record.string()},
                                 dir / ("verify-" + std::to_string(i) + ".log"), out);
    INFO("run " << i << ", killed " << killed_at_s << " s after the record appeared\n" << out);
    CHECK(code == 2);  // incomplete
    std::smatch m;
    REQUIRE(std::regex_search(out, m, up_to));
    const double verified_up_to_s = std::stod(m[1].str());

    auto reader = a::Reader::open(k.record);
    REQUIRE(reader.has_value());
    auto frames = reader->frames();
    REQUIRE(frames.has_value());
    auto events = reader->events();
    REQUIRE(events.has_value());
    const double last_frame_s = frames->empty() ? 0.0 : frames->back().input.time_s;
    // All data up to one second before the kill: the session (paced to wall-clock time) was at
    // most killed_at_s in, and the record reaches within a second of it.
    CHECK(last_frame_s >= killed_at_s - 1.0);
    CHECK(verified_up_to_s >= killed_at_s - 1.0);
    CHECK(last_frame_s <= killed_at_s + 0.05);
    // Nothing missing in between: frames 0..n-1 in order, events in time order.
    for (std::size_t f = 0; f < frames->size(); ++f) {
      if ((*frames)[f].input.frame_index != f) {
        FAIL_CHECK("frame " << f << " has index " << (*frames)[f].input.frame_index);
        break;
      }
    }
    // The first event (session_started) is committed with the first chunk: a record killed
    // before that holds no event and no frame, which is all it owes (less than a second in).
    if (!frames->empty()) {
      REQUIRE(!events->empty());
      CHECK(events->front().type == "session_started");
    } else {
      CHECK(killed_at_s < 1.0 + 0.05);
    }
    if (!frames->empty()) ++with_frames;
    MESSAGE("run " << i << ": killed at " << killed_at_s << " s, verified up to "
                   << verified_up_to_s << " s, last frame " << last_frame_s << " s");
  }
  CHECK(with_frames >= k_kills / 2);
}
