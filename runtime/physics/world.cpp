// World stepping: joint force models, the Bullet step, contact events and the state hash.
#include "physics/world.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

#include "core/hash.hpp"
#include "physics/world_impl.hpp"

namespace txr::physics {
namespace {

// A manifold point counts as touching when it is at most this far apart (Bullet keeps points up
// to its breaking threshold, 2 cm, which is not yet a touch).
constexpr float k_touch_distance_m = 0.001f;

// Detent torque: zero at a detent and half way between two, strongest a quarter of the way.
// Past the outermost detents the pull toward them stays at full strength.
float detent_torque(const HingeDesc& h, float angle_rad) {
  const auto& d = h.detents_rad;
  if (d.empty() || h.detent_torque_nm == 0.0f) return 0.0f;
  const auto upper = std::lower_bound(d.begin(), d.end(), angle_rad);
  std::size_t nearest = 0;
  if (upper == d.end()) {
    nearest = d.size() - 1;
  } else if (upper == d.begin()) {
    nearest = 0;
  } else {
    const auto i = static_cast<std::size_t>(upper - d.begin());
    nearest = (angle_rad - d[i - 1] <= d[i] - angle_rad) ? i - 1 : i;
  }
  const float offset = angle_rad - d[nearest];
  float spacing = 0.0f;
  if (offset >= 0.0f && nearest + 1 < d.size()) spacing = d[nearest + 1] - d[nearest];
  if (offset < 0.0f && nearest > 0) spacing = d[nearest] - d[nearest - 1];
  if (spacing <= 0.0f) {
    // Outside the detent range (or a single detent): constant pull back after a quarter turn.
    constexpr float k_quarter = 0.5f * std::numbers::pi_v<float>;
    if (std::fabs(offset) >= k_quarter)
      return offset > 0.0f ? -h.detent_torque_nm : h.detent_torque_nm;
    return -h.detent_torque_nm * std::sin(offset);
  }
  return -h.detent_torque_nm * std::sin(2.0f * std::numbers::pi_v<float> * offset / spacing);
}

// The steepest slope of the detent torque (N·m per rad), for the stability limit below.
float detent_stiffness(const HingeDesc& h) {
  const auto& d = h.detents_rad;
  if (d.empty()) return 0.0f;
  float spacing = 2.0f * std::numbers::pi_v<float>;  // a single detent: sin(offset)
  for (std::size_t i = 1; i < d.size(); ++i) spacing = std::min(spacing, d[i] - d[i - 1]);
  if (!(spacing > 0.0f)) return 0.0f;
  return h.detent_torque_nm * 2.0f * std::numbers::pi_v<float> / spacing;
}

// Joint springs and dampers are applied as forces before an explicit step, which blows up when
// they are stiff for the body's inertia (a light knob with a scenario's standard detent torque:
// the speed flips sign and grows every step). Keep the spring below a quarter of the stability
// limit (k·dt²/I <= 1) and make the damping implicit: v' = v / (1 + c·dt/I), stable for any c.
struct JointGains {
  float spring_scale = 1.0f;  // multiplies the spring or detent torque
  float damping = 0.0f;       // effective damping coefficient
};

JointGains stable_gains(float stiffness, float damping, float inverse_inertia, float dt_s) {
  JointGains g;
  const float k_dt2 = stiffness * dt_s * dt_s * inverse_inertia;
  if (k_dt2 > 1.0f) g.spring_scale = 1.0f / k_dt2;
  g.damping = damping / (1.0f + damping * dt_s * inverse_inertia);
  return g;
}

float fold_zero(float v) { return v == 0.0f ? 0.0f : v; }  // -0 and +0 hash the same

}  // namespace

World::World(const WorldDesc& desc) : impl_(std::make_unique<Impl>(desc)) {}
World::~World() = default;

core::Result<std::unique_ptr<World>> World::create(const WorldDesc& desc) {
  if (!(desc.step_hz >= 1.0 && desc.step_hz <= 10000.0)) {
    return core::fail("world: step rate must be between 1 and 10000 Hz");
  }
  if (!std::all_of(desc.gravity_m_s2.begin(), desc.gravity_m_s2.end(),
                   [](float g) { return std::isfinite(g); })) {
    return core::fail("world: gravity must be finite");
  }
  std::unique_ptr<World> world(new World(desc));
  for (const BodyDesc& body : desc.bodies) {
    if (auto ok = world->add_body(body); !ok) return std::unexpected(ok.error());
  }
  for (const ConstraintDesc& c : desc.constraints) {
    if (auto ok = world->add_constraint(c); !ok) return std::unexpected(ok.error());
  }
  return world;
}

core::Result<void> World::add_body(const BodyDesc& desc) { return impl_->add_body(desc); }
core::Result<void> World::add_constraint(const ConstraintDesc& desc) {
  return impl_->add_constraint(desc);
}

bool World::remove_constraint(std::string_view id) {
  auto& joints = impl_->joints;
  auto it =
      std::find_if(joints.begin(), joints.end(), [&](const auto& j) { return j->desc.id == id; });
  if (it == joints.end()) return false;
  impl_->world->removeConstraint((*it)->constraint.get());
  (*it)->a->activate(true);
  (*it)->b->activate(true);
  joints.erase(it);  // keeps creation order of the rest
  return true;
}

bool World::has_constraint(std::string_view id) const { return impl_->find_joint(id) != nullptr; }

void World::Impl::apply_joint_models(float dt_s) {
  for (const auto& joint : joints) {
    const ConstraintDesc& d = joint->desc;
    btRigidBody& a = *joint->a;
    btRigidBody& b = *joint->b;
    if (!b.isActive() && !a.isActive()) continue;  // at rest: let it sleep
    if (d.kind == ConstraintKind::hinge &&
        (!d.hinge.detents_rad.empty() || d.hinge.damping_nm_s > 0.0f)) {
      auto& hinge = static_cast<btHingeConstraint&>(*joint->constraint);
      const btVector3 axis =
          a.getCenterOfMassTransform().getBasis() * hinge.getAFrame().getBasis().getColumn(2);
      const float inverse_inertia = axis.dot(a.getInvInertiaTensorWorld() * axis) +
                                    axis.dot(b.getInvInertiaTensorWorld() * axis);
      if (!(inverse_inertia > 0.0f)) continue;
      const JointGains gains =
          stable_gains(detent_stiffness(d.hinge), d.hinge.damping_nm_s, inverse_inertia, dt_s);
      const float speed = axis.dot(b.getAngularVelocity() - a.getAngularVelocity());
      const float torque = gains.spring_scale * detent_torque(d.hinge, -hinge.getHingeAngle()) -
                           gains.damping * speed;
      b.applyTorque(axis * torque);
      a.applyTorque(-axis * torque);
    } else if (d.kind == ConstraintKind::slider &&
               (d.slider.spring_n_per_m > 0.0f || d.slider.damping_n_s_per_m > 0.0f)) {
      auto& slider = static_cast<btSliderConstraint&>(*joint->constraint);
      const float inverse_mass = a.getInvMass() + b.getInvMass();
      if (!(inverse_mass > 0.0f)) continue;
      const JointGains gains =
          stable_gains(d.slider.spring_n_per_m, d.slider.damping_n_s_per_m, inverse_mass, dt_s);
      slider.calculateTransforms(a.getCenterOfMassTransform(), b.getCenterOfMassTransform());
      const btVector3 axis = slider.getCalculatedTransformA().getBasis().getColumn(0);
      const float speed = axis.dot(b.getLinearVelocity() - a.getLinearVelocity());
      const float force = -gains.spring_scale * d.slider.spring_n_per_m *
                              (slider.getLinearPos() - d.slider.spring_rest_m) -
                          gains.damping * speed;
      b.applyCentralForce(axis * force);
      a.applyCentralForce(-axis * force);
    }
  }
}

void World::Impl::update_contacts(double sim_time_s) {
  scratch_pairs.clear();
  const int manifolds = dispatcher->getNumManifolds();
  for (int i = 0; i < manifolds; ++i) {
    const btPersistentManifold* m = dispatcher->getManifoldByIndexInternal(i);
    bool touching = false;
    float impulse = 0.0f;
    for (int k = 0; k < m->getNumContacts(); ++k) {
      const btManifoldPoint& p = m->getContactPoint(k);
      if (p.getDistance() <= k_touch_distance_m) {
        touching = true;
        impulse += p.getAppliedImpulse();
      }
    }
    const int ia = m->getBody0()->getUserIndex();
    const int ib = m->getBody1()->getUserIndex();
    if (!touching || ia < 0 || ib < 0 || ia == ib) continue;
    scratch_pairs.push_back({static_cast<std::uint32_t>(std::min(ia, ib)),
                             static_cast<std::uint32_t>(std::max(ia, ib)), impulse});
  }
  // Manifold order is Bullet-internal; sorting by creation index makes the event order ours.
  std::sort(scratch_pairs.begin(), scratch_pairs.end(), [](const auto& l, const auto& r) {
    return l.body_a != r.body_a ? l.body_a < r.body_a : l.body_b < r.body_b;
  });
  std::size_t out = 0;
  for (std::size_t i = 0; i < scratch_pairs.size(); ++i) {
    if (out > 0 && scratch_pairs[out - 1].body_a == scratch_pairs[i].body_a &&
        scratch_pairs[out - 1].body_b == scratch_pairs[i].body_b) {
      scratch_pairs[out - 1].impulse_n_s += scratch_pairs[i].impulse_n_s;
    } else {
      scratch_pairs[out++] = scratch_pairs[i];
    }
  }
  scratch_pairs.resize(out);

  if (listener != nullptr) {
    auto key_less = [](const ContactPair& l, const ContactPair& r) {
      return l.body_a != r.body_a ? l.body_a < r.body_a : l.body_b < r.body_b;
    };
    auto emit = [&](ContactEvent::Kind kind, const ContactPair& p) {
      ContactEvent e;
      e.kind = kind;
      e.sim_time_s = sim_time_s;
      e.body_a = bodies[p.body_a]->id;
      e.body_b = bodies[p.body_b]->id;
      e.impulse_n_s = p.impulse_n_s;
      listener->on_contact(e);
    };
    for (const ContactPair& old : contacts) {  // ended: in the old set, not in the new
      if (!std::binary_search(scratch_pairs.begin(), scratch_pairs.end(), old, key_less)) {
        emit(ContactEvent::Kind::ended, old);
      }
    }
    for (const ContactPair& now : scratch_pairs) {
      if (!std::binary_search(contacts.begin(), contacts.end(), now, key_less)) {
        emit(ContactEvent::Kind::began, now);
      }
    }
  }
  contacts.swap(scratch_pairs);
}

void World::Impl::refresh_body(BodyRecord& body) {
  const btRigidBody& rb = *body.rb;
  body.current = from_bt(rb.getWorldTransform());
  const btVector3& v = rb.getLinearVelocity();
  const btVector3& w = rb.getAngularVelocity();
  const auto& p = body.current.position_m;
  const auto& q = body.current.orientation;
  body.hash_record = {p[0],  p[1],  p[2],  q[0],  q[1],  q[2], q[3],
                      v.x(), v.y(), v.z(), w.x(), w.y(), w.z()};
  for (float& f : body.hash_record) f = fold_zero(f);
  body.digest_dirty = true;
  hash_valid = false;
}

// The world hash chains the per-body digests in creation order. A digest is recomputed only when
// its record changed (the body moved), so sleeping and static bodies cost 8 bytes each; and the
// whole hash is computed only when someone needs it (a listener's on_step, state_hash()).
namespace {
// Little-endian bytes of each float's bit pattern: the same digest on any host.
void record_bytes(const std::array<float, 13>& record, unsigned char (&out)[13 * 4]) {
  std::size_t n = 0;
  for (float f : record) {
    const auto bits = std::bit_cast<std::uint32_t>(f);
    for (int i = 0; i < 4; ++i) out[n++] = static_cast<unsigned char>(bits >> (8 * i));
  }
}
}  // namespace

std::uint64_t World::Impl::hash_bodies() {
  // Per-body digests, four bodies at a time: each is a plain StableHasher over its 52 bytes, but
  // interleaving four independent multiply chains lets the CPU overlap them (FNV-1a is one
  // serial multiply per byte).
  BodyRecord* lanes[4];
  std::size_t used = 0;
  auto flush = [&] {
    unsigned char bytes[4][13 * 4];
    core::StableHasher h[4];
    for (std::size_t l = 0; l < used; ++l) record_bytes(lanes[l]->hash_record, bytes[l]);
    for (std::size_t k = 0; k < 13 * 4; ++k) {
      for (std::size_t l = 0; l < used; ++l) h[l].add_bytes(&bytes[l][k], 1);
    }
    for (std::size_t l = 0; l < used; ++l) {
      lanes[l]->hash_digest = h[l].value();
      lanes[l]->digest_dirty = false;
    }
    used = 0;
  };
  for (const auto& body : bodies) {
    if (!body->digest_dirty) continue;
    lanes[used++] = body.get();
    if (used == 4) flush();
  }
  flush();

  core::StableHasher hasher;
  hasher.add(static_cast<std::uint64_t>(bodies.size()));
  for (const auto& body : bodies) hasher.add(body->hash_digest);
  state_hash = hasher.value();
  hash_valid = true;
  return state_hash;
}

void World::step() {
  Impl& s = *impl_;
  const auto dt = static_cast<btScalar>(s.clock.step_s());
  s.apply_joint_models(dt);
  for (const auto& body : s.bodies) body->previous = body->current;
  s.world->stepSimulation(dt, 0, dt);  // exactly one step of dt, no Bullet-side interpolation
  ++s.steps;
  for (const auto& body : s.bodies) {
    // Static and sleeping bodies did not move: their pose and hash record still hold.
    if (body->is_static) continue;
    const bool awake = body->rb->isActive();
    if (awake || body->awake_last_step) s.refresh_body(*body);
    body->awake_last_step = awake;
  }
  s.update_contacts(sim_time_s());
  if (s.listener != nullptr) s.listener->on_step(s.steps, sim_time_s(), s.hash_bodies());
}

std::uint32_t World::advance(double frame_dt_s, const StepHook& before_step,
                             const StepHook& after_step) {
  const std::uint32_t n = impl_->clock.advance(frame_dt_s);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (before_step) before_step(i, n);
    step();
    if (after_step) after_step(i, n);
  }
  return n;
}

double World::step_s() const { return impl_->clock.step_s(); }
double World::sim_time_s() const { return static_cast<double>(impl_->steps) * step_s(); }
std::uint64_t World::steps() const { return impl_->steps; }
double World::render_alpha() const { return impl_->clock.alpha(); }
std::uint64_t World::state_hash() const {
  return impl_->hash_valid ? impl_->state_hash : impl_->hash_bodies();
}
std::uint64_t World::compute_state_hash() const {
  for (const auto& body : impl_->bodies) impl_->refresh_body(*body);
  return impl_->hash_bodies();
}
void World::set_listener(EventListener* listener) { impl_->listener = listener; }

const char* to_string(ContactEvent::Kind kind) {
  return kind == ContactEvent::Kind::began ? "contact_began" : "contact_ended";
}

const char* to_string(InteractionEvent::Kind kind) {
  switch (kind) {
    case InteractionEvent::Kind::grabbed:
      return "grabbed";
    case InteractionEvent::Kind::released:
      return "released";
    case InteractionEvent::Kind::snapped:
      return "snapped";
    case InteractionEvent::Kind::unsnapped:
      return "unsnapped";
    case InteractionEvent::Kind::engaged:
      return "engaged";
    case InteractionEvent::Kind::disengaged:
      return "disengaged";
    case InteractionEvent::Kind::button_pressed:
      return "button_pressed";
    case InteractionEvent::Kind::button_released:
      return "button_released";
    case InteractionEvent::Kind::detent_changed:
      return "detent_changed";
  }
  return "unknown";
}

}  // namespace txr::physics
