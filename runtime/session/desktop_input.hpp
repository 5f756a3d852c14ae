#pragma once
// Desktop input: mouse and keyboard stand in for a headset and one hand. The camera is the
// trainee's head; the right hand points along the mouse ray and holds things at a distance the
// wheel sets, so a left-drag carries a grabbed object across the bench. Keys (or Shift + mouse)
// turn the hand, and with it a held object, about the screen's axes.
#include <functional>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <optional>

#include "core/input_frame.hpp"
#include "platform/input_state.hpp"

namespace txr::session {

struct DesktopCamera {
  glm::vec3 eye_m{0.0f, 1.55f, 0.75f};
  float yaw_rad = 0.0f;      // about world Y; 0 looks along −Z
  float pitch_rad = -0.55f;  // below the horizon
  glm::vec3 forward() const;
  glm::mat4 view() const;
};

class DesktopInput {
 public:
  // Advances the camera (WASD move, right-drag look) and maps the mouse to the right hand.
  // `viewport` is the framebuffer size; `fov_y_rad` the camera's vertical field of view.
  core::InputFrame next(const platform::InputState& in, double time_s, glm::vec2 viewport,
                        float fov_y_rad, bool ui_has_mouse);
  const DesktopCamera& camera() const { return camera_; }
  float hand_distance_m() const { return hand_distance_m_; }
  // The hand's turn relative to the cursor ray's frame (x right, y up, z toward the viewer).
  const glm::quat& hand_turn() const { return hand_turn_; }

  // Distance along a ray (origin, unit direction) to the first thing it meets that is not a
  // hand, if any. When set, pressing the left button moves the hand to the point under the
  // cursor, so a grab takes hold there and turning pivots about the grabbed part.
  std::function<std::optional<float>(glm::vec3 from, glm::vec3 dir)> ray_distance;

 private:
  DesktopCamera camera_;
  float hand_distance_m_ = 0.55f;
  glm::quat hand_turn_{1.0f, 0.0f, 0.0f, 0.0f};
  glm::vec3 frozen_dir_{0.0f, 0.0f, -1.0f};  // the ray while Shift turns the hand with the mouse
  glm::vec3 last_dir_{0.0f, 0.0f, -1.0f};
  bool turning_with_mouse_ = false;
  double last_time_s_ = 0.0;
  std::uint64_t frame_index_ = 0;
};

// The legend the window shows for these controls, in the HUD's language.
const char* desktop_legend(bool vietnamese);

}  // namespace txr::session
