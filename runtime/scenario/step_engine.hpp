#pragma once
// StepEngine: runs a scenario's procedure and safety rules against the StateTable once per
// simulation step and reports what happened to a listener (assessment, HUD, recorder).
// Deterministic (fixed evaluation order) and allocation-free per step after construction.
#include <cstdint>
#include <span>
#include <vector>

#include "scenario/scenario.hpp"

namespace txr::scenario {

enum class EventKind : std::uint8_t {
  step_started,          // step: became current (its dependencies are done)
  step_completed,        // step
  out_of_order,          // step: its done_when became true early; blocking: a step not done yet
  precondition_not_met,  // step: done_when is true but `requires` is not
  hint_shown,            // step; requested: on the trainee's request (else after idle time)
  rule_violated,         // rule, severity (edge: the condition became true)
  rule_cleared,          // rule (the condition became false again)
  time_budget_exceeded,  // step
  attempt_ended,         // outcome
};

enum class Outcome : std::uint8_t { running, completed, failed_critical, timed_out };
std::string_view to_string(EventKind kind);
std::string_view to_string(Outcome outcome);

struct Event {
  EventKind kind = EventKind::step_started;
  double time_s = 0.0;  // attempt time
  int step = -1;        // index into Scenario::steps
  int rule = -1;        // index into Scenario::rules
  int blocking = -1;    // out_of_order: the earliest step that had to be done first
  Severity severity = Severity::warning;
  bool requested = false;
  Outcome outcome = Outcome::running;
};

class EventListener {
 public:
  virtual ~EventListener() = default;
  virtual void on_event(const Event& event) = 0;
};

class StepEngine {
 public:
  // `state` must come from scenario.initial_state (a copy per attempt); both must outlive the
  // engine. `listener` may be null.
  StepEngine(const Scenario& scenario, StateTable& state, Mode mode, EventListener* listener);

  // Starts the attempt at time 0: the first steps become current.
  void start();
  // After simulation has written this step's state: advances time by dt_s and evaluates.
  void update(double dt_s);
  // The trainee asks for a hint (practice mode only): shows the hints of the current steps.
  // Returns false when hints are off in this mode or no current step has a hint.
  bool request_hint();

  // For the HUD and assessment.
  Mode mode() const { return mode_; }
  Outcome outcome() const { return outcome_; }
  double elapsed_s() const { return elapsed_s_; }
  std::span<const int> current_steps() const { return current_; }
  std::span<const int> active_violations() const { return violations_; }
  std::span<const int> visible_hints() const { return hints_; }
  bool step_done(int step) const { return done_[static_cast<std::size_t>(step)] != 0; }
  std::size_t steps_done() const { return required_done_; }
  std::size_t steps_required() const { return required_total_; }
  double progress() const;  // 0..1 over required steps
  std::uint32_t hints_used() const { return hints_used_; }
  std::uint32_t out_of_order_count() const { return out_of_order_count_; }
  std::uint32_t violation_count(Severity severity) const {
    return violation_counts_[static_cast<std::size_t>(severity)];
  }
  // The most recent out-of-order or precondition event (for "explain the mistake"), if any.
  const Event* last_mistake() const { return has_mistake_ ? &last_mistake_ : nullptr; }

 private:
  void emit(const Event& e);
  void end(Outcome outcome);
  bool activate_ready_steps();
  bool complete_ready_steps();
  void show_hint(int step, bool requested);
  int first_blocking(int step) const;
  void rebuild_current();

  const Scenario& scenario_;
  StateTable& state_;
  Mode mode_;
  const ModeSettings& settings_;
  EventListener* listener_;
  Outcome outcome_ = Outcome::running;
  bool started_ = false;
  double elapsed_s_ = 0.0;
  // Per step (bytes, not vector<bool>, for plain indexing).
  std::vector<std::uint8_t> done_, active_, early_, precondition_blocked_, hinted_, over_budget_;
  std::vector<double> step_time_s_;
  std::vector<std::uint8_t> rule_on_;
  std::vector<int> current_, violations_, hints_;
  std::size_t required_done_ = 0, required_total_ = 0;
  std::uint32_t hints_used_ = 0, out_of_order_count_ = 0;
  std::uint32_t violation_counts_[3] = {0, 0, 0};
  Event last_mistake_;
  bool has_mistake_ = false;
};

}  // namespace txr::scenario
