#pragma once
// Shared test data: a synthetic attempt and an upload config for a given endpoint.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "upload/session_facts.hpp"
#include "upload/statement_builder.hpp"
#include "upload/upload_config.hpp"

namespace txr::test {

inline constexpr const char* k_home_page = "https://lms.example-school.edu.vn";

// A lockout/tagout attempt: 4 steps, 1 safety violation, judged passed or failed.
inline upload::SessionFacts synthetic_session(const std::string& trainee = "TR-2026-0042",
                                              bool passed = true, std::size_t steps = 4) {
  using namespace std::chrono_literals;
  upload::SessionFacts f;
  f.trainee_id = trainee;
  f.scenario_id = "electrical.loto-motor-circuit";
  f.scenario_title = "Lockout/tagout of a motor circuit";
  f.scenario_version = "1.2.0";
  f.trade = "electrical";
  f.mode = "headless";
  const upload::TimePoint t0 = upload::Clock::from_time_t(1795000000) + 123ms;
  f.launched_at = t0;
  f.initialized_at = t0 + 1500ms;
  for (std::size_t i = 0; i < steps; ++i) {
    f.steps.push_back({"step-" + std::to_string(i + 1), "Step " + std::to_string(i + 1),
                       f.initialized_at + std::chrono::seconds(30 * (i + 1)), 29.5, std::nullopt});
  }
  f.violations.push_back({"touch-live-conductor", "Touched a live conductor", "critical",
                          f.initialized_at + 45s, std::nullopt});
  f.ended_at = f.initialized_at + std::chrono::seconds(30 * steps + 10) + 250ms;
  f.terminated_at = f.ended_at + 2s;
  f.completed = true;
  f.passed = passed;
  f.score_raw = passed ? 86.5 : 40.0;
  f.score_min = 0.0;
  f.score_max = 100.0;
  f.metrics = {{"time-to-complete-s", 130.25}, {"path-length-m", 12.5}, {"ldlj", -7.25}};
  f.signed_summary =
      upload::AttachmentFact{"application/json", R"({"summary":"ok","signature":"c2lnbmF0dXJl"})"};
  return f;
}

inline upload::BuilderOptions builder_options(
    upload::AttachmentPolicy policy = upload::AttachmentPolicy::none) {
  upload::BuilderOptions o;
  o.actor_home_page = k_home_page;
  o.attachments = policy;
  return o;
}

// Writes a 0600 config file and loads it; short timeouts so fault tests stay quick.
inline upload::UploadConfig write_config(const std::filesystem::path& dir,
                                         const std::string& endpoint,
                                         nlohmann::json overrides = nlohmann::json::object(),
                                         const std::string& secret = "test-secret") {
  nlohmann::json doc{
      {"endpoint", endpoint},           {"auth", {{"key", "test-key"}, {"secret", secret}}},
      {"actor_home_page", k_home_page}, {"batch_size", 10},
      {"connect_timeout_ms", 500},      {"request_timeout_ms", 1500},
      {"backoff_initial_ms", 5},        {"backoff_max_ms", 80},
      {"give_up_after_s", 20},          {"outbox", "outbox.sqlite"}};
  doc.update(overrides);
  const auto path = dir / "upload.json";
  std::ofstream(path) << doc.dump(2);
  ::chmod(path.c_str(), 0600);
  auto config = upload::load_upload_config(
      path, [](const std::string&) { return std::optional<std::string>(); });
  if (!config) throw std::runtime_error(config.error().to_string());
  return *config;
}

}  // namespace txr::test
