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

// The band's subject in this frame, if tracked (a hand) or held (the tool).
const core::Pose* subject_pose(const scenario::TechniqueBand& band, const RecordedFrame& f) {
  if (band.subject == "right_hand") {
    const auto& h = f.input.hands[static_cast<std::size_t>(core::Hand::right)];
    return h.tracked ? &h.T_world_grip : nullptr;
  }
  if (band.subject == "left_hand") {
    const auto& h = f.input.hands[static_cast<std::size_t>(core::Hand::left)];
    return h.tracked ? &h.T_world_grip : nullptr;
  }
  const bool held = f.tool.held && band.subject_object >= 0 &&
                    f.tool.tool_id == static_cast<std::uint32_t>(band.subject_object + 1);
  return held ? &f.tool.T_world_tool : nullptr;
}

bool in_windows(double t, const scenario::TechniqueBand& band, std::span<const StepWindow> w) {
  if (band.during_step.empty()) return true;
  return std::any_of(w.begin(), w.end(), [&](const StepWindow& s) {
    return s.step_id == band.during_step && t >= s.start_s && t < s.end_s;
  });
}

}  // namespace

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
  double previous_t = 0.0;
  bool previous_applies = false;
  bool previous_in = false;
  const auto close_out_run = [&](double end_s) {
    if (out_since && end_s - *out_since > out.worst_end_s - out.worst_start_s) {
      out.worst_start_s = *out_since;
      out.worst_end_s = end_s;
    }
    out_since.reset();
  };
  for (const auto& f : frames) {
    const double t = f.input.time_s;
    const core::Pose* pose = in_windows(t, band, windows) ? subject_pose(band, f) : nullptr;
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
      const bool in = *value >= band.min && *value <= band.max;
      if (in) close_out_run(t);
      if (!in && !out_since) out_since = t;
      previous_in = in;
    }
    previous_applies = applies;
    previous_t = t;
  }
  if (previous_applies) close_out_run(previous_t);
  if (out.applicable_s <= 0.0) {
    out.why_not = band.during_step.empty()
                      ? "'" + band.subject + "' was never " +
                            (band.subject_object >= 0 ? "held" : "tracked") + " long enough"
                      : "'" + band.subject + "' was not in use while step '" + band.during_step +
                            "' was current";
    return out;
  }
  out.fraction = std::clamp(out.in_band_s / out.applicable_s, 0.0, 1.0);
  return out;
}

}  // namespace txr::assessment
