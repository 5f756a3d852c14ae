#include "upload/statement_builder.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include "upload/statement_validation.hpp"
#include "upload/vocabulary.hpp"

namespace txr::upload {
namespace {

using core::Result;
using nlohmann::json;

double seconds_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

bool is_slug(std::string_view text) {
  static const std::regex k_pattern(R"(^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$)");
  return std::regex_match(text.begin(), text.end(), k_pattern);
}

// Attempt times to the millisecond: short, stable JSON.
double rounded_ms(double seconds) {
  return std::isfinite(seconds) ? std::round(seconds * 1000.0) / 1000.0 : 0.0;
}

json lang_map(const std::string& language, const std::string& text) {
  return json{{language, text}};
}

}  // namespace

Result<StatementBuilder> StatementBuilder::create(const SessionFacts& facts,
                                                  BuilderOptions options) {
  if (auto ok = check_trainee_id(facts.trainee_id); !ok) return std::unexpected(ok.error());
  if (!is_http_iri(options.actor_home_page)) {
    return core::fail("actor home page '" + options.actor_home_page +
                      "' must be an http(s) IRI (the school or platform that issued the id)");
  }
  if (!is_slug(facts.scenario_id)) {
    return core::fail("scenario id '" + facts.scenario_id +
                      "' must be letters, digits, '.', '_' or '-'");
  }
  if (!is_slug(facts.trade)) return core::fail("trade '" + facts.trade + "' must be a plain id");
  if (facts.scenario_version.empty()) return core::fail("scenario version is missing");
  if (facts.language.empty()) return core::fail("language tag is missing");
  if (!facts.registration.empty() && !is_uuid(facts.registration)) {
    return core::fail("registration '" + facts.registration + "' is not a UUID");
  }
  if (!facts.session_id.empty() && !is_uuid(facts.session_id)) {
    return core::fail("session id '" + facts.session_id + "' is not a UUID");
  }
  SessionFacts header = facts;
  header.steps.clear();
  header.violations.clear();
  if (header.registration.empty()) header.registration = new_uuid();
  if (header.session_id.empty()) header.session_id = new_uuid();
  if (header.activity_id.empty()) {
    header.activity_id = std::string(iri::k_base) + "scenarios/" + header.scenario_id;
  } else if (!is_http_iri(header.activity_id)) {
    return core::fail("activity id '" + header.activity_id + "' must be an http(s) IRI");
  }
  return StatementBuilder(std::move(header), std::move(options));
}

json StatementBuilder::base(std::string_view verb, std::string_view verb_en, TimePoint at) const {
  return json{
      {"id", new_uuid()},
      {"timestamp", format_timestamp(at)},
      {"actor",
       {{"objectType", "Agent"},
        {"account", {{"homePage", options_.actor_home_page}, {"name", facts_.trainee_id}}}}},
      {"verb", {{"id", verb}, {"display", {{"en-US", verb_en}}}}},
  };
}

json StatementBuilder::scenario_object() const {
  json definition{{"type", iri::k_type_scenario}};
  if (!facts_.scenario_title.empty()) {
    definition["name"] = lang_map(facts_.language, facts_.scenario_title);
  }
  return json{{"objectType", "Activity"}, {"id", facts_.activity_id}, {"definition", definition}};
}

json StatementBuilder::context(bool object_is_scenario, bool moveon) const {
  json activities = json::object();
  if (!object_is_scenario) {
    activities["parent"] = json::array({json{{"id", facts_.activity_id},
                                             {"objectType", "Activity"},
                                             {"definition", {{"type", iri::k_type_scenario}}}}});
  }
  activities["grouping"] =
      json::array({json{{"id", std::string(iri::k_base) + "trades/" + facts_.trade},
                        {"objectType", "Activity"},
                        {"definition", {{"type", iri::k_type_trade}}}}});
  json category = json::array({json{{"id", iri::k_profile_task_trainer},
                                    {"objectType", "Activity"},
                                    {"definition", {{"type", iri::k_type_profile}}}}});
  if (facts_.cmi5 && object_is_scenario) {
    category.push_back(json{{"id", iri::k_cmi5_category}, {"objectType", "Activity"}});
    if (moveon) category.push_back(json{{"id", iri::k_cmi5_moveon}, {"objectType", "Activity"}});
  }
  activities["category"] = std::move(category);

  json extensions{{iri::k_ext_runtime_version, options_.runtime_version},
                  {iri::k_ext_scenario_version, facts_.scenario_version},
                  {iri::k_simulation_mode, facts_.mode}};
  if (facts_.cmi5) {
    extensions[std::string(iri::k_cmi5_sessionid)] = facts_.session_id;
    if (moveon && facts_.mastery_scaled) {
      extensions[std::string(iri::k_cmi5_masteryscore)] = *facts_.mastery_scaled;
    }
  }
  return json{{"registration", facts_.registration},
              {"language", facts_.language},
              {"contextActivities", std::move(activities)},
              {"extensions", std::move(extensions)}};
}

Result<Statement> StatementBuilder::finish(json statement,
                                           std::vector<StatementAttachment> attachments) const {
  if (auto ok = validate_statement(statement); !ok) return std::unexpected(ok.error());
  Statement out;
  out.id = statement["id"].get<std::string>();
  out.registration = facts_.registration;
  out.verb_id = statement["verb"]["id"].get<std::string>();
  out.json = statement.dump();  // the one serialisation: these bytes are what every retry sends
  out.attachments = std::move(attachments);
  return out;
}

Result<Statement> StatementBuilder::launched(TimePoint at) const {
  json s = base(iri::k_launched, "launched", at);
  s["object"] = scenario_object();
  s["context"] = context(true, false);
  return finish(std::move(s));
}

Result<Statement> StatementBuilder::initialized(TimePoint at) const {
  json s = base(iri::k_initialized, "initialized", at);
  s["object"] = scenario_object();
  s["context"] = context(true, false);
  return finish(std::move(s));
}

Result<Statement> StatementBuilder::step_completed(const StepFact& step, std::size_t index) const {
  if (!is_slug(step.step_id)) return core::fail("step id '" + step.step_id + "' is not a plain id");
  json s = base(iri::k_completed, "completed", step.at);
  json definition{{"type", iri::k_type_step}};
  if (!step.title.empty()) definition["name"] = lang_map(facts_.language, step.title);
  s["object"] = json{{"objectType", "Activity"},
                     {"id", facts_.activity_id + "/steps/" + step.step_id},
                     {"definition", definition}};
  s["result"] = json{{"completion", true}, {"duration", format_duration(step.duration_s)}};
  s["context"] = context(false, false);
  s["context"]["extensions"][std::string(iri::k_ext_step_index)] = index;
  if (step.session_time_s) {
    s["context"]["extensions"][std::string(iri::k_ext_session_time_s)] =
        rounded_ms(*step.session_time_s);
  }
  return finish(std::move(s));
}

Result<Statement> StatementBuilder::safety_violation(const SafetyViolationFact& violation) const {
  if (!is_slug(violation.rule_id)) {
    return core::fail("safety rule id '" + violation.rule_id + "' is not a plain id");
  }
  if (violation.severity != "critical" && violation.severity != "major" &&
      violation.severity != "minor") {
    return core::fail("safety severity '" + violation.severity +
                      "' must be critical, major or minor");
  }
  json s = base(iri::k_received, "received", violation.at);
  json definition{{"type", iri::k_type_feedback_safety}};
  if (!violation.description.empty()) {
    definition["name"] = lang_map(facts_.language, violation.description);
  }
  s["object"] = json{{"objectType", "Activity"},
                     {"id", facts_.activity_id + "/safety/" + violation.rule_id},
                     {"definition", definition}};
  s["result"] = json{{"extensions", {{iri::k_ext_severity, violation.severity}}}};
  s["context"] = context(false, false);
  if (violation.session_time_s) {
    s["context"]["extensions"][std::string(iri::k_ext_session_time_s)] =
        rounded_ms(*violation.session_time_s);
  }
  return finish(std::move(s));
}

Result<Statement> StatementBuilder::completed(TimePoint at, double duration_s) const {
  json s = base(iri::k_completed, "completed", at);
  s["object"] = scenario_object();
  s["result"] = json{{"completion", true}, {"duration", format_duration(duration_s)}};
  s["context"] = context(true, true);
  return finish(std::move(s));
}

Result<Statement> StatementBuilder::judged(bool passed, TimePoint at, double duration_s) const {
  const double lo = facts_.score_min;
  const double hi = facts_.score_max;
  const double raw = facts_.score_raw;
  if (!std::isfinite(lo) || !std::isfinite(hi) || !std::isfinite(raw) || !(hi > lo) || raw < lo ||
      raw > hi) {
    return core::fail("score raw " + std::to_string(raw) + " must lie within [min " +
                      std::to_string(lo) + ", max " + std::to_string(hi) + "] with max > min");
  }
  // cmi5 wants scaled in 0..1; round to 4 decimals so the JSON stays short and stable.
  const double scaled = std::round((raw - lo) / (hi - lo) * 10000.0) / 10000.0;
  json s = base(passed ? iri::k_passed : iri::k_failed, passed ? "passed" : "failed", at);
  s["object"] = scenario_object();
  json result{{"score", {{"raw", raw}, {"min", lo}, {"max", hi}, {"scaled", scaled}}},
              {"success", passed},
              {"completion", facts_.completed},
              {"duration", format_duration(duration_s)}};
  if (!facts_.metrics.empty()) {
    json metrics = json::object();
    for (const MetricFact& m : facts_.metrics) {
      static const std::regex k_key(R"(^[a-z0-9][a-z0-9-]{0,63}$)");
      if (!std::regex_match(m.key, k_key) || !std::isfinite(m.value)) {
        return core::fail("metric '" + m.key + "' needs a [a-z0-9-] key and a finite value");
      }
      metrics[m.key] = m.value;
    }
    result["extensions"] = json{{iri::k_ext_metrics, std::move(metrics)}};
  }
  s["result"] = std::move(result);
  s["context"] = context(true, true);

  std::vector<StatementAttachment> parts;
  json attachment_list = json::array();
  auto attach = [&](const AttachmentFact& fact, std::string_view usage, std::string_view display) {
    StatementAttachment part{fact.content_type, sha256_hex(fact.bytes), fact.bytes};
    attachment_list.push_back(json{{"usageType", usage},
                                   {"display", {{"en-US", display}}},
                                   {"contentType", part.content_type},
                                   {"length", part.bytes.size()},
                                   {"sha2", part.sha256_hex}});
    parts.push_back(std::move(part));
  };
  if (options_.attachments != AttachmentPolicy::none && facts_.signed_summary) {
    attach(*facts_.signed_summary, iri::k_attachment_summary, "signed session summary");
  }
  if (options_.attachments == AttachmentPolicy::summary_and_motion && facts_.motion_trace) {
    attach(*facts_.motion_trace, iri::k_attachment_motion, "raw motion trace");
  }
  if (!parts.empty()) s["attachments"] = std::move(attachment_list);
  return finish(std::move(s), std::move(parts));
}

Result<Statement> StatementBuilder::terminated(TimePoint at, double duration_s) const {
  json s = base(iri::k_terminated, "terminated", at);
  s["object"] = scenario_object();
  s["result"] = json{{"duration", format_duration(duration_s)}};
  s["context"] = context(true, false);
  return finish(std::move(s));
}

Result<std::vector<Statement>> build_session_statements(const SessionFacts& facts,
                                                        const BuilderOptions& options) {
  auto builder = StatementBuilder::create(facts, options);
  if (!builder) return std::unexpected(builder.error());
  std::vector<Statement> out;
  Result<void> status;  // the first failure, if any
  auto step = [&](Result<Statement> s) {
    if (!s) {
      if (status) status = std::unexpected(s.error());
      return;
    }
    out.push_back(std::move(*s));
  };
  if (!facts.cmi5) step(builder->launched(facts.launched_at));
  step(builder->initialized(facts.initialized_at));
  // Steps and safety events interleave in the order they happened.
  std::size_t si = 0;
  std::size_t vi = 0;
  while (si < facts.steps.size() || vi < facts.violations.size()) {
    const bool take_step =
        vi >= facts.violations.size() ||
        (si < facts.steps.size() && facts.steps[si].at <= facts.violations[vi].at);
    if (take_step) {
      step(builder->step_completed(facts.steps[si], si));
      ++si;
    } else {
      step(builder->safety_violation(facts.violations[vi]));
      ++vi;
    }
  }
  const double active_s = seconds_between(facts.initialized_at, facts.ended_at);
  if (facts.completed) step(builder->completed(facts.ended_at, active_s));
  if (facts.passed) step(builder->judged(*facts.passed, facts.ended_at, active_s));
  step(builder->terminated(facts.terminated_at,
                           seconds_between(facts.initialized_at, facts.terminated_at)));
  if (!status) return std::unexpected(status.error());
  return out;
}

}  // namespace txr::upload
