// Circuit: topology checks, MNA assembly, the solve loop and time stepping.
#include <algorithm>
#include <cmath>

#include "sim/electrical/circuit.hpp"

namespace txr::sim::electrical {

namespace {

constexpr int k_max_lamp_iterations = 60;
constexpr int k_max_contactor_passes = 8;

template <class T>
T from_complex(std::complex<double> v);
template <>
double from_complex<double>(std::complex<double> v) {
  return v.real();
}
template <>
std::complex<double> from_complex<std::complex<double>>(std::complex<double> v) {
  return v;
}

bool is_switching(ElementKind k) {
  return k == ElementKind::switch_ || k == ElementKind::contact || k == ElementKind::wire ||
         k == ElementKind::fuse || k == ElementKind::breaker;
}

}  // namespace

void Circuit::rebuild() {
  const std::size_t n = unknowns();
  auto size_analysis = [&](auto& an) {
    an.matrix.assign(n * n, {});
    an.key.clear();
    an.key_prev.clear();
    an.key.reserve(4 * elements_.size() + 4 * meters_.size() + names_.size() + 64);
    an.key_prev.reserve(an.key.capacity());
    an.rhs.assign(n, {});
    an.rhs_ext.assign(n, {});
    an.x.assign(n, {});
    an.x_ext.assign(n, {});
    an.lu.resize(n);
    an.factored = false;
    an.node_floating.assign(names_.size(), 0);
    an.skip.assign(branch_count_, 0);
  };
  size_analysis(dc_);
  size_analysis(ac_);
  parent_.assign(names_.size(), 0);
  report_.floating_nodes.reserve(names_.size());
  report_.source_loop.reserve(branch_count_ + 1);
  structure_dirty_ = false;
}

std::uint32_t Circuit::find_root(std::uint32_t n) {
  while (parent_[n] != n) {
    parent_[n] = parent_[parent_[n]];  // path halving
    n = parent_[n];
  }
  return n;
}

void Circuit::unite(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t ra = find_root(a);
  const std::uint32_t rb = find_root(b);
  if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);  // deterministic: lower id wins
}

bool Circuit::conducts(const Element& e, bool is_ac) const {
  if (!e.active) return false;
  switch (e.kind) {
    case ElementKind::capacitor:
      return is_ac && e.farad > 0.0;
    case ElementKind::voltage_source:
      return e.on;
    case ElementKind::switch_:
    case ElementKind::contact:
    case ElementKind::wire:
    case ElementKind::breaker:
    case ElementKind::isolator:
      return e.closed;
    case ElementKind::fuse:
      return !e.blown;
    default:
      return true;
  }
}

std::complex<double> Circuit::branch_impedance(const Element& e, bool is_ac) const {
  switch (e.kind) {
    case ElementKind::voltage_source:
      return {e.ohm, 0.0};
    case ElementKind::motor: {
      const bool locked = e.motor_state != MotorState::running;
      const std::complex<double> z = [&] {
        const MotorRating& m = e.motor;
        const double s_va = m.rated_w / (m.efficiency * m.power_factor);
        const double i = s_va / m.rated_v * (locked ? m.locked_rotor_ratio : 1.0);
        const double pf = locked ? m.locked_rotor_pf : m.power_factor;
        const double zm = m.rated_v / i;
        return std::complex<double>(zm * pf, zm * std::sqrt(1.0 - pf * pf));
      }();
      return is_ac ? z : std::complex<double>(z.real(), 0.0);
    }
    default:  // inductor, contactor coil: R + jωL
      return {e.ohm, is_ac ? omega_ * e.henry : 0.0};
  }
}

template <class T>
void Circuit::prepare_topology(Analysis<T>& an) {
  // 1. Loops of zero-impedance branches (ideal sources; inductors at DC): the branch that
  //    closes a loop is left out and reported — its current would be undetermined.
  for (std::uint32_t i = 0; i < parent_.size(); ++i) parent_[i] = i;
  std::fill(an.skip.begin(), an.skip.end(), std::uint8_t{0});
  for (ElementId id = 0; id < elements_.size(); ++id) {
    const Element& e = elements_[id];
    if (e.branch == 0xffffffffu) continue;
    if (!conducts(e, an.is_ac)) {
      an.skip[e.branch] = 1;  // a source switched off is an open circuit
      continue;
    }
    if (std::abs(branch_impedance(e, an.is_ac)) > 0.0) continue;
    if (find_root(e.a()) == find_root(e.b())) {
      an.skip[e.branch] = 1;
      if (std::find(report_.source_loop.begin(), report_.source_loop.end(), id) ==
          report_.source_loop.end()) {
        report_.source_loop.push_back(id);
      }
    } else {
      unite(e.a(), e.b());
    }
  }
  // 2. Nodes with no conducting path to earth.
  for (std::uint32_t i = 0; i < parent_.size(); ++i) parent_[i] = i;
  for (const Element& e : elements_) {
    if (!conducts(e, an.is_ac)) continue;
    if (e.branch != 0xffffffffu && an.skip[e.branch]) continue;
    for (std::uint8_t p = 0; p < e.poles; ++p) unite(e.nodes[2 * p], e.nodes[2 * p + 1]);
  }
  for (const Multimeter& m : meters_) {
    if (m.stamp().kind != Multimeter::StampKind::none) unite(m.red_node(), m.black_node());
  }
  const std::uint32_t earth = find_root(k_earth);
  for (std::uint32_t i = 0; i < parent_.size(); ++i) {
    an.node_floating[i] = find_root(i) != earth ? 1 : 0;
  }
}

// Every value that enters the matrix, in element order. Equal keys mean an equal matrix, so a
// warm step skips assembly and factorisation and only rebuilds the right-hand side.
template <class T>
bool Circuit::matrix_unchanged(Analysis<T>& an) {
  std::swap(an.key, an.key_prev);
  an.key.clear();
  for (const Element& e : elements_) {
    const bool on = conducts(e, an.is_ac);
    an.key.push_back(on ? 1.0 : 0.0);
    switch (e.kind) {
      case ElementKind::resistor:
        an.key.push_back(e.ohm);
        break;
      case ElementKind::capacitor:
        an.key.push_back(e.farad);
        break;
      case ElementKind::lamp:
        an.key.push_back(an.is_ac ? e.lamp_g_ac : e.lamp_g_dc);
        break;
      case ElementKind::voltage_source:
      case ElementKind::inductor:
      case ElementKind::motor:
      case ElementKind::contactor: {
        const std::complex<double> z = branch_impedance(e, an.is_ac);
        an.key.push_back(an.skip[e.branch] ? 1.0 : 0.0);
        an.key.push_back(z.real());
        an.key.push_back(z.imag());
        break;
      }
      case ElementKind::wire:  // wire slots are reused: their ends are part of the key
        an.key.push_back(e.ohm);
        an.key.push_back(static_cast<double>(e.a()));
        an.key.push_back(static_cast<double>(e.b()));
        break;
      default:
        break;
    }
  }
  for (const Multimeter& m : meters_) {
    const Multimeter::Stamp st = m.stamp();
    an.key.push_back(static_cast<double>(st.kind));
    an.key.push_back(st.g_s);
    an.key.push_back(static_cast<double>(m.red_node()));
    an.key.push_back(static_cast<double>(m.black_node()));
  }
  for (std::uint8_t f : an.node_floating) an.key.push_back(f);
  return an.factored && an.key == an.key_prev;
}

template <class T>
void Circuit::assemble_matrix(Analysis<T>& an) {
  const std::size_t n = unknowns();
  const std::size_t nb = names_.size() - 1;  // first branch row
  std::fill(an.matrix.begin(), an.matrix.end(), T{});
  T* A = an.matrix.data();
  auto at = [&](std::size_t r, std::size_t c) -> T& { return A[r * n + c]; };
  auto stamp_g = [&](NodeId a, NodeId b, T g) {
    if (a != k_earth) at(a - 1, a - 1) += g;
    if (b != k_earth) at(b - 1, b - 1) += g;
    if (a != k_earth && b != k_earth) {
      at(a - 1, b - 1) -= g;
      at(b - 1, a - 1) -= g;
    }
  };
  for (const Element& e : elements_) {
    if (!e.active) {
      if (e.branch != 0xffffffffu) at(nb + e.branch, nb + e.branch) = T(1.0);  // I = 0
      continue;
    }
    switch (e.kind) {
      case ElementKind::resistor:
        stamp_g(e.a(), e.b(), T(1.0 / std::max(e.ohm, 1e-9)));
        break;
      case ElementKind::capacitor:
        if (an.is_ac) stamp_g(e.a(), e.b(), from_complex<T>({0.0, omega_ * e.farad}));
        break;
      case ElementKind::lamp:
        stamp_g(e.a(), e.b(), T(an.is_ac ? e.lamp_g_ac : e.lamp_g_dc));
        break;
      case ElementKind::isolator:
        if (e.closed) {
          for (std::uint8_t p = 0; p < e.poles; ++p) {
            stamp_g(e.nodes[2 * p], e.nodes[2 * p + 1], T(1.0 / k_contact_ohm));
          }
        }
        break;
      case ElementKind::voltage_source:
      case ElementKind::inductor:
      case ElementKind::motor:
      case ElementKind::contactor: {
        // Branch row: V_a − V_b − Z·I = E; KCL columns: +I leaves a, enters b.
        const std::size_t k = nb + e.branch;
        if (an.skip[e.branch]) {
          at(k, k) = T(1.0);  // I = 0
          break;
        }
        if (e.a() != k_earth) {
          at(e.a() - 1, k) += T(1.0);
          at(k, e.a() - 1) += T(1.0);
        }
        if (e.b() != k_earth) {
          at(e.b() - 1, k) -= T(1.0);
          at(k, e.b() - 1) -= T(1.0);
        }
        at(k, k) -= from_complex<T>(branch_impedance(e, an.is_ac));
        break;
      }
      default:
        if (is_switching(e.kind) && conducts(e, an.is_ac)) {
          const double r = e.kind == ElementKind::wire ? e.ohm : k_contact_ohm;
          stamp_g(e.a(), e.b(), T(1.0 / r));
        }
        break;
    }
  }
  for (const Multimeter& m : meters_) {
    const Multimeter::Stamp st = m.stamp();
    if (st.kind != Multimeter::StampKind::none) stamp_g(m.red_node(), m.black_node(), T(st.g_s));
  }
  for (std::size_t i = 1; i < names_.size(); ++i) {
    if (an.node_floating[i]) at(i - 1, i - 1) += T(k_gmin_s);
  }
}

template <class T>
void Circuit::assemble_rhs(Analysis<T>& an) {
  const std::size_t nb = names_.size() - 1;
  std::fill(an.rhs.begin(), an.rhs.end(), T{});
  auto stamp_i = [&](std::vector<T>& rhs, NodeId a, NodeId b, T i) {  // i flows a → b inside
    if (a != k_earth) rhs[a - 1] -= i;
    if (b != k_earth) rhs[b - 1] += i;
  };
  for (const Element& e : elements_) {
    if (!e.active) continue;
    if (e.kind == ElementKind::voltage_source && !an.skip[e.branch] && e.ac == an.is_ac) {
      an.rhs[nb + e.branch] = from_complex<T>(std::polar(e.volts, e.phase_rad));
    } else if (e.kind == ElementKind::lamp && !an.is_ac && e.lamp_ieq_dc != 0.0) {
      stamp_i(an.rhs, e.a(), e.b(), T(e.lamp_ieq_dc));
    }
  }
  an.injecting = false;
  if (an.is_ac) return;
  for (const Multimeter& m : meters_) {
    if (m.stamp().kind == Multimeter::StampKind::ohm_source) an.injecting = true;
  }
  if (!an.injecting) return;
  // The same circuit with the ohmmeter's source off tells whether the probes find a voltage.
  std::copy(an.rhs.begin(), an.rhs.end(), an.rhs_ext.begin());
  for (const Multimeter& m : meters_) {
    const Multimeter::Stamp st = m.stamp();
    if (st.kind != Multimeter::StampKind::ohm_source) continue;
    // Norton source pushing current out of the red probe (black → red inside the meter).
    stamp_i(an.rhs, m.black_node(), m.red_node(), T(st.i_norton_a));
  }
}

template <class T>
bool Circuit::factor_and_solve(Analysis<T>& an) {
  if (!matrix_unchanged(an)) {
    assemble_matrix(an);
    ++report_.factorizations;
    std::size_t bad = 0;
    an.factored = an.lu.factor(an.matrix, &bad);
    if (!an.factored) {
      report_.singular = true;
      report_.singular_node = bad + 1 < names_.size() ? static_cast<NodeId>(bad + 1) : k_no_node;
      std::fill(an.x.begin(), an.x.end(), T{});
      std::fill(an.x_ext.begin(), an.x_ext.end(), T{});
      return false;
    }
  }
  assemble_rhs(an);
  an.lu.solve(an.rhs, an.x);
  if (an.injecting) {
    an.lu.solve(an.rhs_ext, an.x_ext);
  } else {
    std::copy(an.x.begin(), an.x.end(), an.x_ext.begin());
  }
  for (std::size_t i = 0; i < an.x.size(); ++i) {
    if (!std::isfinite(std::abs(an.x[i])) || !std::isfinite(std::abs(an.x_ext[i]))) {
      report_.singular = true;
      std::fill(an.x.begin(), an.x.end(), T{});
      std::fill(an.x_ext.begin(), an.x_ext.end(), T{});
      return false;
    }
  }
  return true;
}

template <class T>
void Circuit::collect(const Analysis<T>& an) {
  const std::size_t nb = names_.size() - 1;
  auto v = [&](NodeId node) -> T { return node == k_earth ? T{} : an.x[node - 1]; };
  for (Element& e : elements_) {
    T volts = v(e.a()) - v(e.b());
    T amps{};
    if (e.active) {
      switch (e.kind) {
        case ElementKind::resistor:
          amps = volts * (1.0 / std::max(e.ohm, 1e-9));
          break;
        case ElementKind::capacitor:
          if (an.is_ac) amps = volts * from_complex<T>({0.0, omega_ * e.farad});
          break;
        case ElementKind::lamp:
          amps = an.is_ac ? volts * e.lamp_g_ac : volts * e.lamp_g_dc + T(e.lamp_ieq_dc);
          break;
        case ElementKind::isolator:
          if (e.closed) amps = volts * (1.0 / k_contact_ohm);
          break;
        case ElementKind::voltage_source:
        case ElementKind::inductor:
        case ElementKind::motor:
        case ElementKind::contactor:
          if (!an.skip[e.branch]) amps = an.x[nb + e.branch];
          break;
        default:
          if (is_switching(e.kind) && conducts(e, an.is_ac)) {
            amps = volts * (1.0 / (e.kind == ElementKind::wire ? e.ohm : k_contact_ohm));
          }
          break;
      }
    }
    if constexpr (std::is_same_v<T, double>) {
      e.v_dc = volts;
      e.i_dc = amps;
    } else {
      e.v_ac = volts;
      e.i_ac = amps;
    }
  }
}

// Re-linearises lamps at the voltages just solved. Returns true when every lamp's voltage
// agrees with the point its linearisation was taken at (converged).
bool Circuit::update_lamps(bool newton) {
  bool converged = true;
  for (const Element& e : elements_) {
    if (e.kind != ElementKind::lamp) continue;
    const double v = newton ? std::fabs(e.v_dc) : e.voltage_v;
    if (std::fabs(v - e.lamp_v_last) > 1e-10 * e.lamp.rated_v + 1e-12) converged = false;
  }
  // A converged linearisation is left as it is, so the next step finds the same matrix.
  if (converged) return true;
  for (Element& e : elements_) {
    if (e.kind != ElementKind::lamp) continue;
    const double v = newton ? std::fabs(e.v_dc) : e.voltage_v;
    e.lamp_v_last = v;
    if (newton) {
      // Newton companion model (Ho et al.; Nagel, SPICE2, 1975): I ≈ g·V + (I(V0) − g·V0).
      const double g = e.lamp.slope_s(v);
      const double i0 = std::copysign(e.lamp.current_a(v), e.v_dc);
      e.lamp_g_dc = g;
      e.lamp_ieq_dc = i0 - g * e.v_dc;
    } else {
      // With AC present the filament (thermal time constant ≫ 20 ms) is a resistor fixed by the
      // total rms voltage: secant conductance, iterated to a fixed point.
      const double g = v > 1e-9 ? e.lamp.current_a(v) / v : e.lamp.cold_conductance_s();
      e.lamp_g_ac = e.lamp_g_dc = g;
      e.lamp_ieq_dc = 0.0;
    }
  }
  return false;
}

bool Circuit::update_coils() {
  bool changed = false;
  for (Element& e : elements_) {
    if (e.kind != ElementKind::contactor) continue;
    const double pickup = e.coil_rating.pickup_fraction * e.coil_rating.rated_v;
    const double dropout = e.coil_rating.dropout_fraction * e.coil_rating.rated_v;
    if (!e.energised && e.voltage_v >= pickup) {
      e.energised = true;
      changed = true;
      emit_to(events_, EventKind::contactor_closed, e.id, e.voltage_v);
    } else if (e.energised && e.voltage_v <= dropout) {
      e.energised = false;
      changed = true;
      emit_to(events_, EventKind::contactor_opened, e.id, e.voltage_v);
    }
    finish_element(e);
  }
  if (changed) {
    for (Element& c : elements_) {
      if (c.kind != ElementKind::contact) continue;
      c.closed = elements_[c.coil].energised == c.normally_open;
      finish_element(c);
    }
  }
  return changed;
}

const SolveReport& Circuit::solve() {
  if (structure_dirty_) rebuild();
  report_.ok = true;
  report_.floating_nodes.clear();
  report_.source_loop.clear();
  report_.singular = false;
  report_.singular_node = k_no_node;
  report_.contactor_chatter = false;
  report_.iterations = 0;
  report_.factorizations = 0;

  dc_.active = ac_.active = false;
  bool has_lamps = false;
  for (const Element& e : elements_) {
    if (e.kind == ElementKind::voltage_source && e.on && e.volts != 0.0) {
      (e.ac ? ac_.active : dc_.active) = true;
    }
    has_lamps = has_lamps || e.kind == ElementKind::lamp;
  }
  for (const Multimeter& m : meters_) {
    if (m.stamp().kind == Multimeter::StampKind::ohm_source) dc_.active = true;
  }
  const bool newton = !ac_.active;
  for (Element& e : elements_) {  // an analysis that does not run contributes nothing
    if (!dc_.active) e.v_dc = e.i_dc = 0.0;
    if (!ac_.active) e.v_ac = e.i_ac = {};
  }
  if (!dc_.active) {
    std::fill(dc_.x.begin(), dc_.x.end(), 0.0);
    std::fill(dc_.x_ext.begin(), dc_.x_ext.end(), 0.0);
  }
  if (!ac_.active) {
    std::fill(ac_.x.begin(), ac_.x.end(), std::complex<double>{});
    std::fill(ac_.x_ext.begin(), ac_.x_ext.end(), std::complex<double>{});
  }

  for (int pass = 0;; ++pass) {
    prepare_topology(dc_);  // also gives the floating report when nothing is energised
    if (ac_.active) prepare_topology(ac_);
    for (int it = 0; it < k_max_lamp_iterations; ++it) {
      if (dc_.active) {
        factor_and_solve(dc_);
        collect(dc_);
      }
      if (ac_.active) {
        factor_and_solve(ac_);
        collect(ac_);
      }
      ++report_.iterations;
      for (Element& e : elements_) {  // rms of both components
        e.voltage_v = std::sqrt(e.v_dc * e.v_dc + std::norm(e.v_ac));
        e.current_a = std::sqrt(e.i_dc * e.i_dc + std::norm(e.i_ac));
      }
      if (!has_lamps || (!dc_.active && !ac_.active)) break;
      if (update_lamps(newton)) break;
    }
    if (!update_coils()) break;
    if (pass + 1 >= k_max_contactor_passes) {
      report_.contactor_chatter = true;
      break;
    }
  }

  for (Element& e : elements_) {
    e.power_w = e.v_dc * e.i_dc + (e.v_ac * std::conj(e.i_ac)).real();
    if (e.kind == ElementKind::lamp) {
      e.brightness = e.lamp.brightness(e.voltage_v);
      e.lit = e.brightness >= 0.1;  // visibly glowing: above ~50 % of rated voltage
    }
  }
  for (std::uint32_t i = 1; i < names_.size(); ++i) {
    if (node_floating(i)) report_.floating_nodes.push_back(i);
  }
  for (Multimeter& m : meters_) {
    Multimeter::Inputs in;
    if (m.red_node() != k_no_node && m.black_node() != k_no_node) {
      in.v_dc = node_dc_v(m.red_node()) - node_dc_v(m.black_node());
      in.v_ac = node_ac_v(m.red_node()) - node_ac_v(m.black_node());
      auto ext = [&](NodeId n) { return n == k_earth || !dc_.active ? 0.0 : dc_.x_ext[n - 1]; };
      in.v_ext_dc = ext(m.red_node()) - ext(m.black_node());
    }
    m.measure(in, events_);
  }
  report_.ok = report_.source_loop.empty() && !report_.singular;
  if (!report_.ok && !had_fault_) {
    const std::string_view what = report_.source_loop.empty()
                                      ? "singular"
                                      : std::string_view(elements_[report_.source_loop.front()].id);
    emit_to(events_, EventKind::circuit_fault, "circuit", 0.0, what);
  }
  had_fault_ = !report_.ok;
  return report_;
}

}  // namespace txr::sim::electrical
