#pragma once
// Seeded random numbers that give the same values with every standard library: the engine
// (mt19937_64) is fully specified by the standard, the distributions are written here because
// std::uniform_real_distribution / std::normal_distribution are implementation-defined.
#include <cstdint>
#include <random>

namespace txr::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1): the top 53 bits of one draw scaled by 2^-53.
  double uniform01();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  // Normal by the Box–Muller transform (Box & Muller, Ann. Math. Stat. 29, 1958):
  // z = sqrt(-2 ln u1) · cos(2π u2), u1 in (0, 1]. Two uniforms per sample, no caching, so the
  // sequence depends only on the seed and the number of calls.
  double normal(double mean, double sd);

 private:
  std::mt19937_64 engine_;
};

}  // namespace txr::sim
