#pragma once
// ComfortVignette: how dark the edges of the view get while the world turns artificially
// (smooth turning, snap turns), the usual remedy for vection sickness. The strength ramps with
// the angular speed of the artificial rotation, eases in and out so it never pops, and covers a
// snap turn with a short fade. The renderer draws it (render::FrameOptions::vignette).
#include "core/input_frame.hpp"

namespace txr::xr {

struct VignetteOptions {
  bool enabled = true;         // on by default (tradexr run --comfort-vignette off)
  float max_strength = 0.8f;   // 0..1 at and above full_deg_s
  float start_deg_s = 10.0f;   // slower artificial turning shows no vignette
  float full_deg_s = 90.0f;    // the default smooth-turn rate reaches max_strength
  float ease_in_s = 0.15f;     // time to go from 0 to max_strength
  float ease_out_s = 0.3f;     // and back to 0 once the turning stops
  float snap_strength = 0.6f;  // a snap turn (a jump in one frame) darkens at once, then eases out
  float snap_min_deg = 5.0f;   // a rotation this large in one frame is a snap, not a speed
};

class ComfortVignette {
 public:
  explicit ComfortVignette(const VignetteOptions& options = {}) : options_(options) {}

  // The strength the ramp asks for at this angular speed (no easing), 0..max_strength.
  float target_for(double deg_per_s) const;
  // One frame: the artificial rotation this frame (radians, any axis) over dt_s. Returns the
  // strength to draw this frame.
  float update(double turn_rad, double dt_s);
  // The rotation angle (radians) between two world-from-app transforms: what the turning did
  // to the world this frame.
  static double turn_between(const core::Pose& T_world_app_before,
                             const core::Pose& T_world_app_after);
  float strength() const { return strength_; }
  const VignetteOptions& options() const { return options_; }

 private:
  VignetteOptions options_;
  float strength_ = 0.0f;
};

}  // namespace txr::xr
