// Circuit: time stepping of fuses, breakers, motors and meter fuses; touch; results.
#include <cmath>

#include "sim/electrical/circuit.hpp"

namespace txr::sim::electrical {

void Circuit::update(double dt_s) {
  solve();
  bool changed = false;
  for (Element& e : elements_) {
    switch (e.kind) {
      case ElementKind::fuse:
        if (!e.blown) {
          if (auto t = e.thermal.step(e.current_a, dt_s)) {
            e.blown = true;
            changed = true;
            emit_to(events_, EventKind::blown, e.id, e.current_a, "i2t", *t);
          }
        }
        break;
      case ElementKind::breaker:
        if (e.closed) {
          const double i = e.current_a;
          const auto t = e.thermal.step(i, dt_s);
          if (i >= e.magnetic_a) {
            e.closed = false;
            e.tripped = true;
            changed = true;
            emit_to(events_, EventKind::tripped, e.id, i, "magnetic");
          } else if (t) {
            e.closed = false;
            e.tripped = true;
            changed = true;
            emit_to(events_, EventKind::tripped, e.id, i, "thermal", *t);
          }
        } else {
          e.thermal.step(0.0, dt_s);  // the bimetal cools
        }
        break;
      case ElementKind::motor: {
        const MotorState before = e.motor_state;
        const bool supplied = e.voltage_v >= 0.7 * e.motor.rated_v;
        if (e.voltage_v < 0.3 * e.motor.rated_v) {
          e.motor_state = MotorState::stopped;
        } else if (supplied) {
          if (e.jammed) {
            e.motor_state = MotorState::stalled;
          } else if (e.motor_state == MotorState::stopped || e.motor_state == MotorState::stalled) {
            e.motor_state = MotorState::starting;
            e.motor_timer_s = 0.0;
          } else if (e.motor_state == MotorState::starting) {
            e.motor_timer_s += dt_s;
            if (e.motor_timer_s >= e.motor.start_s) e.motor_state = MotorState::running;
          }
        }
        if (e.motor_state != before) {
          changed =
              changed || (e.motor_state == MotorState::running) || (before == MotorState::running);
          if (e.motor_state == MotorState::running) {
            emit_to(events_, EventKind::motor_started, e.id, e.current_a);
          } else if (e.motor_state == MotorState::stalled) {
            emit_to(events_, EventKind::motor_stalled, e.id, e.current_a);
          }
        }
        break;
      }
      default:
        break;
    }
    finish_element(e);
  }
  for (Multimeter& m : meters_) changed = m.integrate(dt_s, events_) || changed;
  if (changed) solve();
}

TouchResult Circuit::touch(NodeId node, std::string_view who) {
  TouchResult r;
  if (node >= names_.size() || node == k_earth) return r;
  r.v_dc = node_dc_v(node);
  r.v_ac_rms = std::abs(node_ac_v(node));
  // A conductor isolated from earth gives no current path through the body to earth.
  r.shock = !node_floating(node) && (r.v_ac_rms > k_elv_ac_v || std::fabs(r.v_dc) > k_elv_dc_v);
  if (r.shock) {
    emit_to(events_, EventKind::shock, names_[node], std::hypot(r.v_dc, r.v_ac_rms), intern(who));
  }
  return r;
}

core::Result<TouchResult> Circuit::touch(std::string_view terminal, std::string_view who) {
  const auto node = find_terminal(terminal);
  if (!node) return core::fail("touch: unknown terminal '" + std::string(terminal) + "'");
  return touch(*node, who);
}

core::Result<void> Circuit::probe(Multimeter& meter, std::string_view red_terminal,
                                  std::string_view black_terminal) {
  NodeId nodes[2] = {k_no_node, k_no_node};
  const std::string_view names[2] = {red_terminal, black_terminal};
  for (int i = 0; i < 2; ++i) {
    if (names[i].empty()) continue;
    const auto n = find_terminal(names[i]);
    if (!n) return core::fail("probe: unknown terminal '" + std::string(names[i]) + "'");
    nodes[i] = *n;
  }
  meter.touch_red(nodes[0]);
  meter.touch_black(nodes[1]);
  return {};
}

double Circuit::node_dc_v(NodeId node) const {
  if (node == k_earth || !dc_.active || node >= names_.size() || node > dc_.x.size()) return 0.0;
  return dc_.x[node - 1];
}

std::complex<double> Circuit::node_ac_v(NodeId node) const {
  if (node == k_earth || !ac_.active || node >= names_.size() || node > ac_.x.size()) return {};
  return ac_.x[node - 1];
}

bool Circuit::node_floating(NodeId node) const {
  if (node >= dc_.node_floating.size()) return false;
  const bool dc = dc_.node_floating[node] != 0;
  // Floating if it is floating in every analysis that ran (a node reached only through a
  // capacitor is floating at DC but not at 50 Hz).
  if (ac_.active && node < ac_.node_floating.size()) {
    const bool ac = ac_.node_floating[node] != 0;
    return dc_.active ? (dc && ac) : ac;
  }
  return dc;
}

std::string Circuit::describe(const SolveReport& report) const {
  std::string out;
  if (!report.source_loop.empty()) {
    out += "voltage-source loop (zero-impedance branches in a closed loop):";
    for (ElementId id : report.source_loop) {
      const Element& e = elements_[id];
      out += " " + e.id + " [" + names_[e.a()] + "-" + names_[e.b()] + "]";
    }
    out += "\n";
  }
  if (report.singular) {
    out += "singular circuit matrix";
    if (report.singular_node != k_no_node) out += " at node " + names_[report.singular_node];
    out += "\n";
  }
  if (!report.floating_nodes.empty()) {
    out += "floating (no path to earth):";
    for (NodeId n : report.floating_nodes) out += " " + names_[n];
    out += "\n";
  }
  if (report.contactor_chatter) out += "contactor coils do not settle (chatter)\n";
  return out;
}

}  // namespace txr::sim::electrical
