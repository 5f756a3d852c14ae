#include "sim/electrical/lamp.hpp"

#include <cmath>

namespace txr::sim::electrical {

namespace {
// Knee voltage where G_cold·V = I_r (V/V_r)^n  →  V_k = V_r · (G_hot/G_cold)^(1/(1−n)).
double knee_v(const LampCurve& c) {
  return c.rated_v * std::pow(1.0 / LampCurve::k_cold_ratio, 1.0 / (1.0 - LampCurve::k_exponent));
}
}  // namespace

double LampCurve::current_a(double v) const {
  if (v <= knee_v(*this)) return cold_conductance_s() * v;
  return rated_a() * std::pow(v / rated_v, k_exponent);
}

double LampCurve::slope_s(double v) const {
  if (v <= knee_v(*this)) return cold_conductance_s();
  return k_exponent * current_a(v) / v;
}

double LampCurve::brightness(double v) const { return std::pow(v / rated_v, 3.4); }

}  // namespace txr::sim::electrical
