// Rubric scoring on synthetic event lists against the pick-place fixture package.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "assessment/scoring.hpp"
#include "scenario/package_loader.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;
namespace sc = txr::scenario;

namespace {

sc::Scenario pick_place() {
  auto loaded = sc::load_package(txr::test::source_dir() / "tests/session/fixtures/pick-place");
  REQUIRE(loaded.scenario);
  return *loaded.scenario;
}

// pick-place with every criterion kind: 40 + 10 + 10 + 20 + 5 + 15 = 100.
sc::Scenario full_rubric() {
  sc::Scenario s = pick_place();
  auto crit = [](std::string id, sc::CriterionKind kind, double points) {
    sc::Criterion c;
    c.id = std::move(id);
    c.kind = kind;
    c.points = points;
    return c;
  };
  s.rubric.criteria.clear();
  s.rubric.criteria.push_back(crit("steps", sc::CriterionKind::step_completion, 40));
  auto order = crit("order", sc::CriterionKind::order, 10);
  order.deduct = 4;
  s.rubric.criteria.push_back(order);
  auto time = crit("time", sc::CriterionKind::time, 10);
  time.full_at = 60;
  time.zero_at = 120;
  s.rubric.criteria.push_back(time);
  auto safety = crit("safety", sc::CriterionKind::safety, 20);
  safety.deduct_by_severity = {2, 10, 20};
  s.rubric.criteria.push_back(safety);
  auto hints = crit("hints", sc::CriterionKind::hints, 5);
  hints.deduct = 2;
  s.rubric.criteria.push_back(hints);
  auto torque = crit("torque", sc::CriterionKind::metric, 15);
  torque.metric = "hints_shown";  // a metric the record provides; tests change it
  torque.full_at = 0;
  torque.zero_at = 10;
  s.rubric.criteria.push_back(torque);
  return s;
}

a::RecordEvent ev(double t, std::string type, std::string subject, nlohmann::json payload = {}) {
  a::RecordEvent e;
  e.time_s = t;
  e.type = std::move(type);
  e.subject = std::move(subject);
  e.payload_json = payload.is_null() ? "{}" : payload.dump();
  return e;
}

std::vector<a::RecordEvent> clean_attempt(double end_s) {
  return {ev(0, "session_started", "pick-place", {{"package", "x"}, {"physics_hz", 240.0}}),
          ev(0, "step_started", "place_part"),
          ev(5, "step_completed", "place_part"),
          ev(9, "step_completed", "turn_knob"),
          ev(end_s, "step_completed", "press_button"),
          ev(end_s, "attempt_ended", "", {{"detail", "completed"}}),
          ev(end_s, "session_ended", "pick-place", {{"outcome", "completed"}})};
}

const a::CriterionScore& criterion(const a::ScoreReport& r, std::string_view id) {
  for (const auto& c : r.criteria) {
    if (c.id == id) return c;
  }
  FAIL("no criterion " << id);
  return r.criteria.front();
}

double lost(const a::CriterionScore& c) {
  double sum = 0;
  for (const auto& l : c.lines) sum += l.points_lost;
  return sum;
}

}  // namespace

TEST_CASE("[assessment] a clean complete attempt gets full marks and passes") {
  const auto s = pick_place();
  const auto events = clean_attempt(12);
  const auto r = a::score_session(s, events, {}, "abc123");
  CHECK(r.total == doctest::Approx(100));
  CHECK(r.scaled == doctest::Approx(1));
  CHECK(r.passed);
  CHECK(r.outcome == "completed");
  CHECK(r.completion_time_s == doctest::Approx(12));
  CHECK(r.rubric.scenario_id == "pick-place");
  CHECK(r.rubric.scenario_version == "1.0.0");
  CHECK(r.rubric.content_hash == "abc123");
  for (const auto& c : r.criteria) CHECK(c.lines.empty());
  CHECK(a::to_text(r).find("pass") != std::string::npos);
}

TEST_CASE("[assessment] missing steps lose their share of points with a line per step") {
  const auto s = pick_place();
  std::vector<a::RecordEvent> events{
      ev(5, "step_completed", "place_part"),
      ev(20, "session_ended", "pick-place", {{"outcome", "running"}})};
  const auto r = a::score_session(s, events);
  const auto& steps = criterion(r, "steps");
  CHECK(steps.points_earned == doctest::Approx(70.0 / 3.0));
  REQUIRE(steps.lines.size() == 2);
  CHECK(steps.lines[0].subject == "turn_knob");
  CHECK(steps.lines[1].subject == "press_button");
  CHECK(lost(steps) == doctest::Approx(70.0 * 2.0 / 3.0));
  CHECK(r.outcome == "incomplete");
  CHECK_FALSE(r.passed);  // 23.3 + 30 < 60
  CHECK(r.reasons.front().find("below the mastery score 60") != std::string::npos);
}

TEST_CASE("[assessment] out-of-order, safety and hint deductions are exact and explained") {
  const auto s = full_rubric();
  auto events = clean_attempt(50);
  events.push_back(ev(3, "out_of_order", "turn_knob", {{"detail", "place_part"}}));
  events.push_back(ev(7, "rule_violated", "dropped_part", {{"detail", "warning"}}));
  events.push_back(ev(8, "rule_violated", "dropped_part", {{"detail", "major"}}));
  events.push_back(ev(4, "hint_shown", "place_part", {{"detail", "requested"}}));
  const auto r = a::score_session(s, events);
  CHECK(criterion(r, "order").points_earned == doctest::Approx(6));
  REQUIRE(criterion(r, "order").lines.size() == 1);
  const auto& line = criterion(r, "order").lines[0];
  CHECK(line.criterion == "order");
  CHECK(line.points_lost == doctest::Approx(4));
  REQUIRE(line.time_s);
  CHECK(*line.time_s == doctest::Approx(3));
  CHECK(line.text.find("before 'place_part'") != std::string::npos);
  CHECK(criterion(r, "safety").points_earned == doctest::Approx(20 - 2 - 10));
  CHECK(criterion(r, "safety").lines.size() == 2);
  CHECK(criterion(r, "hints").points_earned == doctest::Approx(3));
  // metric hints_shown: 1 hint on 0 → 10 gives 13.5 of 15.
  CHECK(criterion(r, "torque").points_earned == doctest::Approx(13.5));
  CHECK(criterion(r, "time").points_earned == doctest::Approx(10));
  CHECK(r.total == doctest::Approx(40 + 6 + 10 + 8 + 3 + 13.5));
  for (const auto& c : r.criteria) {
    CHECK(lost(c) == doctest::Approx(c.points_possible - c.points_earned));
  }
}

TEST_CASE("[assessment] deductions stop at zero for the criterion") {
  const auto s = full_rubric();
  auto events = clean_attempt(50);
  for (int i = 0; i < 4; ++i) events.push_back(ev(10 + i, "out_of_order", "turn_knob"));
  for (int i = 0; i < 2; ++i) {
    events.push_back(ev(20 + i, "rule_violated", "dropped_part", {{"detail", "major"}}));
  }
  const auto r = a::score_session(s, events);
  const auto& order = criterion(r, "order");
  CHECK(order.points_earned == 0);
  REQUIRE(order.lines.size() == 4);
  CHECK(order.lines[2].points_lost == doctest::Approx(2));  // 4 + 4 + 2: only 2 were left
  CHECK(order.lines[3].points_lost == 0);
  CHECK(order.lines[3].text.find("does not go below 0") != std::string::npos);
  CHECK(criterion(r, "safety").points_earned == 0);
  CHECK(lost(criterion(r, "safety")) == doctest::Approx(20));
}

TEST_CASE("[assessment] time points fall linearly between full_at and zero_at") {
  const auto s = full_rubric();
  CHECK(criterion(a::score_session(s, clean_attempt(60)), "time").points_earned ==
        doctest::Approx(10));
  CHECK(criterion(a::score_session(s, clean_attempt(75)), "time").points_earned ==
        doctest::Approx(7.5));
  CHECK(criterion(a::score_session(s, clean_attempt(90)), "time").points_earned ==
        doctest::Approx(5));
  CHECK(criterion(a::score_session(s, clean_attempt(200)), "time").points_earned == 0);
  const auto r = a::score_session(s, clean_attempt(90));
  const auto& line = criterion(r, "time").lines.at(0);
  CHECK(line.value.value_or(0) == doctest::Approx(90));
  CHECK(line.target.value_or(0) == doctest::Approx(60));
  // An attempt that did not complete gets no time points.
  std::vector<a::RecordEvent> timed_out{ev(30, "attempt_ended", "", {{"detail", "timed_out"}})};
  const auto t = a::score_session(s, timed_out);
  CHECK(criterion(t, "time").points_earned == 0);
  CHECK(criterion(t, "time").lines.at(0).text.find("did not complete (timed_out)") !=
        std::string::npos);
}

TEST_CASE("[assessment] a critical violation fails despite a high score") {
  const auto s = pick_place();
  auto events = clean_attempt(12);
  events.push_back(ev(6, "rule_violated", "dropped_part", {{"detail", "critical"}}));
  const auto r = a::score_session(s, events);
  CHECK(r.total == doctest::Approx(70));  // above mastery 60
  CHECK(r.critical_violation);
  CHECK_FALSE(r.passed);
  CHECK(r.reasons.size() == 1);
  CHECK(a::to_text(r).find("fail: a critical safety violation") != std::string::npos);
  // Without the rule the same score passes.
  auto lenient = s;
  lenient.rubric.require_no_critical = false;
  CHECK(a::score_session(lenient, events).passed);
}

TEST_CASE("[assessment] an unavailable metric withholds its points with an explicit line") {
  auto s = full_rubric();
  s.rubric.criteria.back().metric = "torque_error_pct";
  const auto r = a::score_session(s, clean_attempt(50));
  const auto& torque = criterion(r, "torque");
  CHECK_FALSE(torque.available);
  CHECK(torque.points_earned == 0);
  REQUIRE(torque.lines.size() == 1);
  CHECK(torque.lines[0].points_lost == doctest::Approx(15));
  CHECK(torque.lines[0].text.find("not available") != std::string::npos);
  CHECK(torque.lines[0].text.find("torque_error_pct") != std::string::npos);
  CHECK(r.total == doctest::Approx(85));
  // A motion metric with no frames is withheld the same way.
  s.rubric.criteria.back().metric = "path_length_right_m";
  const auto p = a::score_session(s, clean_attempt(50));
  CHECK_FALSE(criterion(p, "torque").available);
  CHECK(criterion(p, "torque").lines.at(0).text.find("no frames") != std::string::npos);
}

TEST_CASE("[assessment] path length comes from the recorded right-hand frames") {
  auto s = full_rubric();
  auto& m = s.rubric.criteria.back();
  m.metric = "path_length_right_m";
  m.full_at = 0.5;
  m.zero_at = 1.5;
  // The right hand moves 1 m along x over 2 s at 90 Hz, then rests.
  std::vector<a::RecordedFrame> frames;
  for (int i = 0; i <= 360; ++i) {
    a::RecordedFrame f;
    f.input.time_s = static_cast<double>(i) / 90.0;
    auto& hand = f.input.hand(txr::core::Hand::right);
    hand.tracked = true;
    hand.T_world_grip.position_m = {static_cast<float>(std::min(i, 180)) / 180.0f, 1.0f, 0.0f};
    frames.push_back(f);
  }
  const auto r = a::score_session(s, clean_attempt(50), frames);
  const auto& c = criterion(r, "torque");
  CHECK(c.available);
  REQUIRE(c.measured);
  CHECK(*c.measured == doctest::Approx(1.0).epsilon(0.02));
  CHECK(c.points_earned == doctest::Approx(7.5).epsilon(0.05));
}

TEST_CASE("[assessment] points not adding up to 100 are scaled to 100") {
  auto s = pick_place();
  s.rubric.criteria[1].points = 10;  // 70 + 10 = 80
  s.rubric.criteria[1].deduct_by_severity = {1, 5, 10};
  auto events = clean_attempt(12);
  events.push_back(ev(6, "rule_violated", "dropped_part", {{"detail", "major"}}));
  const auto r = a::score_session(s, events);
  CHECK(r.points_possible == doctest::Approx(80));
  CHECK(r.points_earned == doctest::Approx(75));
  CHECK(r.total == doctest::Approx(100.0 * 75.0 / 80.0));
  CHECK(a::to_text(r).find("scaled to 100") != std::string::npos);
}

TEST_CASE("[assessment] the same record scores to the identical report") {
  const auto s = full_rubric();
  auto events = clean_attempt(80);
  events.push_back(ev(3, "out_of_order", "turn_knob"));
  events.push_back(ev(4, "hint_shown", "place_part"));
  const auto first = a::to_json(a::score_session(s, events, {}, "h")).dump();
  const auto second = a::to_json(a::score_session(s, events, {}, "h")).dump();
  CHECK(first == second);
  const auto j = nlohmann::json::parse(first);
  CHECK(j["rubric"]["content_hash"] == "h");
  CHECK(j["criteria"].size() == 6);
  CHECK(j["criteria"][1]["lines"][0]["criterion"] == "order");
}
