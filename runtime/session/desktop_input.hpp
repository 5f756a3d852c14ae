#pragma once
// Desktop input: mouse and keyboard stand in for a headset and one hand. The camera is the
// trainee's head; the right hand points along the mouse ray and holds things at a distance the
// wheel sets, so a left-drag carries a grabbed object across the bench.
#include <glm/glm.hpp>

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

 private:
  DesktopCamera camera_;
  float hand_distance_m_ = 0.55f;
  double last_time_s_ = 0.0;
  std::uint64_t frame_index_ = 0;
};

// The legend the window shows for these controls, in the HUD's language.
const char* desktop_legend(bool vietnamese);

}  // namespace txr::session
