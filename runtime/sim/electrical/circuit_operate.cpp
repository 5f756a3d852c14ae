// Circuit: operating devices (switches, isolator locks, fuses, motors, sources) and the derived
// display state of each element.
#include <algorithm>

#include "sim/electrical/circuit.hpp"

namespace txr::sim::electrical {

namespace {

std::string_view motor_text(MotorState s) {
  switch (s) {
    case MotorState::stopped:
      return "stopped";
    case MotorState::starting:
      return "starting";
    case MotorState::running:
      return "running";
    case MotorState::stalled:
      return "stalled";
  }
  return "?";
}

}  // namespace

core::Result<void> Circuit::set_closed(ElementId id, bool closed) {
  if (id >= elements_.size()) return core::fail("no element " + std::to_string(id));
  Element& e = elements_[id];
  switch (e.kind) {
    case ElementKind::switch_:
      e.closed = closed;
      break;
    case ElementKind::isolator:
      if (closed && e.locked) {
        emit_to(events_, EventKind::close_refused, e.id, 0.0, intern(e.locks.front()));
        return core::fail(e.id + " is locked out by " + e.locks.front() + ": cannot close");
      }
      e.closed = closed;
      break;
    case ElementKind::breaker:
      e.closed = closed;
      if (closed) e.tripped = false;  // closing the handle resets a trip
      break;
    default:
      return core::fail(e.id + " (" + std::string(to_string(e.kind)) + ") cannot be operated");
  }
  finish_element(e);
  return {};
}

core::Result<void> Circuit::apply_lock(ElementId id, std::string_view owner) {
  if (id >= elements_.size() || elements_[id].kind != ElementKind::isolator) {
    return core::fail("locks go on isolators only");
  }
  Element& e = elements_[id];
  if (e.closed) return core::fail(e.id + " is closed: open it before applying a lock");
  if (std::find(e.locks.begin(), e.locks.end(), owner) != e.locks.end()) {
    return core::fail(std::string(owner) + " already has a lock on " + e.id);
  }
  e.locks.emplace_back(owner);
  e.locked = true;
  emit_to(events_, EventKind::lock_applied, e.id, 0.0, intern(owner));
  finish_element(e);
  return {};
}

core::Result<void> Circuit::remove_lock(ElementId id, std::string_view owner) {
  if (id >= elements_.size() || elements_[id].kind != ElementKind::isolator) {
    return core::fail("locks go on isolators only");
  }
  Element& e = elements_[id];
  auto it = std::find(e.locks.begin(), e.locks.end(), owner);
  if (it == e.locks.end()) {
    return core::fail(std::string(owner) + " has no lock on " + e.id +
                      " (remove only your own lock)");
  }
  emit_to(events_, EventKind::lock_removed, e.id, 0.0, intern(owner));
  e.locks.erase(it);
  e.locked = !e.locks.empty();
  finish_element(e);
  return {};
}

core::Result<void> Circuit::replace_fuse(ElementId id) {
  if (id >= elements_.size() || elements_[id].kind != ElementKind::fuse) {
    return core::fail("replace_fuse: not a fuse");
  }
  Element& e = elements_[id];
  e.blown = false;
  e.closed = true;
  e.thermal.theta_a2s = 0.0;
  finish_element(e);
  return {};
}

core::Result<void> Circuit::set_jammed(ElementId id, bool jammed) {
  if (id >= elements_.size() || elements_[id].kind != ElementKind::motor) {
    return core::fail("set_jammed: not a motor");
  }
  elements_[id].jammed = jammed;
  finish_element(elements_[id]);
  return {};
}

core::Result<void> Circuit::set_source_on(ElementId id, bool on) {
  if (id >= elements_.size() || elements_[id].kind != ElementKind::voltage_source) {
    return core::fail("set_source_on: not a voltage source");
  }
  elements_[id].on = on;
  finish_element(elements_[id]);
  return {};
}

// Derived display state (text fields) from the element's state; no allocation.
void Circuit::finish_element(Element& e) {
  switch (e.kind) {
    case ElementKind::switch_:
    case ElementKind::contact:
    case ElementKind::wire:
      e.state_text = e.closed ? "closed" : "open";
      break;
    case ElementKind::isolator:
      e.state_text = e.locked ? "locked" : (e.closed ? "closed" : "open");
      break;
    case ElementKind::contactor:
      e.state_text = e.energised ? "closed" : "open";
      break;
    case ElementKind::fuse:
      e.state_text = e.blown ? "blown" : "ok";
      e.heat = e.thermal.heat_fraction();
      break;
    case ElementKind::breaker:
      e.state_text = e.tripped ? "tripped" : (e.closed ? "closed" : "open");
      e.heat = e.thermal.heat_fraction();
      break;
    case ElementKind::motor:
      e.state_text = motor_text(e.motor_state);
      e.running = e.motor_state == MotorState::running;
      break;
    default:
      break;
  }
}

}  // namespace txr::sim::electrical
