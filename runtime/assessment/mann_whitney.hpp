#pragma once
// Mann–Whitney U test (Wilcoxon rank-sum) for two independent samples, with the normal
// approximation, the tie correction of the variance and a continuity correction — the test
// the construct-validity check uses to show that expert and novice scores separate.
//   U1 = R1 − n1(n1 + 1)/2 (R1: rank sum of sample 1, mid-ranks for ties), U2 = n1·n2 − U1
//   σ² = n1·n2/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))), t the size of each tie group
//   z = (|U1 − n1·n2/2| − ½) / σ, two-sided p = erfc(|z| / √2)
// (Siegel & Castellan, Nonparametric Statistics, 2nd ed., §6.4; the normal approximation is
// good for n1, n2 ≥ 10 or so.)
#include <span>

namespace txr::assessment {

struct MannWhitneyResult {
  double u1 = 0.0;         // U of the first sample: pairs where it is larger (+½ per tie)
  double u2 = 0.0;         // n1·n2 − u1
  double rank_sum1 = 0.0;  // R1
  double z = 0.0;          // signed: > 0 when the first sample tends to be larger
  double p_two_sided = 1.0;
  double sigma = 0.0;  // σ of U under the null hypothesis, tie-corrected
};

// Both samples need at least one value; a σ of 0 (every value tied) gives p = 1.
MannWhitneyResult mann_whitney_u(std::span<const double> sample1, std::span<const double> sample2,
                                 bool continuity_correction = true);

}  // namespace txr::assessment
