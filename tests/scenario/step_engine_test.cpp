// The step engine driven by a fake world: tests write state slots directly, as simulation would.
#include <doctest/doctest.h>

#include "package_builder.hpp"
#include "scenario/package_loader.hpp"
#include "scenario/step_engine.hpp"

using namespace txr::scenario;

namespace {

struct Recorder : EventListener {
  std::vector<Event> events;
  void on_event(const Event& e) override { events.push_back(e); }
  std::size_t count(EventKind k) const {
    std::size_t n = 0;
    for (const auto& e : events) n += e.kind == k ? 1 : 0;
    return n;
  }
  void clear() { events.clear(); }
};

Scenario load(const std::string& name, const std::string& body, const std::string& extra = "") {
  auto result =
      load_package(txr::test::write_package(name, std::string(txr::test::k_test_scene) + body), {});
  std::string first = result.diagnostics.findings().empty()
                          ? std::string()
                          : result.diagnostics.findings()[0].to_string();
  REQUIRE_MESSAGE(result.scenario.has_value(), first);
  (void)extra;
  return std::move(*result.scenario);
}

struct Run {
  Scenario s;
  StateTable state;
  Recorder rec;
  StepEngine engine;
  Run(Scenario sc, Mode mode)
      : s(std::move(sc)), state(s.initial_state), engine(s, state, mode, &rec) {
    engine.start();
  }
  SlotId slot(std::string_view name) {
    auto id = state.find(name);
    REQUIRE_MESSAGE(id.has_value(), name);
    return *id;
  }
  void set(std::string_view name, double v) { state.set_number(slot(name), v); }
  void set(std::string_view name, bool v) { state.set_bool(slot(name), v); }
  void set_text(std::string_view name, std::string_view v) { state.set_text(slot(name), v); }
  int step(std::string_view id) { return s.find_step(id); }
};

const char* k_two_steps =
    "procedure:\n"
    "  - {id: pull, instruction: t.i, hint: t.h, done_when: lever.angle_deg > 80}\n"
    "  - {id: press, instruction: t.i, done_when: button.pressed}\n";

}  // namespace

TEST_CASE("[scenario] ordered steps start and complete one after another") {
  Run r(load("ordered", k_two_steps), Mode::assessment);
  REQUIRE(r.rec.events.size() == 1);
  CHECK(r.rec.events[0].kind == EventKind::step_started);
  CHECK(r.rec.events[0].step == r.step("pull"));
  CHECK(r.engine.current_steps().size() == 1);
  r.engine.update(0.1);
  CHECK(r.rec.events.size() == 1);  // nothing happened yet
  r.set("lever.angle_deg", 85.0);
  r.engine.update(0.1);
  REQUIRE(r.rec.events.size() == 3);
  CHECK(r.rec.events[1].kind == EventKind::step_completed);
  CHECK(r.rec.events[1].time_s == doctest::Approx(0.2));
  CHECK(r.rec.events[2].kind == EventKind::step_started);
  CHECK(r.rec.events[2].step == r.step("press"));
  CHECK(r.engine.progress() == doctest::Approx(0.5));
  CHECK(r.state.boolean(r.slot("step.pull.done")));
  r.set("button.pressed", true);
  r.engine.update(0.1);
  CHECK(r.engine.outcome() == Outcome::completed);
  CHECK(r.rec.events.back().kind == EventKind::attempt_ended);
  CHECK(r.rec.events.back().outcome == Outcome::completed);
  // Once ended, nothing more happens.
  const auto n = r.rec.events.size();
  r.engine.update(0.1);
  CHECK(r.rec.events.size() == n);
}

TEST_CASE("[scenario] steps in a group can be done in any order") {
  const std::string body =
      "procedure:\n"
      "  - group: both\n"
      "    steps:\n"
      "      - {id: pull, instruction: t.i, done_when: lever.angle_deg > 80}\n"
      "      - {id: press, instruction: t.i, done_when: button.pressed}\n"
      "  - {id: grab, instruction: t.i, done_when: part.grabbed}\n";
  Run r(load("group", body), Mode::assessment);
  CHECK(r.engine.current_steps().size() == 2);
  r.set("button.pressed", true);  // the second step of the group first: not out of order
  r.engine.update(0.1);
  CHECK(r.rec.count(EventKind::out_of_order) == 0);
  CHECK(r.engine.step_done(r.step("press")));
  CHECK(r.engine.current_steps().size() == 1);
  r.set("part.grabbed", true);  // after the group: too early
  r.engine.update(0.1);
  CHECK(r.rec.count(EventKind::out_of_order) == 1);
  CHECK(!r.engine.step_done(r.step("grab")));
  r.set("lever.angle_deg", 90.0);
  r.engine.update(0.1);
  // The group is done, grab starts and, already true, completes in the same update.
  CHECK(r.engine.step_done(r.step("grab")));
  CHECK(r.engine.outcome() == Outcome::completed);
}

TEST_CASE(
    "[scenario] doing a later step first is reported once as out of order, naming the step to do "
    "first") {
  Run r(load("order", k_two_steps), Mode::practice);
  r.set("button.pressed", true);
  r.engine.update(0.1);
  r.engine.update(0.1);  // still true: edge-triggered, no second report
  REQUIRE(r.rec.count(EventKind::out_of_order) == 1);
  const Event* e = r.engine.last_mistake();
  REQUIRE(e != nullptr);
  CHECK(e->kind == EventKind::out_of_order);
  CHECK(e->step == r.step("press"));
  CHECK(e->blocking == r.step("pull"));
  CHECK(r.engine.out_of_order_count() == 1);
  r.set("button.pressed", false);
  r.engine.update(0.1);
  r.set("button.pressed", true);
  r.engine.update(0.1);
  CHECK(r.engine.out_of_order_count() == 2);  // a new attempt is a new occurrence
}

TEST_CASE("[scenario] a step whose precondition is not met does not complete") {
  const std::string body =
      "procedure:\n"
      "  - {id: press, instruction: t.i, done_when: button.pressed, requires: part.in_socket == "
      "\"slot_a\"}\n";
  Run r(load("precondition", body), Mode::assessment);
  r.set("button.pressed", true);
  r.engine.update(0.1);
  r.engine.update(0.1);
  CHECK(r.rec.count(EventKind::precondition_not_met) == 1);
  CHECK(!r.engine.step_done(0));
  r.set_text("part.in_socket", "slot_a");
  r.engine.update(0.1);
  CHECK(r.engine.step_done(0));
  CHECK(r.engine.outcome() == Outcome::completed);
}

TEST_CASE("[scenario] safety violations are edge-triggered and counted by severity") {
  const std::string body =
      std::string(k_two_steps) +
      "safety:\n"
      "  - {id: forced, when: lever.angle_deg > 89, severity: warning, message: t.m}\n"
      "  - {id: dropped, when: part.pos_y_m < -1, severity: major, message: t.m}\n";
  Run r(load("safety", body), Mode::assessment);
  r.set("lever.angle_deg", 90.0);
  r.engine.update(0.1);
  r.engine.update(0.1);
  CHECK(r.rec.count(EventKind::rule_violated) == 1);
  CHECK(r.engine.active_violations().size() == 1);
  CHECK(r.engine.violation_count(Severity::warning) == 1);
  r.set("lever.angle_deg", 85.0);
  r.engine.update(0.1);
  CHECK(r.rec.count(EventKind::rule_cleared) == 1);
  CHECK(r.engine.active_violations().empty());
  r.set("part.pos_y_m", -2.0);
  r.engine.update(0.1);
  CHECK(r.engine.violation_count(Severity::major) == 1);
  CHECK(r.engine.outcome() == Outcome::running);  // a major violation does not end the attempt
}

TEST_CASE("[scenario] a critical violation fails an assessment but not a practice run") {
  const std::string body =
      std::string(k_two_steps) +
      "safety:\n"
      "  - {id: shock, when: part.touched and button.pressed, severity: critical, message: t.m}\n";
  const Scenario s = load("critical", body);
  {
    Run r(s, Mode::assessment);
    r.set("part.touched", true);
    r.set("button.pressed", true);
    r.engine.update(0.1);
    CHECK(r.engine.outcome() == Outcome::failed_critical);
    CHECK(r.rec.events.back().outcome == Outcome::failed_critical);
    CHECK(r.engine.violation_count(Severity::critical) == 1);
  }
  {
    Run r(s, Mode::practice);
    r.set("part.touched", true);
    r.set("button.pressed", true);
    r.engine.update(0.1);
    CHECK(r.engine.outcome() == Outcome::running);
    CHECK(r.engine.violation_count(Severity::critical) == 1);
  }
}

TEST_CASE("[scenario] time budgets and the time limit are reported") {
  const std::string body =
      "procedure:\n"
      "  - {id: pull, instruction: t.i, done_when: lever.angle_deg > 80 and time_in_step_s > 1, "
      "time_budget_s: 2}\n"
      "  - {id: press, instruction: t.i, done_when: button.pressed}\n";
  Run r(load("budget", body), Mode::assessment);
  r.set("lever.angle_deg", 85.0);
  r.engine.update(0.5);
  CHECK(!r.engine.step_done(0));  // needs more than 1 s in the step
  for (int i = 0; i < 6; ++i) r.engine.update(0.5);
  CHECK(r.engine.step_done(0));
  CHECK(r.rec.count(EventKind::time_budget_exceeded) == 0);

  Run slow(load("budget2", body), Mode::assessment);
  for (int i = 0; i < 10; ++i) slow.engine.update(0.5);
  CHECK(slow.rec.count(EventKind::time_budget_exceeded) == 1);
  for (int i = 0; i < 1200; ++i) slow.engine.update(0.5);  // the limit is 10 min
  CHECK(slow.engine.outcome() == Outcome::timed_out);
  CHECK(slow.engine.elapsed_s() == doctest::Approx(600.0));
}

TEST_CASE("[scenario] practice mode shows hints after idle time or on request, assessment never") {
  const std::string modes = "modes:\n  practice: {hint_after_idle_s: 5}\n";
  const Scenario s = load("hints", modes + k_two_steps);
  Run p(s, Mode::practice);
  for (int i = 0; i < 4; ++i) p.engine.update(1.0);
  CHECK(p.rec.count(EventKind::hint_shown) == 0);
  p.engine.update(1.0);
  REQUIRE(p.rec.count(EventKind::hint_shown) == 1);
  CHECK(!p.rec.events.back().requested);
  CHECK(p.engine.visible_hints().size() == 1);
  CHECK(p.engine.hints_used() == 1);

  Run q(s, Mode::practice);
  CHECK(q.engine.request_hint());
  CHECK(q.rec.events.back().kind == EventKind::hint_shown);
  CHECK(q.rec.events.back().requested);

  Run a(s, Mode::assessment);
  CHECK(!a.engine.request_hint());
  for (int i = 0; i < 100; ++i) a.engine.update(1.0);
  CHECK(a.rec.count(EventKind::hint_shown) == 0);
  CHECK(a.engine.hints_used() == 0);
}

TEST_CASE("[scenario] optional steps never block the procedure") {
  const std::string body =
      "procedure:\n"
      "  - {id: pull, instruction: t.i, done_when: lever.angle_deg > 80}\n"
      "  - {id: check, instruction: t.i, optional: true, done_when: part.grabbed}\n"
      "  - {id: press, instruction: t.i, done_when: button.pressed}\n";
  Run r(load("optional", body), Mode::assessment);
  r.set("lever.angle_deg", 85.0);
  r.engine.update(0.1);
  CHECK(r.engine.current_steps().size() == 2);  // check and press are both open
  r.set("button.pressed", true);
  r.engine.update(0.1);
  CHECK(r.engine.outcome() == Outcome::completed);
  CHECK(r.engine.steps_required() == 2);
}

TEST_CASE("[scenario] two runs of the same inputs give the same events") {
  const Scenario s = load("determinism", k_two_steps);
  auto run = [&] {
    Run r(s, Mode::practice);
    for (int i = 0; i < 50; ++i) {
      r.set("lever.angle_deg", i * 2.0);
      r.set("button.pressed", i % 7 == 0);
      r.engine.update(1.0 / 240.0);
    }
    std::vector<std::tuple<int, int, double>> out;
    for (const auto& e : r.rec.events) out.emplace_back(static_cast<int>(e.kind), e.step, e.time_s);
    return out;
  };
  CHECK(run() == run());
}
