#include "sim/mechanical/bolted_joint.hpp"

#include <algorithm>
#include <cmath>

namespace txr::sim::mechanical {

namespace {

// In-place Gauss–Jordan inverse of a small symmetric positive-definite matrix.
void invert(std::vector<double>& a, std::size_t n) {
  std::vector<double> inv(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) inv[i * n + i] = 1.0;
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t p = k;
    for (std::size_t i = k + 1; i < n; ++i) {
      if (std::fabs(a[i * n + k]) > std::fabs(a[p * n + k])) p = i;
    }
    for (std::size_t j = 0; j < n; ++j) {
      std::swap(a[k * n + j], a[p * n + j]);
      std::swap(inv[k * n + j], inv[p * n + j]);
    }
    const double d = a[k * n + k];
    for (std::size_t j = 0; j < n; ++j) {
      a[k * n + j] /= d;
      inv[k * n + j] /= d;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (i == k) continue;
      const double f = a[i * n + k];
      if (f == 0.0) continue;
      for (std::size_t j = 0; j < n; ++j) {
        a[i * n + j] -= f * a[k * n + j];
        inv[i * n + j] -= f * inv[k * n + j];
      }
    }
  }
  a = std::move(inv);
}

}  // namespace

core::Result<void> validate(const JointSpec& spec) {
  if (spec.bolt_count < 3 || spec.bolt_count > 64) return core::fail("joint: 3 to 64 bolts");
  if (!(spec.gasket_free_mm > 0.0 && spec.gasket_stiffness_n_per_mm > 0.0 &&
        spec.bolt_stiffness_n_per_mm > 0.0)) {
    return core::fail("joint: gasket thickness and stiffnesses must be > 0");
  }
  double sum = 0.0;
  for (double w : spec.spread) {
    if (!(w >= 0.0 && w <= 0.45)) return core::fail("joint: spread weights must be in [0, 0.45]");
    sum += w;
  }
  // Diagonal dominance of the circulant compliance (1 > 2·Σw) keeps it positive definite.
  if (2.0 * sum >= 1.0) return core::fail("joint: spread weights too large (2·sum must be < 1)");
  return validate(spec.bolt);
}

BoltedJoint::BoltedJoint(std::string id, const JointSpec& spec, const EventChannel* events)
    : id_(std::move(id)), spec_(spec) {
  const std::size_t n = std::max<std::size_t>(spec_.bolt_count, 3);
  for (std::size_t i = 0; i < n; ++i) {
    bolts_.push_back(
        std::make_unique<Bolt>(id_ + ".bolt" + std::to_string(i + 1), spec_.bolt, events));
  }
  c_mm_per_n_.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t diff = i > j ? i - j : j - i;
      const std::size_t d = std::min(diff, n - diff);
      const double w = d == 0 ? 1.0 : (d <= spec_.spread.size() ? spec_.spread[d - 1] : 0.0);
      c_mm_per_n_[i * n + j] = w / spec_.gasket_stiffness_n_per_mm;
    }
  }
  // S = k_b (I + k_b C)^-1
  const double kb = spec_.bolt_stiffness_n_per_mm;
  std::vector<double> m(n * n);
  for (std::size_t i = 0; i < n * n; ++i) m[i] = kb * c_mm_per_n_[i];
  for (std::size_t i = 0; i < n; ++i) m[i * n + i] += 1.0;
  invert(m, n);
  for (double& v : m) v *= kb;
  s_n_per_mm_ = std::move(m);
  u_mm_.assign(n, 0.0);
  f_n_.assign(n, 0.0);
  gap_mm_.assign(n, spec_.gasket_free_mm);
  fields_.add("gap_spread_mm", &gap_spread_mm_);
  fields_.add("min_gap_mm", &min_gap_mm_);
  fields_.add("max_gap_mm", &max_gap_mm_);
  fields_.add("mean_preload_kn", &mean_preload_kn_);
  fields_.add("preload_spread_kn", &preload_spread_kn_);
  fields_.add("yielded_count", &yielded_count_);
  fields_.add("tight_count", &tight_count_);
  refresh();
}

double BoltedJoint::tighten(std::size_t index, double torque_nm) {
  if (index >= bolts_.size()) return 0.0;
  const std::size_t n = bolts_.size();
  Bolt& b = *bolts_[index];
  b.set_preload_n(f_n_[index]);
  const double target = b.apply_torque(torque_nm);  // handles "nut does not turn" and yield
  if (target > f_n_[index]) {
    // Turn the nut until this bolt holds the target with its slack neighbours following the
    // flange (a contraction: converges in a few rounds).
    for (int round = 0; round < 50 && std::fabs(target - f_n_[index]) > 1e-6 * target; ++round) {
      const double du = (target - f_n_[index]) / s_n_per_mm_[index * n + index];
      u_mm_[index] += du;
      for (std::size_t j = 0; j < n; ++j) f_n_[j] += s_n_per_mm_[j * n + index] * du;
      relax_slack_bolts();
    }
  }
  refresh();
  return f_n_[index];
}

void BoltedJoint::relax_slack_bolts() {
  const std::size_t n = bolts_.size();
  for (int sweep = 0; sweep < 100; ++sweep) {
    bool any = false;
    for (std::size_t j = 0; j < n; ++j) {
      if (f_n_[j] >= -1e-9) continue;
      const double du = -f_n_[j] / s_n_per_mm_[j * n + j];
      u_mm_[j] += du;
      for (std::size_t i = 0; i < n; ++i) f_n_[i] += s_n_per_mm_[i * n + j] * du;
      any = true;
    }
    if (!any) break;
  }
  for (double& f : f_n_) f = std::fmax(f, 0.0);
}

void BoltedJoint::refresh() {
  const std::size_t n = bolts_.size();
  double fmin = f_n_[0], fmax = f_n_[0], fsum = 0.0;
  yielded_count_ = tight_count_ = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double delta = 0.0;
    for (std::size_t j = 0; j < n; ++j) delta += c_mm_per_n_[i * n + j] * f_n_[j];
    gap_mm_[i] = spec_.gasket_free_mm - delta;
    bolts_[i]->set_preload_n(f_n_[i]);
    fmin = std::fmin(fmin, f_n_[i]);
    fmax = std::fmax(fmax, f_n_[i]);
    fsum += f_n_[i];
    yielded_count_ += bolts_[i]->yielded() ? 1.0 : 0.0;
    tight_count_ += f_n_[i] > 0.0 ? 1.0 : 0.0;
  }
  const auto [lo, hi] = std::minmax_element(gap_mm_.begin(), gap_mm_.end());
  min_gap_mm_ = *lo;
  max_gap_mm_ = *hi;
  gap_spread_mm_ = *hi - *lo;
  mean_preload_kn_ = fsum / static_cast<double>(n) * 1e-3;
  preload_spread_kn_ = (fmax - fmin) * 1e-3;
}

std::vector<std::size_t> BoltedJoint::star_sequence(std::size_t bolt_count) {
  std::vector<std::size_t> order;
  const std::size_t n = bolt_count;
  if (n == 0) return order;
  if ((n & (n - 1)) == 0) {  // power of two: bit-reversal permutation
    std::size_t bits = 0;
    while ((std::size_t{1} << bits) < n) ++bits;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t r = 0;
      for (std::size_t b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
      order.push_back(r);
    }
    return order;
  }
  if (n % 2 != 0) {  // odd: every second bolt round the circle (a pentagram for 5)
    for (std::size_t i = 0, k = 0; i < n; ++i, k = (k + 2) % n) order.push_back(k);
    return order;
  }
  const std::size_t half = n / 2;
  std::vector<std::size_t> firsts;
  if (half % 2 == 0) {
    for (std::size_t k = 0; k < half / 2; ++k) {
      firsts.push_back(k);
      firsts.push_back(k + half / 2);
    }
  } else {
    for (std::size_t k = 0; k < half; ++k) firsts.push_back(k);
  }
  for (std::size_t f : firsts) {
    order.push_back(f);
    order.push_back(f + half);
  }
  return order;
}

}  // namespace txr::sim::mechanical
