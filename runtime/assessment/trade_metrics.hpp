#pragma once
// Accuracy metrics from the trade models' graded results. A trade binding records each result
// as a `trade_result` event (subject: the object, payload {"detail": quantity, "value",
// "target"}); the metrics here are defined over those events only, so a re-score from the
// record gives exactly the live figures. Definitions: docs/scoring.md, "Trade metrics".
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/reader.hpp"

namespace txr::assessment {

struct TradeResultEvidence {
  double time_s = 0.0;
  std::string object;    // e.g. bolt_1, shaft
  std::string quantity;  // torque_nm, size_mm, judgement, ...
  double value = 0.0;    // achieved / read / decided (judgement: 1 accept, 0 reject)
  double target = 0.0;   // specified / true / right
};

struct TradeMetricValue {
  std::optional<double> value;
  std::string why_not;  // when there is no value
  // The result behind the value: the worst one (max, mean: the worst contributor; fraction
  // correct: the first wrong one) so a score line can cite its time and object.
  std::optional<TradeResultEvidence> decisive;
  std::size_t results_used = 0;
  std::string summary;  // e.g. "bolt 80.6 for 72 (11.94 %)"; one entry per result used
};

// The trade results of a record, in record order (events of another type are skipped; a
// trade_result without a numeric value and target is skipped too).
std::vector<TradeResultEvidence> trade_results(std::span<const RecordEvent> events);

// The names below, in documentation order.
std::span<const std::string_view> trade_metric_names();
bool is_trade_metric(std::string_view name);

// torque_error_pct       max over bolts of |final torque − target| / target × 100
// torque_error_pct_mean  mean of the same
// measurement_error_mm   mean over every recorded reading of |reading − true size|
// measurement_error_mm_max  max of the same
// judgement_correct      fraction (0–1) of judged objects whose last judgement was right
// "Final" is the object's last result in the record; a lasting result (a bolt's torque) is
// recorded once it has settled and when the attempt ends.
TradeMetricValue trade_metric(std::string_view name, std::span<const TradeResultEvidence> results);

}  // namespace txr::assessment
