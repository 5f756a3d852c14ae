#pragma once
// HudPanel: where the in-headset HUD hangs and what a controller ray points at on it. The panel
// is a flat rectangle in the headset's app space (the space of the quad layer), placed in front
// of the head at each recentering and then left where it is: it does not follow the head (no
// head-locked text), and artificial turning moves the world, not the panel.
#include <array>
#include <cstdint>
#include <optional>

#include "core/input_frame.hpp"

namespace txr::xr {

struct HudPanelOptions {
  float width_m = 0.52f;     // physical size of the panel; the height follows the texture
  float distance_m = 0.7f;   // ahead of the head, horizontally
  float below_eye_m = 0.2f;  // centre below eye level (read without lifting the chin)
  float right_m = -0.12f;    // sideways from straight ahead (negative: left, off the work)
  std::uint32_t width_px = 1024;
  std::uint32_t height_px = 704;
  float max_ray_m = 4.0f;  // a controller ray this long at most reaches the panel
};

// Where a ray meets the panel: texture pixels (origin top left) and the distance.
struct PanelHit {
  float x_px = 0.0f;
  float y_px = 0.0f;
  float distance_m = 0.0f;
  core::Pose T_app_point;  // the point on the panel, facing out of it
};

class HudPanel {
 public:
  explicit HudPanel(const HudPanelOptions& options = {}) : options_(options) {}

  // Hangs the panel in front of the head's heading (pitch and roll ignored), turned to face
  // the eye.
  void place(const core::Pose& T_app_head);
  bool placed() const { return placed_; }
  // Centre of the panel; its +X is right, +Y up and +Z out of the front (the quad layer's pose).
  const core::Pose& T_app_panel() const { return T_app_panel_; }
  float width_m() const { return options_.width_m; }
  float height_m() const {
    return options_.width_m * static_cast<float>(options_.height_px) /
           static_cast<float>(options_.width_px);
  }
  const HudPanelOptions& options() const { return options_; }

  // The aim ray (origin at the pose, along its -Z as OpenXR aim poses point) on the front of
  // the panel, or nullopt when it misses, points away or is too far.
  std::optional<PanelHit> hit(const core::Pose& T_app_aim) const;
  // The app-space point shown at a texture pixel (what a ray must be aimed at).
  std::array<float, 3> point_at(float x_px, float y_px) const;

 private:
  HudPanelOptions options_;
  core::Pose T_app_panel_;
  bool placed_ = false;
};

}  // namespace txr::xr
