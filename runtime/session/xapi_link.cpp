#include "session/xapi_link.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <thread>

#include "assessment/device_key.hpp"
#include "core/log.hpp"

namespace txr::session {
namespace {

using nlohmann::json;
constexpr std::string_view k_log = "xapi";

std::string hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

// Scenario safety levels in the statement vocabulary (docs/xapi-statements.md).
std::string statement_severity(std::string_view scenario_severity) {
  if (scenario_severity == "critical") return "critical";
  if (scenario_severity == "major") return "major";
  return "minor";  // warning
}

// A recorded metric name ("torque_error_pct", "technique.wrench_square") as a statement metric
// key ("torque-error-pct", "technique-wrench-square").
std::string metric_key(std::string_view name) {
  std::string key(name);
  for (char& c : key) {
    if (c == '_' || c == '.') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

double rounded(double value, double step) { return std::round(value / step) * step; }

// Head and both grips per recorded frame: position (0.1 mm) and orientation quaternion.
std::string motion_trace_json(std::span<const assessment::RecordedFrame> frames) {
  json rows = json::array();
  auto pose = [](json& row, const core::Pose& p) {
    for (float v : p.position_m) row.push_back(rounded(static_cast<double>(v), 1e-4));
    for (float v : p.orientation) row.push_back(rounded(static_cast<double>(v), 1e-4));
  };
  for (const auto& f : frames) {
    json row = json::array({rounded(f.input.time_s, 1e-4)});
    pose(row, f.input.T_world_head);
    for (const auto& hand : f.input.hands) {
      row.push_back(hand.tracked ? 1 : 0);
      pose(row, hand.T_world_grip);
    }
    rows.push_back(std::move(row));
  }
  return json{{"format", "tradexr-motion-trace/1"},
              {"units", "seconds, metres, unit quaternions (x, y, z, w)"},
              {"columns",
               {"t",        "head.px",  "head.py",      "head.pz",  "head.qx",       "head.qy",
                "head.qz",  "head.qw",  "left.tracked", "left.px",  "left.py",       "left.pz",
                "left.qx",  "left.qy",  "left.qz",      "left.qw",  "right.tracked", "right.px",
                "right.py", "right.pz", "right.qx",     "right.qy", "right.qz",      "right.qw"}},
              {"frames", std::move(rows)}}
      .dump();
}

}  // namespace

core::Result<Cmi5Session> begin_cmi5(std::string_view launch_url,
                                     const std::filesystem::path& outbox_dir,
                                     const std::string& ca_bundle) {
  auto launch = upload::parse_cmi5_launch(launch_url);
  if (!launch) return std::unexpected(launch.error());
  constexpr long k_timeout_ms = 15000;
  upload::HttpClient http;
  auto credentials = upload::fetch_cmi5_token(http, launch->fetch, k_timeout_ms, ca_bundle);
  if (!credentials) return std::unexpected(credentials.error());
  auto data = upload::get_cmi5_launch_data(http, *launch, *credentials, k_timeout_ms, ca_bundle);
  if (!data) return std::unexpected(data.error());
  Cmi5Session session{std::move(*launch), std::move(*credentials), std::move(*data), {}};
  session.outbox_path = outbox_dir / ("cmi5-" + session.launch.registration + ".outbox");
  return session;
}

std::string XapiRunSummary::to_text() const {
  if (!enabled) return "xapi: " + note;
  std::string out = "xapi: " + std::to_string(queued) + " statements queued (registration " +
                    registration + "), " + std::to_string(sent) + " sent to " + endpoint;
  if (parked > 0) out += ", " + std::to_string(parked) + " refused by the LRS (tradexr outbox)";
  const std::int64_t left = queued - sent - parked;
  if (left > 0) {
    out += ", " + std::to_string(left) + " left in the outbox for `tradexr upload`";
  }
  if (!upload_problem.empty() && left > 0) out += " (" + upload_problem + ")";
  if (!note.empty()) out += "; " + note;
  return out;
}

json XapiRunSummary::to_json() const {
  json out{{"enabled", enabled},
           {"queued", queued},
           {"sent", sent},
           {"parked", parked},
           {"left", queued - sent - parked}};
  if (enabled) {
    out["registration"] = registration;
    out["endpoint"] = endpoint;
    out["outbox"] = outbox.string();
  }
  if (!note.empty()) out["note"] = note;
  if (!upload_problem.empty()) out["upload_problem"] = upload_problem;
  if (passed) out["passed"] = *passed;
  return out;
}

std::unique_ptr<XapiLink> XapiLink::start(const scenario::Scenario& scenario,
                                          const XapiLinkSetup& setup) {
  std::unique_ptr<XapiLink> link(new XapiLink());
  link->scenario_ = &scenario;
  link->setup_ = setup;
  XapiRunSummary& summary = link->summary_;

  std::optional<upload::UploadConfig> config;
  if (setup.cmi5) {
    // The LMS chose the LRS, the credentials and the actor.
    const Cmi5Session& cmi5 = *setup.cmi5;
    upload::UploadConfig c;
    c.endpoint = cmi5.launch.endpoint;
    c.credentials = cmi5.credentials;
    c.xapi_version = "1.0.3";  // cmi5 is defined on xAPI 1.0.3
    c.actor_home_page = cmi5.launch.actor["account"]["homePage"].get<std::string>();
    c.outbox_path = cmi5.outbox_path;
    config = std::move(c);
  } else {
    const std::optional<std::filesystem::path> config_path =
        setup.config_path.empty() ? upload::find_upload_config(setup.env)
                                  : std::optional(setup.config_path);
    if (!config_path) {
      summary.note =
          "no upload config (--upload-config, $TRADEXR_UPLOAD_CONFIG or "
          "~/.config/tradexr/upload.json), so no statements were queued";
      return link;
    }
    // Credentials are only needed to send; statements are queued without them.
    auto loaded = upload::load_upload_config(*config_path, setup.env, false);
    if (!loaded) {
      summary.note = "the upload config cannot be used, so no statements were queued: " +
                     loaded.error().to_string();
      core::log_warn(k_log, summary.note);
      return link;
    }
    config = std::move(*loaded);
  }

  upload::SessionFacts& facts = link->facts_;
  facts.trainee_id = setup.trainee_id;
  facts.scenario_id = scenario.meta.id;
  facts.scenario_title = std::string(scenario.strings.get(setup.language, scenario.meta.title_key));
  facts.scenario_version = scenario.meta.version;
  facts.trade = std::string(scenario::to_string(scenario.meta.trade));
  facts.language = setup.language;
  facts.mode = setup.mode;
  facts.launched_at = setup.launched_at;
  if (setup.cmi5) {
    facts.cmi5 = true;
    facts.trainee_id = setup.cmi5->launch.actor["account"]["name"].get<std::string>();
    facts.activity_id = setup.cmi5->launch.activity_id;
    facts.registration = setup.cmi5->launch.registration;
    facts.mastery_scaled = setup.cmi5->data.mastery_scaled;
  }
  link->options_.actor_home_page = config->actor_home_page;
  link->options_.attachments = config->attachments;
  auto builder = upload::StatementBuilder::create(facts, link->options_);
  if (!builder) {
    summary.note = "no statements were queued: " + builder.error().message;
    core::log_warn(k_log, summary.note);
    return link;
  }
  // The attempt's registration and session id stay fixed for every later statement.
  facts.registration = builder->registration();
  facts.session_id = builder->session_id();
  auto outbox = upload::Outbox::open(config->outbox_path);
  if (!outbox) {
    summary.note = "no statements were queued: " + outbox.error().to_string();
    core::log_warn(k_log, summary.note);
    return link;
  }
  link->builder_.emplace(std::move(*builder));
  link->outbox_.emplace(std::move(*outbox));
  summary.enabled = true;
  summary.registration = facts.registration;
  summary.endpoint = config->endpoint;
  summary.outbox = config->outbox_path;

  if (!setup.cmi5) link->commit(link->builder_->launched(setup.launched_at), "launched");
  link->commit(link->builder_->initialized(upload::Clock::now()), "initialized");

  if (!setup.background_upload) return link;
  if (config->credentials.empty()) {
    summary.upload_problem =
        "no LRS credentials in the config or TXR_LRS_KEY/TXR_LRS_SECRET, so nothing is sent";
    return link;
  }
  link->uploader_ = std::make_unique<upload::Uploader>(*config);
  link->uploader_->start();  // its own thread, its own SQLite connection and HTTP handle
  return link;
}

XapiLink::~XapiLink() {
  if (!stopped_) {
    setup_.final_wait_s = 0.0;  // an early end: close the attempt, do not hold the exit
    (void)stop();
  }
}

void XapiLink::commit(core::Result<upload::Statement> statement, std::string_view what) {
  if (!statement) {
    const std::string message =
        std::string(what) + " statement not queued: " + statement.error().to_string();
    core::log_warn(k_log, message);
    if (summary_.note.empty()) summary_.note = message;
    return;
  }
  if (auto ok = outbox_->enqueue(*statement); !ok) {
    const std::string message =
        std::string(what) + " statement not queued: " + ok.error().to_string();
    core::log_warn(k_log, message);
    if (summary_.note.empty()) summary_.note = message;
    return;
  }
  ids_.push_back(statement->id);
  if (uploader_) uploader_->notify();
}

void XapiLink::on_event(const SessionEvent& event) {
  if (!enabled() || terminated_) return;
  last_time_s_ = std::max(last_time_s_, event.time_s);
  if (event.type == "step_started") {
    step_started_s_[event.subject] = event.time_s;
  } else if (event.type == "step_completed") {
    upload::StepFact step;
    step.step_id = event.subject;
    for (const auto& s : scenario_->steps) {
      if (s.id == event.subject) {
        step.title = std::string(scenario_->strings.get(setup_.language, s.instruction_key));
      }
    }
    step.at = upload::Clock::now();
    const auto started = step_started_s_.find(event.subject);
    step.duration_s = event.time_s - (started != step_started_s_.end() ? started->second : 0.0);
    step.session_time_s = event.time_s;
    commit(builder_->step_completed(step, steps_completed_++), "step " + event.subject);
  } else if (event.type == "rule_violated") {
    upload::SafetyViolationFact violation;
    violation.rule_id = event.subject;
    for (const auto& r : scenario_->rules) {
      if (r.id == event.subject) {
        violation.description = std::string(scenario_->strings.get(setup_.language, r.message_key));
      }
    }
    violation.severity = statement_severity(event.detail);
    violation.at = upload::Clock::now();
    violation.session_time_s = event.time_s;
    ++violations_;
    commit(builder_->safety_violation(violation), "safety " + event.subject);
  } else if (event.type == "attempt_ended" && event.detail == "completed" && judging()) {
    commit(builder_->completed(upload::Clock::now(), event.time_s), "completed");
  }
}

std::vector<upload::MetricFact> XapiLink::metrics(const assessment::ScoreReport& report) const {
  std::vector<upload::MetricFact> out;
  if (report.completion_time_s >= 0.0) {
    out.push_back({"time-to-complete-s", rounded(report.completion_time_s, 1e-3)});
  }
  const auto required = std::count_if(scenario_->steps.begin(), scenario_->steps.end(),
                                      [](const scenario::Step& s) { return !s.optional; });
  out.push_back({"steps-completed", static_cast<double>(steps_completed_)});
  out.push_back({"steps-required", static_cast<double>(required)});
  out.push_back({"safety-violations", static_cast<double>(violations_)});
  // The rubric's measured metrics (path length, smoothness, torque error...).
  for (const auto& c : report.criteria) {
    if (c.kind != scenario::CriterionKind::metric || !c.available || !c.measured) continue;
    for (const auto& rc : scenario_->rubric.criteria) {
      if (rc.id != c.id || rc.metric.empty() || !std::isfinite(*c.measured)) continue;
      const std::string key = metric_key(rc.metric);
      const bool seen = std::any_of(out.begin(), out.end(),
                                    [&](const upload::MetricFact& m) { return m.key == key; });
      if (!seen) out.push_back({key, rounded(*c.measured, 1e-6)});
    }
  }
  return out;
}

std::optional<upload::AttachmentFact> XapiLink::signed_summary(
    const assessment::ScoreReport& report, const assessment::RecordHeader& record,
    double session_time_s) const {
  auto key = assessment::DeviceKey::load_or_create(setup_.key_dir);
  if (!key) {
    core::log_warn(k_log, "no signed summary attached: " + key.error().to_string());
    return std::nullopt;
  }
  json criteria = json::array();
  for (const auto& c : report.criteria) {
    criteria.push_back(
        {{"id", c.id}, {"points_earned", c.points_earned}, {"points_possible", c.points_possible}});
  }
  const json summary{
      {"format", "tradexr-session-summary/1"},
      {"registration", facts_.registration},
      {"record_session_id", record.session_id},
      {"record_started_utc", record.started_utc},
      {"scenario",
       {{"id", record.scenario_id},
        {"version", record.scenario_version},
        {"content_hash", record.scenario_content_hash}}},
      {"runtime_version", TXR_VERSION},
      {"mode", setup_.mode},
      {"trainee_id", facts_.trainee_id},
      {"outcome", report.outcome},
      {"session_time_s", rounded(session_time_s, 1e-3)},
      {"steps_completed", steps_completed_},
      {"safety_violations", violations_},
      {"score",
       {{"total", report.total},
        {"mastery", report.mastery_score},
        {"passed", report.passed},
        {"critical_violation", report.critical_violation},
        {"criteria", std::move(criteria)},
        {"reasons", report.reasons}}},
  };
  // The signed bytes travel as a string, so a checker verifies exactly them.
  const std::string signed_text = summary.dump();
  const auto signature = key->sign(
      std::span(reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size()));
  const json document{{"format", "tradexr-signed-summary/1"},
                      {"summary", signed_text},
                      {"algorithm", "ed25519"},
                      {"public_key", key->public_key_hex()},
                      {"signature", hex(signature)}};
  return upload::AttachmentFact{"application/json", document.dump()};
}

void XapiLink::finish(const assessment::ScoreReport& report, const assessment::RecordHeader& record,
                      std::span<const assessment::RecordedFrame> frames, double session_time_s) {
  if (!enabled() || terminated_) return;
  last_time_s_ = std::max(last_time_s_, session_time_s);
  if (setup_.judged && judging()) {
    upload::SessionFacts judged = facts_;
    judged.completed = report.outcome == "completed";
    judged.score_min = 0.0;
    judged.score_max = 100.0;
    judged.score_raw = std::clamp(report.total, 0.0, 100.0);
    judged.metrics = metrics(report);
    if (options_.attachments != upload::AttachmentPolicy::none) {
      judged.signed_summary = signed_summary(report, record, session_time_s);
    }
    if (options_.attachments == upload::AttachmentPolicy::summary_and_motion) {
      judged.motion_trace = upload::AttachmentFact{"application/json", motion_trace_json(frames)};
    }
    auto builder = upload::StatementBuilder::create(judged, options_);
    if (builder) {
      // In a cmi5 launch the LMS's masteryScore decides (a critical violation still fails).
      bool passed = report.passed;
      if (facts_.cmi5 && facts_.mastery_scaled) {
        passed = judged.score_raw / 100.0 >= *facts_.mastery_scaled && !report.critical_violation;
      }
      summary_.passed = passed;
      commit(builder->judged(passed, upload::Clock::now(), session_time_s),
             passed ? "passed" : "failed");
    } else {
      commit(std::unexpected(builder.error()), "passed/failed");
    }
  }
  commit(builder_->terminated(upload::Clock::now(), last_time_s_), "terminated");
  terminated_ = true;
}

void XapiLink::count_states(XapiRunSummary& summary) {
  summary.queued = static_cast<std::int64_t>(ids_.size());
  summary.sent = 0;
  summary.parked = 0;
  for (const auto& id : ids_) {
    auto entry = outbox_->find(id);
    if (!entry || !*entry) continue;
    if ((*entry)->state == upload::OutboxState::sent) ++summary.sent;
    if ((*entry)->state == upload::OutboxState::parked) ++summary.parked;
  }
}

XapiRunSummary XapiLink::stop() {
  if (stopped_) return summary_;
  stopped_ = true;
  if (!enabled()) return summary_;
  if (!terminated_) {
    commit(builder_->terminated(upload::Clock::now(), last_time_s_), "terminated");
    terminated_ = true;
  }
  if (uploader_) {
    // Give the worker a moment for the last statements; an unreachable LRS (the worker is
    // backing off) or refused credentials end the wait at once: the outbox keeps them.
    uploader_->notify();
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration<double>(std::max(0.0, setup_.final_wait_s));
    while (std::chrono::steady_clock::now() < deadline) {
      count_states(summary_);
      if (summary_.sent + summary_.parked >= summary_.queued) break;
      const auto activity = uploader_->activity();
      if (activity.failing > 0 || activity.halted) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    uploader_->stop();
    summary_.upload_problem = uploader_->activity().problem;
  }
  count_states(summary_);
  return summary_;
}

}  // namespace txr::session
