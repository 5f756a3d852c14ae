#pragma once
// Plain descriptions a World is built from. No Bullet types, no scenario types: a scenario loader
// (or a test) fills these in and World turns them into Bullet objects.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/input_frame.hpp"

namespace txr::physics {

using Vec3 = std::array<float, 3>;

// Collision shape in the body's local frame (the body origin is the shape's centre of mass).
// Long axes (cylinder, capsule) run along local Y.
enum class ShapeKind : std::uint8_t { box, sphere, cylinder, capsule, convex_hull, triangle_mesh };

struct ShapeDesc {
  ShapeKind kind = ShapeKind::box;
  Vec3 half_extents_m{0.05f, 0.05f, 0.05f};  // box
  float radius_m = 0.05f;                    // sphere, cylinder, capsule
  float half_height_m = 0.05f;               // cylinder, capsule (half of the straight part)
  std::vector<Vec3> vertices_m;              // convex_hull, triangle_mesh
  std::vector<std::uint32_t> indices;        // triangle_mesh: 3 per triangle (static bodies only)
  // Where the shape's centre sits in the body frame when the collider is off the model origin
  // (e.g. a bolt modelled from its head). The body origin stays the centre of mass; inertia is
  // the shape's own, moved to the origin (parallel axis). Not for convex hulls (their vertices
  // are already in the body frame).
  Vec3 offset_m{0.0f, 0.0f, 0.0f};
};

struct BodyDesc {
  std::string id;  // unique within the world
  ShapeDesc shape;
  float mass_kg = 0.0f;    // 0: static (unless kinematic)
  bool kinematic = false;  // moved by set_kinematic_target; pushes dynamic bodies, never pushed
  float friction = 0.6f;
  float restitution = 0.0f;
  // Resistance to rolling and to spinning on the spot. Bullet multiplies the two touching bodies'
  // values (0.03 x 0.03 ~ 0.001 m of rolling resistance); without it balls, bolts and capsules
  // roll forever, never sleep and roll off the bench.
  float rolling_friction = 0.03f;
  float spinning_friction = 0.03f;
  float linear_damping = 0.0f;   // fraction of velocity lost per second (Bullet's model)
  float angular_damping = 0.0f;  //
  bool can_sleep = true;         // dynamic bodies at rest stop being simulated until touched
  core::Pose T_world_body;
};

enum class ConstraintKind : std::uint8_t { hinge, slider, fixed, six_dof_spring };

// Hinge: rotation about the joint frame's Z axis. Angles in radians, B relative to A.
struct HingeDesc {
  float lower_rad = 1.0f;  // limits apply when lower <= upper
  float upper_rad = -1.0f;
  // Detents: a torque model pulling toward the nearest detent angle; the torque is
  // detent_torque_nm * sin(2*pi*offset/spacing), zero at a detent and half way between two.
  std::vector<float> detents_rad;  // ascending
  float detent_torque_nm = 0.0f;
  float damping_nm_s = 0.0f;  // viscous friction torque per rad/s of joint speed
};

// Slider: translation along the joint frame's Z axis (rotation locked). Metres, B relative to A.
struct SliderDesc {
  float lower_m = 1.0f;  // limits apply when lower <= upper
  float upper_m = -1.0f;
  float spring_n_per_m = 0.0f;  // spring toward spring_rest_m (a button's return spring)
  float spring_rest_m = 0.0f;
  float damping_n_s_per_m = 0.0f;
};

// 6-DoF with springs: per axis (x, y, z of the joint frame) linear then angular limits; an axis
// is locked when lower == upper, free when lower > upper, limited otherwise. A spring with
// stiffness > 0 pulls the axis toward 0.
struct SixDofDesc {
  Vec3 linear_lower_m{0.0f, 0.0f, 0.0f};
  Vec3 linear_upper_m{0.0f, 0.0f, 0.0f};
  Vec3 angular_lower_rad{0.0f, 0.0f, 0.0f};
  Vec3 angular_upper_rad{0.0f, 0.0f, 0.0f};
  std::array<float, 6> stiffness{};  // N/m for linear axes, N*m/rad for angular axes
  std::array<float, 6> damping{};    // Bullet Spring2 damping (0..~1 stable range)
};

struct ConstraintDesc {
  std::string id;  // unique within the world
  ConstraintKind kind = ConstraintKind::fixed;
  std::string body_a;    // the parent (base, panel, bench); empty: the static world
  std::string body_b;    // the moving part
  core::Pose T_a_joint;  // joint frame in body A's frame (world frame when body_a is empty)
  core::Pose T_b_joint;  // joint frame in body B's frame
  bool collide_connected = false;  // whether A and B still collide with each other
  HingeDesc hinge;
  SliderDesc slider;
  SixDofDesc six_dof;
};

struct WorldDesc {
  Vec3 gravity_m_s2{0.0f, -9.81f, 0.0f};  // Y up (glTF and OpenXR convention)
  double step_hz = 240.0;
  std::uint32_t max_steps_per_frame = 32;
  int solver_iterations = 10;
  // A dynamic body sleeps after 2 s below both speeds. Bullet's defaults (0.8 m/s, 1 rad/s) suit
  // metre-sized game props; hand-sized parts would freeze mid-roll (or mid-swing) with them.
  float sleep_linear_m_s = 0.05f;
  float sleep_angular_rad_s = 0.5f;
  std::vector<BodyDesc> bodies;             // created in this order
  std::vector<ConstraintDesc> constraints;  // created after all bodies, in this order
};

}  // namespace txr::physics
