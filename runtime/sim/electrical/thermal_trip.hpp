#pragma once
// First-order thermal model shared by fuses, breakers and the meter's fuses.
//
// Heat content θ (A²·s) obeys dθ/dt = I² − θ/τ (Newton cooling). The element operates when
// θ reaches θ_op = I_min²·τ, where I_min is the smallest current that ever operates it (the
// minimum fusing current of a fuse, the conventional tripping level of a breaker).
//  - For large currents (t ≪ τ) θ ≈ I²·t: the adiabatic "I²t" law of fuse pre-arcing
//    (IEC 60269-1), operating after t = θ_op / I².
//  - In general, for a constant I > I_min from cold: t = −τ·ln(1 − (I_min/I)²)  (inverse time).
// The step integrates the exact solution for a constant current over dt, so trip times do not
// depend on the step size; the crossing instant inside the step is reported as an offset.
#include <optional>

namespace txr::sim::electrical {

struct ThermalTrip {
  double i_min_a = 1.0;  // below this current the element never operates
  double tau_s = 1.0;    // cooling time constant
  double theta_a2s = 0.0;

  double operate_a2s() const { return i_min_a * i_min_a * tau_s; }
  // Advances by dt_s at a constant rms current; returns the offset into the step at which the
  // element operated, or nothing.
  std::optional<double> step(double current_a, double dt_s);
  // Time to operate from cold at a constant current (infinity below i_min_a).
  double time_to_operate_s(double current_a) const;
  // Heat as a fraction of the operating level (0 cold, 1 operates).
  double heat_fraction() const { return theta_a2s / operate_a2s(); }
};

// Parameters from a fuse's adiabatic melting integral I²t (A²s) and minimum fusing current:
// τ = I²t / I_min² so that the adiabatic limit of the model equals the published I²t.
ThermalTrip fuse_thermal(double i2t_a2s, double i_min_a);

}  // namespace txr::sim::electrical
