#pragma once
// World's private state, shared by world.cpp (stepping, hash, contacts), world_build.cpp
// (descriptions -> Bullet objects) and world_query.cpp. Not part of the public API.
#include <btBulletDynamicsCommon.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/fixed_step_clock.hpp"
#include "physics/bullet_convert.hpp"
#include "physics/world.hpp"

namespace txr::physics {

struct BodyRecord {
  std::string id;
  bool is_static = false;
  bool kinematic = false;
  bool can_sleep = true;  // as described; held objects are kept awake meanwhile
  float mass_kg = 0.0f;
  // Owned Bullet objects; the triangle arrays must outlive the mesh shape that points at them.
  std::vector<float> mesh_vertices;
  std::vector<int> mesh_indices;
  std::unique_ptr<btTriangleIndexVertexArray> mesh;
  std::unique_ptr<btCollisionShape> offset_child;  // the real shape when `shape` shifts it
  std::unique_ptr<btCollisionShape> shape;
  std::unique_ptr<btDefaultMotionState> motion;  // kinematic bodies only
  std::unique_ptr<btRigidBody> rb;
  core::Pose previous;  // pose before the last step (render interpolation)
  core::Pose current;   // pose after the last step
  // This body's share of the state hash (position, orientation, velocities; -0 folded to +0),
  // refreshed only while it moves: static and sleeping bodies keep theirs.
  std::array<float, 13> hash_record{};
  std::uint64_t hash_digest = 0;  // StableHasher digest of hash_record
  bool digest_dirty = true;       // hash_record changed since hash_digest was computed
  bool awake_last_step = true;    // refresh once more on the step Bullet puts it to sleep
};

struct JointRecord {
  ConstraintDesc desc;
  btRigidBody* a = nullptr;  // Bullet's fixed body when desc.body_a is empty
  btRigidBody* b = nullptr;
  std::unique_ptr<btTypedConstraint> constraint;
};

struct World::Impl {
  // Order matters for destruction: the world goes first, then the solver and the rest.
  std::unique_ptr<btDefaultCollisionConfiguration> collision_config;
  std::unique_ptr<btCollisionDispatcher> dispatcher;
  std::unique_ptr<btBroadphaseInterface> broadphase;
  std::unique_ptr<btSequentialImpulseConstraintSolver> solver;
  std::unique_ptr<btRigidBody> fixed_body;  // "the world" end of a joint with no body_a
  std::unique_ptr<btDiscreteDynamicsWorld> world;

  std::vector<std::unique_ptr<BodyRecord>> bodies;  // creation order; rb user index = position
  std::map<std::string, std::uint32_t, std::less<>> body_by_id;  // lookups only, never iterated
  std::vector<std::unique_ptr<JointRecord>> joints;              // creation order

  core::FixedStepClock clock;
  std::uint64_t steps = 0;
  std::uint64_t state_hash = 0;
  bool hash_valid = false;            // state_hash matches the body records
  std::vector<ContactPair> contacts;  // after the last step, sorted
  std::vector<ContactPair> scratch_pairs;
  EventListener* listener = nullptr;
  float sleep_linear_m_s = 0.05f;
  float sleep_angular_rad_s = 0.5f;

  explicit Impl(const WorldDesc& desc);
  ~Impl();

  BodyRecord* find(std::string_view id) const {
    auto it = body_by_id.find(id);
    return it == body_by_id.end() ? nullptr : bodies[it->second].get();
  }
  JointRecord* find_joint(std::string_view id) const {
    for (const auto& j : joints) {
      if (j->desc.id == id) return j.get();
    }
    return nullptr;
  }

  core::Result<void> add_body(const BodyDesc& desc);
  core::Result<void> add_constraint(const ConstraintDesc& desc);
  void apply_joint_models(float dt_s);  // detent, spring and damping forces of joints
  void update_contacts(double sim_time_s);
  std::uint64_t hash_bodies();
  void refresh_body(BodyRecord& body);  // current pose and hash record from Bullet
};

}  // namespace txr::physics
