#pragma once
// Camera math for Vulkan clip space (y down, depth 0..1) and an orbit camera for the viewer.
#include <glm/glm.hpp>

#include <string_view>

#include "core/result.hpp"

namespace txr::render {

// Right-handed view (camera looks down -Z) to Vulkan clip space: y flipped, depth 0 (near) to
// 1 (far). fov_y in radians.
glm::mat4 perspective_vk(float fov_y_rad, float aspect, float near_m, float far_m);
// An asymmetric frustum from tangents of the half-angles (OpenXR XrFovf style; left/down < 0).
glm::mat4 perspective_vk_fov(float tan_left, float tan_right, float tan_up, float tan_down,
                             float near_m, float far_m);
glm::mat4 look_at(const glm::vec3& eye, const glm::vec3& target, const glm::vec3& up = {0, 1, 0});

// Orbits a target point: yaw about world Y, pitch above the horizon, distance in metres.
struct OrbitCamera {
  glm::vec3 target{0.0f};
  float distance_m = 2.0f;
  float yaw_rad = 0.0f;
  float pitch_rad = 0.4f;

  glm::vec3 eye() const;
  glm::mat4 view() const { return look_at(eye(), target); }
  // Mouse drag in pixels; wheel in notches (positive zooms in).
  void orbit(float dx_px, float dy_px);
  void zoom(float wheel_notches);
  // Places the camera so a bounding box fills the view.
  void frame_bounds(const glm::vec3& lo, const glm::vec3& hi, float fov_y_rad);
  // From an eye and a target point (the `--camera` flag).
  void set_eye_target(const glm::vec3& eye, const glm::vec3& target);
};

struct EyeTarget {
  glm::vec3 eye{0.0f};
  glm::vec3 target{0.0f};
};

// Parses "eye_x,eye_y,eye_z,target_x,target_y,target_z" (metres, world) for `--camera`.
core::Result<EyeTarget> parse_eye_target(std::string_view text);

// A pleasant default three-quarter view that frames a bounding box.
OrbitCamera default_camera_for(const glm::vec3& lo, const glm::vec3& hi, float fov_y_rad);

}  // namespace txr::render
