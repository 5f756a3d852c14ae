#include "sim/events.hpp"

namespace txr::sim {

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::click:
      return "click";
    case EventKind::yielded:
      return "yielded";
    case EventKind::blown:
      return "blown";
    case EventKind::tripped:
      return "tripped";
    case EventKind::shock:
      return "shock";
    case EventKind::meter_fuse_blown:
      return "meter_fuse_blown";
    case EventKind::ohms_on_live:
      return "ohms_on_live";
    case EventKind::contactor_closed:
      return "contactor_closed";
    case EventKind::contactor_opened:
      return "contactor_opened";
    case EventKind::motor_started:
      return "motor_started";
    case EventKind::motor_stalled:
      return "motor_stalled";
    case EventKind::lock_applied:
      return "lock_applied";
    case EventKind::lock_removed:
      return "lock_removed";
    case EventKind::close_refused:
      return "close_refused";
    case EventKind::reading_recorded:
      return "reading_recorded";
    case EventKind::judgement_made:
      return "judgement_made";
    case EventKind::order_violation:
      return "order_violation";
    case EventKind::circuit_fault:
      return "circuit_fault";
    case EventKind::zeroed:
      return "zeroed";
    case EventKind::not_zeroed:
      return "not_zeroed";
    case EventKind::excess_force:
      return "excess_force";
    case EventKind::tilted:
      return "tilted";
    case EventKind::sequence_error:
      return "sequence_error";
    case EventKind::pass_skipped:
      return "pass_skipped";
    case EventKind::pass_completed:
      return "pass_completed";
  }
  return "?";
}

std::size_t EventLog::count(EventKind kind) const {
  std::size_t n = 0;
  for (const SimEvent& e : events_) n += e.kind == kind ? 1u : 0u;
  return n;
}

const SimEvent* EventLog::first(EventKind kind) const {
  for (const SimEvent& e : events_) {
    if (e.kind == kind) return &e;
  }
  return nullptr;
}

}  // namespace txr::sim
