// Statements from real runs: `tradexr run` on the reference scenario with an upload config,
// checked in the real LRS (npm xapi-statements on 127.0.0.1, tools/lrs) field by field.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "assessment/roster.hpp"
#include "lrs_harness.hpp"
#include "test_support.hpp"
#include "upload/outbox.hpp"
#include "upload/statement_validation.hpp"
#include "upload/vocabulary.hpp"
#include "upload_test_util.hpp"

extern char** environ;

using namespace txr;
using nlohmann::json;

namespace {

const std::string k_scenario_iri = "https://tradexr.org/xapi/scenarios/bolt-torque-intro";
constexpr const char* k_adl = "http://adlnet.gov/expapi/verbs/";

std::filesystem::path tradexr() { return std::filesystem::path(TXR_BINARY_DIR) / "bin/tradexr"; }
std::filesystem::path package() {
  return test::source_dir() / "scenarios/mechanical/bolt-torque-intro";
}
std::string script(const std::string& name) {
  return (package() / "scripts" / (name + ".yaml")).string();
}

// A scratch folder with its own data and key folders (nothing goes to $HOME) and no upload
// config other than the one a test names.
std::filesystem::path prepare(const std::string& name) {
  const auto dir = test::scratch_dir(name);
  std::filesystem::create_directories(dir / "key");
  ::chmod((dir / "key").c_str(), 0700);
  ::setenv("TRADEXR_DATA_DIR", (dir / "data").c_str(), 1);
  ::setenv("TRADEXR_KEY_DIR", (dir / "key").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir / "config-home").c_str(), 1);
  ::unsetenv("TRADEXR_UPLOAD_CONFIG");
  return dir;
}

// `tradexr run ... --json`; the JSON document is the last thing printed.
json run_json(const std::vector<std::string>& extra, int& status) {
  std::vector<std::string> args{tradexr().string(), "run",      package().string(),
                                "--mode",           "headless", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::string output;
  status = test::run_capture(args, output);
  const auto start = output.find("\n{");
  const std::string doc = output.starts_with("{") ? output : output.substr(start + 1);
  const json out = json::parse(doc, nullptr, false);
  if (out.is_discarded()) FAIL("tradexr run printed no JSON:\n" << output);
  return out;
}

std::vector<json> of_registration(const std::vector<json>& all, const std::string& registration) {
  std::vector<json> out;
  for (const auto& s : all) {
    if (s["context"].value("registration", "") == registration) out.push_back(s);
  }
  return out;
}

json comparable(json s) {
  for (const char* key : {"stored", "authority", "version"}) s.erase(key);
  return s;
}

// Verbs (the scenario's completed as "completed", a step's as "step") in stored order.
std::vector<std::string> verb_sequence(const std::vector<json>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) {
    std::string verb = s["verb"]["id"].get<std::string>();
    verb = verb.substr(verb.rfind('/') + 1);
    if (s["object"]["id"].get<std::string>().find("/steps/") != std::string::npos) verb = "step";
    out.push_back(verb);
  }
  return out;
}

void collect_strings(const json& v, std::vector<std::string>& out) {
  if (v.is_string()) out.push_back(v.get<std::string>());
  for (const auto& [key, child] : v.items()) {
    if (v.is_object()) out.push_back(key);
    if (!child.is_primitive()) collect_strings(child, out);
    if (child.is_string()) out.push_back(child.get<std::string>());
  }
}

// The shape every statement of the run shares.
void check_common(const std::vector<json>& statements, const std::string& trainee,
                  const std::string& registration) {
  for (const auto& s : statements) {
    INFO(s["verb"]["id"].get<std::string>());
    CHECK(s["actor"]["account"]["homePage"] == test::k_home_page);
    CHECK(s["actor"]["account"]["name"] == trainee);
    CHECK_FALSE(s["actor"].contains("name"));
    CHECK_FALSE(s["actor"].contains("mbox"));
    CHECK(s["context"]["registration"] == registration);
    CHECK(s["context"]["contextActivities"]["grouping"][0]["id"] ==
          "https://tradexr.org/xapi/trades/mechanical");
    CHECK(s["context"]["extensions"]["https://tradexr.org/xapi/extensions/scenario-version"] ==
          "1.0.0");
    CHECK(s["context"]["extensions"][std::string(upload::iri::k_simulation_mode)] == "headless");
    const std::string object = s["object"]["id"];
    if (object != k_scenario_iri) {
      CHECK(s["context"]["contextActivities"]["parent"][0]["id"] == k_scenario_iri);
    }
  }
}

void check_valid(const std::vector<json>& statements, const std::string& scratch) {
  std::vector<json> plain;
  for (const auto& s : statements) plain.push_back(comparable(s));
  auto warnings = test::validate_with_learninglocker(plain, test::scratch_dir(scratch));
  REQUIRE_MESSAGE(warnings, (warnings ? "" : warnings.error().message));
  REQUIRE(warnings->size() == plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    INFO(plain[i].dump());
    CHECK((*warnings)[i].empty());
  }
}

// A loopback port nobody listens on.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::vector<std::string> step_ids_of(const json& run) {
  std::vector<std::string> out;
  for (const auto& e : run["events"]) {
    if (e["type"] == "step_completed") out.push_back(e["subject"]);
  }
  return out;
}

}  // namespace

TEST_CASE(
    "[upload] an expert run reaches the LRS as launched, steps, completed, passed, terminated") {
  auto started = test::LrsHarness::start(test::scratch_dir("run-xapi-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  const auto dir = prepare("run-xapi-expert");
  const auto config = test::write_config(dir, lrs.lrs_endpoint(), {{"batch_size", 3}});

  // The school's roster holds the trainee's name locally; only the opaque id may leave.
  const std::string name = "Nguyễn Thị Hồng Lan";
  auto roster = assessment::Roster::open(dir / "roster.sqlite");
  REQUIRE(roster);
  auto trainee = roster->add(name, "K45-CK1");
  REQUIRE(trainee);

  int status = -1;
  const json run = run_json({"--script", script("expert"), "--trainee", *trainee, "--upload-config",
                             (dir / "upload.json").string()},
                            status);
  REQUIRE(status == 0);
  const json& x = run["xapi"];
  REQUIRE(x["enabled"] == true);
  CHECK(x["queued"] == x["sent"]);  // the LRS was up: everything went out during the run
  CHECK(x["left"] == 0);
  const std::string registration = x["registration"];
  CHECK(upload::is_uuid(registration));

  const auto statements = of_registration(lrs.lrs_statements(), registration);
  REQUIRE(statements.size() == x["queued"].get<std::size_t>());
  const std::vector<std::string> steps = step_ids_of(run);
  REQUIRE(steps.size() == 2);
  CHECK(verb_sequence(statements) == std::vector<std::string>{"launched", "initialized", "step",
                                                              "step", "completed", "passed",
                                                              "terminated"});
  check_common(statements, *trainee, registration);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const json& s = statements[2 + i];
    CHECK(s["object"]["id"] == k_scenario_iri + "/steps/" + steps[i]);
    CHECK(s["object"]["definition"]["type"] == upload::iri::k_type_step);
    CHECK(s["result"]["completion"] == true);
    CHECK(s["context"]["extensions"][std::string(upload::iri::k_ext_step_index)] == i);
  }
  const json& passed = statements[5];
  CHECK(passed["result"]["score"]["raw"] == run["score"]["total"]);
  CHECK(passed["result"]["score"]["min"] == 0.0);
  CHECK(passed["result"]["score"]["max"] == 100.0);
  CHECK(passed["result"]["success"] == true);
  CHECK(passed["result"]["completion"] == true);
  const json& metrics = passed["result"]["extensions"][std::string(upload::iri::k_ext_metrics)];
  CHECK(metrics["steps-completed"] == 2.0);
  CHECK(metrics["safety-violations"] == 0.0);
  CHECK(metrics.contains("time-to-complete-s"));
  CHECK(statements.back()["result"].contains("duration"));

  // Field by field: the LRS holds exactly the bytes the run committed to its outbox.
  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  CHECK(outbox->counts()->queued == 0);
  for (const auto& s : statements) {
    auto entry = outbox->find(s["id"]);
    REQUIRE(entry);
    REQUIRE(*entry);
    CHECK(comparable(s) == json::parse((*entry)->json));
    CHECK((*entry)->state == upload::OutboxState::sent);
  }

  // Policy "summary" (the default): the passed statement carries the signed session summary.
  auto judged = outbox->find(passed["id"]);
  REQUIRE((*judged)->attachments.size() == 1);
  CHECK(passed["attachments"][0]["usageType"] == upload::iri::k_attachment_summary);
  const auto& bytes = (*judged)->attachments[0].bytes;
  CHECK(passed["attachments"][0]["sha2"] == upload::sha256_hex(bytes));
  const json doc = json::parse(bytes);
  const std::string signed_text = doc["summary"];
  std::vector<unsigned char> sig(64), key(32);
  const std::string sig_hex = doc["signature"], key_hex = doc["public_key"];
  REQUIRE(sodium_hex2bin(sig.data(), sig.size(), sig_hex.c_str(), sig_hex.size(), nullptr, nullptr,
                         nullptr) == 0);
  REQUIRE(sodium_hex2bin(key.data(), key.size(), key_hex.c_str(), key_hex.size(), nullptr, nullptr,
                         nullptr) == 0);
  CHECK(crypto_sign_verify_detached(sig.data(),
                                    reinterpret_cast<const unsigned char*>(signed_text.data()),
                                    signed_text.size(), key.data()) == 0);
  const json summary = json::parse(signed_text);
  CHECK(summary["score"]["total"] == run["score"]["total"]);
  CHECK(summary["registration"] == registration);
  CHECK(summary["trainee_id"] == *trainee);

  // Every statement passes the Learning Locker validator; no name or e-mail anywhere.
  check_valid(statements, "run-xapi-expert-validate");
  for (const auto& s : statements) {
    std::vector<std::string> strings;
    collect_strings(comparable(s), strings);
    for (const auto& text : strings) {
      CHECK(text.find(name) == std::string::npos);
      CHECK(text.find("Nguy") == std::string::npos);
      CHECK_FALSE(upload::contains_email(text));
    }
  }
  CHECK(bytes.find(name) == std::string::npos);
}

TEST_CASE("[upload] a run with a safety violation sends received feedback-safety and failed") {
  auto started = test::LrsHarness::start(test::scratch_dir("run-xapi-mistake-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  const auto dir = prepare("run-xapi-mistake");
  test::write_config(dir, lrs.lrs_endpoint(), {{"attachments", "none"}});
  int status = -1;
  const json run = run_json({"--script", script("jerk-overtorque"), "--trainee", "TR-2026-0099",
                             "--upload-config", (dir / "upload.json").string()},
                            status);
  REQUIRE(status == 0);
  REQUIRE(run["outcome"] == "failed_critical");
  const std::string registration = run["xapi"]["registration"];
  const auto statements = of_registration(lrs.lrs_statements(), registration);
  REQUIRE(statements.size() == run["xapi"]["queued"].get<std::size_t>());
  const auto verbs = verb_sequence(statements);
  REQUIRE(verbs.size() >= 5);
  CHECK(verbs.front() == "launched");
  CHECK(verbs[1] == "initialized");
  CHECK(std::find(verbs.begin(), verbs.end(), "completed") == verbs.end());  // not finished
  CHECK(verbs[verbs.size() - 2] == "failed");
  CHECK(verbs.back() == "terminated");
  check_common(statements, "TR-2026-0099", registration);

  // One received feedback-safety statement per violation, in the order they happened.
  std::vector<json> violations;
  for (const auto& e : run["events"]) {
    if (e["type"] == "rule_violated") violations.push_back(e);
  }
  std::vector<json> received;
  for (const auto& s : statements) {
    if (s["verb"]["id"] == upload::iri::k_received) received.push_back(s);
  }
  REQUIRE(received.size() == violations.size());
  bool critical = false;
  for (std::size_t i = 0; i < received.size(); ++i) {
    const json& s = received[i];
    const std::string severity = violations[i]["detail"];
    CHECK(s["object"]["id"] ==
          k_scenario_iri + "/safety/" + violations[i]["subject"].get<std::string>());
    CHECK(s["object"]["definition"]["type"] == upload::iri::k_type_feedback_safety);
    CHECK(s["result"]["extensions"][std::string(upload::iri::k_ext_severity)] ==
          (severity == "warning" ? "minor" : severity));
    CHECK(s["context"]["extensions"][std::string(upload::iri::k_ext_session_time_s)] ==
          doctest::Approx(violations[i]["time_s"].get<double>()).epsilon(1e-3));
    critical = critical || (violations[i]["subject"] == "bolt_yielded" && severity == "critical");
  }
  CHECK(critical);  // the yielded bolt

  const json& failed = statements[statements.size() - 2];
  CHECK(failed["result"]["success"] == false);
  CHECK(failed["result"]["completion"] == false);
  CHECK(failed["result"]["score"]["raw"] == run["score"]["total"]);
  CHECK_FALSE(failed.contains("attachments"));  // policy "none"
  check_valid(statements, "run-xapi-mistake-validate");
}

TEST_CASE(
    "[upload] a run killed with SIGKILL mid-upload, then tradexr upload: each statement once") {
  auto started = test::LrsHarness::start(test::scratch_dir("run-xapi-kill-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  const auto dir = prepare("run-xapi-kill");
  const auto config = test::write_config(dir, lrs.proxy_endpoint(), {{"batch_size", 1}});
  // Every request is held 250 ms, so the run is surely mid-upload when it is killed.
  json faults = json::array();
  for (int i = 0; i < 100; ++i) faults.push_back({{"kind", "slow"}, {"ms", 250}});
  lrs.set_faults(faults);

  std::vector<std::string> args{tradexr().string(),
                                "run",
                                package().string(),
                                "--mode",
                                "headless",
                                "--script",
                                script("expert"),
                                "--trainee",
                                "TR-2026-0007",
                                "--upload-config",
                                (dir / "upload.json").string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, argv[0], &quiet, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&quiet);
  bool cut = false;
  for (int i = 0; i < 3000 && !cut; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!std::filesystem::exists(config.outbox_path)) continue;
    auto watcher = upload::Outbox::open(config.outbox_path);
    if (!watcher) continue;
    const auto counts = watcher->counts();
    cut = counts && counts->sent >= 2 && counts->queued >= 1;
  }
  REQUIRE(cut);
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  CHECK(WIFSIGNALED(wstatus));

  auto outbox = upload::Outbox::open(config.outbox_path);
  REQUIRE(outbox);
  const auto at_kill = outbox->counts();
  CHECK(at_kill->queued > 0);
  lrs.set_faults(json::array());
  std::string output;
  CHECK(test::run_capture({tradexr().string(), "upload", "--config", (dir / "upload.json").string(),
                           "--no-progress"},
                          output) == 0);
  INFO(output);
  const auto counts = outbox->counts();
  CHECK(counts->queued == 0);
  CHECK(counts->parked == 0);
  const auto all = outbox->list(std::nullopt, 1000);
  REQUIRE(all);
  std::map<std::string, int> in_lrs;
  for (const auto& s : lrs.lrs_statements()) ++in_lrs[s["id"].get<std::string>()];
  CHECK(in_lrs.size() == all->size());
  for (const auto& e : *all) {
    INFO(e.id << " " << e.verb_id);
    CHECK(in_lrs[e.id] == 1);
  }
  CHECK(all->size() >= 4);  // launched, initialized and at least the steps done by then
}

TEST_CASE("[upload] with the LRS down the run keeps its statements and tradexr upload sends them") {
  const auto dir = prepare("run-xapi-offline");
  const std::string down = "http://127.0.0.1:" + std::to_string(closed_port()) + "/xAPI/";
  test::write_config(dir, down);
  // Found through $TRADEXR_UPLOAD_CONFIG this time (no --upload-config).
  ::setenv("TRADEXR_UPLOAD_CONFIG", (dir / "upload.json").c_str(), 1);
  int status = -1;
  const json run = run_json({"--script", script("expert"), "--trainee", "TR-2026-0042"}, status);
  ::unsetenv("TRADEXR_UPLOAD_CONFIG");
  REQUIRE(status == 0);
  const json& x = run["xapi"];
  REQUIRE(x["enabled"] == true);
  CHECK(x["queued"] == 7);
  CHECK(x["sent"] == 0);
  CHECK(x["left"] == 7);
  CHECK(x.contains("upload_problem"));

  auto started = test::LrsHarness::start(test::scratch_dir("run-xapi-offline-lrs"));
  REQUIRE_MESSAGE(started, (started ? "" : started.error().message));
  auto& lrs = **started;
  test::write_config(dir, lrs.lrs_endpoint());  // the LRS is back (same outbox)
  std::string output;
  CHECK(test::run_capture({tradexr().string(), "upload", "--config", (dir / "upload.json").string(),
                           "--no-progress"},
                          output) == 0);
  CHECK(output.find("upload: 7 sent, 0 parked, 0 still queued") != std::string::npos);
  const auto statements = of_registration(lrs.lrs_statements(), x["registration"]);
  CHECK(verb_sequence(statements) == std::vector<std::string>{"launched", "initialized", "step",
                                                              "step", "completed", "passed",
                                                              "terminated"});
  // Timestamps are the event times, fixed when queued, not the upload time.
  for (const auto& s : statements) CHECK(s["timestamp"] < s["stored"]);
}

TEST_CASE("[upload] runs without a config, or with a name-like trainee id, queue nothing") {
  const auto dir = prepare("run-xapi-off");
  int status = -1;
  json run = run_json({"--script", script("expert"), "--trainee", "TR-2026-0042"}, status);
  CHECK(status == 0);
  CHECK(run["xapi"]["enabled"] == false);
  CHECK(run["xapi"]["note"].get<std::string>().find("no upload config") != std::string::npos);

  test::write_config(dir, "http://127.0.0.1:9/xAPI/");
  run = run_json({"--script", script("expert"), "--trainee", "guest", "--upload-config",
                  (dir / "upload.json").string()},
                 status);
  CHECK(status == 0);  // the run itself is fine; its record is kept
  CHECK(run["xapi"]["enabled"] == false);
  CHECK(run["xapi"]["note"].get<std::string>().find("trainee id") != std::string::npos);
  auto outbox = upload::Outbox::open(dir / "outbox.sqlite");
  REQUIRE(outbox);
  CHECK(outbox->counts()->queued == 0);
}

TEST_CASE("[upload] raw motion rides along only when the policy opts in") {
  const auto dir = prepare("run-xapi-motion");
  test::write_config(dir, "http://127.0.0.1:" + std::to_string(closed_port()) + "/xAPI/",
                     {{"attachments", "summary_and_motion"}});
  int status = -1;
  const json run = run_json({"--script", script("expert"), "--trainee", "TR-2026-0042",
                             "--upload-config", (dir / "upload.json").string()},
                            status);
  REQUIRE(status == 0);
  auto outbox = upload::Outbox::open(dir / "outbox.sqlite");
  REQUIRE(outbox);
  const auto entries = outbox->list(std::nullopt, 100);
  REQUIRE(entries);
  int judged = 0;
  for (const auto& listed : *entries) {
    auto e = outbox->find(listed.id);
    REQUIRE(e);
    const json s = json::parse((*e)->json);
    if (s["verb"]["id"] != upload::iri::k_passed) {
      CHECK((*e)->attachments.empty());
      continue;
    }
    ++judged;
    REQUIRE(s["attachments"].size() == 2);
    CHECK(s["attachments"][1]["usageType"] == upload::iri::k_attachment_motion);
    const json trace = json::parse((*e)->attachments[1].bytes);
    CHECK(trace["frames"].size() == run["frames"].get<std::size_t>());
    CHECK(trace["columns"].size() == trace["frames"][0].size());
  }
  CHECK(judged == 1);
}
