#include "sim/electrical/circuit.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace txr::sim::electrical {

namespace {

bool is_branch(ElementKind k) {
  return k == ElementKind::voltage_source || k == ElementKind::inductor ||
         k == ElementKind::motor || k == ElementKind::contactor;
}

bool positive(double v) { return std::isfinite(v) && v > 0.0; }
bool non_negative(double v) { return std::isfinite(v) && v >= 0.0; }
bool fraction(double v) { return std::isfinite(v) && v > 0.0 && v <= 1.0; }

// Why an element's parameters cannot be simulated, or empty when they can.
std::string invalid_reason(const Element& e) {
  switch (e.kind) {
    case ElementKind::resistor:
      return positive(e.ohm) ? "" : "resistance must be > 0";
    case ElementKind::inductor:
      return non_negative(e.henry) && non_negative(e.ohm)
                 ? ""
                 : "inductance and resistance must be >= 0";
    case ElementKind::capacitor:
      return positive(e.farad) ? "" : "capacitance must be > 0";
    case ElementKind::voltage_source:
      return std::isfinite(e.volts) && std::isfinite(e.phase_rad) && non_negative(e.ohm)
                 ? ""
                 : "source voltage must be finite and internal resistance >= 0";
    case ElementKind::lamp:
      return positive(e.lamp.rated_v) && positive(e.lamp.rated_w)
                 ? ""
                 : "lamp rated voltage and power must be > 0";
    case ElementKind::motor: {
      const MotorRating& m = e.motor;
      return positive(m.rated_v) && positive(m.rated_w) && fraction(m.power_factor) &&
                     fraction(m.efficiency) && fraction(m.locked_rotor_pf) &&
                     positive(m.locked_rotor_ratio) && non_negative(m.start_s)
                 ? ""
                 : "motor rating needs V, P > 0, power factors and efficiency in (0, 1]";
    }
    case ElementKind::contactor: {
      const CoilRating& c = e.coil_rating;
      return positive(c.rated_v) && positive(c.coil_ohm) && non_negative(c.coil_h) &&
                     positive(c.pickup_fraction) && positive(c.dropout_fraction) &&
                     c.dropout_fraction < c.pickup_fraction
                 ? ""
                 : "coil needs V, R > 0, L >= 0 and dropout below pickup";
    }
    case ElementKind::fuse:
    case ElementKind::breaker:
      return positive(e.rated_a) && positive(e.thermal.i_min_a) && positive(e.thermal.tau_s)
                 ? ""
                 : "rated current, I2t and minimum fusing current must be > 0";
    case ElementKind::isolator:
      return e.poles > 0 ? "" : "an isolator needs at least one pole";
    default:
      return "";
  }
}

}  // namespace

std::string_view to_string(ElementKind kind) {
  switch (kind) {
    case ElementKind::resistor:
      return "resistor";
    case ElementKind::inductor:
      return "inductor";
    case ElementKind::capacitor:
      return "capacitor";
    case ElementKind::voltage_source:
      return "voltage_source";
    case ElementKind::lamp:
      return "lamp";
    case ElementKind::motor:
      return "motor";
    case ElementKind::switch_:
      return "switch";
    case ElementKind::contactor:
      return "contactor";
    case ElementKind::contact:
      return "contact";
    case ElementKind::fuse:
      return "fuse";
    case ElementKind::breaker:
      return "breaker";
    case ElementKind::isolator:
      return "isolator";
    case ElementKind::wire:
      return "wire";
  }
  return "?";
}

Circuit::Circuit(double frequency_hz)
    : frequency_hz_(frequency_hz), omega_(2.0 * std::numbers::pi * frequency_hz) {
  add_terminal("PE");  // node 0: earth
  ac_.is_ac = true;
}

NodeId Circuit::add_terminal(std::string_view name) {
  if (auto it = node_by_name_.find(name); it != node_by_name_.end()) return it->second;
  const auto id = static_cast<NodeId>(names_.size());
  names_.emplace_back(name);
  node_by_name_.emplace(std::string(name), id);
  structure_dirty_ = true;
  return id;
}

std::optional<NodeId> Circuit::find_terminal(std::string_view name) const {
  if (auto it = node_by_name_.find(name); it != node_by_name_.end()) return it->second;
  return std::nullopt;
}

std::string_view Circuit::terminal_name(NodeId node) const {
  return node < names_.size() ? std::string_view(names_[node]) : std::string_view("?");
}

std::optional<ElementId> Circuit::find(std::string_view id) const {
  if (auto it = element_by_id_.find(id); it != element_by_id_.end()) return it->second;
  return std::nullopt;
}

Multimeter* Circuit::find_meter(std::string_view id) {
  for (Multimeter& m : meters_) {
    if (m.id() == id) return &m;
  }
  return nullptr;
}

std::string_view Circuit::intern(std::string_view text) {
  auto it = interned_.find(text);
  if (it == interned_.end()) it = interned_.emplace(text).first;
  return *it;
}

void Circuit::register_state(StateIndex& index) const {
  for (const Element& e : elements_) {
    if (e.kind != ElementKind::wire) index.add(e.id, e.fields.span());
  }
  for (const Multimeter& m : meters_) index.add(m.id(), m.state());
}

ElementId Circuit::push(Element element) {
  if (is_branch(element.kind)) element.branch = branch_count_++;
  // Bad parameters: the element is kept (ids stay stable) but left out of the circuit, and the
  // reason is listed for the scenario loader to show.
  std::string why = invalid_reason(element);
  if (why.empty() && element.kind != ElementKind::wire && element_by_id_.contains(element.id)) {
    why = "duplicate element id";
  }
  if (!why.empty()) {
    setup_errors_.emplace_back(element.id + " (" + std::string(to_string(element.kind)) +
                               "): " + why);
    element.active = false;
  }
  ElementId id = 0;
  if (element.kind == ElementKind::wire && !free_wires_.empty()) {
    id = free_wires_.back();
    free_wires_.pop_back();
    elements_[id] = std::move(element);
  } else {
    id = static_cast<ElementId>(elements_.size());
    elements_.push_back(std::move(element));
    if (is_branch(elements_[id].kind)) structure_dirty_ = true;
  }
  Element& e = elements_[id];
  if (e.kind != ElementKind::wire) element_by_id_.emplace(e.id, id);  // keeps the first
  // Exported state: every element has its voltage and current; devices add their own.
  e.fields.clear();
  e.fields.add("voltage_v", &e.voltage_v);
  e.fields.add("current_a", &e.current_a);
  switch (e.kind) {
    case ElementKind::lamp:
      e.fields.add("lit", &e.lit);
      e.fields.add("brightness", &e.brightness);
      e.fields.add("power_w", &e.power_w);
      break;
    case ElementKind::motor:
      e.fields.add("state", &e.state_text);
      e.fields.add("running", &e.running);
      e.fields.add("jammed", &e.jammed);
      break;
    case ElementKind::switch_:
    case ElementKind::contact:
    case ElementKind::wire:
      e.fields.add("state", &e.state_text);
      e.fields.add("closed", &e.closed);
      break;
    case ElementKind::isolator:
      e.fields.add("state", &e.state_text);
      e.fields.add("closed", &e.closed);
      e.fields.add("locked", &e.locked);
      break;
    case ElementKind::contactor:
      e.fields.add("state", &e.state_text);
      e.fields.add("energised", &e.energised);
      break;
    case ElementKind::fuse:
      e.fields.add("state", &e.state_text);
      e.fields.add("blown", &e.blown);
      e.fields.add("heat", &e.heat);
      break;
    case ElementKind::breaker:
      e.fields.add("state", &e.state_text);
      e.fields.add("tripped", &e.tripped);
      e.fields.add("closed", &e.closed);
      e.fields.add("heat", &e.heat);
      break;
    case ElementKind::voltage_source:
      e.fields.add("on", &e.on);
      break;
    default:
      break;
  }
  finish_element(e);
  return id;
}

ElementId Circuit::add_resistor(std::string id, std::string_view a, std::string_view b,
                                double ohm) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::resistor;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.ohm = ohm;
  return push(std::move(e));
}

ElementId Circuit::add_inductor(std::string id, std::string_view a, std::string_view b,
                                double henry, double series_ohm) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::inductor;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.henry = henry;
  e.ohm = series_ohm;
  return push(std::move(e));
}

ElementId Circuit::add_capacitor(std::string id, std::string_view a, std::string_view b,
                                 double farad) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::capacitor;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.farad = farad;
  return push(std::move(e));
}

ElementId Circuit::add_dc_source(std::string id, std::string_view plus, std::string_view minus,
                                 double volts, double internal_ohm) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::voltage_source;
  e.nodes[0] = node(plus);
  e.nodes[1] = node(minus);
  e.volts = volts;
  e.ohm = internal_ohm;
  return push(std::move(e));
}

ElementId Circuit::add_ac_source(std::string id, std::string_view line, std::string_view neutral,
                                 double volts_rms, double phase_deg, double internal_ohm) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::voltage_source;
  e.nodes[0] = node(line);
  e.nodes[1] = node(neutral);
  e.volts = volts_rms;
  e.ac = true;
  e.phase_rad = phase_deg * std::numbers::pi / 180.0;
  e.ohm = internal_ohm;
  return push(std::move(e));
}

ElementId Circuit::add_lamp(std::string id, std::string_view a, std::string_view b, double rated_v,
                            double rated_w) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::lamp;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.lamp.rated_v = rated_v;
  e.lamp.rated_w = rated_w;
  e.lamp_g_dc = e.lamp_g_ac = e.lamp.cold_conductance_s();
  return push(std::move(e));
}

ElementId Circuit::add_motor(std::string id, std::string_view a, std::string_view b,
                             const MotorRating& rating) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::motor;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.motor = rating;
  e.rated_v = rating.rated_v;
  return push(std::move(e));
}

ElementId Circuit::add_switch(std::string id, std::string_view a, std::string_view b, bool closed) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::switch_;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.closed = closed;
  return push(std::move(e));
}

ElementId Circuit::add_contactor(std::string id, std::string_view coil_a, std::string_view coil_b,
                                 const CoilRating& coil) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::contactor;
  e.nodes[0] = node(coil_a);
  e.nodes[1] = node(coil_b);
  e.coil_rating = coil;
  e.ohm = coil.coil_ohm;
  e.henry = coil.coil_h;
  e.rated_v = coil.rated_v;
  return push(std::move(e));
}

ElementId Circuit::add_contact(std::string id, ElementId contactor, std::string_view a,
                               std::string_view b, bool normally_open) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::contact;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.coil = contactor;
  e.normally_open = normally_open;
  e.closed = !normally_open;
  return push(std::move(e));
}

ElementId Circuit::add_fuse(std::string id, std::string_view a, std::string_view b,
                            const FuseRating& rating) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::fuse;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.rated_a = rating.rated_a;
  const double i2t = rating.i2t_a2s > 0.0 ? rating.i2t_a2s : 10.0 * rating.rated_a * rating.rated_a;
  e.thermal = fuse_thermal(i2t, rating.min_fusing_ratio * rating.rated_a);
  e.closed = true;
  return push(std::move(e));
}

ElementId Circuit::add_breaker(std::string id, std::string_view a, std::string_view b,
                               double rated_a, TripCurve curve) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::breaker;
  e.nodes[0] = node(a);
  e.nodes[1] = node(b);
  e.rated_a = rated_a;
  // Magnetic release set inside the IEC 60898-1 band (midpoint): B 4 In, C 7.5 In, D 15 In.
  const double multiple = curve == TripCurve::b ? 4.0 : (curve == TripCurve::c ? 7.5 : 15.0);
  e.magnetic_a = multiple * rated_a;
  // Thermal release: conventional non-tripping 1.13 In, tripping 1.45 In within 1 h, and
  // 2.55 In within 1–60 s (IEC 60898-1 Table 7). I_min = 1.3 In and τ = 60 s give
  // t(1.45 In) = 98 s and t(2.55 In) = 18 s.
  e.thermal.i_min_a = 1.3 * rated_a;
  e.thermal.tau_s = 60.0;
  e.closed = true;
  return push(std::move(e));
}

ElementId Circuit::add_isolator(
    std::string id, std::span<const std::pair<std::string_view, std::string_view>> poles) {
  Element e;
  e.id = std::move(id);
  e.kind = ElementKind::isolator;
  const std::size_t n = std::min<std::size_t>(poles.size(), 3);
  for (std::size_t i = 0; i < n; ++i) {
    e.nodes[2 * i] = node(poles[i].first);
    e.nodes[2 * i + 1] = node(poles[i].second);
  }
  e.poles = static_cast<std::uint8_t>(n);
  e.closed = false;
  return push(std::move(e));
}

Multimeter& Circuit::add_multimeter(std::string id) { return meters_.emplace_back(std::move(id)); }

core::Result<ElementId> Circuit::add_wire(std::string_view terminal_a,
                                          std::string_view terminal_b) {
  const auto a = find_terminal(terminal_a);
  const auto b = find_terminal(terminal_b);
  if (!a) return core::fail("wire: unknown terminal '" + std::string(terminal_a) + "'");
  if (!b) return core::fail("wire: unknown terminal '" + std::string(terminal_b) + "'");
  if (*a == *b) return core::fail("wire: both ends on terminal '" + std::string(terminal_a) + "'");
  Element e;
  e.id = "wire#" + std::to_string(++wire_serial_);
  e.kind = ElementKind::wire;
  e.nodes[0] = *a;
  e.nodes[1] = *b;
  e.ohm = k_wire_ohm;
  e.closed = true;
  return push(std::move(e));
}

core::Result<void> Circuit::remove_wire(ElementId wire) {
  if (wire >= elements_.size() || elements_[wire].kind != ElementKind::wire ||
      !elements_[wire].active) {
    return core::fail("remove_wire: element " + std::to_string(wire) + " is not a wire");
  }
  elements_[wire].active = false;
  elements_[wire].closed = false;
  finish_element(elements_[wire]);
  free_wires_.push_back(wire);
  return {};
}

}  // namespace txr::sim::electrical
