// The tightening-procedure check on its own: passes, star order, skipped and short passes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/mechanical/tightening_procedure.hpp"

using namespace txr::sim;
using namespace txr::sim::mechanical;

namespace {

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i <= n; ++i) out.push_back("b" + std::to_string(i));
  return out;
}

// 1-based bolt numbers, as a fitter says them.
void go(TighteningProcedure& p, const std::vector<std::size_t>& bolts, double torque_nm) {
  for (std::size_t b : bolts) p.stroke(b - 1, torque_nm);
}

const std::vector<std::size_t> k_star = {1, 5, 3, 7, 2, 6, 4, 8};
const std::vector<std::size_t> k_round = {1, 2, 3, 4, 5, 6, 7, 8};

}  // namespace

TEST_CASE("[flange] three star passes and a check pass complete the plan without an error") {
  EventLog log;
  EventChannel channel(&log);
  TighteningProcedure p("flange", names(8), TighteningPlan{}, &channel);
  CHECK(p.total_passes() == 4);
  go(p, k_star, 22.0);
  CHECK(p.passes_done() == 1);
  go(p, k_star, 50.0);
  go(p, k_star, 72.0);
  CHECK(p.passes_done() == 3);
  CHECK_FALSE(p.complete());
  go(p, k_star, 73.0);
  CHECK(p.complete());
  CHECK(p.sequence_errors() == 0);
  CHECK(p.skipped_passes() == 0);
  CHECK(p.short_strokes() == 0);
  CHECK(log.count(EventKind::pass_completed) == 4);
  CHECK(log.count(EventKind::sequence_error) == 0);
  for (std::size_t i = 0; i < 8; ++i) CHECK(p.pass_count(i) == 4);
}

TEST_CASE("[flange] going round instead of across is a sequence error naming the bolt") {
  EventLog log;
  EventChannel channel(&log);
  TighteningProcedure p("flange", names(8), TighteningPlan{}, &channel);
  p.stroke(0, 22.0);
  REQUIRE(p.expected_next() == std::optional<std::size_t>(4));  // bolt 5, across
  p.stroke(1, 22.0);
  CHECK(p.sequence_errors() == 1);
  const SimEvent* e = log.first(EventKind::sequence_error);
  REQUIRE(e != nullptr);
  CHECK(e->source == "flange");
  CHECK(e->detail == "b2");
  CHECK(e->value == 5.0);
  go(p, {3, 4, 5, 6, 7, 8}, 22.0);
  // Against "the first bolt of the star not yet done": 2, 3, 4 and 6 were out of turn.
  CHECK(p.sequence_errors() == 4);
  CHECK(p.passes_done() == 1);  // the pass still counts: every bolt had it
}

TEST_CASE("[flange] a pass may start at any bolt and follow the star from there") {
  TighteningProcedure p("flange", names(8), TighteningPlan{}, nullptr);
  go(p, {3, 7, 5, 1, 4, 8, 6, 2}, 22.0);  // the star turned to start at bolt 3
  CHECK(p.passes_done() == 1);
  CHECK(p.sequence_errors() == 0);
  CHECK_FALSE(p.expected_next().has_value());  // the next pass has not started
}

TEST_CASE("[flange] one pass straight to full torque skips the 30 and 70 percent passes") {
  EventLog log;
  EventChannel channel(&log);
  TighteningProcedure p("flange", names(8), TighteningPlan{}, &channel);
  CHECK(p.stroke(0, 72.0) == StrokeResult::skipped);
  CHECK(p.skipped_passes() == 2);
  CHECK(p.pass_count(0) == 3);
  go(p, {5, 3, 7, 2, 6, 4, 8}, 72.0);
  CHECK(p.skipped_passes() == 16);
  CHECK(log.count(EventKind::pass_skipped) == 16);
  CHECK(p.passes_done() == 3);
  CHECK(p.sequence_errors() == 0);
  go(p, k_star, 72.0);  // the check pass
  CHECK(p.complete());
}

TEST_CASE("[flange] a wrench left at the last pass's setting gives short strokes, not a pass") {
  TighteningProcedure p("flange", names(8), TighteningPlan{}, nullptr);
  go(p, k_star, 22.0);
  CHECK(p.stroke(0, 22.5) == StrokeResult::short_of_pass);
  go(p, {5, 3, 7, 2, 6, 4, 8}, 22.5);
  CHECK(p.short_strokes() == 8);
  CHECK(p.passes_done() == 1);
  CHECK(p.pass_count(4) == 1);
  // Re-set to full torque: the 70 % pass is skipped on every bolt.
  go(p, k_star, 72.0);
  CHECK(p.skipped_passes() == 8);
  CHECK(p.passes_done() == 3);
}

TEST_CASE("[flange] clicking the same bolt twice in a row changes nothing") {
  TighteningProcedure p("flange", names(8), TighteningPlan{}, nullptr);
  p.stroke(0, 22.0);
  CHECK(p.stroke(0, 22.3) == StrokeResult::repeat);
  CHECK(p.pass_count(0) == 1);
  CHECK(p.sequence_errors() == 0);
  CHECK(p.stroke(4, 1.0) == StrokeResult::touch);  // put on without a pull
  CHECK(p.pass_count(4) == 0);
  CHECK(p.expected_next() == std::optional<std::size_t>(4));
}

TEST_CASE("[flange] taking one bolt through its passes before the others is out of order") {
  TighteningProcedure p("flange", names(8), TighteningPlan{}, nullptr);
  p.stroke(0, 22.0);
  p.stroke(4, 22.0);
  p.stroke(0, 50.0);  // bolt 1 again before the first pass went round
  CHECK(p.sequence_errors() == 1);
  CHECK(p.pass_count(0) == 2);
}

TEST_CASE("[flange] check passes follow the order the plan names") {
  TighteningPlan round_check;
  round_check.check_order = CheckOrder::round;
  TighteningProcedure a("a", names(8), round_check, nullptr);
  go(a, k_star, 22.0);
  go(a, k_star, 50.0);
  go(a, k_star, 72.0);
  go(a, k_round, 72.0);
  CHECK(a.complete());
  CHECK(a.sequence_errors() == 0);

  TighteningProcedure b("b", names(8), TighteningPlan{}, nullptr);  // star check pass
  go(b, k_star, 22.0);
  go(b, k_star, 50.0);
  go(b, k_star, 72.0);
  go(b, k_round, 72.0);
  CHECK(b.complete());
  CHECK(b.sequence_errors() == 4);

  TighteningPlan any = round_check;
  any.check_order = CheckOrder::any;
  TighteningProcedure c("c", names(8), any, nullptr);
  go(c, k_star, 22.0);
  go(c, k_star, 50.0);
  go(c, k_star, 72.0);
  go(c, {8, 1, 2, 7, 6, 3, 4, 5}, 72.0);
  CHECK(c.sequence_errors() == 0);
}

TEST_CASE("[flange] a plan with overlapping passes or a bad check order is refused") {
  CHECK(validate(TighteningPlan{}).has_value());
  TighteningPlan close;
  close.pass_torques_nm = {60.0, 70.0};
  CHECK_FALSE(validate(close).has_value());
  TighteningPlan falling;
  falling.pass_torques_nm = {70.0, 30.0};
  CHECK_FALSE(validate(falling).has_value());
  TighteningPlan none;
  none.pass_torques_nm.clear();
  CHECK_FALSE(validate(none).has_value());
  CHECK(parse_check_order("round") == CheckOrder::round);
  const auto bad = parse_check_order("spiral");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.find("star, round or any") != std::string::npos);
}
