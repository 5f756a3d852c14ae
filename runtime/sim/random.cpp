#include "sim/random.hpp"

#include <cmath>
#include <numbers>

namespace txr::sim {

double Rng::uniform01() {
  const std::uint64_t bits = engine_() >> 11;  // 53 significant bits
  return static_cast<double>(bits) * 0x1.0p-53;
}

double Rng::normal(double mean, double sd) {
  const double u1 = 1.0 - uniform01();  // (0, 1]: log(u1) is finite
  const double u2 = uniform01();
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  return mean + sd * z;
}

}  // namespace txr::sim
