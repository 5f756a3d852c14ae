#include "scenario/step_engine.hpp"

#include <algorithm>

namespace txr::scenario {

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::step_started:
      return "step_started";
    case EventKind::step_completed:
      return "step_completed";
    case EventKind::out_of_order:
      return "out_of_order";
    case EventKind::precondition_not_met:
      return "precondition_not_met";
    case EventKind::hint_shown:
      return "hint_shown";
    case EventKind::rule_violated:
      return "rule_violated";
    case EventKind::rule_cleared:
      return "rule_cleared";
    case EventKind::time_budget_exceeded:
      return "time_budget_exceeded";
    case EventKind::attempt_ended:
      return "attempt_ended";
  }
  return "?";
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::running:
      return "running";
    case Outcome::completed:
      return "completed";
    case Outcome::failed_critical:
      return "failed_critical";
    case Outcome::timed_out:
      return "timed_out";
  }
  return "?";
}

StepEngine::StepEngine(const Scenario& scenario, StateTable& state, Mode mode,
                       EventListener* listener)
    : scenario_(scenario),
      state_(state),
      mode_(mode),
      settings_(scenario.settings(mode)),
      listener_(listener) {
  const std::size_t n = scenario.steps.size();
  done_.assign(n, 0);
  active_.assign(n, 0);
  early_.assign(n, 0);
  precondition_blocked_.assign(n, 0);
  hinted_.assign(n, 0);
  over_budget_.assign(n, 0);
  step_time_s_.assign(n, 0.0);
  rule_on_.assign(scenario.rules.size(), 0);
  // Reserved once so update() never allocates.
  current_.reserve(n);
  hints_.reserve(n);
  violations_.reserve(scenario.rules.size());
  required_total_ = scenario.required_step_count();
}

double StepEngine::progress() const {
  return required_total_ == 0
             ? 1.0
             : static_cast<double>(required_done_) / static_cast<double>(required_total_);
}

void StepEngine::emit(const Event& e) {
  if (e.kind == EventKind::out_of_order || e.kind == EventKind::precondition_not_met) {
    last_mistake_ = e;
    has_mistake_ = true;
  }
  if (listener_) listener_->on_event(e);
}

void StepEngine::end(Outcome outcome) {
  if (outcome_ != Outcome::running) return;
  outcome_ = outcome;
  Event e;
  e.kind = EventKind::attempt_ended;
  e.time_s = elapsed_s_;
  e.outcome = outcome;
  emit(e);
}

void StepEngine::start() {
  if (started_) return;
  started_ = true;
  state_.set_number(scenario_.elapsed_slot, 0.0);
  activate_ready_steps();
  // Settle: steps whose conditions already hold complete at once, in procedure order.
  while (complete_ready_steps() && activate_ready_steps()) {
  }
  rebuild_current();
  if (required_total_ > 0 && required_done_ == required_total_) end(Outcome::completed);
}

bool StepEngine::activate_ready_steps() {
  bool any = false;
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (done_[i] || active_[i]) continue;
    const Step& st = scenario_.steps[i];
    const bool ready = std::all_of(st.depends_on.begin(), st.depends_on.end(),
                                   [&](int d) { return done_[static_cast<std::size_t>(d)] != 0; });
    if (!ready) continue;
    active_[i] = 1;
    state_.set_bool(st.active_slot, true);
    Event e;
    e.kind = EventKind::step_started;
    e.time_s = elapsed_s_;
    e.step = static_cast<int>(i);
    emit(e);
    any = true;
  }
  return any;
}

bool StepEngine::complete_ready_steps() {
  bool any = false;
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (!active_[i] || done_[i]) continue;
    const Step& st = scenario_.steps[i];
    if (!st.done_when.test(state_)) {
      precondition_blocked_[i] = 0;
      continue;
    }
    if (st.precondition && !st.precondition->test(state_)) {
      if (!precondition_blocked_[i]) {
        precondition_blocked_[i] = 1;
        Event e;
        e.kind = EventKind::precondition_not_met;
        e.time_s = elapsed_s_;
        e.step = static_cast<int>(i);
        emit(e);
      }
      continue;
    }
    done_[i] = 1;
    active_[i] = 0;
    state_.set_bool(st.done_slot, true);
    state_.set_bool(st.active_slot, false);
    if (!st.optional) ++required_done_;
    Event e;
    e.kind = EventKind::step_completed;
    e.time_s = elapsed_s_;
    e.step = static_cast<int>(i);
    emit(e);
    any = true;
  }
  return any;
}

int StepEngine::first_blocking(int step) const {
  // The earliest unfinished step this one waits for, following dependencies back.
  int best = -1;
  for (int d : scenario_.steps[static_cast<std::size_t>(step)].depends_on) {
    if (done_[static_cast<std::size_t>(d)]) continue;
    const int deeper = active_[static_cast<std::size_t>(d)] ? d : first_blocking(d);
    const int candidate = deeper >= 0 ? deeper : d;
    if (best < 0 || candidate < best) best = candidate;
  }
  return best;
}

void StepEngine::rebuild_current() {
  current_.clear();
  hints_.clear();
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (!active_[i]) continue;
    current_.push_back(static_cast<int>(i));
    if (hinted_[i]) hints_.push_back(static_cast<int>(i));
  }
}

void StepEngine::show_hint(int step, bool requested) {
  const auto i = static_cast<std::size_t>(step);
  if (scenario_.steps[i].hint_key.empty()) return;
  if (!hinted_[i]) ++hints_used_;
  hinted_[i] = 1;
  Event e;
  e.kind = EventKind::hint_shown;
  e.time_s = elapsed_s_;
  e.step = step;
  e.requested = requested;
  emit(e);
}

bool StepEngine::request_hint() {
  if (!settings_.hints || outcome_ != Outcome::running) return false;
  bool shown = false;
  for (int s : current_) {
    if (scenario_.steps[static_cast<std::size_t>(s)].hint_key.empty()) continue;
    show_hint(s, true);
    shown = true;
  }
  rebuild_current();
  return shown;
}

void StepEngine::update(double dt_s) {
  if (!started_) start();
  if (outcome_ != Outcome::running) return;
  elapsed_s_ += dt_s;
  state_.set_number(scenario_.elapsed_slot, elapsed_s_);
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (!active_[i]) continue;
    step_time_s_[i] += dt_s;
    state_.set_number(scenario_.steps[i].time_slot, step_time_s_[i]);
  }

  // Safety rules first: a critical violation ends an assessment before anything else counts.
  violations_.clear();
  for (std::size_t r = 0; r < scenario_.rules.size(); ++r) {
    const SafetyRule& rule = scenario_.rules[r];
    const bool on = rule.when.test(state_);
    if (on && !rule_on_[r]) {
      ++violation_counts_[static_cast<std::size_t>(rule.severity)];
      Event e;
      e.kind = EventKind::rule_violated;
      e.time_s = elapsed_s_;
      e.rule = static_cast<int>(r);
      e.severity = rule.severity;
      emit(e);
    } else if (!on && rule_on_[r]) {
      Event e;
      e.kind = EventKind::rule_cleared;
      e.time_s = elapsed_s_;
      e.rule = static_cast<int>(r);
      e.severity = rule.severity;
      emit(e);
    }
    rule_on_[r] = on ? 1 : 0;
    if (on) violations_.push_back(static_cast<int>(r));
  }
  for (int r : violations_) {
    if (scenario_.rules[static_cast<std::size_t>(r)].severity == Severity::critical &&
        settings_.critical_ends_attempt) {
      end(Outcome::failed_critical);
      rebuild_current();
      return;
    }
  }

  // Steps: complete what holds, start what became ready, repeat until nothing changes.
  while (complete_ready_steps() && activate_ready_steps()) {
  }

  // Early attempts at later steps (edge-triggered per step).
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (done_[i] || active_[i]) {
      early_[i] = 0;
      continue;
    }
    const bool holds = scenario_.steps[i].done_when.test(state_);
    if (holds && !early_[i]) {
      ++out_of_order_count_;
      Event e;
      e.kind = EventKind::out_of_order;
      e.time_s = elapsed_s_;
      e.step = static_cast<int>(i);
      e.blocking = first_blocking(static_cast<int>(i));
      emit(e);
    }
    early_[i] = holds ? 1 : 0;
  }

  // Time budgets and automatic hints for the current steps.
  for (std::size_t i = 0; i < scenario_.steps.size(); ++i) {
    if (!active_[i]) continue;
    const Step& st = scenario_.steps[i];
    if (st.time_budget_s > 0.0 && step_time_s_[i] > st.time_budget_s && !over_budget_[i]) {
      over_budget_[i] = 1;
      Event e;
      e.kind = EventKind::time_budget_exceeded;
      e.time_s = elapsed_s_;
      e.step = static_cast<int>(i);
      emit(e);
    }
    if (settings_.hints && settings_.hint_after_idle_s > 0.0 && !hinted_[i] &&
        step_time_s_[i] >= settings_.hint_after_idle_s) {
      show_hint(static_cast<int>(i), false);
    }
  }
  rebuild_current();

  if (required_total_ > 0 && required_done_ == required_total_) {
    end(Outcome::completed);
  } else if (scenario_.meta.time_limit_min > 0.0 &&
             elapsed_s_ >= scenario_.meta.time_limit_min * 60.0) {
    end(Outcome::timed_out);
  }
}

}  // namespace txr::scenario
