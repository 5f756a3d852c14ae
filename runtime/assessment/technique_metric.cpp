#include "assessment/technique_metric.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "assessment/metrics.hpp"

namespace txr::assessment {
namespace {

using scenario::TechniqueQuantity;

Vec3 normalised(const scenario::Vec3& v) {
  const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  return n > 0.0 ? Vec3{v[0] / n, v[1] / n, v[2] / n} : Vec3{1.0, 0.0, 0.0};
}

// v rotated by the unit quaternion q = (x, y, z, w).
Vec3 rotate(const std::array<float, 4>& q, const Vec3& v) {
  const double x = q[0], y = q[1], z = q[2], w = q[3];
  const Vec3 u{x, y, z};
  const Vec3 uv{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  const Vec3 uuv{u[1] * uv[2] - u[2] * uv[1], u[2] * uv[0] - u[0] * uv[2],
                 u[0] * uv[1] - u[1] * uv[0]};
  return {v[0] + 2.0 * (w * uv[0] + uuv[0]), v[1] + 2.0 * (w * uv[1] + uuv[1]),
          v[2] + 2.0 * (w * uv[2] + uuv[2])};
}

// The record's tool stream names the held object by its index + 1.
bool holds(const RecordedFrame& f, int object) {
  return f.tool.held && object >= 0 && f.tool.tool_id == static_cast<std::uint32_t>(object + 1);
}

// The band's subject in this frame, if tracked (a hand) or held (the tool).
const core::Pose* subject_pose(const scenario::TechniqueBand& band, const RecordedFrame& f) {
  if (band.subject == "right_hand" || band.subject == "left_hand") {
    const auto hand = band.subject == "right_hand" ? core::Hand::right : core::Hand::left;
    const auto& h = f.input.hands[static_cast<std::size_t>(hand)];
    return h.tracked ? &h.T_world_grip : nullptr;
  }
  return holds(f, band.subject_object) ? &f.tool.T_world_tool : nullptr;
}

// Whether the band applies at this frame apart from its subject being there.
bool gates_open(const scenario::TechniqueBand& band, const RecordedFrame& f,
                std::span<const StepWindow> w) {
  if (!band.while_holding.empty() && !holds(f, band.while_holding_object)) return false;
  if (band.during_step.empty()) return true;
  const double t = f.input.time_s;
  return std::any_of(w.begin(), w.end(), [&](const StepWindow& s) {
    return s.step_id == band.during_step && t >= s.start_s && t < s.end_s;
  });
}

// How far a value lies outside [min, max] (0 inside).
double excursion(const scenario::TechniqueBand& band, double v) {
  return v < band.min ? band.min - v : v > band.max ? v - band.max : 0.0;
}

}  // namespace

std::vector<StepWindow> step_windows(std::span<const RecordEvent> events) {
  std::vector<StepWindow> out;
  for (const auto& e : events) {
    if (e.type == "step_started") out.push_back({e.subject, e.time_s, 1e300});
    if (e.type != "step_completed") continue;
    for (auto& w : out) {
      if (w.step_id == e.subject && w.end_s > e.time_s) w.end_s = e.time_s;
    }
  }
  return out;
}

TechniqueResult technique_band(const scenario::TechniqueBand& band,
                               std::span<const RecordedFrame> frames,
                               std::span<const StepWindow> windows) {
  TechniqueResult out;
  // Speeds come from the subject's low-pass filtered trajectory (the one path length uses), so
  // tracking jitter does not read as speed.
  std::vector<double> speed_t;
  SmoothedTrajectory smooth;
  if (band.quantity == TechniqueQuantity::speed_m_s) {
    std::vector<Vec3> p;
    for (const auto& f : frames) {
      if (const core::Pose* pose = subject_pose(band, f)) {
        speed_t.push_back(f.input.time_s);
        p.push_back({pose->position_m[0], pose->position_m[1], pose->position_m[2]});
      }
    }
    if (speed_t.size() >= 2) smooth = smooth_trajectory(speed_t, p);
  }
  const Vec3 axis = normalised(band.axis);
  const Vec3 reference = normalised(band.reference);

  // Each sample holds until the next one while both apply; a gap (not held, another step)
  // counts neither way.
  std::optional<double> out_since;
  double run_peak = 0.0, run_peak_excursion = -1.0;
  double previous_t = 0.0;
  bool previous_applies = false;
  bool previous_in = false;
  const auto close_out_run = [&](double end_s) {
    if (out_since && end_s - *out_since > out.worst_end_s - out.worst_start_s) {
      out.worst_start_s = *out_since;
      out.worst_end_s = end_s;
      out.worst_value = run_peak;
    }
    out_since.reset();
    run_peak_excursion = -1.0;
  };
  for (const auto& f : frames) {
    const double t = f.input.time_s;
    const core::Pose* pose = gates_open(band, f, windows) ? subject_pose(band, f) : nullptr;
    std::optional<double> value;
    if (pose != nullptr) {
      switch (band.quantity) {
        case TechniqueQuantity::angle_deg: {
          const Vec3 a = rotate(pose->orientation, axis);
          const double c = std::clamp(
              a[0] * reference[0] + a[1] * reference[1] + a[2] * reference[2], -1.0, 1.0);
          value = std::acos(c) * 180.0 / std::numbers::pi;
          break;
        }
        case TechniqueQuantity::distance_m: {
          const double dx = pose->position_m[0] - band.point_m[0];
          const double dy = pose->position_m[1] - band.point_m[1];
          const double dz = pose->position_m[2] - band.point_m[2];
          value = std::sqrt(dx * dx + dy * dy + dz * dz);
          break;
        }
        case TechniqueQuantity::speed_m_s: {
          if (!smooth.speed_mps.empty()) {
            const double k = std::round((t - speed_t.front()) * smooth.rate_hz);
            const auto i = static_cast<std::size_t>(
                std::clamp(k, 0.0, static_cast<double>(smooth.speed_mps.size() - 1)));
            value = smooth.speed_mps[i];
          }
          break;
        }
      }
    }
    const bool applies = value.has_value();
    if (previous_applies) {
      const double dt = t - previous_t;
      if (applies && dt > 0.0) {
        out.applicable_s += dt;
        if (previous_in) out.in_band_s += dt;
      }
      if (!applies) close_out_run(previous_t);
    }
    if (applies) {
      const double off = excursion(band, *value);
      const bool in = off == 0.0;
      if (in) close_out_run(t);
      if (!in) {
        if (!out_since) out_since = t;
        if (off > run_peak_excursion) {
          run_peak_excursion = off;
          run_peak = *value;
        }
      }
      previous_in = in;
    }
    previous_applies = applies;
    previous_t = t;
  }
  if (previous_applies) close_out_run(previous_t);
  if (out.applicable_s <= 0.0) {
    std::string when;
    if (!band.during_step.empty()) when += " while step '" + band.during_step + "' was current";
    if (!band.while_holding.empty()) {
      when += (when.empty() ? " while " : " and ") + band.while_holding + " was held";
    }
    out.why_not = "'" + band.subject + "' was never " +
                  (band.subject_object >= 0 ? "held" : "tracked") + when +
                  " (no time to measure the band on)";
    return out;
  }
  out.fraction = std::clamp(out.in_band_s / out.applicable_s, 0.0, 1.0);
  return out;
}

}  // namespace txr::assessment
