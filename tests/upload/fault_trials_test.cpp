// Randomised (seeded, reproducible) fault injection between the uploader and the real LRS, and
// a SIGKILL of an uploading process: nothing lost, nothing duplicated, order kept per session.
#include <doctest/doctest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <thread>

#include "lrs_harness.hpp"
#include "test_support.hpp"
#include "upload/outbox.hpp"
#include "upload/uploader.hpp"
#include "upload_test_util.hpp"

extern char** environ;

using namespace txr;
using nlohmann::json;

namespace {

// Small deterministic generator (std::uniform_*_distribution differ between libraries).
struct Rng {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int in(int lo, int hi) {
    return lo + static_cast<int>(next() % static_cast<std::uint32_t>(hi - lo + 1));
  }
};

std::string http_date_in(int seconds) {
  const std::time_t t = std::time(nullptr) + seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

json random_fault(Rng& rng, bool allow_kill, bool& used_retry_after) {
  switch (rng.in(0, allow_kill ? 10 : 9)) {
    case 0:
      return {{"kind", "pass"}};
    case 1:
      return {{"kind", "reset"}};
    case 2:
      return {{"kind", "reset_after_forward"}};
    case 3:
      return {{"kind", "slow"}, {"ms", 500}};  // beyond the 300 ms request timeout
    case 4:
      return {{"kind", "status"}, {"status", 500}};
    case 5:
      return {{"kind", "status"}, {"status", 502}};
    case 6:
    case 7: {
      const int status = rng.in(0, 1) == 0 ? 503 : 429;
      if (used_retry_after) return {{"kind", "status"}, {"status", status}, {"retry_after", "0"}};
      used_retry_after = true;  // at most one real wait per trial keeps the suite quick
      if (rng.in(0, 1) == 0) return {{"kind", "status"}, {"status", status}, {"retry_after", "1"}};
      return {{"kind", "status"}, {"status", status}, {"retry_after", http_date_in(1)}};
    }
    case 8:
      return {{"kind", "status"}, {"status", 413}, {"min_statements", 2}};
    case 9:
      return {{"kind", "refuse"}, {"ms", 150}};
    default:
      return {{"kind", "kill_lrs"}};
  }
}

// The JSON array part of a statements POST body.
json statements_in(const std::string& body) {
  std::string text = body;
  if (text.starts_with("--")) {
    const auto start = text.find("\r\n\r\n") + 4;
    text = text.substr(start, text.find("\r\n--", start) - start);
  }
  return json::parse(text, nullptr, false);
}

struct Queued {
  std::vector<std::string> ids;                        // enqueue order
  std::map<std::string, std::string> bytes;            // id -> exact JSON
  std::map<std::string, std::string> registration_of;  // id -> registration
};

void enqueue_sessions(upload::Outbox& outbox, Rng& rng, int sessions, Queued& queued) {
  for (int s = 0; s < sessions; ++s) {
    auto facts = test::synthetic_session("TR-" + std::to_string(rng.in(1000, 9999)),
                                         rng.in(0, 1) == 0, static_cast<std::size_t>(rng.in(2, 6)));
    const auto policy =
        rng.in(0, 2) == 0 ? upload::AttachmentPolicy::summary : upload::AttachmentPolicy::none;
    auto built = upload::build_session_statements(facts, test::builder_options(policy));
    REQUIRE(built);
    REQUIRE(outbox.enqueue_all(*built));
    for (const auto& st : *built) {
      queued.ids.push_back(st.id);
      queued.bytes[st.id] = st.json;
      queued.registration_of[st.id] = st.registration;
    }
  }
}

// Everything queued is in the LRS exactly once (current instance plus the ones the proxy killed),
// every copy the LRS received had the same bytes, and first arrivals kept each session's order.
void check_arrivals(test::LrsHarness& lrs, const Queued& queued, std::size_t received_from = 0) {
  std::map<std::string, int> count;
  for (const auto& s : lrs.lrs_statements()) ++count[s["id"].get<std::string>()];
  std::set<std::string> archived;
  for (const auto& s : lrs.archived_statements()) archived.insert(s["id"].get<std::string>());
  for (const auto& id : queued.ids) {
    INFO("statement " << id);
    CHECK(count[id] <= 1);  // never two statements with one id in an instance
    CHECK((count[id] == 1 || archived.contains(id)));
  }
  std::map<std::string, std::size_t> first_arrival;
  std::size_t position = 0;
  for (const auto& body : lrs.received_bodies(received_from)) {
    const json statements = statements_in(body);
    REQUIRE(statements.is_array());
    for (const auto& s : statements) {
      const std::string id = s["id"].get<std::string>();
      if (!queued.bytes.contains(id)) continue;      // an earlier trial's
      CHECK(s == json::parse(queued.bytes.at(id)));  // retries resend the same statement
      first_arrival.try_emplace(id, position++);
    }
  }
  std::map<std::string, std::size_t> last_in_session;
  for (const auto& id : queued.ids) {
    REQUIRE(first_arrival.contains(id));
    const std::string& reg = queued.registration_of.at(id);
    if (last_in_session.contains(reg)) CHECK(first_arrival[id] > last_in_session[reg]);
    last_in_session[reg] = first_arrival[id];
  }
}

}  // namespace

TEST_CASE("[upload] 30 seeded fault trials: every statement arrives exactly once, in order") {
  auto started = test::LrsHarness::start(test::scratch_dir("upload-fault-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  constexpr int k_trials = 30;
  for (int trial = 0; trial < k_trials; ++trial) {
    const std::uint64_t seed = 20261122ull + static_cast<std::uint64_t>(trial);
    CAPTURE(seed);
    Rng rng{seed};
    const auto dir = test::scratch_dir("upload-fault-trial-" + std::to_string(trial));
    auto config = test::write_config(dir, lrs.proxy_endpoint(),
                                     {{"batch_size", rng.in(3, 12)},
                                      {"connect_timeout_ms", 300},
                                      {"request_timeout_ms", 300},
                                      {"backoff_initial_ms", 5},
                                      {"backoff_max_ms", 60},
                                      {"give_up_after_s", 60}});
    auto outbox = upload::Outbox::open(config.outbox_path);
    REQUIRE(outbox);
    Queued queued;
    enqueue_sessions(*outbox, rng, rng.in(2, 4), queued);

    // A real Retry-After wait (1 s, the header's resolution) in every third trial only, so the
    // suite stays quick; the others get "Retry-After: 0".
    bool used_retry_after = trial % 3 != 0;
    json faults = json::array();
    const int n_faults = rng.in(3, 8);
    const bool allow_kill = trial % 10 == 4;  // 3 trials restart the LRS process
    for (int i = 0; i < n_faults; ++i)
      faults.push_back(random_fault(rng, allow_kill, used_retry_after));
    if (allow_kill) faults.push_back({{"kind", "kill_lrs"}});
    lrs.set_faults(faults);

    const auto received_before = lrs.state()["received"].get<std::size_t>();
    upload::Uploader uploader(config);
    if (trial % 2 == 0) {
      const auto report = uploader.drain();
      CHECK_MESSAGE(report.stop == upload::UploadStop::drained, report.message);
    } else {
      // The background worker, as the app runs it: nudge it and wait until the queue is empty.
      uploader.start(50);
      uploader.notify();
      for (int i = 0; i < 6000 && outbox->counts()->queued > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      uploader.stop();
    }
    const auto counts = outbox->counts();
    REQUIRE(counts);
    CHECK(counts->queued == 0);
    CHECK(counts->parked == 0);
    CHECK(counts->sent == static_cast<std::int64_t>(queued.ids.size()));
    CHECK(lrs.state()["faults_left"] == 0);  // every planned fault was hit
    check_arrivals(lrs, queued, received_before);
  }
}

TEST_CASE("[upload] an uploader killed with SIGKILL mid-upload loses and duplicates nothing") {
  auto started = test::LrsHarness::start(test::scratch_dir("upload-kill-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  const auto dir = test::scratch_dir("upload-kill");
  auto config = test::write_config(dir, lrs.proxy_endpoint(), {{"batch_size", 2}});
  Queued queued;
  {
    auto outbox = upload::Outbox::open(config.outbox_path);
    REQUIRE(outbox);
    Rng rng{7};
    enqueue_sessions(*outbox, rng, 6, queued);
  }
  // Each request held 60 ms, so the helper is surely mid-upload when it is killed.
  json faults = json::array();
  for (int i = 0; i < 200; ++i) faults.push_back({{"kind", "slow"}, {"ms", 60}});
  lrs.set_faults(faults);

  const auto helper = std::filesystem::path(TXR_BINARY_DIR) / "bin" / "upload_drain_helper";
  std::string config_path = (dir / "upload.json").string();
  std::vector<std::string> args{helper.string(), config_path};
  std::vector<char*> argv{args[0].data(), args[1].data(), nullptr};
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
  auto watcher = upload::Outbox::open(config.outbox_path);
  REQUIRE(watcher);
  for (int i = 0; i < 3000 && watcher->counts()->sent < 6; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  const auto at_kill = watcher->counts();
  REQUIRE(at_kill);
  CHECK(at_kill->sent >= 6);
  CHECK(at_kill->queued > 0);  // it really was cut off mid-way

  // Restart: a new uploader on the same outbox finishes the job.
  lrs.set_faults(json::array());
  upload::Uploader uploader(config);
  const auto report = uploader.drain();
  CHECK(report.stop == upload::UploadStop::drained);
  const auto counts = watcher->counts();
  CHECK(counts->queued == 0);
  CHECK(counts->parked == 0);
  CHECK(counts->sent == static_cast<std::int64_t>(queued.ids.size()));
  CHECK(lrs.lrs_statements().size() == queued.ids.size());
  check_arrivals(lrs, queued);
}
