#pragma once
// Assembly order check: parts placed into sockets against a list of required orderings
// ("gasket before cover", "cover before bolts") and expected sockets. Each placement that
// breaks a rule is recorded (and emitted as `order_violation`), so a scenario can score it.
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "sim/events.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::mechanical {

struct OrderViolation {
  enum class Kind { order, wrong_socket } kind = Kind::order;
  std::string part;      // the part placed too early / in the wrong socket
  std::string expected;  // the predecessor not yet placed / the socket it belongs in
};

class AssemblyOrder {
 public:
  explicit AssemblyOrder(std::string id, const EventChannel* events = nullptr);
  AssemblyOrder(const AssemblyOrder&) = delete;
  AssemblyOrder& operator=(const AssemblyOrder&) = delete;

  void require_before(std::string before, std::string after);
  void expect_socket(std::string part, std::string socket);

  // Records a placement; returns the number of violations it added.
  std::size_t place(std::string_view part, std::string_view socket);
  void remove(std::string_view part);

  bool placed(std::string_view part) const;
  const std::vector<OrderViolation>& violations() const { return violations_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  void refresh();
  struct Rule {
    std::string before, after;
  };
  struct Socket {
    std::string part, socket;
  };
  std::string id_;
  const EventChannel* events_;
  std::deque<Rule> rules_;  // deques: events point at these strings, appends must not move them
  std::deque<Socket> sockets_;
  std::vector<std::string> placed_;
  std::vector<OrderViolation> violations_;
  double placed_count_ = 0.0;
  double violation_count_ = 0.0;
  bool complete_ = false;
  StateFields<4> fields_;
};

}  // namespace txr::sim::mechanical
