#pragma once
// Comfort: where the headset's space (STAGE or LOCAL) sits in the training world, changed only
// by the trainee's own choices — recentering (stand at the scenario's start, facing the work)
// and turning with the thumbstick (snap turns by default, smooth turning as an option).
// Seated trainees are lifted to a standing eye height at recentering.
#include <array>
#include <cstdint>

#include "core/input_frame.hpp"

namespace txr::xr {

enum class TurnMode : std::uint8_t { snap, smooth, off };

struct ComfortOptions {
  TurnMode turn = TurnMode::snap;
  float snap_angle_deg = 30.0f;
  float smooth_turn_deg_s = 90.0f;
  bool seated = false;  // lift the head to standing_eye_height_m at recentering
  float standing_eye_height_m = 1.6f;
  // Where recentering puts the head (world, metres); it faces world -Z (towards the work).
  std::array<float, 2> start_head_xz_m{0.0f, 0.55f};
};

class Comfort {
 public:
  explicit Comfort(const ComfortOptions& options = {}) : options_(options) {}

  // Moves the world so the head (in app space) stands at the start point facing -Z.
  void recenter(const core::Pose& T_app_head);
  // One frame of turning from the thumbstick's x (-1..1), about the head's vertical axis.
  void update(float stick_x, double dt_s, const core::Pose& T_app_head);
  // A pose in app space expressed in the world.
  core::Pose to_world(const core::Pose& T_app_x) const;
  const core::Pose& T_world_app() const { return T_world_app_; }
  bool recentered() const { return recentered_; }
  // How many times recenter() ran (the in-headset HUD follows each recentering).
  std::uint32_t recenters() const { return recenters_; }
  std::uint32_t snap_turns() const { return snap_turns_; }
  bool turning() const { return turning_; }  // artificial rotation this frame (vignette cue)
  const ComfortOptions& options() const { return options_; }

 private:
  void rotate_about_head(double angle_rad, const core::Pose& T_app_head);

  ComfortOptions options_;
  core::Pose T_world_app_;
  bool recentered_ = false;
  bool snap_armed_ = true;  // the stick returned to the centre since the last snap
  bool turning_ = false;
  std::uint32_t snap_turns_ = 0;
  std::uint32_t recenters_ = 0;
};

// OpenXR pose -> core::Pose (same conventions: metres, quaternion x y z w).
core::Pose to_core_pose(const float position[3], const float orientation_xyzw[4]);

}  // namespace txr::xr
