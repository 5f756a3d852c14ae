// Accuracy metrics from trade results (torque, measurement, judgement) and how the rubric
// scores them, on synthetic `trade_result` events.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "assessment/scoring.hpp"
#include "assessment/trade_metrics.hpp"
#include "scenario/package_loader.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;
namespace sc = txr::scenario;

namespace {

a::RecordEvent result(double t, std::string object, std::string quantity, double value,
                      double target) {
  a::RecordEvent e;
  e.time_s = t;
  e.type = "trade_result";
  e.subject = std::move(object);
  e.payload_json =
      nlohmann::json{{"detail", quantity}, {"value", value}, {"target", target}}.dump();
  return e;
}

a::RecordEvent plain(double t, std::string type, std::string subject, nlohmann::json payload) {
  a::RecordEvent e;
  e.time_s = t;
  e.type = std::move(type);
  e.subject = std::move(subject);
  e.payload_json = payload.dump();
  return e;
}

}  // namespace

TEST_CASE("[assessment] torque error uses each bolt's final torque against its target") {
  // bolt_1 is re-tightened: only its last result (73.44 for 72 -> 2 %) counts.
  // bolt_2 ends at 64.8 for 72 -> 10 %. Max 10 %, mean 6 %.
  const std::vector<a::RecordEvent> events{
      result(1.0, "bolt_1", "torque_nm", 21.6, 72), result(2.0, "bolt_2", "torque_nm", 64.8, 72),
      plain(2.5, "click", "wrench", {{"detail", "t_bolt"}, {"value", 72.1}}),
      result(3.0, "bolt_1", "torque_nm", 73.44, 72)};
  const auto results = a::trade_results(events);
  REQUIRE(results.size() == 3);
  const auto max = a::trade_metric("torque_error_pct", results);
  REQUIRE(max.value);
  CHECK(*max.value == doctest::Approx(10.0));
  CHECK(max.results_used == 2);
  REQUIRE(max.decisive);
  CHECK(max.decisive->object == "bolt_2");
  CHECK(max.decisive->time_s == doctest::Approx(2.0));
  const auto mean = a::trade_metric("torque_error_pct_mean", results);
  REQUIRE(mean.value);
  CHECK(*mean.value == doctest::Approx(6.0));
}

TEST_CASE("[assessment] measurement error counts every reading and judgement the last decision") {
  // Readings of a 24.990 mm shaft: 25.01 (0.02 off), 24.98 (0.01 off), 24.99 (exact).
  // Judgements: shaft first rejected (wrong: it is good) then accepted (right); pin accepted
  // though it is out of tolerance (wrong). Fraction right = 1/2.
  const std::vector<a::RecordEvent> events{
      result(1, "shaft", "size_mm", 25.01, 24.99), result(2, "shaft", "size_mm", 24.98, 24.99),
      result(3, "shaft", "size_mm", 24.99, 24.99), result(4, "shaft", "judgement", 0, 1),
      result(5, "pin", "judgement", 1, 0),         result(6, "shaft", "judgement", 1, 1)};
  const auto results = a::trade_results(events);
  const auto mean = a::trade_metric("measurement_error_mm", results);
  REQUIRE(mean.value);
  CHECK(*mean.value == doctest::Approx(0.01));
  CHECK(mean.results_used == 3);
  const auto max = a::trade_metric("measurement_error_mm_max", results);
  CHECK(max.value.value_or(-1) == doctest::Approx(0.02));
  CHECK(max.decisive->time_s == doctest::Approx(1.0));
  const auto judged = a::trade_metric("judgement_correct", results);
  REQUIRE(judged.value);
  CHECK(*judged.value == doctest::Approx(0.5));
  CHECK(judged.decisive->object == "pin");
  CHECK(judged.summary.find("pin 1 for 0 (wrong)") != std::string::npos);
  // No result of a quantity: not available, saying which quantity is missing.
  const auto none = a::trade_metric("torque_error_pct", results);
  CHECK_FALSE(none.value);
  CHECK(none.why_not.find("torque_nm") != std::string::npos);
}

TEST_CASE("[assessment] a rubric line on torque_error_pct scores the worst bolt with evidence") {
  auto loaded = sc::load_package(txr::test::source_dir() / "tests/session/fixtures/pick-place");
  REQUIRE(loaded.scenario);
  sc::Scenario s = *loaded.scenario;
  s.rubric.criteria.clear();
  sc::Criterion torque;
  torque.id = "torque";
  torque.kind = sc::CriterionKind::metric;
  torque.metric = "torque_error_pct";
  torque.points = 100;
  torque.full_at = 4;
  torque.zero_at = 20;
  s.rubric.criteria.push_back(torque);
  // 84 for 72 -> 16.67 %: (20 - 16.67) / 16 of 100 points = 20.83.
  const std::vector<a::RecordEvent> events{result(4.5, "bolt", "torque_nm", 84, 72)};
  const auto r = a::score_session(s, events);
  REQUIRE(r.criteria.size() == 1);
  const auto& c = r.criteria[0];
  CHECK(c.available);
  CHECK(c.measured.value_or(-1) == doctest::Approx(100.0 / 6.0));
  CHECK(c.points_earned == doctest::Approx(100.0 * (20.0 - 100.0 / 6.0) / 16.0));
  REQUIRE(c.lines.size() == 1);
  CHECK(c.lines[0].subject == "bolt");
  CHECK(c.lines[0].time_s.value_or(-1) == doctest::Approx(4.5));
  CHECK(c.lines[0].text.find("bolt 84 for 72") != std::string::npos);
  // Within the wrench's ±4 %: full points, no line.
  const std::vector<a::RecordEvent> good{result(4.5, "bolt", "torque_nm", 73.5, 72)};
  const auto g = a::score_session(s, good);
  CHECK(g.criteria[0].points_earned == doctest::Approx(100));
  CHECK(g.criteria[0].lines.empty());
}
