#include "session/desktop_input.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>

#include "input/pose_math.hpp"

namespace txr::session {
namespace {
constexpr float k_look_rad_per_px = 0.004f;
constexpr float k_walk_m_s = 0.8f;
constexpr float k_wheel_m = 0.05f;
constexpr float k_turn_rad_s = 1.5f;        // held keys turn the hand ~86 degrees per second
constexpr float k_turn_rad_per_px = 0.01f;  // Shift + mouse
constexpr float k_min_hand_m = 0.15f;
constexpr float k_max_hand_m = 1.5f;

// Orientation whose −Z looks along `dir` (OpenXR/glTF convention for aim poses).
glm::quat looking(const glm::vec3& dir) {
  const glm::mat4 look = glm::lookAt(glm::vec3(0.0f), dir, glm::vec3(0, 1, 0));
  return glm::conjugate(glm::quat_cast(look));
}

core::Pose pose_of(const glm::vec3& at, const glm::quat& q) {
  return input::make_pose(glm::dvec3(at), glm::dquat(q));
}
}  // namespace

glm::vec3 DesktopCamera::forward() const {
  return {std::sin(yaw_rad) * std::cos(pitch_rad), std::sin(pitch_rad),
          -std::cos(yaw_rad) * std::cos(pitch_rad)};
}

glm::mat4 DesktopCamera::view() const {
  return glm::lookAt(eye_m, eye_m + forward(), glm::vec3(0, 1, 0));
}

core::InputFrame DesktopInput::next(const platform::InputState& in, double time_s,
                                    glm::vec2 viewport, float fov_y_rad, bool ui_has_mouse) {
  const float dt = static_cast<float>(std::clamp(time_s - last_time_s_, 0.0, 0.1));
  last_time_s_ = time_s;
  using platform::Key;
  using platform::MouseButton;
  if (in.button_down(MouseButton::right)) {
    camera_.yaw_rad += static_cast<float>(in.cursor_dx()) * k_look_rad_per_px;
    camera_.pitch_rad = std::clamp(
        camera_.pitch_rad - static_cast<float>(in.cursor_dy()) * k_look_rad_per_px, -1.4f, 1.4f);
  }
  const glm::vec3 flat_forward{std::sin(camera_.yaw_rad), 0.0f, -std::cos(camera_.yaw_rad)};
  const glm::vec3 right{std::cos(camera_.yaw_rad), 0.0f, std::sin(camera_.yaw_rad)};
  glm::vec3 move{0.0f};
  if (in.key_down(Key::w)) move += flat_forward;
  if (in.key_down(Key::s)) move -= flat_forward;
  if (in.key_down(Key::d)) move += right;
  if (in.key_down(Key::a)) move -= right;
  if (glm::length(move) > 0.0f) camera_.eye_m += glm::normalize(move) * k_walk_m_s * dt;
  if (!ui_has_mouse && std::isfinite(in.wheel())) {
    hand_distance_m_ = std::clamp(hand_distance_m_ + static_cast<float>(in.wheel()) * k_wheel_m,
                                  k_min_hand_m, k_max_hand_m);
  }

  // The ray through the cursor, in world space.
  const float aspect = viewport.y > 0.0f ? viewport.x / viewport.y : 1.0f;
  const float tan_half = std::tan(fov_y_rad * 0.5f);
  const float nx =
      viewport.x > 0.0f ? static_cast<float>(in.cursor_x()) / viewport.x * 2.0f - 1.0f : 0.0f;
  const float ny =
      viewport.y > 0.0f ? 1.0f - static_cast<float>(in.cursor_y()) / viewport.y * 2.0f : 0.0f;
  const glm::mat4 camera_to_world = glm::inverse(camera_.view());
  const glm::vec3 dir_camera =
      glm::normalize(glm::vec3(nx * tan_half * aspect, ny * tan_half, -1.0f));
  glm::vec3 dir = glm::normalize(glm::vec3(camera_to_world * glm::vec4(dir_camera, 0.0f)));

  // Turning the hand: Shift + mouse (the ray stays where it was), arrows and Q/E; R resets.
  const bool shift = in.key_down(Key::left_shift);
  if (shift && !turning_with_mouse_) frozen_dir_ = last_dir_;
  turning_with_mouse_ = shift;
  glm::vec3 turn_rad{0.0f};  // about the ray frame's x (right), y (up), z (toward the viewer)
  if (turning_with_mouse_) {
    dir = frozen_dir_;
    turn_rad.y += static_cast<float>(in.cursor_dx()) * k_turn_rad_per_px;
    turn_rad.x += static_cast<float>(in.cursor_dy()) * k_turn_rad_per_px;
  }
  const float step_rad = k_turn_rad_s * dt;
  if (in.key_down(Key::left)) turn_rad.y -= step_rad;
  if (in.key_down(Key::right)) turn_rad.y += step_rad;
  if (in.key_down(Key::up)) turn_rad.x -= step_rad;
  if (in.key_down(Key::down)) turn_rad.x += step_rad;
  if (in.key_down(Key::q)) turn_rad.z += step_rad;
  if (in.key_down(Key::e)) turn_rad.z -= step_rad;
  if (std::isfinite(turn_rad.x + turn_rad.y + turn_rad.z) && glm::length(turn_rad) > 0.0f) {
    // Pre-multiplied: each turn is about the screen-aligned axes, whatever turns came before.
    hand_turn_ = glm::normalize(glm::angleAxis(glm::length(turn_rad), glm::normalize(turn_rad)) *
                                hand_turn_);
  }
  if (in.key_pressed(Key::r)) hand_turn_ = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  if (std::isfinite(dir.x + dir.y + dir.z)) last_dir_ = dir;

  // Pressing on something puts the hand where the cursor touches it.
  if (ray_distance && !ui_has_mouse && in.button_pressed(MouseButton::left) &&
      std::isfinite(dir.x + dir.y + dir.z)) {
    if (const auto d = ray_distance(camera_.eye_m, dir); d && std::isfinite(*d)) {
      hand_distance_m_ = std::clamp(*d, k_min_hand_m, k_max_hand_m);
    }
  }

  core::InputFrame frame;
  frame.frame_index = frame_index_++;
  frame.time_s = time_s;
  frame.T_world_head = pose_of(camera_.eye_m, looking(camera_.forward()));
  auto& hand = frame.hand(core::Hand::right);
  hand.tracked = true;
  const glm::quat q_ray = looking(dir);
  hand.T_world_aim = pose_of(camera_.eye_m, q_ray);
  hand.T_world_grip = pose_of(camera_.eye_m + dir * hand_distance_m_, q_ray * hand_turn_);
  hand.squeeze = (!ui_has_mouse && in.button_down(MouseButton::left)) ? 1.0f : 0.0f;
  hand.trigger = in.key_down(Key::space) ? 1.0f : 0.0f;
  if (in.key_pressed(Key::h)) frame.ui.kind = core::UiCommandKind::request_hint;
  return frame;
}

const char* desktop_legend(bool vietnamese) {
  return vietnamese ? "Chuột trái giữ: cầm / kéo vật\n"
                      "Con lăn: đưa tay xa / gần\n"
                      "Mũi tên, Q / E: xoay vật đang cầm\n"
                      "Shift + di chuột: xoay vật đang cầm\n"
                      "R: đặt lại hướng tay\n"
                      "Chuột phải kéo: nhìn quanh\n"
                      "W A S D: di chuyển\n"
                      "Space: nhấn nút dưới con trỏ\n"
                      "H: gợi ý    Esc: thoát"
                    : "Left mouse (hold): grab / carry\n"
                      "Wheel: hand nearer / farther\n"
                      "Arrows, Q / E: turn the held object\n"
                      "Shift + mouse: turn the held object\n"
                      "R: reset the hand's turn\n"
                      "Right drag: look around\n"
                      "W A S D: move\n"
                      "Space: press the button under the cursor\n"
                      "H: hint    Esc: quit";
}

}  // namespace txr::session
