#pragma once
// Rubric scoring from a session record: turns the recorded events (and, for motion metrics, the
// recorded frames) into points per rubric criterion, a 0–100 total and a pass/fail decision.
// Every point not given is a ScoreLine tied to its criterion with the evidence behind it, so a
// trainer can check a score line by line. Pure and deterministic: same inputs, same report.
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "assessment/reader.hpp"
#include "scenario/scenario.hpp"

namespace txr::assessment {

// One explained loss of points.
struct ScoreLine {
  std::string criterion;         // rubric criterion id
  double points_lost = 0.0;      // in rubric points (before normalisation)
  std::optional<double> time_s;  // when the evidence happened, if it is an event
  std::string evidence;          // the event type or metric name, e.g. "out_of_order"
  std::string subject;           // step, rule or metric the evidence is about
  std::optional<double> value;   // what was measured (time, metric value, count)
  std::optional<double> target;  // what full points needed
  std::string text;              // the explanation, in English
};

struct CriterionScore {
  std::string id;
  scenario::CriterionKind kind = scenario::CriterionKind::step_completion;
  std::string title;               // the title text in the package's default language
  double points_possible = 0.0;    // as written in the rubric
  double points_earned = 0.0;      // 0..points_possible
  bool available = true;           // false: a metric the record cannot provide (points withheld)
  std::optional<double> measured;  // steps fraction, completion time, metric value
  std::vector<ScoreLine> lines;    // sum of points_lost == points_possible - points_earned
};

// A technique band of the scenario as measured in this record, whether a rubric line scores it
// or not, so an instructor sees every band's share and where it was lost.
struct TechniqueSummary {
  std::string id;        // the metric is technique.<id>
  std::string label;     // in the package's default language
  std::string subject;   // right_hand, left_hand or a tool's object id
  std::string quantity;  // angle_deg, speed_m_s or distance_m
  double min = 0.0;
  std::optional<double> max;       // none: no upper limit
  std::string during_step;         // empty: not gated by a step
  std::string while_holding;       // empty: not gated by a held object
  std::optional<double> fraction;  // none: the band never applied (why_not says why)
  double applicable_s = 0.0;       // time the band applied
  double in_band_s = 0.0;
  // The longest stretch outside the band (none if never outside) and the worst value in it.
  std::optional<double> worst_from_s, worst_to_s, worst_value;
  std::string why_not;
};

struct RubricVersion {
  std::string scenario_id;
  std::string scenario_version;
  std::string content_hash;  // as passed to score_session (empty: unknown)
};

struct ScoreReport {
  RubricVersion rubric;
  std::string outcome;              // completed, failed_critical, timed_out or incomplete
  double completion_time_s = -1.0;  // < 0: the attempt did not complete
  std::vector<CriterionScore> criteria;
  double points_possible = 0.0;  // sum of the rubric's points
  double points_earned = 0.0;
  double total = 0.0;   // 0..100: points_earned scaled to 100 (see docs/scoring.md)
  double scaled = 0.0;  // total / 100
  double mastery_score = 0.0;
  bool require_no_critical = true;
  bool critical_violation = false;
  bool passed = false;
  std::vector<std::string> reasons;         // why it failed (empty when passed)
  std::vector<TechniqueSummary> technique;  // every band the scenario declares, in order
};

// Metric names the record can provide (see docs/scoring.md); anything else is "not available".
std::span<const std::string_view> available_metric_names();

// `events` in record order (RecordEvent payloads are the recorder's {"detail", "value"} JSON);
// `frames` only feed motion metrics (may be empty); `content_hash` names the package content the
// rubric came from (session::scenario_content_hash) and is copied into the report.
ScoreReport score_session(const scenario::Scenario& scenario, std::span<const RecordEvent> events,
                          std::span<const RecordedFrame> frames = {},
                          std::string_view content_hash = {});

nlohmann::json to_json(const ScoreReport& report);
std::string to_text(const ScoreReport& report);

}  // namespace txr::assessment
