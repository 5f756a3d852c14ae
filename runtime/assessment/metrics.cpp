#include "assessment/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace txr::assessment {

SmoothedTrajectory smooth_trajectory(std::span<const double> time_s,
                                     std::span<const Vec3> position_m, const MotionFilter& filter) {
  SmoothedTrajectory out;
  out.rate_hz = filter.resample_hz;
  const auto uniform = resample_uniform(time_s, position_m, filter.resample_hz);
  out.position_m = lowpass_zero_phase(uniform, filter.resample_hz, filter.cutoff_hz);
  out.speed_mps = norms(derivative(out.position_m, 1.0 / filter.resample_hz));
  return out;
}

double path_length_m(std::span<const double> time_s, std::span<const Vec3> position_m,
                     const MotionFilter& filter) {
  const auto s = smooth_trajectory(time_s, position_m, filter);
  double length = 0.0;
  for (std::size_t i = 1; i < s.position_m.size(); ++i) {
    const auto& a = s.position_m[i - 1];
    const auto& b = s.position_m[i];
    length += std::sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]) +
                        (b[2] - a[2]) * (b[2] - a[2]));
  }
  return length;
}

double ldlj(std::span<const double> time_s, std::span<const Vec3> position_m,
            const MotionFilter& filter) {
  const auto s = smooth_trajectory(time_s, position_m, filter);
  const std::size_t n = s.position_m.size();
  if (n < 5) return std::numeric_limits<double>::quiet_NaN();
  const double dt = 1.0 / s.rate_hz;
  const auto velocity = derivative(s.position_m, dt);
  const auto jerk = derivative(derivative(velocity, dt), dt);
  const double v_peak = *std::max_element(s.speed_mps.begin(), s.speed_mps.end());
  if (!(v_peak > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  double integral = 0.0;  // trapezoid rule over |jerk|²
  for (std::size_t i = 0; i < n; ++i) {
    const double j2 = jerk[i][0] * jerk[i][0] + jerk[i][1] * jerk[i][1] + jerk[i][2] * jerk[i][2];
    integral += (i == 0 || i == n - 1) ? 0.5 * j2 * dt : j2 * dt;
  }
  const double duration = static_cast<double>(n - 1) * dt;
  return -std::log(duration * duration * duration / (v_peak * v_peak) * integral);
}

double sparc(std::span<const double> speed, double rate_hz, const SparcOptions& options) {
  if (speed.size() < 2 || !(rate_hz > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  std::size_t nfft = 1;
  while (nfft < speed.size()) nfft <<= 1;
  nfft <<= std::clamp(options.pad_level, 0, 8);
  std::vector<std::complex<double>> spectrum(nfft);
  for (std::size_t i = 0; i < speed.size(); ++i) spectrum[i] = speed[i];
  fft_radix2(spectrum);
  const double df = rate_hz / static_cast<double>(nfft);
  const double fc = std::min(options.max_cutoff_hz, 0.5 * rate_hz);
  const auto n_sel = static_cast<std::size_t>(std::floor(fc / df + 1e-9)) + 1;
  std::vector<double> mag(std::min(n_sel, nfft / 2 + 1));
  double peak = 0.0;
  for (std::size_t k = 0; k < nfft; ++k) peak = std::max(peak, std::abs(spectrum[k]));
  if (!(peak > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < mag.size(); ++k) mag[k] = std::abs(spectrum[k]) / peak;
  // Adaptive cut-off: from the first to the last bin at or above the threshold.
  std::size_t first = mag.size(), last = 0;
  for (std::size_t k = 0; k < mag.size(); ++k) {
    if (mag[k] >= options.amplitude_threshold) {
      first = std::min(first, k);
      last = k;
    }
  }
  if (first >= last) return 0.0;
  const double span_hz = static_cast<double>(last - first) * df;
  double arc = 0.0;
  for (std::size_t k = first + 1; k <= last; ++k) {
    const double dfn = df / span_hz;
    const double dm = mag[k] - mag[k - 1];
    arc += std::sqrt(dfn * dfn + dm * dm);
  }
  return -arc;
}

double sparc(std::span<const double> time_s, std::span<const Vec3> position_m,
             const MotionFilter& filter, const SparcOptions& options) {
  const auto s = smooth_trajectory(time_s, position_m, filter);
  return sparc(s.speed_mps, s.rate_hz, options);
}

double idle_time_s(std::span<const double> time_s, std::span<const Vec3> position_m,
                   double speed_threshold_mps, double min_duration_s, const MotionFilter& filter) {
  const auto s = smooth_trajectory(time_s, position_m, filter);
  const double dt = 1.0 / s.rate_hz;
  double idle = 0.0;
  std::size_t run = 0;  // samples in the current slow run
  auto close_run = [&] {
    // A run of k samples spans (k - 1) intervals.
    const double run_s = run > 1 ? static_cast<double>(run - 1) * dt : 0.0;
    if (run_s >= min_duration_s) idle += run_s;
    run = 0;
  };
  for (double v : s.speed_mps) {
    if (v < speed_threshold_mps) {
      ++run;
    } else {
      close_run();
    }
  }
  close_run();
  return idle;
}

BandResult time_in_band(std::span<const double> time_s, std::span<const double> value, double lo,
                        double hi) {
  BandResult r;
  const std::size_t n = std::min(time_s.size(), value.size());
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const double dt = time_s[i + 1] - time_s[i];
    if (!(dt > 0.0)) continue;  // out-of-order or duplicate timestamps carry no time
    r.total_s += dt;
    if (value[i] >= lo && value[i] <= hi) r.in_band_s += dt;
  }
  r.fraction = r.total_s > 0.0 ? r.in_band_s / r.total_s : 0.0;
  return r;
}

std::vector<StepTime> step_times(std::span<const StepMark> marks, double session_start_s) {
  std::vector<const StepMark*> sorted;
  sorted.reserve(marks.size());
  for (const auto& m : marks) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const StepMark* a, const StepMark* b) { return a->time_s < b->time_s; });
  std::vector<StepTime> out;
  double last_end = session_start_s;
  auto find = [&](std::string_view id) -> StepTime* {
    for (auto& s : out) {
      if (s.step_id == id) return &s;
    }
    return nullptr;
  };
  for (const StepMark* m : sorted) {
    StepTime* s = find(m->step_id);
    if (m->is_start) {
      if (s == nullptr) out.push_back({std::string(m->step_id), m->time_s, m->time_s, 0.0, false});
      continue;
    }
    if (s == nullptr) {
      out.push_back({std::string(m->step_id), last_end, m->time_s, 0.0, false});
      s = &out.back();
    }
    if (!s->completed) {
      s->end_s = m->time_s;
      s->duration_s = s->end_s - s->start_s;
      s->completed = true;
      last_end = m->time_s;
    }
  }
  return out;
}

EventCounts count_events(std::span<const EventView> events, const EventCountNames& names) {
  EventCounts c;
  for (const auto& e : events) {
    if (e.type == names.violation) {
      ++c.violations;
      auto it = c.violations_by_severity.find(e.severity);
      if (it == c.violations_by_severity.end()) {
        c.violations_by_severity.emplace(std::string(e.severity), 1);
      } else {
        ++it->second;
      }
    } else if (e.type == names.hint) {
      ++c.hints;
    } else if (e.type == names.out_of_order) {
      ++c.out_of_order;
    } else if (e.type == names.error_corrected) {
      ++c.errors_corrected;
    } else if (e.type == names.intervention) {
      ++c.interventions;
    }
  }
  return c;
}

void extract_trajectory(std::span<const RecordedFrame> frames, TrackedPoint point,
                        std::vector<double>& time_s, std::vector<Vec3>& position_m) {
  time_s.clear();
  position_m.clear();
  for (const auto& f : frames) {
    const core::Pose* pose = nullptr;
    switch (point) {
      case TrackedPoint::head:
        pose = &f.input.T_world_head;
        break;
      case TrackedPoint::left_grip:
        if (f.input.hands[0].tracked) pose = &f.input.hands[0].T_world_grip;
        break;
      case TrackedPoint::right_grip:
        if (f.input.hands[1].tracked) pose = &f.input.hands[1].T_world_grip;
        break;
      case TrackedPoint::tool:
        if (f.tool.held) pose = &f.tool.T_world_tool;
        break;
    }
    if (pose == nullptr) continue;
    time_s.push_back(f.input.time_s);
    position_m.push_back({pose->position_m[0], pose->position_m[1], pose->position_m[2]});
  }
}

}  // namespace txr::assessment
