#include "lrs_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "test_support.hpp"
#include "upload/http_client.hpp"

extern char** environ;

namespace txr::test {
namespace {

std::filesystem::path lrs_dir() { return source_dir() / "tools" / "lrs"; }

upload::HttpResponse request(const std::string& method, const std::string& url,
                             const std::string& body = {}) {
  upload::HttpClient http;
  upload::HttpRequest req;
  req.method = method;
  req.url = url;
  req.body = body;
  req.timeout_ms = 30000;
  req.headers = {"X-Experience-API-Version: 1.0.3", "Content-Type: application/json",
                 "Authorization: Basic dGVzdDp0ZXN0"};
  return http.perform(req);
}

std::vector<char*> c_args(std::vector<std::string>& args) {
  std::vector<char*> out;
  for (auto& a : args) out.push_back(a.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

core::Result<std::unique_ptr<LrsHarness>> LrsHarness::start(const std::filesystem::path& work_dir) {
  if (!std::filesystem::exists(lrs_dir() / "node_modules" / "xapi-statements")) {
    return core::fail(
        "the test LRS is not installed: run tools/lrs/install.sh (or "
        "tools/setup.sh --tests)");
  }
  int in_pipe[2];
  int out_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0) return core::fail("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  std::vector<std::string> args{"node", (lrs_dir() / "fault-proxy.js").string(), work_dir.string()};
  auto argv = c_args(args);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  if (rc != 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    return core::fail("cannot start node (is Node.js installed?)");
  }
  auto harness = std::unique_ptr<LrsHarness>(new LrsHarness());
  harness->pid_ = pid;
  harness->stdin_fd_ = in_pipe[1];
  // Read the first line: the ports.
  std::string line;
  pollfd pfd{out_pipe[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos) {
    if (poll(&pfd, 1, 60000) <= 0) break;
    char buf[512];
    const ssize_t n = read(out_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  close(out_pipe[0]);
  const auto ports = nlohmann::json::parse(line, nullptr, false);
  if (!ports.is_object() || !ports.contains("proxy_port")) {
    return core::fail("the test LRS did not start (output: " + line + ")");
  }
  harness->proxy_port_ = ports["proxy_port"].get<int>();
  harness->control_port_ = ports["control_port"].get<int>();
  return harness;
}

LrsHarness::~LrsHarness() {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the proxy exits and kills its LRS
  if (pid_ > 0) {
    int status = 0;
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) return;
      usleep(20000);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
}

std::string LrsHarness::proxy_endpoint() const {
  return "http://127.0.0.1:" + std::to_string(proxy_port_) + "/xAPI/";
}

std::string LrsHarness::lrs_endpoint() {
  return "http://127.0.0.1:" + std::to_string(state()["lrs_port"].get<int>()) + "/xAPI/";
}

void LrsHarness::set_faults(const nlohmann::json& faults) {
  request("POST", "http://127.0.0.1:" + std::to_string(control_port_) + "/faults", faults.dump());
}

void LrsHarness::set_lms(const nlohmann::json& lms) {
  request("POST", "http://127.0.0.1:" + std::to_string(control_port_) + "/lms", lms.dump());
}

nlohmann::json LrsHarness::lms() {
  return get_json("http://127.0.0.1:" + std::to_string(control_port_) + "/lms");
}

std::string LrsHarness::proxy_base() const {
  return "http://127.0.0.1:" + std::to_string(proxy_port_) + "/";
}

nlohmann::json LrsHarness::state() {
  return get_json("http://127.0.0.1:" + std::to_string(control_port_) + "/state");
}

nlohmann::json LrsHarness::get_json(const std::string& url) {
  const auto response = request("GET", url);
  return nlohmann::json::parse(response.body, nullptr, false);
}

std::vector<nlohmann::json> LrsHarness::lrs_statements() {
  const std::string base = "http://127.0.0.1:" + std::to_string(state()["lrs_port"].get<int>());
  std::string next = "/xAPI/statements?ascending=true&limit=500";
  std::vector<nlohmann::json> out;
  while (!next.empty()) {
    const auto page = get_json(base + next);
    if (!page.is_object() || !page.contains("statements")) break;
    for (const auto& s : page["statements"]) out.push_back(s);
    next = page.value("more", std::string());
    if (!next.empty() && !next.starts_with("/xAPI")) next = "/xAPI" + next;
  }
  return out;
}

std::vector<nlohmann::json> LrsHarness::archived_statements() {
  const auto doc = get_json("http://127.0.0.1:" + std::to_string(control_port_) + "/archive");
  return doc.value("statements", std::vector<nlohmann::json>{});
}

std::vector<std::string> LrsHarness::received_bodies(std::size_t from) {
  const auto doc = get_json("http://127.0.0.1:" + std::to_string(control_port_) +
                            "/received?from=" + std::to_string(from));
  return doc.value("bodies", std::vector<std::string>{});
}

core::Result<std::vector<std::vector<std::string>>> validate_with_learninglocker(
    const std::vector<nlohmann::json>& statements, const std::filesystem::path& scratch) {
  const auto input = scratch / "to-validate.json";
  std::ofstream(input) << nlohmann::json(statements).dump();
  std::string output;
  const int status =
      run_capture({"node", (lrs_dir() / "validate.js").string(), input.string()}, output);
  const auto doc = nlohmann::json::parse(output, nullptr, false);
  if (!doc.is_array()) {
    return core::fail("validate.js failed (status " + std::to_string(status) + "): " + output);
  }
  return doc.get<std::vector<std::vector<std::string>>>();
}

int run_capture(const std::vector<std::string>& argv_in, std::string& output,
                const std::vector<std::string>& extra_env) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 2);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> args = argv_in;
  auto argv = c_args(args);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  for (const auto& e : extra_env) env_strings.push_back(e);
  auto envp = c_args(env_strings);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    return -1;
  }
  char buf[4096];
  ssize_t n = 0;
  while ((n = read(out_pipe[0], buf, sizeof buf)) > 0)
    output.append(buf, static_cast<std::size_t>(n));
  close(out_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace txr::test
