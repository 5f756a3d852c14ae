#pragma once
// World: the Bullet adapter. Built from plain descriptions, stepped at a fixed rate, hashed every
// step, queried by body id. Bullet types stay behind the pimpl so callers need no Bullet headers.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "physics/descriptions.hpp"
#include "physics/events.hpp"

namespace txr::physics {

struct RayHit {
  std::string body_id;
  Vec3 point_m{};
  Vec3 normal{};
  float fraction = 0.0f;  // 0 at `from`, 1 at `to`
};

struct BodyVelocity {
  Vec3 linear_m_s{};
  Vec3 angular_rad_s{};
};

// A pair of bodies touching after the last step (sorted by creation index).
struct ContactPair {
  std::uint32_t body_a = 0;  // creation index, body_a < body_b
  std::uint32_t body_b = 0;
  float impulse_n_s = 0.0f;
};

class World {
 public:
  // Validates every description (unique ids, positive sizes, finite poses, known bodies in
  // constraints) and builds the world; the first problem is returned as an Error.
  static core::Result<std::unique_ptr<World>> create(const WorldDesc& desc);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  core::Result<void> add_body(const BodyDesc& desc);
  core::Result<void> add_constraint(const ConstraintDesc& desc);
  bool remove_constraint(std::string_view id);
  bool has_constraint(std::string_view id) const;

  // --- stepping ---------------------------------------------------------------------------
  // One fixed step of step_s(): joint force models, Bullet, contact events, state hash.
  void step();
  // Feeds frame time to the fixed-step clock and runs the whole steps it yields; before each
  // step calls before_step(index_in_frame, steps_in_frame). Returns the number of steps run.
  // after_step(index_in_frame, steps_in_frame) runs after each step.
  using StepHook = std::function<void(std::uint32_t, std::uint32_t)>;
  std::uint32_t advance(double frame_dt_s, const StepHook& before_step = {},
                        const StepHook& after_step = {});
  double step_s() const;
  double sim_time_s() const;    // steps() * step_s(), exact
  std::uint64_t steps() const;  // fixed steps run so far
  double render_alpha() const;  // fraction of a step left in the clock's accumulator
  // Hash of all body states after the last step (and any teleport since), computed on demand and
  // cached; a listener's on_step receives it after every step.
  std::uint64_t state_hash() const;
  std::uint64_t compute_state_hash() const;  // re-reads every body from Bullet first
  void set_listener(EventListener* listener);

  // --- bodies -----------------------------------------------------------------------------
  std::size_t body_count() const;
  std::optional<std::uint32_t> body_index(std::string_view id) const;
  const std::string& body_id(std::uint32_t index) const;
  std::optional<core::Pose> body_pose(std::string_view id) const;
  // Pose for rendering: previous and current step blended by render_alpha().
  std::optional<core::Pose> render_pose(std::string_view id) const;
  std::optional<BodyVelocity> body_velocity(std::string_view id) const;
  bool is_sleeping(std::string_view id) const;
  std::size_t awake_body_count() const;           // dynamic bodies Bullet is still simulating
  float body_mass_kg(std::string_view id) const;  // 0 for static or kinematic bodies

  // Kinematic bodies: where the body should be at the end of the next step; Bullet derives its
  // velocity from the move so contacts push things realistically.
  bool set_kinematic_target(std::string_view id, const core::Pose& T_world_body);
  // Teleport (any body): pose set, previous pose reset (no interpolation smear), wakes it.
  bool set_body_pose(std::string_view id, const core::Pose& T_world_body);
  bool set_body_velocity(std::string_view id, const BodyVelocity& velocity);
  // A body held in a hand must not fall asleep while the hand is still: Bullet does not wake a
  // sleeping body when the kinematic hand it is jointed to starts moving again.
  bool keep_awake(std::string_view id, bool on);
  bool apply_force(std::string_view id, const Vec3& force_n, const Vec3& at_world_m);
  // Pairs that never generate contacts (e.g. a hand and what it holds).
  bool set_collision_ignored(std::string_view a, std::string_view b, bool ignored);

  // --- joints -----------------------------------------------------------------------------
  const ConstraintDesc* constraint_desc(std::string_view id) const;
  // Hinge angle (rad) or slider position (m) of B relative to A; nullopt for other kinds.
  std::optional<float> joint_position(std::string_view id) const;
  // The joint axis (hinge rotation / slider travel, the joint frame's Z) in world coordinates.
  std::optional<Vec3> joint_axis(std::string_view id) const;
  // Drives a hinge or slider toward target_velocity (rad/s or m/s) with at most max_effort
  // (N*m or N); max_effort <= 0 switches the motor off.
  bool set_joint_motor(std::string_view id, float target_velocity, float max_effort);

  // --- queries ----------------------------------------------------------------------------
  std::optional<RayHit> ray_cast(const Vec3& from_m, const Vec3& to_m) const;
  // Every body hit along the ray, nearest first (ties by creation order).
  std::vector<RayHit> ray_cast_all(const Vec3& from_m, const Vec3& to_m) const;
  // Bodies whose shape overlaps a sphere of radius_m around point_m, sorted by distance from
  // point_m to the body origin, then creation order. Static bodies are left out.
  std::vector<std::string> bodies_within(const Vec3& point_m, float radius_m) const;
  std::optional<std::string> nearest_body(const Vec3& point_m, float radius_m) const;
  const std::vector<ContactPair>& contacts() const;

 private:
  struct Impl;
  explicit World(const WorldDesc& desc);
  std::unique_ptr<Impl> impl_;
};

}  // namespace txr::physics
