#pragma once
// One circuit element: parameters, switching/thermal state and the last solved values. The
// Circuit owns elements (stable addresses), so the StateField list built at creation stays valid.
#include <array>
#include <complex>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/electrical/lamp.hpp"
#include "sim/electrical/thermal_trip.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::electrical {

using NodeId = std::uint32_t;
using ElementId = std::uint32_t;

enum class ElementKind : std::uint8_t {
  resistor,
  inductor,
  capacitor,
  voltage_source,
  lamp,
  motor,
  switch_,
  contactor,  // the coil; its contacts are separate `contact` elements
  contact,
  fuse,
  breaker,
  isolator,
  wire,
};
std::string_view to_string(ElementKind kind);

// B/C/D characteristic of a miniature circuit breaker (IEC 60898-1 §3.5.17, Table 7): instant
// (magnetic) tripping between 3–5 In (B), 5–10 In (C), 10–20 In (D).
enum class TripCurve : std::uint8_t { b, c, d };

// Single-phase induction motor as series R + L: running impedance from the nameplate
// (S = P / (η·cosφ), Z = V/I), locked-rotor impedance from the locked-rotor current (typically
// 5–8 × full-load current, IEC 60034-12) at a low power factor.
struct MotorRating {
  double rated_v = 230.0;
  double rated_w = 750.0;  // shaft output
  double power_factor = 0.8;
  double efficiency = 0.8;
  double locked_rotor_ratio = 6.0;  // I_LR / I_FL
  double locked_rotor_pf = 0.4;
  double start_s = 0.5;  // run-up time
};

// Contactor / relay coil (R + L). IEC 60947-4-1 §8.2.1.2: closes at any coil voltage between
// 85 % and 110 % of Us; drops out between 20 % and 75 % — the defaults sit inside those bands.
struct CoilRating {
  double rated_v = 230.0;
  double coil_ohm = 400.0;
  double coil_h = 4.0;
  double pickup_fraction = 0.85;
  double dropout_fraction = 0.5;
};

// Fuse: adiabatic melting integral I²t (A²s; 0 picks 10·In², roughly a gG link melting in
// 0.1 s at 10 In) and minimum fusing current (IEC 60269-1 gG: between the conventional
// non-fusing 1.25 In and fusing 1.6 In currents).
struct FuseRating {
  double rated_a = 10.0;
  double i2t_a2s = 0.0;
  double min_fusing_ratio = 1.45;
};

enum class MotorState : std::uint8_t { stopped, starting, running, stalled };

struct Element {
  std::string id;
  ElementKind kind = ElementKind::resistor;
  std::array<NodeId, 6> nodes{};  // a, b (and further pole pairs for isolators)
  std::uint8_t poles = 1;
  bool active = true;  // false for a removed wire slot
  std::uint32_t branch = 0xffffffffu;
  ElementId coil = 0xffffffffu;  // contacts: their contactor

  // parameters
  double ohm = 0.0;
  double henry = 0.0;
  double farad = 0.0;
  double volts = 0.0;  // source emf (rms for AC)
  double phase_rad = 0.0;
  bool ac = false;
  double rated_v = 0.0;
  double rated_a = 0.0;
  double magnetic_a = 0.0;  // breaker instant trip current
  bool normally_open = true;
  LampCurve lamp;
  MotorRating motor;
  CoilRating coil_rating;
  ThermalTrip thermal;

  // state
  bool on = true;  // sources
  bool closed = false;
  bool blown = false;
  bool tripped = false;
  bool energised = false;
  bool lit = false;
  bool jammed = false;
  bool running = false;
  bool locked = false;
  MotorState motor_state = MotorState::stopped;
  double motor_timer_s = 0.0;
  std::vector<std::string> locks;  // isolator padlock owners
  double brightness = 0.0;
  double heat = 0.0;  // thermal fraction of the trip level
  std::string_view state_text = "";
  // lamp linearisation: DC Newton companion (g, ieq) and AC secant conductance
  double lamp_g_dc = 0.0;
  double lamp_ieq_dc = 0.0;
  double lamp_g_ac = 0.0;
  double lamp_v_last = 0.0;

  // results (voltage a − b; current a → b through the element)
  double v_dc = 0.0;
  double i_dc = 0.0;
  std::complex<double> v_ac{};
  std::complex<double> i_ac{};
  double voltage_v = 0.0;  // rms of both components
  double current_a = 0.0;
  double power_w = 0.0;

  StateFields<12> fields;
  NodeId a() const { return nodes[0]; }
  NodeId b() const { return nodes[1]; }
};

}  // namespace txr::sim::electrical
