#include "sim/mechanical/assembly_order.hpp"

#include <algorithm>

namespace txr::sim::mechanical {

AssemblyOrder::AssemblyOrder(std::string id, const EventChannel* events)
    : id_(std::move(id)), events_(events) {
  fields_.add("placed_count", &placed_count_);
  fields_.add("violation_count", &violation_count_);
  fields_.add("complete", &complete_);
}

void AssemblyOrder::require_before(std::string before, std::string after) {
  rules_.push_back({std::move(before), std::move(after)});
  refresh();
}

void AssemblyOrder::expect_socket(std::string part, std::string socket) {
  sockets_.push_back({std::move(part), std::move(socket)});
  refresh();
}

bool AssemblyOrder::placed(std::string_view part) const {
  return std::find(placed_.begin(), placed_.end(), part) != placed_.end();
}

std::size_t AssemblyOrder::place(std::string_view part, std::string_view socket) {
  const std::size_t before = violations_.size();
  // Event details point into the rule lists, which stay put while parts are placed.
  for (const Rule& r : rules_) {
    if (r.after == part && !placed(r.before)) {
      violations_.push_back({OrderViolation::Kind::order, std::string(part), r.before});
      emit_to(events_, EventKind::order_violation, id_, 0.0, r.after);
    }
  }
  for (const Socket& s : sockets_) {
    if (s.part == part && s.socket != socket) {
      violations_.push_back({OrderViolation::Kind::wrong_socket, std::string(part), s.socket});
      emit_to(events_, EventKind::order_violation, id_, 1.0, s.part);
    }
  }
  if (!placed(part)) placed_.emplace_back(part);
  refresh();
  return violations_.size() - before;
}

void AssemblyOrder::remove(std::string_view part) {
  placed_.erase(std::remove(placed_.begin(), placed_.end(), part), placed_.end());
  refresh();
}

void AssemblyOrder::refresh() {
  placed_count_ = static_cast<double>(placed_.size());
  violation_count_ = static_cast<double>(violations_.size());
  complete_ = true;
  for (const Rule& r : rules_) complete_ = complete_ && placed(r.before) && placed(r.after);
  for (const Socket& s : sockets_) complete_ = complete_ && placed(s.part);
}

}  // namespace txr::sim::mechanical
