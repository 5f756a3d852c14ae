#include "xr/hud_panel.hpp"

#include <cmath>

#include "input/pose_math.hpp"

namespace txr::xr {

void HudPanel::place(const core::Pose& T_app_head) {
  const glm::dvec3 eye = input::position_of(T_app_head);
  // Heading only: a trainee looking down at the bench still gets the panel at a level height.
  glm::dvec3 forward = input::rotation_of(T_app_head) * glm::dvec3(0.0, 0.0, -1.0);
  forward.y = 0.0;
  forward = glm::length(forward) > 1e-6 ? glm::normalize(forward) : glm::dvec3(0.0, 0.0, -1.0);
  const glm::dvec3 up(0.0, 1.0, 0.0);
  const glm::dvec3 right = glm::cross(forward, up);
  const glm::dvec3 centre = eye + forward * static_cast<double>(options_.distance_m) +
                            right * static_cast<double>(options_.right_m) -
                            up * static_cast<double>(options_.below_eye_m);
  // Face the eye: +Z from the panel to the eye, +X level.
  const glm::dvec3 z = glm::normalize(eye - centre);
  const glm::dvec3 x = glm::normalize(glm::cross(up, z));
  const glm::dvec3 y = glm::cross(z, x);
  const glm::dquat q = glm::quat_cast(glm::dmat3(x, y, z));
  T_app_panel_ = input::make_pose(centre, q);
  placed_ = true;
}

std::optional<PanelHit> HudPanel::hit(const core::Pose& T_app_aim) const {
  if (!placed_) return std::nullopt;
  const glm::dvec3 origin = input::position_of(T_app_aim);
  const glm::dvec3 dir = input::rotation_of(T_app_aim) * glm::dvec3(0.0, 0.0, -1.0);
  const glm::dquat q = input::rotation_of(T_app_panel_);
  const glm::dvec3 centre = input::position_of(T_app_panel_);
  const glm::dvec3 normal = q * glm::dvec3(0.0, 0.0, 1.0);
  const double facing = glm::dot(dir, normal);
  if (facing > -1e-6) return std::nullopt;  // parallel, or pointing at the back
  const double t = glm::dot(centre - origin, normal) / facing;
  if (t < 0.0 || t > static_cast<double>(options_.max_ray_m)) return std::nullopt;
  const glm::dvec3 point = origin + dir * t;
  const double u = glm::dot(point - centre, q * glm::dvec3(1.0, 0.0, 0.0));
  const double v = glm::dot(point - centre, q * glm::dvec3(0.0, 1.0, 0.0));
  const double w = options_.width_m, h = height_m();
  if (std::fabs(u) > w * 0.5 || std::fabs(v) > h * 0.5) return std::nullopt;
  PanelHit out;
  out.x_px = static_cast<float>((u / w + 0.5) * options_.width_px);
  out.y_px = static_cast<float>((0.5 - v / h) * options_.height_px);
  out.distance_m = static_cast<float>(t);
  out.T_app_point = input::make_pose(point, q);
  return out;
}

std::array<float, 3> HudPanel::point_at(float x_px, float y_px) const {
  const double u = (static_cast<double>(x_px) / options_.width_px - 0.5) * options_.width_m;
  const double v = (0.5 - static_cast<double>(y_px) / options_.height_px) * height_m();
  const glm::dquat q = input::rotation_of(T_app_panel_);
  const glm::dvec3 p = input::position_of(T_app_panel_) + q * glm::dvec3(1.0, 0.0, 0.0) * u +
                       q * glm::dvec3(0.0, 1.0, 0.0) * v;
  return {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z)};
}

}  // namespace txr::xr
