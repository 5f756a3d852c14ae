#include "sim/electrical/thermal_trip.hpp"

#include <cmath>
#include <limits>

namespace txr::sim::electrical {

std::optional<double> ThermalTrip::step(double current_a, double dt_s) {
  const double theta_ss = current_a * current_a * tau_s;  // steady state at this current
  const double theta_op = operate_a2s();
  const double theta0 = theta_a2s;
  const double decay = std::exp(-dt_s / tau_s);
  theta_a2s = theta_ss + (theta0 - theta_ss) * decay;
  if (theta0 < theta_op && theta_a2s >= theta_op && theta_ss > theta_op) {
    // θ(t) = θss + (θ0 − θss)e^(−t/τ) = θop  →  t = −τ ln((θss − θop)/(θss − θ0))
    const double t = -tau_s * std::log((theta_ss - theta_op) / (theta_ss - theta0));
    theta_a2s = theta_op;
    return std::fmin(std::fmax(t, 0.0), dt_s);
  }
  return std::nullopt;
}

double ThermalTrip::time_to_operate_s(double current_a) const {
  if (current_a <= i_min_a) return std::numeric_limits<double>::infinity();
  const double r = i_min_a / current_a;
  return -tau_s * std::log(1.0 - r * r);
}

ThermalTrip fuse_thermal(double i2t_a2s, double i_min_a) {
  ThermalTrip t;
  t.i_min_a = i_min_a;
  t.tau_s = i2t_a2s / (i_min_a * i_min_a);
  return t;
}

}  // namespace txr::sim::electrical
