#pragma once
// Signal helpers for the motion metrics: uniform resampling of jittery samples, a zero-phase
// 2nd-order Butterworth low-pass (forward-backward), numerical derivatives and a radix-2 FFT.
#include <array>
#include <complex>
#include <span>
#include <vector>

namespace txr::assessment {

using Vec3 = std::array<double, 3>;

// Linear interpolation of (time_s, value) samples onto a grid t0, t0 + 1/rate_hz, ... <= t_end.
// Samples whose time does not increase (duplicates, jitter going backwards) are skipped.
std::vector<Vec3> resample_uniform(std::span<const double> time_s, std::span<const Vec3> value,
                                   double rate_hz);
std::vector<double> resample_uniform(std::span<const double> time_s, std::span<const double> value,
                                     double rate_hz);

// Zero-phase 2nd-order Butterworth low-pass (bilinear transform, pre-warped), run forward then
// backward with odd-reflection padding and steady-state initial conditions, like SciPy's
// filtfilt: no lag, the cut-off attenuates by |H|² = 1/2, a straight line passes unchanged.
std::vector<double> lowpass_zero_phase(std::span<const double> x, double rate_hz, double cutoff_hz);
std::vector<Vec3> lowpass_zero_phase(std::span<const Vec3> x, double rate_hz, double cutoff_hz);

// Central differences (one-sided at the ends), like numpy.gradient.
std::vector<double> derivative(std::span<const double> x, double dt_s);
std::vector<Vec3> derivative(std::span<const Vec3> x, double dt_s);
std::vector<double> norms(std::span<const Vec3> x);

// In-place iterative radix-2 FFT; data.size() must be a power of two.
void fft_radix2(std::vector<std::complex<double>>& data);

}  // namespace txr::assessment
