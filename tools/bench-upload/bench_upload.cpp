// bench_upload: drains N queued statements to the local test LRS (npm xapi-statements on
// 127.0.0.1, see tools/lrs) twice in one run — batched and one statement per request — and
// prints both throughputs and their ratio. Each mode gets a fresh LRS so neither pays for the
// other's stored statements.
//   bench_upload [--statements N] [--batch-size B] [--work-dir DIR]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "upload/outbox.hpp"
#include "upload/statement_builder.hpp"
#include "upload/uploader.hpp"

extern char** environ;

namespace {

using namespace txr;
namespace fs = std::filesystem;

// The LRS as a child process; killed when this object goes.
class Lrs {
 public:
  explicit Lrs(const fs::path& dir) {
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, 2, (dir.string() + ".log").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::string node = "node";
    std::string script = std::string(TXR_SOURCE_DIR) + "/tools/lrs/lrs-loopback.js";
    std::string work = dir.string();
    char* argv[] = {node.data(), script.data(), work.data(), nullptr};
    if (posix_spawnp(&pid_, "node", &actions, nullptr, argv, environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    std::string line;
    pollfd pfd{out[0], POLLIN, 0};
    while (pid_ > 0 && line.find('\n') == std::string::npos && poll(&pfd, 1, 60000) > 0) {
      char buf[256];
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_object() && doc.contains("lrs_port")) port_ = doc["lrs_port"].get<int>();
  }
  ~Lrs() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

upload::SessionFacts session(int n) {
  using namespace std::chrono_literals;
  upload::SessionFacts f;
  f.trainee_id = "TR-" + std::to_string(100000 + n);
  f.scenario_id = "mechanical.flange-bolting";
  f.scenario_title = "Bolting a flange";
  f.scenario_version = "1.0.0";
  f.trade = "mechanical";
  f.mode = "headless";
  f.launched_at = upload::Clock::now();
  f.initialized_at = f.launched_at + 1s;
  for (int i = 0; i < 6; ++i) {
    f.steps.push_back({"step-" + std::to_string(i), "Step",
                       f.initialized_at + std::chrono::seconds(10 * (i + 1)), 9.5, std::nullopt});
  }
  f.ended_at = f.initialized_at + 70s;
  f.terminated_at = f.ended_at + 1s;
  f.completed = true;
  f.passed = true;
  f.score_raw = 90.0;
  f.metrics = {{"time-to-complete-s", 70.0}};
  return f;  // launched, initialized, 6 steps, completed, passed, terminated = 11 statements
}

bool fill(const fs::path& outbox_path, std::size_t count) {
  auto outbox = upload::Outbox::open(outbox_path);
  if (!outbox) return false;
  upload::BuilderOptions options;
  options.actor_home_page = "https://lms.example-school.edu.vn";
  std::vector<upload::Statement> all;
  for (int n = 0; all.size() < count; ++n) {
    auto built = upload::build_session_statements(session(n), options);
    if (!built) return false;
    for (auto& s : *built) {
      if (all.size() < count) all.push_back(std::move(s));
    }
  }
  return static_cast<bool>(outbox->enqueue_all(all));
}

struct Run {
  double seconds = 0.0;
  std::int64_t sent = 0;
  std::int64_t requests = 0;
  bool ok = false;
};

Run drain(const fs::path& dir, std::size_t count, std::size_t batch) {
  Run run;
  fs::create_directories(dir);
  Lrs lrs(dir / "lrs");
  if (lrs.port() == 0) {
    std::cerr << "bench_upload: the LRS did not start (run tools/lrs/install.sh)\n";
    return run;
  }
  if (!fill(dir / "outbox.sqlite", count)) {
    std::cerr << "bench_upload: could not fill the outbox\n";
    return run;
  }
  upload::UploadConfig config;
  config.endpoint = "http://127.0.0.1:" + std::to_string(lrs.port()) + "/xAPI/";
  config.credentials = upload::Credentials::basic("bench", "bench");
  config.actor_home_page = "https://lms.example-school.edu.vn";
  config.batch_size = batch;
  config.outbox_path = dir / "outbox.sqlite";
  upload::Uploader uploader(config);
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = uploader.drain();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  run.sent = report.sent;
  run.requests = report.requests;
  run.ok =
      report.stop == upload::UploadStop::drained && report.sent == static_cast<std::int64_t>(count);
  if (!run.ok) std::cerr << "bench_upload: " << report.message << '\n';
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 10000;
  std::size_t batch = 100;
  fs::path work = fs::temp_directory_path() / ("bench-upload-" + std::to_string(getpid()));
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--statements")
      count = std::stoul(argv[i + 1]);
    else if (arg == "--batch-size")
      batch = std::stoul(argv[i + 1]);
    else if (arg == "--work-dir")
      work = argv[i + 1];
    else {
      std::cerr << "usage: bench_upload [--statements N] [--batch-size B] [--work-dir DIR]\n";
      return 2;
    }
  }
  fs::remove_all(work);
  const Run batched = drain(work / "batched", count, batch);
  const Run single = drain(work / "single", count, 1);
  if (!batched.ok || !single.ok) return 1;
  auto line = [](const char* name, const Run& r) {
    std::printf("%-22s %6lld statements %6lld requests %8.2f s %9.1f statements/s\n", name,
                static_cast<long long>(r.sent), static_cast<long long>(r.requests), r.seconds,
                static_cast<double>(r.sent) / r.seconds);
  };
  std::printf("bench_upload: draining %zu queued statements to the local LRS (127.0.0.1)\n", count);
  line(("batched (" + std::to_string(batch) + "/request)").c_str(), batched);
  line("one per request", single);
  std::printf("ratio batched/single: %.1fx\n", single.seconds / batched.seconds);
  fs::remove_all(work);
  return 0;
}
