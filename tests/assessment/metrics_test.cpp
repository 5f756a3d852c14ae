// Motion and procedure metrics on synthetic trajectories with known answers.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include "assessment/metrics.hpp"

namespace a = txr::assessment;

namespace {

// Minimum-jerk position profile 0 → 1 over tau in [0, 1] (Flash & Hogan 1985).
double min_jerk(double tau) {
  tau = std::clamp(tau, 0.0, 1.0);
  return tau * tau * tau * (10.0 - 15.0 * tau + 6.0 * tau * tau);
}

struct Samples {
  std::vector<double> t;
  std::vector<a::Vec3> p;
};

// Samples `curve(t)` over [0, duration] at rate_hz, with optional timestamp jitter (the sample is
// taken at the jittered time, as a tracker reports it) and position noise.
template <class Curve>
Samples sample(Curve curve, double duration_s, double rate_hz, double jitter_s = 0.0,
               double noise_m = 0.0, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-jitter_s, jitter_s);
  std::normal_distribution<double> noise(0.0, noise_m > 0.0 ? noise_m : 1.0);
  Samples s;
  for (int i = 0;; ++i) {
    double t = i / rate_hz;
    if (t > duration_s) break;
    if (i > 0 && jitter_s > 0.0) t = std::min(duration_s, t + jitter(rng));
    a::Vec3 p = curve(t);
    if (noise_m > 0.0) {
      for (double& c : p) c += noise(rng);
    }
    s.t.push_back(t);
    s.p.push_back(p);
  }
  return s;
}

// A 0.4 m reach along x taking 1 s, at rest 0.3 s before and after.
a::Vec3 reach(double t) { return {0.4 * min_jerk((t - 0.3) / 1.0), 0.1, 1.2}; }
// The same reach made of two overlapping sub-movements (a primary under-shoot plus a correction).
a::Vec3 reach_with_submovements(double t) {
  return {0.3 * min_jerk((t - 0.3) / 0.6) + 0.1 * min_jerk((t - 0.95) / 0.35), 0.1, 1.2};
}
// A half circle of radius 0.2 m traversed with a minimum-jerk angle profile.
a::Vec3 arc(double t) {
  const double angle = std::numbers::pi * min_jerk((t - 0.2) / 1.5);
  return {0.2 * std::cos(angle), 0.2 * std::sin(angle), 1.0};
}

}  // namespace

TEST_CASE("[assessment] path length of a straight reach and a circle arc is within 1 percent") {
  for (double rate : {72.0, 90.0, 120.0}) {
    const auto line = sample(reach, 1.6, rate);
    CHECK(a::path_length_m(line.t, line.p) == doctest::Approx(0.4).epsilon(0.01));
    const auto half_circle = sample(arc, 1.9, rate);
    CHECK(a::path_length_m(half_circle.t, half_circle.p) ==
          doctest::Approx(0.2 * std::numbers::pi).epsilon(0.01));
  }
}

TEST_CASE("[assessment] path length does not grow with sample rate, jitter or tracking noise") {
  const double reference = a::path_length_m(sample(arc, 1.9, 90.0).t, sample(arc, 1.9, 90.0).p);
  for (double rate : {72.0, 90.0, 120.0}) {
    const auto jittery = sample(arc, 1.9, rate, 0.002);
    CHECK(a::path_length_m(jittery.t, jittery.p) == doctest::Approx(reference).epsilon(0.02));
    const auto noisy = sample(arc, 1.9, rate, 0.002, 0.0003, 7);
    CHECK(a::path_length_m(noisy.t, noisy.p) == doctest::Approx(reference).epsilon(0.02));
  }
  // Without the filter the same noise inflates the raw polyline length well beyond 2 %.
  const auto noisy = sample(arc, 1.9, 120.0, 0.0, 0.0003, 7);
  double raw = 0.0;
  for (std::size_t i = 1; i < noisy.p.size(); ++i) {
    double d2 = 0.0;
    for (int k = 0; k < 3; ++k) d2 += std::pow(noisy.p[i][k] - noisy.p[i - 1][k], 2);
    raw += std::sqrt(d2);
  }
  CHECK(raw > reference * 1.05);
}

TEST_CASE("[assessment] a minimum-jerk reach has the LDLJ the formula predicts") {
  // LDLJ of any minimum-jerk profile is -ln(720 / 1.875^2): the dimensionless jerk integral is
  // 720 and the peak speed is 1.875 D/T. Measured over the movement itself.
  const auto s = sample([](double t) { return a::Vec3{0.4 * min_jerk(t), 0.0, 0.0}; }, 1.0, 120.0);
  CHECK(a::ldlj(s.t, s.p, {200.0, 20.0}) ==
        doctest::Approx(-std::log(720.0 / (1.875 * 1.875))).epsilon(0.02));
}

TEST_CASE("[assessment] a minimum-jerk reach is smoother than the same reach with sub-movements") {
  for (double rate : {72.0, 90.0, 120.0}) {
    const auto smooth = sample(reach, 1.6, rate, 0.001);
    const auto jerky = sample(reach_with_submovements, 1.6, rate, 0.001);
    CHECK(a::path_length_m(jerky.t, jerky.p) == doctest::Approx(0.4).epsilon(0.01));
    CHECK(a::ldlj(smooth.t, smooth.p) > a::ldlj(jerky.t, jerky.p) + 0.5);
    CHECK(a::sparc(smooth.t, smooth.p) > a::sparc(jerky.t, jerky.p) + 0.1);
  }
}

TEST_CASE("[assessment] SPARC of a single minimum-jerk reach is near the published value") {
  // Balasubramanian et al. 2015 (J NeuroEng Rehabil 12:112), Fig. 6: a single minimum-jerk
  // speed profile scores about -1.4 to -1.6 (the paper's value is about -1.47).
  const auto s = sample([](double t) { return a::Vec3{0.4 * min_jerk(t), 0.0, 0.0}; }, 1.0, 100.0);
  const double value = a::sparc(s.t, s.p);
  CHECK(value < -1.4);
  CHECK(value > -1.6);
  // Independent of the movement's amplitude and duration (dimensionless).
  const auto slow = sample(
      [](double t) {
        return a::Vec3{0.1 * min_jerk(t / 2.0), 0.0, 0.0};
      },
      2.0, 100.0);
  CHECK(a::sparc(slow.t, slow.p) == doctest::Approx(value).epsilon(0.03));
}

TEST_CASE("[assessment] idle time counts only slow runs longer than the minimum") {
  // Still 0–2 s, reach 2–3 s, still 3–3.5 s (too short), reach back 3.5–4.5 s, still 4.5–7 s.
  auto curve = [](double t) {
    const double x = 0.3 * min_jerk(t - 2.0) - 0.3 * min_jerk(t - 3.5);
    return a::Vec3{x, 0.0, 0.0};
  };
  const auto s = sample(curve, 7.0, 90.0, 0.001);
  const double idle = a::idle_time_s(s.t, s.p, 0.02, 1.0);
  // Two long rests (≈2 s and ≈2.5 s) minus the slow tails that belong to the reaches.
  CHECK(idle > 4.0);
  CHECK(idle < 4.6);
  CHECK(a::idle_time_s(s.t, s.p, 0.02, 3.0) == doctest::Approx(0.0));
}

TEST_CASE("[assessment] time in band is time-weighted") {
  const std::vector<double> t{0.0, 1.0, 1.5, 4.0, 5.0};
  const std::vector<double> angle{10.0, 30.0, 12.0, 14.0, 50.0};
  const auto band = a::time_in_band(t, angle, 9.0, 15.0);
  CHECK(band.total_s == doctest::Approx(5.0));
  CHECK(band.in_band_s == doctest::Approx(1.0 + 2.5 + 1.0));
  CHECK(band.fraction == doctest::Approx(0.9));
}

TEST_CASE("[assessment] step times come from start and completion marks") {
  const std::vector<a::StepMark> marks{{2.0, "isolate", true},  {5.0, "isolate", false},
                                       {9.0, "lock", false},    {12.0, "verify", true},
                                       {20.0, "verify", false}, {21.0, "restore", true}};
  const auto steps = a::step_times(marks, 0.0);
  REQUIRE(steps.size() == 4);
  CHECK(steps[0].step_id == "isolate");
  CHECK(steps[0].duration_s == doctest::Approx(3.0));
  CHECK(steps[1].step_id == "lock");
  CHECK(steps[1].start_s == doctest::Approx(5.0));  // starts when the previous step ended
  CHECK(steps[1].duration_s == doctest::Approx(4.0));
  CHECK(steps[2].duration_s == doctest::Approx(8.0));
  CHECK_FALSE(steps[3].completed);
}

TEST_CASE("[assessment] event counts group violations by severity") {
  const std::vector<a::EventView> events{
      {1.0, "violation", "minor"},    {2.0, "hint", ""},
      {3.0, "violation", "critical"}, {4.0, "violation", "minor"},
      {5.0, "step_out_of_order", ""}, {6.0, "step_completed", ""}};
  const auto c = a::count_events(events);
  CHECK(c.violations == 3);
  CHECK(c.violations_by_severity.at("minor") == 2);
  CHECK(c.violations_by_severity.at("critical") == 1);
  CHECK(c.hints == 1);
  CHECK(c.out_of_order == 1);
}

TEST_CASE("[assessment] the FFT matches a direct DFT") {
  std::vector<std::complex<double>> x(64);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.3 * static_cast<double>(i * i));
  auto fast = x;
  a::fft_radix2(fast);
  for (std::size_t k = 0; k < x.size(); ++k) {
    std::complex<double> sum = 0.0;
    for (std::size_t n = 0; n < x.size(); ++n) {
      sum += x[n] * std::polar(1.0, -2.0 * std::numbers::pi * static_cast<double>(k * n) / 64.0);
    }
    CHECK(std::abs(fast[k] - sum) < 1e-9);
  }
}
