#include "assessment/scoring.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "assessment/metrics.hpp"
#include "assessment/technique_metric.hpp"
#include "assessment/trade_metrics.hpp"

namespace txr::assessment {
namespace {

using scenario::CriterionKind;

// A recorded event with its payload decoded.
struct Evidence {
  double time_s = 0.0;
  std::string type;
  std::string subject;
  std::string detail;
  double value = 0.0;
};

std::vector<Evidence> decode(std::span<const RecordEvent> events) {
  std::vector<Evidence> out;
  out.reserve(events.size());
  for (const auto& e : events) {
    Evidence ev{e.time_s, e.type, e.subject, {}, 0.0};
    const auto payload = nlohmann::json::parse(e.payload_json, nullptr, false);
    if (payload.is_object()) {
      if (auto d = payload.find("detail"); d != payload.end() && d->is_string()) {
        ev.detail = d->get<std::string>();
      }
      if (auto v = payload.find("value"); v != payload.end() && v->is_number()) {
        ev.value = v->get<double>();
      }
      // session_ended carries the outcome as its own key.
      if (auto o = payload.find("outcome"); o != payload.end() && o->is_string()) {
        ev.detail = o->get<std::string>();
      }
    }
    out.push_back(std::move(ev));
  }
  return out;
}

// " deg", " m/s" or " m" after a technique band's value.
std::string unit_of(std::string_view quantity) {
  return quantity == "angle_deg" ? " deg" : quantity == "speed_m_s" ? " m/s" : " m";
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::optional<scenario::Severity> parse_severity(std::string_view s) {
  if (s == "warning") return scenario::Severity::warning;
  if (s == "major") return scenario::Severity::major;
  if (s == "critical") return scenario::Severity::critical;
  return std::nullopt;
}

// Per-occurrence deductions, floored at 0: each line loses at most what is left.
void deduct(CriterionScore& c, ScoreLine line, double amount) {
  const double remaining = c.points_earned;
  line.points_lost = std::min(amount, remaining);
  // Rounding in shares like 70 / 3 must not read as hitting the floor.
  if (line.points_lost < amount - 1e-9) {
    line.text += " (" + num(amount) + " due, " + num(line.points_lost) +
                 " taken: the criterion does not go below 0)";
  }
  c.points_earned = remaining - line.points_lost;
  c.lines.push_back(std::move(line));
}

// Points for a value on the straight line from full_at (all points) to zero_at (none); works
// in either direction (lower-is-better or higher-is-better).
double linear_fraction(double value, double full_at, double zero_at) {
  if (full_at == zero_at) return value == full_at ? 1.0 : 0.0;
  return std::clamp((zero_at - value) / (zero_at - full_at), 0.0, 1.0);
}

struct Facts {
  std::string outcome = "incomplete";
  std::optional<double> completion_time_s;
  std::int64_t hints = 0, out_of_order = 0, violations = 0;
  std::span<const RecordedFrame> frames;
  std::vector<TradeResultEvidence> trade_results;
  std::span<const scenario::TechniqueBand> bands;
  std::vector<TechniqueResult> technique;  // per band, in declaration order
};

constexpr std::array<std::string_view, 17> k_metrics{
    "completion_time_s",    "hints_shown",
    "out_of_order_count",   "violation_count",
    "path_length_m",        "path_length_right_m",
    "path_length_left_m",   "path_length_head_m",
    "path_length_tool_m",   "idle_time_s",
    "ldlj_right",           "sparc_right",
    "torque_error_pct",     "torque_error_pct_mean",
    "measurement_error_mm", "measurement_error_mm_max",
    "judgement_correct"};

// The motion threshold for idle time: the right hand slower than 2 cm/s for at least 2 s.
constexpr double k_idle_speed_mps = 0.02;
constexpr double k_idle_min_s = 2.0;

struct MetricValue {
  std::optional<double> value;
  std::string why_not;
  // Trade metrics: the result behind the value (its time and object) and every result used.
  std::optional<double> time_s = std::nullopt;
  std::string subject = {};
  std::string detail = {};
};

enum class Motion { path_length, idle_time, ldlj, sparc };

MetricValue trajectory_metric(const Facts& f, TrackedPoint point, std::string_view what,
                              Motion kind) {
  std::vector<double> t;
  std::vector<Vec3> p;
  extract_trajectory(f.frames, point, t, p);
  if (t.size() < 2) {
    return {std::nullopt, f.frames.empty()
                              ? "the record has no frames to measure " + std::string(what)
                              : "the " + std::string(what) + " was tracked in fewer than 2 frames"};
  }
  switch (kind) {
    case Motion::path_length:
      return {path_length_m(t, p), {}};
    case Motion::idle_time:
      return {idle_time_s(t, p, k_idle_speed_mps, k_idle_min_s), {}};
    case Motion::ldlj:
      return {ldlj(t, p), {}};
    case Motion::sparc:
      return {sparc(t, p), {}};
  }
  return {};
}

MetricValue compute_metric(std::string_view name, const Facts& f) {
  if (name == "completion_time_s") {
    if (f.completion_time_s) return {*f.completion_time_s, {}};
    return {std::nullopt, "the attempt did not complete (" + f.outcome + "), so it has no time"};
  }
  if (name == "hints_shown") return {static_cast<double>(f.hints), {}};
  if (name == "out_of_order_count") return {static_cast<double>(f.out_of_order), {}};
  if (name == "violation_count") return {static_cast<double>(f.violations), {}};
  if (name == "path_length_m" || name == "path_length_right_m") {
    return trajectory_metric(f, TrackedPoint::right_grip, "right hand", Motion::path_length);
  }
  if (name == "path_length_left_m")
    return trajectory_metric(f, TrackedPoint::left_grip, "left hand", Motion::path_length);
  if (name == "path_length_head_m")
    return trajectory_metric(f, TrackedPoint::head, "head", Motion::path_length);
  if (name == "path_length_tool_m")
    return trajectory_metric(f, TrackedPoint::tool, "held tool", Motion::path_length);
  if (name == "idle_time_s")
    return trajectory_metric(f, TrackedPoint::right_grip, "right hand", Motion::idle_time);
  if (name == "ldlj_right")
    return trajectory_metric(f, TrackedPoint::right_grip, "right hand", Motion::ldlj);
  if (name == "sparc_right")
    return trajectory_metric(f, TrackedPoint::right_grip, "right hand", Motion::sparc);
  if (name.starts_with("technique.")) {
    const std::string_view id = name.substr(std::string_view("technique.").size());
    const auto band = std::find_if(f.bands.begin(), f.bands.end(),
                                   [&](const scenario::TechniqueBand& b) { return b.id == id; });
    if (band == f.bands.end()) {
      return {std::nullopt, "the scenario declares no technique band '" + std::string(id) + "'"};
    }
    const TechniqueResult& t = f.technique[static_cast<std::size_t>(band - f.bands.begin())];
    if (!t.fraction) return {std::nullopt, t.why_not};
    std::string detail = "in the band " + num(t.in_band_s) + " s of " + num(t.applicable_s) + " s";
    if (t.worst_end_s > t.worst_start_s) {
      detail += "; longest outside it from " + num(t.worst_start_s) + " s to " +
                num(t.worst_end_s) + " s";
      if (t.worst_value)
        detail +=
            ", reaching " + num(*t.worst_value) + unit_of(scenario::to_string(band->quantity));
    }
    return {*t.fraction,
            {},
            t.worst_end_s > t.worst_start_s ? std::optional(t.worst_start_s) : std::nullopt,
            band->subject,
            detail};
  }
  if (is_trade_metric(name)) {
    auto m = trade_metric(name, f.trade_results);
    MetricValue out{m.value, m.why_not, std::nullopt, {}, m.summary};
    if (m.decisive) {
      out.time_s = m.decisive->time_s;
      out.subject = m.decisive->object;
    }
    return out;
  }
  return {std::nullopt, "the record cannot provide the metric '" + std::string(name) +
                            "' (not a metric the assessment knows; see docs/scoring.md)"};
}

void score_steps(const scenario::Scenario& sc, const std::vector<Evidence>& ev, CriterionScore& c) {
  std::set<std::string, std::less<>> done;
  for (const auto& e : ev) {
    if (e.type == "step_completed") done.insert(e.subject);
  }
  const std::size_t required = sc.required_step_count();
  std::size_t completed = 0;
  std::vector<const scenario::Step*> missing;
  for (const auto& s : sc.steps) {
    if (s.optional) continue;
    if (done.contains(s.id)) {
      ++completed;
    } else {
      missing.push_back(&s);
    }
  }
  const double fraction =
      required == 0 ? 1.0 : static_cast<double>(completed) / static_cast<double>(required);
  c.measured = fraction;
  const double per_step = required == 0 ? 0.0 : c.points_possible / static_cast<double>(required);
  for (const auto* s : missing) {
    ScoreLine line{c.id,
                   0.0,
                   std::nullopt,
                   "step_completed",
                   s->id,
                   0.0,
                   1.0,
                   "required step '" + s->id + "' was not completed (" + num(per_step) + " of " +
                       num(c.points_possible) + " points per required step)"};
    deduct(c, std::move(line), per_step);
  }
}

void score_per_occurrence(const std::vector<Evidence>& ev, std::string_view type, CriterionScore& c,
                          double amount) {
  std::int64_t n = 0;
  for (const auto& e : ev) {
    if (e.type != type) continue;
    ++n;
    ScoreLine line{c.id, 0.0, e.time_s, e.type, e.subject, std::nullopt, 0.0, {}};
    if (type == "out_of_order") {
      line.text = "step '" + e.subject + "' was done out of order" +
                  (e.detail.empty() ? "" : " (before '" + e.detail + "')") + " at " +
                  num(e.time_s) + " s: -" + num(amount);
    } else {
      line.text = "hint shown for step '" + e.subject + "'" +
                  (e.detail == "requested" ? " on request" : "") + " at " + num(e.time_s) +
                  " s: -" + num(amount);
    }
    deduct(c, std::move(line), amount);
  }
  c.measured = static_cast<double>(n);
}

void score_safety(const scenario::Scenario& sc, const std::vector<Evidence>& ev,
                  const scenario::Criterion& rc, CriterionScore& c) {
  std::int64_t n = 0;
  for (const auto& e : ev) {
    if (e.type != "rule_violated") continue;
    ++n;
    auto severity = parse_severity(e.detail);
    if (!severity) {  // an older record without the detail: the package's rule says
      for (const auto& r : sc.rules) {
        if (r.id == e.subject) severity = r.severity;
      }
    }
    const auto sev = severity.value_or(scenario::Severity::critical);
    const double amount = rc.deduct_by_severity[static_cast<std::size_t>(sev)];
    ScoreLine line{c.id,
                   0.0,
                   e.time_s,
                   e.type,
                   e.subject,
                   std::nullopt,
                   0.0,
                   std::string(scenario::to_string(sev)) + " safety rule '" + e.subject +
                       "' violated at " + num(e.time_s) + " s: -" + num(amount)};
    deduct(c, std::move(line), amount);
  }
  c.measured = static_cast<double>(n);
}

void score_linear(const scenario::Criterion& rc, const MetricValue& m, std::string_view metric,
                  CriterionScore& c) {
  if (!m.value) {
    // A time criterion on an unfinished attempt scores 0; a metric without a value is withheld.
    c.available = rc.kind != CriterionKind::metric;
    ScoreLine line{c.id,
                   c.points_possible,
                   std::nullopt,
                   std::string(metric),
                   std::string(metric),
                   std::nullopt,
                   rc.full_at,
                   (rc.kind == CriterionKind::metric ? "not available: " : "") + m.why_not + "; " +
                       num(c.points_possible) + " points withheld"};
    c.points_earned = 0.0;
    c.lines.push_back(std::move(line));
    return;
  }
  const double v = *m.value;
  c.measured = v;
  const double earned = c.points_possible * linear_fraction(v, rc.full_at, rc.zero_at);
  c.points_earned = earned;
  if (earned < c.points_possible) {
    c.lines.push_back({c.id, c.points_possible - earned, m.time_s, std::string(metric),
                       m.subject.empty() ? std::string(metric) : m.subject, v, rc.full_at,
                       std::string(metric) + " was " + num(v) +
                           (m.detail.empty() ? "" : " (" + m.detail + ")") + "; full points at " +
                           num(rc.full_at) + ", none at " + num(rc.zero_at) + ": " + num(earned) +
                           " of " + num(c.points_possible)});
  }
}

}  // namespace

std::span<const std::string_view> available_metric_names() { return k_metrics; }

ScoreReport score_session(const scenario::Scenario& sc, std::span<const RecordEvent> events,
                          std::span<const RecordedFrame> frames, std::string_view content_hash) {
  ScoreReport r;
  r.rubric = {sc.meta.id, sc.meta.version, std::string(content_hash)};
  r.mastery_score = sc.meta.mastery_score;
  r.require_no_critical = sc.rubric.require_no_critical;

  const std::vector<Evidence> ev = decode(events);
  Facts f;
  f.frames = frames;
  f.trade_results = trade_results(events);
  f.bands = sc.technique;
  const std::vector<StepWindow> windows = step_windows(events);
  for (const auto& band : sc.technique)
    f.technique.push_back(technique_band(band, frames, windows));
  bool attempt_ended = false;
  for (const auto& e : ev) {
    if (e.type == "attempt_ended" && !attempt_ended) {
      attempt_ended = true;
      f.outcome = e.detail.empty() ? "incomplete" : e.detail;
      if (e.detail == "completed") f.completion_time_s = e.time_s;
    } else if (e.type == "session_ended" && !attempt_ended && !e.detail.empty()) {
      f.outcome = e.detail == "running" ? "incomplete" : e.detail;
    } else if (e.type == "hint_shown") {
      ++f.hints;
    } else if (e.type == "out_of_order") {
      ++f.out_of_order;
    } else if (e.type == "rule_violated") {
      ++f.violations;
      if (e.detail == "critical") r.critical_violation = true;
    }
  }
  if (f.outcome == "failed_critical") r.critical_violation = true;
  r.outcome = f.outcome;
  r.completion_time_s = f.completion_time_s.value_or(-1.0);

  const std::string language = sc.meta.languages.empty() ? "en" : sc.meta.languages.front();
  for (const auto& rc : sc.rubric.criteria) {
    CriterionScore c;
    c.id = rc.id;
    c.kind = rc.kind;
    c.title = rc.title_key.empty() ? rc.id : std::string(sc.strings.get(language, rc.title_key));
    c.points_possible = rc.points;
    c.points_earned = rc.points;
    switch (rc.kind) {
      case CriterionKind::step_completion:
        score_steps(sc, ev, c);
        break;
      case CriterionKind::order:
        score_per_occurrence(ev, "out_of_order", c, rc.deduct);
        break;
      case CriterionKind::hints:
        score_per_occurrence(ev, "hint_shown", c, rc.deduct);
        break;
      case CriterionKind::safety:
        score_safety(sc, ev, rc, c);
        break;
      case CriterionKind::time:
        score_linear(rc, compute_metric("completion_time_s", f), "completion_time_s", c);
        break;
      case CriterionKind::metric:
        score_linear(rc, compute_metric(rc.metric, f), rc.metric, c);
        break;
    }
    r.points_possible += c.points_possible;
    r.points_earned += c.points_earned;
    r.criteria.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < sc.technique.size(); ++i) {
    const auto& band = sc.technique[i];
    const TechniqueResult& t = f.technique[i];
    TechniqueSummary ts;
    ts.id = band.id;
    ts.label =
        band.label_key.empty() ? band.id : std::string(sc.strings.get(language, band.label_key));
    ts.subject = band.subject;
    ts.quantity = std::string(scenario::to_string(band.quantity));
    ts.min = band.min;
    if (std::isfinite(band.max)) ts.max = band.max;
    ts.during_step = band.during_step;
    ts.while_holding = band.while_holding;
    ts.fraction = t.fraction;
    ts.applicable_s = t.applicable_s;
    ts.in_band_s = t.in_band_s;
    if (t.worst_end_s > t.worst_start_s) {
      ts.worst_from_s = t.worst_start_s;
      ts.worst_to_s = t.worst_end_s;
      ts.worst_value = t.worst_value;
    }
    ts.why_not = t.why_not;
    r.technique.push_back(std::move(ts));
  }
  r.total = r.points_possible > 0.0 ? 100.0 * r.points_earned / r.points_possible : 0.0;
  r.scaled = r.total / 100.0;
  // Compare with a tolerance so 59.99999999 from a sum of fractions is not a fail at 60.
  const bool score_ok = r.total + 1e-9 >= r.mastery_score;
  if (!score_ok) {
    r.reasons.push_back("the score " + num(r.total) + " is below the mastery score " +
                        num(r.mastery_score));
  }
  if (r.require_no_critical && r.critical_violation) {
    r.reasons.push_back("a critical safety violation fails the attempt whatever the score");
  }
  r.passed = r.reasons.empty();
  return r;
}

nlohmann::json to_json(const ScoreReport& r) {
  nlohmann::json j{
      {"rubric",
       {{"scenario_id", r.rubric.scenario_id},
        {"scenario_version", r.rubric.scenario_version},
        {"content_hash", r.rubric.content_hash}}},
      {"outcome", r.outcome},
      {"completion_time_s",
       r.completion_time_s >= 0.0 ? nlohmann::json(r.completion_time_s) : nlohmann::json(nullptr)},
      {"points_possible", r.points_possible},
      {"points_earned", r.points_earned},
      {"total", r.total},
      {"scaled", r.scaled},
      {"mastery_score", r.mastery_score},
      {"require_no_critical", r.require_no_critical},
      {"critical_violation", r.critical_violation},
      {"passed", r.passed},
      {"reasons", r.reasons}};
  auto& list = j["criteria"] = nlohmann::json::array();
  for (const auto& c : r.criteria) {
    nlohmann::json cj{{"id", c.id},
                      {"kind", std::string(scenario::to_string(c.kind))},
                      {"title", c.title},
                      {"points_possible", c.points_possible},
                      {"points_earned", c.points_earned},
                      {"available", c.available},
                      {"measured", c.measured ? nlohmann::json(*c.measured) : nlohmann::json()}};
    auto& lines = cj["lines"] = nlohmann::json::array();
    for (const auto& l : c.lines) {
      lines.push_back({{"criterion", l.criterion},
                       {"points_lost", l.points_lost},
                       {"time_s", l.time_s ? nlohmann::json(*l.time_s) : nlohmann::json()},
                       {"evidence", l.evidence},
                       {"subject", l.subject},
                       {"value", l.value ? nlohmann::json(*l.value) : nlohmann::json()},
                       {"target", l.target ? nlohmann::json(*l.target) : nlohmann::json()},
                       {"text", l.text}});
    }
    list.push_back(std::move(cj));
  }
  const auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  auto& bands = j["technique"] = nlohmann::json::array();
  for (const auto& t : r.technique) {
    bands.push_back(
        {{"id", t.id},
         {"metric", "technique." + t.id},
         {"label", t.label},
         {"subject", t.subject},
         {"quantity", t.quantity},
         {"min", t.min},
         {"max", opt(t.max)},
         {"during_step", t.during_step},
         {"while_holding", t.while_holding},
         {"fraction", opt(t.fraction)},
         {"applicable_s", t.applicable_s},
         {"in_band_s", t.in_band_s},
         {"worst_outside", t.worst_from_s ? nlohmann::json{{"from_s", *t.worst_from_s},
                                                           {"to_s", opt(t.worst_to_s)},
                                                           {"value", opt(t.worst_value)}}
                                          : nlohmann::json()},
         {"why_not", t.why_not}});
  }
  return j;
}

std::string to_text(const ScoreReport& r) {
  std::string out = "score: " + num(r.total) + " / 100 (" + (r.passed ? "pass" : "fail") +
                    ", mastery " + num(r.mastery_score) + ")\n";
  out += "rubric: " + r.rubric.scenario_id + " " + r.rubric.scenario_version +
         (r.rubric.content_hash.empty() ? "" : " (content " + r.rubric.content_hash + ")") + "\n";
  out += "outcome: " + r.outcome;
  if (r.completion_time_s >= 0.0) out += " in " + num(r.completion_time_s) + " s";
  out += "\n";
  if (r.points_possible != 100.0 && r.points_possible > 0.0) {
    out += "the rubric's points add up to " + num(r.points_possible) + "; the total is " +
           num(r.points_earned) + " / " + num(r.points_possible) + " scaled to 100\n";
  }
  for (const auto& c : r.criteria) {
    out += "  " + c.id + " (" + std::string(scenario::to_string(c.kind)) + ", " + c.title +
           "): " + num(c.points_earned) + " / " + num(c.points_possible) +
           (c.available ? "" : " [not available]") + "\n";
    for (const auto& l : c.lines) {
      out += "    -" + num(l.points_lost) + "  " + l.text + "\n";
    }
  }
  for (const auto& t : r.technique) {
    const std::string unit = unit_of(t.quantity);
    out += "  technique." + t.id + " (" + t.label + ", " + t.subject + " " + t.quantity + " " +
           num(t.min) + ".." + (t.max ? num(*t.max) : std::string("any")) + unit + "): ";
    if (!t.fraction) {
      out += "not available: " + t.why_not + "\n";
      continue;
    }
    out += num(*t.fraction) + " (" + num(t.in_band_s) + " s of " + num(t.applicable_s) + " s)";
    if (t.worst_from_s) {
      out += "; longest outside " + num(*t.worst_from_s) + "-" + num(t.worst_to_s.value_or(0.0)) +
             " s" + (t.worst_value ? ", reaching " + num(*t.worst_value) + unit : "");
    }
    out += "\n";
  }
  for (const auto& reason : r.reasons) out += "fail: " + reason + "\n";
  return out;
}

}  // namespace txr::assessment
