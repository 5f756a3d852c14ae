#include "assessment/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace txr::assessment {

MannWhitneyResult mann_whitney_u(std::span<const double> sample1, std::span<const double> sample2,
                                 bool continuity_correction) {
  MannWhitneyResult r;
  const double n1 = static_cast<double>(sample1.size());
  const double n2 = static_cast<double>(sample2.size());
  if (sample1.empty() || sample2.empty()) return r;
  struct Item {
    double value;
    bool first;
  };
  std::vector<Item> all;
  all.reserve(sample1.size() + sample2.size());
  for (double v : sample1) all.push_back({v, true});
  for (double v : sample2) all.push_back({v, false});
  std::sort(all.begin(), all.end(), [](const Item& a, const Item& b) { return a.value < b.value; });

  // Mid-ranks (1-based) for tie groups; Σ(t³ − t) for the variance correction.
  double tie_term = 0.0;
  for (std::size_t i = 0; i < all.size();) {
    std::size_t j = i;
    while (j < all.size() && all[j].value == all[i].value) ++j;
    const double t = static_cast<double>(j - i);
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (all[k].first) r.rank_sum1 += mid_rank;
    }
    tie_term += t * t * t - t;
    i = j;
  }
  const double n = n1 + n2;
  r.u1 = r.rank_sum1 - n1 * (n1 + 1.0) / 2.0;
  r.u2 = n1 * n2 - r.u1;
  const double mean = n1 * n2 / 2.0;
  const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
  r.sigma = variance > 0.0 ? std::sqrt(variance) : 0.0;
  if (r.sigma == 0.0) return r;
  const double diff = r.u1 - mean;
  const double magnitude = std::max(0.0, std::fabs(diff) - (continuity_correction ? 0.5 : 0.0));
  r.z = std::copysign(magnitude / r.sigma, diff);
  r.p_two_sided = std::min(1.0, std::erfc(std::fabs(r.z) / std::sqrt(2.0)));
  return r;
}

}  // namespace txr::assessment
