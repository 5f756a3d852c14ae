#include "xr/comfort_vignette.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace txr::xr {

float ComfortVignette::target_for(double deg_per_s) const {
  if (!options_.enabled || !std::isfinite(deg_per_s)) return 0.0f;
  const double span =
      std::max(1e-3, static_cast<double>(options_.full_deg_s - options_.start_deg_s));
  const double t = std::clamp((std::fabs(deg_per_s) - options_.start_deg_s) / span, 0.0, 1.0);
  return static_cast<float>(t) * options_.max_strength;
}

float ComfortVignette::update(double turn_rad, double dt_s) {
  if (!options_.enabled) return strength_ = 0.0f;
  if (!(dt_s > 0.0) || !std::isfinite(turn_rad)) return strength_;
  const double turn_deg = std::fabs(turn_rad) * 180.0 / std::numbers::pi;
  if (turn_deg >= options_.snap_min_deg) {
    // A jump, not a speed: cover it at once, then let it ease out.
    strength_ = std::max(strength_, options_.snap_strength);
    return strength_;
  }
  const float target = target_for(turn_deg / dt_s);
  const double rate_in = options_.max_strength / std::max(1e-3f, options_.ease_in_s);
  const double rate_out = options_.max_strength / std::max(1e-3f, options_.ease_out_s);
  if (target > strength_) {
    strength_ = std::min(target, static_cast<float>(strength_ + rate_in * dt_s));
  } else {
    strength_ = std::max(target, static_cast<float>(strength_ - rate_out * dt_s));
  }
  return strength_;
}

double ComfortVignette::turn_between(const core::Pose& before, const core::Pose& after) {
  // Relative rotation r = conj(before) * after; its angle is 2 atan2(|r.xyz|, |r.w|) (stable
  // for the small per-frame turns of smooth turning, unlike acos of a dot product near 1).
  const auto& a = before.orientation;
  const auto& b = after.orientation;
  const double ax = -a[0], ay = -a[1], az = -a[2], aw = a[3];
  const double rx = aw * b[0] + ax * b[3] + ay * b[2] - az * b[1];
  const double ry = aw * b[1] - ax * b[2] + ay * b[3] + az * b[0];
  const double rz = aw * b[2] + ax * b[1] - ay * b[0] + az * b[3];
  const double rw = aw * b[3] - ax * b[0] - ay * b[1] - az * b[2];
  return 2.0 * std::atan2(std::sqrt(rx * rx + ry * ry + rz * rz), std::fabs(rw));
}

}  // namespace txr::xr
