#include "render/camera.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace txr::render {

glm::mat4 perspective_vk(float fov_y_rad, float aspect, float near_m, float far_m) {
  const float t = std::tan(fov_y_rad / 2.0f);
  return perspective_vk_fov(-t * aspect, t * aspect, t, -t, near_m, far_m);
}

glm::mat4 perspective_vk_fov(float tl, float tr, float tu, float td, float n, float f) {
  glm::mat4 m(0.0f);
  const float w = tr - tl, h = tu - td;  // h > 0: up minus down
  m[0][0] = 2.0f / w;
  m[2][0] = (tr + tl) / w;
  // Vulkan's y axis points down: flip so world up is screen up.
  m[1][1] = -2.0f / h;
  m[2][1] = -(tu + td) / h;
  m[2][2] = f / (n - f);
  m[3][2] = n * f / (n - f);
  m[2][3] = -1.0f;
  return m;
}

glm::mat4 look_at(const glm::vec3& eye, const glm::vec3& target, const glm::vec3& up) {
  glm::vec3 u = up;
  if (std::abs(glm::dot(glm::normalize(target - eye), glm::normalize(up))) > 0.999f) u = {0, 0, -1};
  return glm::lookAtRH(eye, target, u);
}

glm::vec3 OrbitCamera::eye() const {
  const float c = std::cos(pitch_rad);
  return target +
         distance_m * glm::vec3(c * std::sin(yaw_rad), std::sin(pitch_rad), c * std::cos(yaw_rad));
}

void OrbitCamera::orbit(float dx_px, float dy_px) {
  yaw_rad -= dx_px * 0.005f;
  pitch_rad = std::clamp(pitch_rad + dy_px * 0.005f, -1.5f, 1.5f);
}

void OrbitCamera::zoom(float wheel_notches) {
  distance_m = std::clamp(distance_m * std::pow(0.9f, wheel_notches), 0.05f, 500.0f);
}

void OrbitCamera::frame_bounds(const glm::vec3& lo, const glm::vec3& hi, float fov_y_rad) {
  target = (lo + hi) * 0.5f;
  const float radius = std::max(glm::length(hi - lo) * 0.5f, 0.01f);
  distance_m = radius / std::sin(fov_y_rad / 2.0f);
}

void OrbitCamera::set_eye_target(const glm::vec3& eye_pos, const glm::vec3& target_pos) {
  target = target_pos;
  const glm::vec3 d = eye_pos - target_pos;
  distance_m = std::max(glm::length(d), 0.01f);
  pitch_rad = std::asin(std::clamp(d.y / distance_m, -1.0f, 1.0f));
  yaw_rad = std::atan2(d.x, d.z);
}

core::Result<EyeTarget> parse_eye_target(std::string_view text) {
  float v[6];
  std::size_t start = 0;
  for (int i = 0; i < 6; ++i) {
    const std::size_t comma = i < 5 ? text.find(',', start) : text.size();
    if (comma == std::string_view::npos) {
      return core::fail(
          "--camera needs 6 comma-separated numbers (eye x,y,z then target x,y,z), got '" +
          std::string(text) + "'");
    }
    const std::string_view part = text.substr(start, comma - start);
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v[i]);
    if (ec != std::errc() || end != part.data() + part.size() || !std::isfinite(v[i])) {
      return core::fail("--camera: '" + std::string(part) + "' is not a number");
    }
    start = comma + 1;
  }
  if (start <= text.size() && text.find(',', start) != std::string_view::npos) {
    return core::fail("--camera takes exactly 6 numbers, got more: '" + std::string(text) + "'");
  }
  EyeTarget out{{v[0], v[1], v[2]}, {v[3], v[4], v[5]}};
  if (glm::length(out.eye - out.target) < 1e-4f)
    return core::fail("--camera: eye and target are the same point");
  return out;
}

OrbitCamera default_camera_for(const glm::vec3& lo, const glm::vec3& hi, float fov_y_rad) {
  OrbitCamera cam;
  cam.yaw_rad = 0.7f;
  cam.pitch_rad = 0.45f;
  cam.frame_bounds(lo, hi, fov_y_rad);
  return cam;
}

}  // namespace txr::render
