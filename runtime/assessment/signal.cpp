#include "assessment/signal.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace txr::assessment {
namespace {

template <class T>
T lerp(const T& a, const T& b, double u) {
  if constexpr (std::is_same_v<T, double>) {
    return a + (b - a) * u;
  } else {
    return {a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u};
  }
}

template <class T>
std::vector<T> resample_impl(std::span<const double> t, std::span<const T> v, double rate_hz) {
  std::vector<T> out;
  const std::size_t n = std::min(t.size(), v.size());
  if (n == 0 || !(rate_hz > 0.0)) return out;
  // Indices of strictly increasing, finite times.
  std::vector<std::size_t> keep;
  keep.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(t[i])) continue;
    if (keep.empty() || t[i] > t[keep.back()]) keep.push_back(i);
  }
  if (keep.size() == 1) return {v[keep[0]]};
  const double t0 = t[keep.front()];
  const double t1 = t[keep.back()];
  const auto count = static_cast<std::size_t>(std::floor((t1 - t0) * rate_hz + 1e-9)) + 1;
  out.reserve(count);
  std::size_t k = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double ti = t0 + static_cast<double>(i) / rate_hz;
    while (k + 2 < keep.size() && t[keep[k + 1]] < ti) ++k;
    const double ta = t[keep[k]], tb = t[keep[k + 1]];
    const double u = std::clamp((ti - ta) / (tb - ta), 0.0, 1.0);
    out.push_back(lerp(v[keep[k]], v[keep[k + 1]], u));
  }
  return out;
}

struct Biquad {
  double b0, b1, b2, a1, a2;
};

Biquad butterworth2(double rate_hz, double cutoff_hz) {
  const double k = std::tan(std::numbers::pi * cutoff_hz / rate_hz);
  const double norm = 1.0 / (1.0 + std::numbers::sqrt2 * k + k * k);
  Biquad q{};
  q.b0 = k * k * norm;
  q.b1 = 2.0 * q.b0;
  q.b2 = q.b0;
  q.a1 = 2.0 * (k * k - 1.0) * norm;
  q.a2 = (1.0 - std::numbers::sqrt2 * k + k * k) * norm;
  return q;
}

// Direct form II transposed, starting in the steady state for a constant input x[0].
void filter_in_place(std::vector<double>& x, const Biquad& q) {
  if (x.empty()) return;
  double z2 = (q.b2 - q.a2) * x[0];
  double z1 = (q.b1 - q.a1) * x[0] + z2;
  for (double& v : x) {
    const double in = v;
    const double y = q.b0 * in + z1;
    z1 = q.b1 * in - q.a1 * y + z2;
    z2 = q.b2 * in - q.a2 * y;
    v = y;
  }
}

}  // namespace

std::vector<Vec3> resample_uniform(std::span<const double> time_s, std::span<const Vec3> value,
                                   double rate_hz) {
  return resample_impl(time_s, value, rate_hz);
}
std::vector<double> resample_uniform(std::span<const double> time_s, std::span<const double> value,
                                     double rate_hz) {
  return resample_impl(time_s, value, rate_hz);
}

std::vector<double> lowpass_zero_phase(std::span<const double> x, double rate_hz,
                                       double cutoff_hz) {
  const std::size_t n = x.size();
  if (n < 3 || !(cutoff_hz > 0.0) || cutoff_hz >= 0.5 * rate_hz) return {x.begin(), x.end()};
  const Biquad q = butterworth2(rate_hz, cutoff_hz);
  // Pad by about three time constants of the filter (at least SciPy's 3 * order * 1.5).
  const std::size_t pad = std::min(
      n - 1, std::max<std::size_t>(9, static_cast<std::size_t>(3.0 * rate_hz / cutoff_hz)));
  std::vector<double> ext;
  ext.reserve(n + 2 * pad);
  for (std::size_t i = pad; i >= 1; --i) ext.push_back(2.0 * x[0] - x[i]);
  ext.insert(ext.end(), x.begin(), x.end());
  for (std::size_t i = 1; i <= pad; ++i) ext.push_back(2.0 * x[n - 1] - x[n - 1 - i]);
  filter_in_place(ext, q);
  std::reverse(ext.begin(), ext.end());
  filter_in_place(ext, q);
  std::reverse(ext.begin(), ext.end());
  return {ext.begin() + static_cast<std::ptrdiff_t>(pad),
          ext.begin() + static_cast<std::ptrdiff_t>(pad + n)};
}

std::vector<Vec3> lowpass_zero_phase(std::span<const Vec3> x, double rate_hz, double cutoff_hz) {
  std::vector<Vec3> out(x.size());
  std::vector<double> axis(x.size());
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t i = 0; i < x.size(); ++i) axis[i] = x[i][a];
    const auto f = lowpass_zero_phase(axis, rate_hz, cutoff_hz);
    for (std::size_t i = 0; i < x.size(); ++i) out[i][a] = f[i];
  }
  return out;
}

std::vector<double> derivative(std::span<const double> x, double dt_s) {
  const std::size_t n = x.size();
  std::vector<double> d(n, 0.0);
  if (n < 2) return d;
  d[0] = (x[1] - x[0]) / dt_s;
  d[n - 1] = (x[n - 1] - x[n - 2]) / dt_s;
  for (std::size_t i = 1; i + 1 < n; ++i) d[i] = (x[i + 1] - x[i - 1]) / (2.0 * dt_s);
  return d;
}

std::vector<Vec3> derivative(std::span<const Vec3> x, double dt_s) {
  std::vector<Vec3> out(x.size());
  std::vector<double> axis(x.size());
  for (std::size_t a = 0; a < 3; ++a) {
    for (std::size_t i = 0; i < x.size(); ++i) axis[i] = x[i][a];
    const auto d = derivative(axis, dt_s);
    for (std::size_t i = 0; i < x.size(); ++i) out[i][a] = d[i];
  }
  return out;
}

std::vector<double> norms(std::span<const Vec3> x) {
  std::vector<double> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    out[i] = std::sqrt(x[i][0] * x[i][0] + x[i][1] * x[i][1] + x[i][2] * x[i][2]);
  }
  return out;
}

void fft_radix2(std::vector<std::complex<double>>& a) {
  const std::size_t n = a.size();
  if (n < 2) return;
  for (std::size_t i = 1, j = 0; i < n; ++i) {  // bit-reversal permutation
    std::size_t bit = n >> 1;
    for (; (j & bit) != 0; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const double angle = -2.0 * std::numbers::pi / static_cast<double>(len);
    const std::complex<double> w_len(std::cos(angle), std::sin(angle));
    for (std::size_t i = 0; i < n; i += len) {
      std::complex<double> w(1.0, 0.0);
      for (std::size_t k = 0; k < len / 2; ++k) {
        const auto u = a[i + k];
        const auto v = a[i + k + len / 2] * w;
        a[i + k] = u + v;
        a[i + k + len / 2] = u - v;
        w *= w_len;
      }
    }
  }
}

}  // namespace txr::assessment
