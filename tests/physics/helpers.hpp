#pragma once
// Small builders shared by the physics tests: bodies, poses and input frames.
#include <cmath>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "physics/descriptions.hpp"

namespace txr::physics::test {

inline core::Pose at(float x, float y, float z) {
  core::Pose p;
  p.position_m = {x, y, z};
  return p;
}

// Rotation by angle_rad about a unit axis.
inline std::array<float, 4> rotation(float ax, float ay, float az, float angle_rad) {
  const float s = std::sin(0.5f * angle_rad);
  return {ax * s, ay * s, az * s, std::cos(0.5f * angle_rad)};
}

inline core::Pose at(float x, float y, float z, std::array<float, 4> q) {
  core::Pose p = at(x, y, z);
  p.orientation = q;
  return p;
}

inline BodyDesc box(const std::string& id, Vec3 half_m, float mass_kg, core::Pose pose) {
  BodyDesc b;
  b.id = id;
  b.shape.kind = ShapeKind::box;
  b.shape.half_extents_m = half_m;
  b.mass_kg = mass_kg;
  b.T_world_body = pose;
  return b;
}

inline BodyDesc sphere(const std::string& id, float radius_m, float mass_kg, core::Pose pose) {
  BodyDesc b;
  b.id = id;
  b.shape.kind = ShapeKind::sphere;
  b.shape.radius_m = radius_m;
  b.mass_kg = mass_kg;
  b.T_world_body = pose;
  return b;
}

// A 10 m x 10 m floor whose top is at y = 0.
inline BodyDesc ground() { return box("ground", {5.0f, 0.5f, 5.0f}, 0.0f, at(0.0f, -0.5f, 0.0f)); }

// One input frame at 90 Hz with the right hand at `grip` (identity orientation unless given).
inline core::InputFrame frame(std::uint64_t index, core::Pose grip, float squeeze = 0.0f,
                              float trigger = 0.0f) {
  core::InputFrame f;
  f.frame_index = index;
  f.time_s = static_cast<double>(index) / 90.0;
  f.T_world_head = at(0.0f, 1.6f, 0.5f);
  auto& hand = f.hand(core::Hand::right);
  hand.tracked = true;
  hand.T_world_grip = grip;
  hand.T_world_aim = grip;
  hand.squeeze = squeeze;
  hand.trigger = trigger;
  return f;
}

// Feeds 90 Hz frames to an Interaction-like object with update(const InputFrame&).
template <class Target>
struct Driver {
  explicit Driver(Target& t) : target(t) {}
  Target& target;
  std::uint64_t index = 0;
  std::vector<core::InputFrame> sent;

  void send(const core::InputFrame& f) {
    sent.push_back(f);
    target.update(f);
  }
  // Moves the hand in a straight line (orientation blended, then normalised) over `frames`.
  void move(core::Pose from, core::Pose to, float squeeze, int frames, float trigger = 0.0f) {
    for (int k = 1; k <= frames; ++k) {
      const float t = static_cast<float>(k) / static_cast<float>(frames);
      core::Pose p;
      float norm = 0.0f;
      for (int c = 0; c < 4; ++c) {
        const auto i = static_cast<std::size_t>(c);
        p.orientation[i] = from.orientation[i] + (to.orientation[i] - from.orientation[i]) * t;
        norm += p.orientation[i] * p.orientation[i];
      }
      for (auto& q : p.orientation) q /= std::sqrt(norm);
      for (std::size_t c = 0; c < 3; ++c) {
        p.position_m[c] = from.position_m[c] + (to.position_m[c] - from.position_m[c]) * t;
      }
      send(frame(index++, p, squeeze, trigger));
    }
  }
  void hold(core::Pose at_pose, float squeeze, int frames, float trigger = 0.0f) {
    for (int k = 0; k < frames; ++k) send(frame(index++, at_pose, squeeze, trigger));
  }
};

}  // namespace txr::physics::test
