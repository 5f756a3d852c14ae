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

core::Pose pose_looking(const glm::vec3& at, const glm::vec3& dir) {
  // Orientation whose −Z looks along `dir` (OpenXR/glTF convention for aim poses).
  const glm::mat4 look = glm::lookAt(glm::vec3(0.0f), dir, glm::vec3(0, 1, 0));
  const glm::quat q = glm::conjugate(glm::quat_cast(look));
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
  if (!ui_has_mouse) {
    hand_distance_m_ =
        std::clamp(hand_distance_m_ + static_cast<float>(in.wheel()) * k_wheel_m, 0.15f, 1.5f);
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
  const glm::vec3 dir = glm::normalize(glm::vec3(camera_to_world * glm::vec4(dir_camera, 0.0f)));

  core::InputFrame frame;
  frame.frame_index = frame_index_++;
  frame.time_s = time_s;
  frame.T_world_head = pose_looking(camera_.eye_m, camera_.forward());
  auto& hand = frame.hand(core::Hand::right);
  hand.tracked = true;
  hand.T_world_aim = pose_looking(camera_.eye_m, dir);
  hand.T_world_grip = pose_looking(camera_.eye_m + dir * hand_distance_m_, dir);
  hand.squeeze = (!ui_has_mouse && in.button_down(MouseButton::left)) ? 1.0f : 0.0f;
  hand.trigger = in.key_down(Key::space) ? 1.0f : 0.0f;
  if (in.key_pressed(Key::h)) frame.ui.kind = core::UiCommandKind::request_hint;
  return frame;
}

const char* desktop_legend(bool vietnamese) {
  return vietnamese ? "Chuột trái giữ: cầm / kéo vật\n"
                      "Con lăn: đưa tay xa / gần\n"
                      "Chuột phải kéo: nhìn quanh\n"
                      "W A S D: di chuyển\n"
                      "Space: nhấn nút dưới con trỏ\n"
                      "H: gợi ý    Esc: thoát"
                    : "Left mouse (hold): grab / carry\n"
                      "Wheel: hand nearer / farther\n"
                      "Right drag: look around\n"
                      "W A S D: move\n"
                      "Space: press the button under the cursor\n"
                      "H: hint    Esc: quit";
}

}  // namespace txr::session
