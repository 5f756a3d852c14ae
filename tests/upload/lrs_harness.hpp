#pragma once
// Test harness: the real LRS (tools/lrs, npm xapi-statements) behind the fault-injection proxy,
// both on 127.0.0.1, started as a child process that dies with the test (its stdin is ours).
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace txr::test {

class LrsHarness {
 public:
  // Fails with a clear message when node or tools/lrs/node_modules is missing.
  static core::Result<std::unique_ptr<LrsHarness>> start(const std::filesystem::path& work_dir);
  ~LrsHarness();

  std::string proxy_endpoint() const;  // uploads go here (faults apply)
  std::string lrs_endpoint();          // straight to the current LRS instance
  void set_faults(const nlohmann::json& faults);
  // The stand-in LMS (cmi5): POST sets {token, launch_data}; GET returns it with the counts of
  // fetches and LaunchData reads. Its fetch URL is proxy_base() + "lms/fetch".
  void set_lms(const nlohmann::json& lms);
  nlohmann::json lms();
  std::string proxy_base() const;  // "http://127.0.0.1:<proxy port>/"
  nlohmann::json state();
  // Every statement the current LRS instance holds, in stored order.
  std::vector<nlohmann::json> lrs_statements();
  // Statements of LRS instances the proxy killed (snapshotted just before the kill).
  std::vector<nlohmann::json> archived_statements();
  // Bodies of the statement POSTs the LRS received through the proxy, from the from-th on
  // (state()["received"] tells how many there are so far).
  std::vector<std::string> received_bodies(std::size_t from = 0);

  // HTTP helpers on 127.0.0.1 with the test credentials.
  static nlohmann::json get_json(const std::string& url);

 private:
  LrsHarness() = default;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int proxy_port_ = 0;
  int control_port_ = 0;
};

// Runs tools/lrs/validate.js on the statements; returns one list of warnings per statement
// (empty list = valid), or an error when node could not run it.
core::Result<std::vector<std::vector<std::string>>> validate_with_learninglocker(
    const std::vector<nlohmann::json>& statements, const std::filesystem::path& scratch);

// Runs a command, capturing stdout+stderr; returns the exit status.
int run_capture(const std::vector<std::string>& argv, std::string& output,
                const std::vector<std::string>& extra_env = {});

}  // namespace txr::test
