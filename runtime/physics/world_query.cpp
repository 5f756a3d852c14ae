// World body access, joint motors and spatial queries (rays, overlaps).
#include <algorithm>
#include <cmath>

#include "physics/world_impl.hpp"

namespace txr::physics {
namespace {

bool finite_pose(const core::Pose& pose) { return core::is_valid(pose); }

}  // namespace

std::size_t World::body_count() const { return impl_->bodies.size(); }

std::optional<std::uint32_t> World::body_index(std::string_view id) const {
  auto it = impl_->body_by_id.find(id);
  if (it == impl_->body_by_id.end()) return std::nullopt;
  return it->second;
}

const std::string& World::body_id(std::uint32_t index) const { return impl_->bodies[index]->id; }

std::optional<core::Pose> World::body_pose(std::string_view id) const {
  const BodyRecord* body = impl_->find(id);
  if (body == nullptr) return std::nullopt;
  return from_bt(body->rb->getWorldTransform());
}

std::optional<core::Pose> World::render_pose(std::string_view id) const {
  const BodyRecord* body = impl_->find(id);
  if (body == nullptr) return std::nullopt;
  const auto alpha = static_cast<btScalar>(render_alpha());
  const btTransform prev = to_bt(body->previous);
  const btTransform cur = to_bt(body->current);
  btTransform out;
  out.setOrigin(prev.getOrigin().lerp(cur.getOrigin(), alpha));
  out.setRotation(prev.getRotation().slerp(cur.getRotation(), alpha));
  return from_bt(out);
}

std::optional<BodyVelocity> World::body_velocity(std::string_view id) const {
  const BodyRecord* body = impl_->find(id);
  if (body == nullptr) return std::nullopt;
  return BodyVelocity{from_bt(body->rb->getLinearVelocity()),
                      from_bt(body->rb->getAngularVelocity())};
}

bool World::is_sleeping(std::string_view id) const {
  const BodyRecord* body = impl_->find(id);
  return body != nullptr && body->rb->getActivationState() == ISLAND_SLEEPING;
}

std::size_t World::awake_body_count() const {
  std::size_t n = 0;
  for (const auto& body : impl_->bodies) {
    n += body->mass_kg > 0.0f && body->rb->isActive() ? 1 : 0;
  }
  return n;
}

float World::body_mass_kg(std::string_view id) const {
  const BodyRecord* body = impl_->find(id);
  return body == nullptr ? 0.0f : body->mass_kg;
}

bool World::set_kinematic_target(std::string_view id, const core::Pose& T_world_body) {
  BodyRecord* body = impl_->find(id);
  if (body == nullptr || !body->kinematic || !finite_pose(T_world_body)) return false;
  body->motion->setWorldTransform(to_bt(T_world_body));
  return true;
}

bool World::set_body_pose(std::string_view id, const core::Pose& T_world_body) {
  BodyRecord* body = impl_->find(id);
  if (body == nullptr || !finite_pose(T_world_body)) return false;
  const btTransform t = to_bt(T_world_body);
  if (body->motion) body->motion->setWorldTransform(t);
  body->rb->setCenterOfMassTransform(t);  // also resets Bullet's interpolation transform
  impl_->world->updateSingleAabb(body->rb.get());
  body->rb->activate(true);
  impl_->refresh_body(*body);
  body->previous = body->current;
  return true;
}

bool World::set_body_velocity(std::string_view id, const BodyVelocity& velocity) {
  BodyRecord* body = impl_->find(id);
  if (body == nullptr || body->mass_kg == 0.0f) return false;
  body->rb->setLinearVelocity(to_bt(velocity.linear_m_s));
  body->rb->setAngularVelocity(to_bt(velocity.angular_rad_s));
  body->rb->activate(true);
  return true;
}

bool World::keep_awake(std::string_view id, bool on) {
  BodyRecord* body = impl_->find(id);
  if (body == nullptr || body->mass_kg == 0.0f) return false;
  if (on || !body->can_sleep) {
    body->rb->setActivationState(DISABLE_DEACTIVATION);
  } else {
    body->rb->forceActivationState(ACTIVE_TAG);
    body->rb->activate(true);
  }
  return true;
}

bool World::apply_force(std::string_view id, const Vec3& force_n, const Vec3& at_world_m) {
  BodyRecord* body = impl_->find(id);
  if (body == nullptr || body->mass_kg == 0.0f) return false;
  body->rb->activate(true);
  body->rb->applyForce(to_bt(force_n),
                       to_bt(at_world_m) - body->rb->getCenterOfMassTransform().getOrigin());
  return true;
}

bool World::set_collision_ignored(std::string_view a, std::string_view b, bool ignored) {
  BodyRecord* ba = impl_->find(a);
  BodyRecord* bb = impl_->find(b);
  if (ba == nullptr || bb == nullptr || ba == bb) return false;
  ba->rb->setIgnoreCollisionCheck(bb->rb.get(), ignored);
  bb->rb->setIgnoreCollisionCheck(ba->rb.get(), ignored);
  // Drop cached contact points between them; Bullet would otherwise keep solving stale ones.
  impl_->world->getBroadphase()->getOverlappingPairCache()->cleanProxyFromPairs(
      ba->rb->getBroadphaseHandle(), impl_->dispatcher.get());
  return true;
}

const ConstraintDesc* World::constraint_desc(std::string_view id) const {
  const JointRecord* joint = impl_->find_joint(id);
  return joint == nullptr ? nullptr : &joint->desc;
}

std::optional<float> World::joint_position(std::string_view id) const {
  JointRecord* joint = impl_->find_joint(id);
  if (joint == nullptr) return std::nullopt;
  if (joint->desc.kind == ConstraintKind::hinge) {
    return -static_cast<btHingeConstraint&>(*joint->constraint).getHingeAngle();  // see build
  }
  if (joint->desc.kind == ConstraintKind::slider) {
    auto& slider = static_cast<btSliderConstraint&>(*joint->constraint);
    slider.calculateTransforms(joint->a->getCenterOfMassTransform(),
                               joint->b->getCenterOfMassTransform());
    return slider.getLinearPos();
  }
  return std::nullopt;
}

std::optional<Vec3> World::joint_axis(std::string_view id) const {
  JointRecord* joint = impl_->find_joint(id);
  if (joint == nullptr) return std::nullopt;
  const btMatrix3x3& basis_a = joint->a->getCenterOfMassTransform().getBasis();
  // Slider frames were turned so Bullet's X is our Z; both end up as the frame's Z in world.
  return from_bt(basis_a * to_bt(joint->desc.T_a_joint).getBasis().getColumn(2));
}

bool World::set_joint_motor(std::string_view id, float target_velocity, float max_effort) {
  JointRecord* joint = impl_->find_joint(id);
  if (joint == nullptr || !std::isfinite(target_velocity) || !std::isfinite(max_effort)) {
    return false;
  }
  const bool on = max_effort > 0.0f;
  if (joint->desc.kind == ConstraintKind::hinge) {
    // Bullet's hinge motor limit is an impulse per step.
    const auto impulse = static_cast<btScalar>(max_effort * step_s());
    static_cast<btHingeConstraint&>(*joint->constraint)
        .enableAngularMotor(on, -target_velocity, on ? impulse : 0.0f);
  } else if (joint->desc.kind == ConstraintKind::slider) {
    auto& slider = static_cast<btSliderConstraint&>(*joint->constraint);
    slider.setPoweredLinMotor(on);
    slider.setTargetLinMotorVelocity(target_velocity);
    slider.setMaxLinMotorForce(on ? max_effort : 0.0f);
  } else {
    return false;
  }
  if (on) joint->b->activate(true);
  return true;
}

std::optional<RayHit> World::ray_cast(const Vec3& from_m, const Vec3& to_m) const {
  auto hits = ray_cast_all(from_m, to_m);
  if (hits.empty()) return std::nullopt;
  return hits.front();
}

std::vector<RayHit> World::ray_cast_all(const Vec3& from_m, const Vec3& to_m) const {
  const btVector3 from = to_bt(from_m);
  const btVector3 to = to_bt(to_m);
  btCollisionWorld::AllHitsRayResultCallback cb(from, to);
  impl_->world->rayTest(from, to, cb);
  struct Hit {
    float fraction;
    int index;
    int slot;
  };
  std::vector<Hit> order;
  for (int i = 0; i < cb.m_collisionObjects.size(); ++i) {
    const int index = cb.m_collisionObjects[i]->getUserIndex();
    if (index >= 0) order.push_back({cb.m_hitFractions[i], index, i});
  }
  std::sort(order.begin(), order.end(), [](const Hit& l, const Hit& r) {
    return l.fraction != r.fraction ? l.fraction < r.fraction : l.index < r.index;
  });
  std::vector<RayHit> out;
  for (const Hit& h : order) {
    // One hit per body (a triangle mesh can report several): keep the nearest.
    if (std::any_of(out.begin(), out.end(), [&](const RayHit& r) {
          return r.body_id == impl_->bodies[static_cast<std::size_t>(h.index)]->id;
        })) {
      continue;
    }
    RayHit hit;
    hit.body_id = impl_->bodies[static_cast<std::size_t>(h.index)]->id;
    hit.point_m = from_bt(cb.m_hitPointWorld[h.slot]);
    hit.normal = from_bt(cb.m_hitNormalWorld[h.slot]);
    hit.fraction = h.fraction;
    out.push_back(std::move(hit));
  }
  return out;
}

std::vector<std::string> World::bodies_within(const Vec3& point_m, float radius_m) const {
  std::vector<std::string> out;
  if (!(radius_m > 0.0f) || !std::isfinite(radius_m)) return out;
  btSphereShape sphere(radius_m);
  btCollisionObject probe;
  probe.setCollisionShape(&sphere);
  probe.setWorldTransform(btTransform(btQuaternion::getIdentity(), to_bt(point_m)));
  struct Collect : btCollisionWorld::ContactResultCallback {
    const btCollisionObject* self = nullptr;
    std::vector<int> found;
    btScalar addSingleResult(btManifoldPoint& /*cp*/, const btCollisionObjectWrapper* w0, int, int,
                             const btCollisionObjectWrapper* w1, int, int) override {
      const btCollisionObject* other =
          w0->getCollisionObject() == self ? w1->getCollisionObject() : w0->getCollisionObject();
      found.push_back(other->getUserIndex());
      return 0;
    }
  } collect;
  collect.self = &probe;
  impl_->world->contactTest(&probe, collect);
  std::sort(collect.found.begin(), collect.found.end());
  collect.found.erase(std::unique(collect.found.begin(), collect.found.end()), collect.found.end());
  const btVector3 p = to_bt(point_m);
  std::vector<std::pair<float, int>> ranked;
  for (int index : collect.found) {
    if (index < 0) continue;
    const BodyRecord& body = *impl_->bodies[static_cast<std::size_t>(index)];
    if (body.is_static) continue;
    ranked.emplace_back(body.rb->getWorldTransform().getOrigin().distance(p), index);
  }
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [distance, index] : ranked) {
    out.push_back(impl_->bodies[static_cast<std::size_t>(index)]->id);
  }
  return out;
}

std::optional<std::string> World::nearest_body(const Vec3& point_m, float radius_m) const {
  auto all = bodies_within(point_m, radius_m);
  if (all.empty()) return std::nullopt;
  return all.front();
}

const std::vector<ContactPair>& World::contacts() const { return impl_->contacts; }

}  // namespace txr::physics
