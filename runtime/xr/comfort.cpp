#include "xr/comfort.hpp"

#include <cmath>
#include <numbers>

#include "input/pose_math.hpp"

namespace txr::xr {
namespace {

constexpr float k_snap_press = 0.7f;    // stick beyond this turns once
constexpr float k_snap_release = 0.3f;  // and must come back inside this before the next turn
constexpr float k_smooth_dead_zone = 0.2f;

// Heading of a rotation about world Y (radians, 0 = looking down -Z).
double yaw_of(const glm::dquat& q) {
  const glm::dvec3 forward = q * glm::dvec3(0.0, 0.0, -1.0);
  return std::atan2(-forward.x, -forward.z);
}

}  // namespace

core::Pose to_core_pose(const float position[3], const float orientation_xyzw[4]) {
  core::Pose p;
  p.position_m = {position[0], position[1], position[2]};
  p.orientation = {orientation_xyzw[0], orientation_xyzw[1], orientation_xyzw[2],
                   orientation_xyzw[3]};
  return p;
}

void Comfort::recenter(const core::Pose& T_app_head) {
  const glm::dvec3 head = input::position_of(T_app_head);
  const double yaw = yaw_of(input::rotation_of(T_app_head));
  // World rotation that undoes the head's heading, then a move that puts the head at the start.
  const glm::dquat q = glm::angleAxis(-yaw, glm::dvec3(0.0, 1.0, 0.0));
  const glm::dvec3 rotated = q * head;
  glm::dvec3 t(options_.start_head_xz_m[0] - rotated.x, 0.0,
               options_.start_head_xz_m[1] - rotated.z);
  if (options_.seated) t.y = options_.standing_eye_height_m - rotated.y;
  T_world_app_ = input::make_pose(t, q);
  recentered_ = true;
  ++recenters_;
}

void Comfort::rotate_about_head(double angle_rad, const core::Pose& T_app_head) {
  // The head stays where it is in the world; the world turns around it.
  const glm::dvec3 head_world = input::position_of(to_world(T_app_head));
  const glm::dquat turn = glm::angleAxis(angle_rad, glm::dvec3(0.0, 1.0, 0.0));
  const glm::dquat q = turn * input::rotation_of(T_world_app_);
  const glm::dvec3 t = head_world + turn * (input::position_of(T_world_app_) - head_world);
  T_world_app_ = input::make_pose(t, q);
}

void Comfort::update(float stick_x, double dt_s, const core::Pose& T_app_head) {
  turning_ = false;
  switch (options_.turn) {
    case TurnMode::off:
      return;
    case TurnMode::snap:
      if (snap_armed_ && std::fabs(stick_x) >= k_snap_press) {
        // Stick right turns the view right: the world rotates the other way about the head.
        const double angle = options_.snap_angle_deg * std::numbers::pi / 180.0;
        rotate_about_head(stick_x > 0.0f ? -angle : angle, T_app_head);
        snap_armed_ = false;
        turning_ = true;
        ++snap_turns_;
      } else if (std::fabs(stick_x) <= k_snap_release) {
        snap_armed_ = true;
      }
      return;
    case TurnMode::smooth:
      if (std::fabs(stick_x) > k_smooth_dead_zone) {
        const double rate = options_.smooth_turn_deg_s * std::numbers::pi / 180.0;
        rotate_about_head(-static_cast<double>(stick_x) * rate * dt_s, T_app_head);
        turning_ = true;
      }
      return;
  }
}

core::Pose Comfort::to_world(const core::Pose& T_app_x) const {
  return input::compose(T_world_app_, T_app_x);
}

}  // namespace txr::xr
