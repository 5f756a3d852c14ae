// Mann–Whitney U with the normal approximation against hand-computed examples.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "assessment/mann_whitney.hpp"

namespace a = txr::assessment;

TEST_CASE("[assessment] Mann-Whitney U matches a hand-computed example without ties") {
  // x = 19 22 16 29 24, y = 20 11 17 12. Ranks of the pooled, sorted values:
  // 11y 12y 16x 17y 19x 20y 22x 24x 29x -> R1 = 3 + 5 + 7 + 8 + 9 = 32, U1 = 32 - 15 = 17,
  // U2 = 20 - 17 = 3; mean 10, sigma = sqrt(5*4*10/12) = 4.08248;
  // z = (17 - 10 - 0.5) / 4.08248 = 1.59217; p = erfc(1.59217 / sqrt 2) = 0.111347
  // (the asymptotic p SciPy's mannwhitneyu documents for this example).
  const std::vector<double> x{19, 22, 16, 29, 24};
  const std::vector<double> y{20, 11, 17, 12};
  const auto r = a::mann_whitney_u(x, y);
  CHECK(r.rank_sum1 == doctest::Approx(32));
  CHECK(r.u1 == doctest::Approx(17));
  CHECK(r.u2 == doctest::Approx(3));
  CHECK(r.sigma == doctest::Approx(4.082483).epsilon(1e-6));
  CHECK(r.z == doctest::Approx(1.592168).epsilon(1e-6));
  CHECK(r.p_two_sided == doctest::Approx(0.1113469).epsilon(1e-6));
  // Swapping the samples swaps U and the sign of z, not p.
  const auto s = a::mann_whitney_u(y, x);
  CHECK(s.u1 == doctest::Approx(3));
  CHECK(s.z == doctest::Approx(-1.592168).epsilon(1e-6));
  CHECK(s.p_two_sided == doctest::Approx(r.p_two_sided));
  // Without the continuity correction: z = 7 / 4.08248 = 1.71464, p = 0.086411.
  const auto raw = a::mann_whitney_u(x, y, false);
  CHECK(raw.z == doctest::Approx(1.714643).epsilon(1e-6));
  CHECK(raw.p_two_sided == doctest::Approx(0.0864107).epsilon(1e-5));
}

TEST_CASE("[assessment] Mann-Whitney U uses mid-ranks and the tie-corrected variance") {
  // x = 1 2 2 3, y = 2 3 4 4 5. Tie groups: 2 (x x y) ranks 2-4 -> 3; 3 (x y) ranks 5-6 -> 5.5;
  // 4 (y y) ranks 7-8 -> 7.5. R1 = 1 + 3 + 3 + 5.5 = 12.5, U1 = 12.5 - 10 = 2.5 (by pairs:
  // x=2 ties one y twice -> 1, x=3 beats one y and ties one -> 1.5). Σ(t³ - t) = 24 + 6 + 6 = 36,
  // sigma² = 20/12 * (10 - 36/72) = 15.8333, sigma = 3.979112;
  // z = -(7.5 - 0.5) / 3.979112 = -1.759186, p = 0.0785459.
  const std::vector<double> x{1, 2, 2, 3};
  const std::vector<double> y{2, 3, 4, 4, 5};
  const auto r = a::mann_whitney_u(x, y);
  CHECK(r.rank_sum1 == doctest::Approx(12.5));
  CHECK(r.u1 == doctest::Approx(2.5));
  CHECK(r.sigma == doctest::Approx(3.979112).epsilon(1e-6));
  CHECK(r.z == doctest::Approx(-1.759186).epsilon(1e-6));
  CHECK(r.p_two_sided == doctest::Approx(0.0785459).epsilon(1e-6));
}

TEST_CASE("[assessment] Mann-Whitney U on fully separated samples and on identical ones") {
  // 20 vs 20 with every value of x above every value of y: U1 = 400, z = (200 - 0.5)/36.968.
  std::vector<double> x, y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(100.0 + i);
    y.push_back(static_cast<double>(i));
  }
  const auto r = a::mann_whitney_u(x, y);
  CHECK(r.u1 == doctest::Approx(400));
  CHECK(r.u2 == doctest::Approx(0));
  CHECK(r.sigma == doctest::Approx(std::sqrt(400.0 * 41.0 / 12.0)));
  CHECK(r.p_two_sided < 1e-6);
  // Every value tied: no evidence either way.
  const std::vector<double> same(10, 5.0);
  CHECK(a::mann_whitney_u(same, same).p_two_sided == doctest::Approx(1.0));
}
