// Descriptions -> Bullet objects, with validation that names the offending body or constraint.
#include <algorithm>
#include <cmath>

#include "physics/world_impl.hpp"

namespace txr::physics {
namespace {

// Convex shapes get a thin collision margin: Bullet's default (4 cm) rounds small parts such as
// bolts and wrenches out of shape.
constexpr float k_convex_margin_m = 0.002f;
constexpr float k_max_size_m = 1000.0f;

bool finite_positive(float v) { return std::isfinite(v) && v > 0.0f && v <= k_max_size_m; }
bool finite_vec(const Vec3& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

core::Result<void> body_error(const BodyDesc& desc, const std::string& what) {
  return core::fail("body '" + desc.id + "': " + what);
}

core::Result<void> validate_shape(const BodyDesc& desc) {
  const ShapeDesc& s = desc.shape;
  switch (s.kind) {
    case ShapeKind::box:
      for (float h : s.half_extents_m) {
        if (!finite_positive(h)) return body_error(desc, "box half extents must be > 0 m");
      }
      break;
    case ShapeKind::sphere:
      if (!finite_positive(s.radius_m)) return body_error(desc, "sphere radius must be > 0 m");
      break;
    case ShapeKind::cylinder:
    case ShapeKind::capsule:
      if (!finite_positive(s.radius_m) || !finite_positive(s.half_height_m)) {
        return body_error(desc, "radius and half height must be > 0 m");
      }
      break;
    case ShapeKind::convex_hull:
      if (s.vertices_m.size() < 4) return body_error(desc, "a convex hull needs >= 4 vertices");
      break;
    case ShapeKind::triangle_mesh:
      if (desc.mass_kg != 0.0f || desc.kinematic) {
        return body_error(desc, "a triangle mesh can only be static (mass 0, not kinematic)");
      }
      if (s.vertices_m.size() < 3 || s.indices.empty() || s.indices.size() % 3 != 0) {
        return body_error(desc, "a triangle mesh needs vertices and 3 indices per triangle");
      }
      for (std::uint32_t i : s.indices) {
        if (i >= s.vertices_m.size()) return body_error(desc, "triangle index out of range");
      }
      break;
  }
  for (const Vec3& v : s.vertices_m) {
    if (!finite_vec(v)) return body_error(desc, "vertex with a non-finite coordinate");
  }
  if (!finite_vec(s.offset_m) || std::any_of(s.offset_m.begin(), s.offset_m.end(),
                                             [](float v) { return std::fabs(v) > k_max_size_m; })) {
    return body_error(desc, "shape offset must be finite and within the size limit");
  }
  if (s.kind == ShapeKind::convex_hull && s.offset_m != Vec3{0.0f, 0.0f, 0.0f}) {
    return body_error(desc, "a convex hull takes no offset (its vertices are in the body frame)");
  }
  return {};
}

std::unique_ptr<btCollisionShape> make_shape(const ShapeDesc& s, BodyRecord& record) {
  switch (s.kind) {
    case ShapeKind::box: {
      auto box = std::make_unique<btBoxShape>(to_bt(s.half_extents_m));
      const float min_half =
          std::min({s.half_extents_m[0], s.half_extents_m[1], s.half_extents_m[2]});
      box->setMargin(std::min(k_convex_margin_m, 0.1f * min_half));
      return box;
    }
    case ShapeKind::sphere:
      return std::make_unique<btSphereShape>(s.radius_m);
    case ShapeKind::cylinder: {
      auto cyl =
          std::make_unique<btCylinderShape>(btVector3(s.radius_m, s.half_height_m, s.radius_m));
      cyl->setMargin(std::min(k_convex_margin_m, 0.1f * std::min(s.radius_m, s.half_height_m)));
      return cyl;
    }
    case ShapeKind::capsule:
      return std::make_unique<btCapsuleShape>(s.radius_m, 2.0f * s.half_height_m);
    case ShapeKind::convex_hull: {
      auto hull = std::make_unique<btConvexHullShape>(
          s.vertices_m.front().data(), static_cast<int>(s.vertices_m.size()), sizeof(Vec3));
      hull->optimizeConvexHull();
      hull->setMargin(k_convex_margin_m);
      return hull;
    }
    case ShapeKind::triangle_mesh: {
      for (const Vec3& v : s.vertices_m) {
        record.mesh_vertices.insert(record.mesh_vertices.end(), v.begin(), v.end());
      }
      for (std::uint32_t i : s.indices) record.mesh_indices.push_back(static_cast<int>(i));
      record.mesh = std::make_unique<btTriangleIndexVertexArray>(
          static_cast<int>(record.mesh_indices.size() / 3), record.mesh_indices.data(),
          static_cast<int>(3 * sizeof(int)), static_cast<int>(s.vertices_m.size()),
          record.mesh_vertices.data(), static_cast<int>(3 * sizeof(float)));
      return std::make_unique<btBvhTriangleMeshShape>(record.mesh.get(), true);
    }
  }
  return nullptr;
}

// Bullet's slider moves along its frame's X axis; ours along Z (like the hinge). Rotating the
// frame by -90 degrees about Y maps Bullet's X onto our Z.
btTransform slider_frame(const core::Pose& pose) {
  btTransform t = to_bt(pose);
  t.setBasis(t.getBasis() * btMatrix3x3(btQuaternion(btVector3(0, 1, 0), -SIMD_HALF_PI)));
  return t;
}

}  // namespace

World::Impl::Impl(const WorldDesc& desc)
    : collision_config(std::make_unique<btDefaultCollisionConfiguration>()),
      dispatcher(std::make_unique<btCollisionDispatcher>(collision_config.get())),
      broadphase(std::make_unique<btDbvtBroadphase>()),
      solver(std::make_unique<btSequentialImpulseConstraintSolver>()),
      fixed_body(std::make_unique<btRigidBody>(0.0f, nullptr, nullptr)),
      world(std::make_unique<btDiscreteDynamicsWorld>(dispatcher.get(), broadphase.get(),
                                                      solver.get(), collision_config.get())),
      clock(desc.step_hz, desc.max_steps_per_frame) {
  world->setGravity(to_bt(desc.gravity_m_s2));
  world->getSolverInfo().m_numIterations = std::max(1, desc.solver_iterations);
  world->setForceUpdateAllAabbs(false);  // sleeping bodies keep their bounds
  // Bullet's default; written out because determinism relies on a fixed solver order.
  world->getSolverInfo().m_solverMode &= ~SOLVER_RANDMIZE_ORDER;
  fixed_body->setMassProps(0.0f, btVector3(0, 0, 0));
  sleep_linear_m_s = std::max(0.0f, desc.sleep_linear_m_s);
  sleep_angular_rad_s = std::max(0.0f, desc.sleep_angular_rad_s);
}

World::Impl::~Impl() {
  for (auto it = joints.rbegin(); it != joints.rend(); ++it) {
    world->removeConstraint((*it)->constraint.get());
  }
  for (auto it = bodies.rbegin(); it != bodies.rend(); ++it) {
    world->removeRigidBody((*it)->rb.get());
  }
}

core::Result<void> World::Impl::add_body(const BodyDesc& desc) {
  if (desc.id.empty()) return core::fail("a body needs a non-empty id");
  if (body_by_id.contains(desc.id)) return body_error(desc, "duplicate body id");
  if (!core::is_valid(desc.T_world_body)) {
    return body_error(desc, "initial pose is not finite, not unit or outside 1 km");
  }
  if (!std::isfinite(desc.mass_kg) || desc.mass_kg < 0.0f) {
    return body_error(desc, "mass must be >= 0 kg");
  }
  for (float v : {desc.friction, desc.restitution, desc.linear_damping, desc.angular_damping,
                  desc.rolling_friction, desc.spinning_friction}) {
    if (!std::isfinite(v) || v < 0.0f) {
      return body_error(desc, "friction, restitution and damping must be finite and >= 0");
    }
  }
  if (auto ok = validate_shape(desc); !ok) return ok;

  auto record = std::make_unique<BodyRecord>();
  record->id = desc.id;
  record->kinematic = desc.kinematic;
  record->is_static = !desc.kinematic && desc.mass_kg == 0.0f;
  record->mass_kg = record->is_static || desc.kinematic ? 0.0f : desc.mass_kg;
  record->shape = make_shape(desc.shape, *record);

  const btTransform start = to_bt(desc.T_world_body);
  btVector3 inertia(0, 0, 0);
  if (record->mass_kg > 0.0f) record->shape->calculateLocalInertia(record->mass_kg, inertia);
  if (const btVector3 d = to_bt(desc.shape.offset_m); !d.isZero()) {
    // The shape moved off the body origin: a one-child compound; inertia by the parallel-axis
    // theorem (diagonal terms only — Bullet bodies take principal moments).
    auto compound = std::make_unique<btCompoundShape>(false, 1);
    btTransform at;
    at.setIdentity();
    at.setOrigin(d);
    compound->addChildShape(at, record->shape.get());
    record->offset_child = std::move(record->shape);
    record->shape = std::move(compound);
    const float m = record->mass_kg;
    inertia += btVector3(m * (d.y() * d.y() + d.z() * d.z()), m * (d.x() * d.x() + d.z() * d.z()),
                         m * (d.x() * d.x() + d.y() * d.y()));
  }
  if (desc.kinematic) record->motion = std::make_unique<btDefaultMotionState>(start);
  btRigidBody::btRigidBodyConstructionInfo info(record->mass_kg, record->motion.get(),
                                                record->shape.get(), inertia);
  info.m_startWorldTransform = start;
  info.m_friction = desc.friction;
  info.m_restitution = desc.restitution;
  info.m_rollingFriction = desc.rolling_friction;
  info.m_spinningFriction = desc.spinning_friction;
  info.m_linearDamping = std::min(desc.linear_damping, 1.0f);
  info.m_angularDamping = std::min(desc.angular_damping, 1.0f);
  record->rb = std::make_unique<btRigidBody>(info);
  const auto index = static_cast<std::uint32_t>(bodies.size());
  record->rb->setUserIndex(static_cast<int>(index));
  record->rb->setSleepingThresholds(sleep_linear_m_s, sleep_angular_rad_s);
  if (desc.kinematic) {
    record->rb->setCollisionFlags(record->rb->getCollisionFlags() |
                                  btCollisionObject::CF_KINEMATIC_OBJECT);
  }
  record->can_sleep = desc.can_sleep && !desc.kinematic;
  if (!record->can_sleep) record->rb->setActivationState(DISABLE_DEACTIVATION);
  refresh_body(*record);
  record->previous = record->current;
  world->addRigidBody(record->rb.get());
  body_by_id.emplace(desc.id, index);
  bodies.push_back(std::move(record));
  return {};
}

core::Result<void> World::Impl::add_constraint(const ConstraintDesc& desc) {
  auto fail_c = [&](const std::string& what) {
    return core::fail("constraint '" + desc.id + "': " + what);
  };
  if (desc.id.empty()) return core::fail("a constraint needs a non-empty id");
  if (find_joint(desc.id) != nullptr) return fail_c("duplicate constraint id");
  if (!core::is_valid(desc.T_a_joint) || !core::is_valid(desc.T_b_joint)) {
    return fail_c("joint frames must be finite with unit quaternions");
  }
  BodyRecord* b = find(desc.body_b);
  if (b == nullptr) return fail_c("unknown body_b '" + desc.body_b + "'");
  BodyRecord* a = nullptr;
  if (!desc.body_a.empty()) {
    a = find(desc.body_a);
    if (a == nullptr) return fail_c("unknown body_a '" + desc.body_a + "'");
    if (a == b) return fail_c("body_a and body_b are the same body");
  }
  if (b->mass_kg == 0.0f && (a == nullptr || a->mass_kg == 0.0f)) {
    return fail_c("at least one of the two bodies must be dynamic (mass > 0)");
  }
  const HingeDesc& h = desc.hinge;
  if (!std::is_sorted(h.detents_rad.begin(), h.detents_rad.end())) {
    return fail_c("hinge detents must be in ascending order");
  }
  for (float v : {h.lower_rad, h.upper_rad, h.detent_torque_nm, h.damping_nm_s, desc.slider.lower_m,
                  desc.slider.upper_m, desc.slider.spring_n_per_m, desc.slider.spring_rest_m,
                  desc.slider.damping_n_s_per_m}) {
    if (!std::isfinite(v)) return fail_c("limits, springs and damping must be finite");
  }

  auto joint = std::make_unique<JointRecord>();
  joint->desc = desc;
  joint->a = a != nullptr ? a->rb.get() : fixed_body.get();
  joint->b = b->rb.get();
  btRigidBody& rb_a = *joint->a;
  btRigidBody& rb_b = *joint->b;
  const btTransform frame_a = to_bt(desc.T_a_joint);
  const btTransform frame_b = to_bt(desc.T_b_joint);
  switch (desc.kind) {
    case ConstraintKind::hinge: {
      auto hinge = std::make_unique<btHingeConstraint>(rb_a, rb_b, frame_a, frame_b, false);
      // Bullet measures the angle of A relative to B; ours is B relative to A (right-handed
      // about the joint Z), hence the sign flips here, in joint_position and in the motor.
      if (h.lower_rad <= h.upper_rad) hinge->setLimit(-h.upper_rad, -h.lower_rad);
      joint->constraint = std::move(hinge);
      break;
    }
    case ConstraintKind::slider: {
      auto slider = std::make_unique<btSliderConstraint>(rb_a, rb_b, slider_frame(desc.T_a_joint),
                                                         slider_frame(desc.T_b_joint), true);
      slider->setLowerLinLimit(desc.slider.lower_m);  // lower > upper: free, as in Bullet
      slider->setUpperLinLimit(desc.slider.upper_m);
      slider->setRestitutionLimLin(0.0f);  // end stops do not bounce (Bullet's default: 0.7)
      slider->setLowerAngLimit(0.0f);
      slider->setUpperAngLimit(0.0f);
      joint->constraint = std::move(slider);
      break;
    }
    case ConstraintKind::fixed:
      joint->constraint = std::make_unique<btFixedConstraint>(rb_a, rb_b, frame_a, frame_b);
      break;
    case ConstraintKind::six_dof_spring: {
      const SixDofDesc& s = desc.six_dof;
      auto dof = std::make_unique<btGeneric6DofSpring2Constraint>(rb_a, rb_b, frame_a, frame_b);
      dof->setLinearLowerLimit(to_bt(s.linear_lower_m));
      dof->setLinearUpperLimit(to_bt(s.linear_upper_m));
      dof->setAngularLowerLimit(to_bt(s.angular_lower_rad));
      dof->setAngularUpperLimit(to_bt(s.angular_upper_rad));
      for (int i = 0; i < 6; ++i) {
        const auto axis = static_cast<std::size_t>(i);
        if (!(s.stiffness[axis] > 0.0f)) continue;
        dof->enableSpring(i, true);
        dof->setStiffness(i, s.stiffness[axis]);
        dof->setDamping(i, s.damping[axis]);
        dof->setEquilibriumPoint(i, 0.0f);
      }
      joint->constraint = std::move(dof);
      break;
    }
  }
  world->addConstraint(joint->constraint.get(), !desc.collide_connected);
  rb_b.activate(true);
  joints.push_back(std::move(joint));
  return {};
}

}  // namespace txr::physics
