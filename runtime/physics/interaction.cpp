// Interaction: input validation, hand motion, grab/release, knob and slide drives, buttons.
#include "physics/interaction.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/log.hpp"
#include "physics/interaction_impl.hpp"

namespace txr::physics {
namespace {

constexpr const char* k_hand_ids[2] = {"hand.left", "hand.right"};
constexpr float k_pi = std::numbers::pi_v<float>;
constexpr float k_poke_speed_m_s = 0.1f;

float wrap_angle(float a) {
  while (a > k_pi) a -= 2.0f * k_pi;
  while (a < -k_pi) a += 2.0f * k_pi;
  return a;
}

// Rotation angle of r about the unit axis (its twist), in (-pi, pi].
float twist_about(const btQuaternion& r, const btVector3& axis) {
  const float along = r.x() * axis.x() + r.y() * axis.y() + r.z() * axis.z();
  return wrap_angle(2.0f * std::atan2(along, r.w()));
}

core::Pose lerp_pose(const core::Pose& from, const core::Pose& to, float t) {
  const btTransform a = to_bt(from);
  const btTransform b = to_bt(to);
  btTransform out;
  out.setOrigin(a.getOrigin().lerp(b.getOrigin(), t));
  out.setRotation(a.getRotation().slerp(b.getRotation(), t));
  return from_bt(out);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
Interaction::Interaction(World& world, const InteractionConfig& config)
    : impl_(std::make_unique<Impl>(world, config)) {}
Interaction::~Interaction() = default;

const char* Interaction::hand_body_id(core::Hand hand) {
  return k_hand_ids[static_cast<std::size_t>(hand)];
}

core::Result<std::unique_ptr<Interaction>> Interaction::create(World& world,
                                                               const InteractionConfig& config) {
  if (!(config.release_squeeze < config.grab_squeeze) || !(config.reach_m > 0.0f) ||
      !(config.hand_radius_m > 0.0f) || !core::is_valid(config.hand_park_pose)) {
    return core::fail(
        "interaction: need release_squeeze < grab_squeeze, reach and hand radius "
        "> 0 and a valid park pose");
  }
  std::unique_ptr<Interaction> out(new Interaction(world, config));
  for (int h = 0; h < 2; ++h) {
    BodyDesc hand;
    hand.id = k_hand_ids[h];
    hand.shape.kind = ShapeKind::sphere;
    hand.shape.radius_m = config.hand_radius_m;
    hand.kinematic = true;
    hand.T_world_body = config.hand_park_pose;
    if (auto ok = world.add_body(hand); !ok) return std::unexpected(ok.error());
    auto& rt = out->impl_->hands[static_cast<std::size_t>(h)];
    rt.body_id = hand.id;
    rt.grip_from = rt.grip_to = config.hand_park_pose;
  }
  out->impl_->refresh_state();
  return out;
}

void Interaction::set_listener(EventListener* listener) { impl_->listener = listener; }
const InteractionState& Interaction::state() const { return impl_->state; }

// --- registration ------------------------------------------------------------------------------
core::Result<void> Interaction::add_grabbable(const GrabbableDesc& desc) {
  Impl& s = *impl_;
  if (!s.world.body_index(desc.body))
    return core::fail("grabbable: unknown body '" + desc.body + "'");
  if (s.world.body_mass_kg(desc.body) <= 0.0f) {
    return core::fail("grabbable '" + desc.body + "' must be a dynamic body (mass > 0)");
  }
  if (s.is_grabbable(desc.body)) return {};
  s.grabbables.push_back(desc.body);
  if (!s.config.hands_push_grabbables) {
    for (const auto& hand : s.hands) s.world.set_collision_ignored(hand.body_id, desc.body, true);
  }
  return {};
}

namespace {
core::Result<void> check_joint(const World& world, const std::string& what, const std::string& id,
                               const std::string& body, const std::string& constraint,
                               ConstraintKind kind) {
  const ConstraintDesc* c = world.constraint_desc(constraint);
  if (c == nullptr)
    return core::fail(what + " '" + id + "': unknown constraint '" + constraint + "'");
  if (c->kind != kind || c->body_b != body) {
    return core::fail(what + " '" + id + "': constraint '" + constraint + "' must be a " +
                      (kind == ConstraintKind::hinge ? "hinge" : "slider") + " whose body_b is '" +
                      body + "'");
  }
  return {};
}
}  // namespace

core::Result<void> Interaction::add_button(const ButtonDesc& desc) {
  Impl& s = *impl_;
  if (auto ok = check_joint(s.world, "button", desc.id, desc.body, desc.constraint,
                            ConstraintKind::slider);
      !ok) {
    return ok;
  }
  if (!(desc.pressed_depth_m > 0.0f))
    return core::fail("button '" + desc.id + "': pressed depth must be > 0");
  ButtonRuntime b;
  b.desc = desc;
  b.rest_m = s.world.constraint_desc(desc.constraint)->slider.spring_rest_m;
  b.state.id = desc.id;
  s.buttons.push_back(b);
  s.refresh_state();
  return {};
}

core::Result<void> Interaction::add_knob(const KnobDesc& desc) {
  Impl& s = *impl_;
  if (auto ok =
          check_joint(s.world, "knob", desc.id, desc.body, desc.constraint, ConstraintKind::hinge);
      !ok) {
    return ok;
  }
  if (auto ok = add_grabbable({desc.body}); !ok) return ok;
  s.knobs.push_back({desc, KnobState{desc.id, 0.0f, -1}});
  s.refresh_state();
  return {};
}

core::Result<void> Interaction::add_slide(const SlideDesc& desc) {
  Impl& s = *impl_;
  if (auto ok = check_joint(s.world, "slide", desc.id, desc.body, desc.constraint,
                            ConstraintKind::slider);
      !ok) {
    return ok;
  }
  if (auto ok = add_grabbable({desc.body}); !ok) return ok;
  s.slides.push_back({desc, SlideState{desc.id, 0.0f}});
  s.refresh_state();
  return {};
}

// --- helpers -----------------------------------------------------------------------------------
bool Interaction::Impl::is_grabbable(const std::string& body) const {
  return std::find(grabbables.begin(), grabbables.end(), body) != grabbables.end();
}

bool Interaction::Impl::is_held(const std::string& body) const {
  return std::any_of(hands.begin(), hands.end(),
                     [&](const HandRuntime& h) { return h.held_body == body; });
}

void Interaction::Impl::emit(InteractionEvent::Kind kind, int hand, const std::string& subject,
                             const std::string& other, float value) {
  if (listener == nullptr) return;
  InteractionEvent e;
  e.kind = kind;
  e.sim_time_s = world.sim_time_s();
  e.hand = hand;
  e.subject = subject;
  e.other = other;
  e.value = value;
  listener->on_interaction(e);
}

btTransform Interaction::Impl::pose_of(const std::string& body) const {
  if (body.empty()) return btTransform::getIdentity();
  const auto pose = world.body_pose(body);
  return pose ? to_bt(*pose) : btTransform::getIdentity();
}

// --- frames ------------------------------------------------------------------------------------
std::uint32_t Interaction::update(const core::InputFrame& frame) {
  Impl& s = *impl_;
  if (!core::is_valid(frame)) {
    ++s.state.frames_rejected;
    const auto n = s.state.frames_rejected;
    if (n <= 10 || n % 1000 == 0) {
      core::log_warn("physics", "rejected input frame " + std::to_string(frame.frame_index) +
                                    " (non-finite, non-unit or out-of-range values; " +
                                    std::to_string(n) + " rejected so far)");
    }
    return 0;
  }
  ++s.state.frames_accepted;
  const double dt = s.has_time ? frame.time_s - s.last_time_s : 0.0;
  s.has_time = true;
  s.last_time_s = std::max(s.last_time_s, frame.time_s);

  for (int h = 0; h < 2; ++h) s.begin_frame_hand(h, frame.hands[static_cast<std::size_t>(h)]);
  const std::uint32_t steps = s.world.advance(
      dt, [&](std::uint32_t i, std::uint32_t n) { s.before_step(i, n); },
      [&](std::uint32_t, std::uint32_t) { s.after_step(); });
  if (steps > 0) {
    for (auto& hand : s.hands) hand.grip_from = hand.grip_to;
  }
  s.refresh_state();
  return steps;
}

void Interaction::Impl::begin_frame_hand(int h, const core::HandInput& input) {
  HandRuntime& hand = hands[static_cast<std::size_t>(h)];
  hand.poke_button = -1;
  if (!input.tracked) {  // stale pose: the hand stays where it is, holding what it holds
    hand.tracked = false;
    return;
  }
  if (!hand.tracked) {  // (re)acquired: jump there rather than sweep through the scene
    world.set_body_pose(hand.body_id, input.T_world_grip);
    hand.grip_from = input.T_world_grip;
    hand.last_step_orientation = to_bt(input.T_world_grip).getRotation();
  }
  hand.tracked = true;
  hand.grip_to = input.T_world_grip;
  hand.squeeze = input.squeeze;

  const bool holding = !hand.held_body.empty();
  if (holding && input.squeeze < config.release_squeeze) {
    release(h, true);
  } else if (!holding && !hand.squeeze_latched && input.squeeze > config.grab_squeeze) {
    hand.squeeze_latched = true;  // one grab attempt per squeeze
    try_grab(h, input);
  }
  if (input.squeeze < config.release_squeeze) hand.squeeze_latched = false;

  if (config.use_aim_ray && input.trigger > config.trigger_press) {
    const btTransform aim = to_bt(input.T_world_aim);
    const btVector3 dir = aim.getBasis().getColumn(2) * -1.0f;  // OpenXR: aim looks down -Z
    const auto hit = world.ray_cast(from_bt(aim.getOrigin()),
                                    from_bt(aim.getOrigin() + dir * config.aim_ray_length_m));
    if (hit) {
      for (std::size_t b = 0; b < buttons.size(); ++b) {
        if (buttons[b].desc.body == hit->body_id) hand.poke_button = static_cast<int>(b);
      }
    }
  }
}

void Interaction::Impl::try_grab(int h, const core::HandInput& input) {
  HandRuntime& hand = hands[static_cast<std::size_t>(h)];
  std::string pick;
  for (const std::string& body :
       world.bodies_within(input.T_world_grip.position_m, config.reach_m)) {
    if (is_grabbable(body) && !is_held(body)) {
      pick = body;
      break;
    }
  }
  if (pick.empty() && config.use_aim_ray) {
    const btTransform aim = to_bt(input.T_world_aim);
    const btVector3 dir = aim.getBasis().getColumn(2) * -1.0f;
    for (const RayHit& hit : world.ray_cast_all(
             from_bt(aim.getOrigin()), from_bt(aim.getOrigin() + dir * config.aim_ray_length_m))) {
      if (hit.body_id == hands[0].body_id || hit.body_id == hands[1].body_id) continue;
      if (world.body_mass_kg(hit.body_id) == 0.0f) break;  // static things block the ray
      if (is_grabbable(hit.body_id) && !is_held(hit.body_id)) {
        pick = hit.body_id;
        break;
      }
    }
  }
  if (pick.empty()) return;

  hand.held_body = pick;  // last_step_orientation already tracks the hand's current target
  world.keep_awake(pick, true);
  for (std::size_t k = 0; k < knobs.size(); ++k) {
    if (knobs[k].desc.body != pick) continue;
    hand.knob = static_cast<int>(k);
    hand.drive_target = world.joint_position(knobs[k].desc.constraint).value_or(0.0f);
  }
  for (std::size_t k = 0; k < slides.size(); ++k) {
    if (slides[k].desc.body != pick) continue;
    hand.slide = static_cast<int>(k);
    hand.grab_hand_position = to_bt(hand.grip_from.position_m);
    hand.grab_joint_position = world.joint_position(slides[k].desc.constraint).value_or(0.0f);
    hand.drive_target = hand.grab_joint_position;
  }
  if (hand.knob < 0 && hand.slide < 0) {
    unsnap(pick);
    // Keep the object where it is relative to the hand body (no jump when grabbing).
    const btTransform T_world_hand = pose_of(hand.body_id);
    const btTransform T_world_obj = pose_of(pick);
    ConstraintDesc grab;
    grab.id = std::string("grab.") + (h == 0 ? "left" : "right");
    grab.kind = ConstraintKind::fixed;
    grab.body_a = hand.body_id;
    grab.body_b = pick;
    grab.T_a_joint = from_bt(T_world_hand.inverse() * T_world_obj);
    if (world.add_constraint(grab)) hand.grab_constraint = grab.id;
  }
  emit(InteractionEvent::Kind::grabbed, h, pick);
}

void Interaction::Impl::release(int h, bool throw_with_hand) {
  HandRuntime& hand = hands[static_cast<std::size_t>(h)];
  if (hand.held_body.empty()) return;
  const std::string body = hand.held_body;
  float speed = 0.0f;
  if (hand.knob >= 0) {
    world.set_joint_motor(knobs[static_cast<std::size_t>(hand.knob)].desc.constraint, 0.0f, 0.0f);
  } else if (hand.slide >= 0) {
    world.set_joint_motor(slides[static_cast<std::size_t>(hand.slide)].desc.constraint, 0.0f, 0.0f);
  } else {
    world.remove_constraint(hand.grab_constraint);
    if (throw_with_hand) {
      // The object leaves with the velocity of its point on the (rigid) hand.
      const auto v = world.body_velocity(hand.body_id).value_or(BodyVelocity{});
      const btVector3 w = to_bt(v.angular_rad_s);
      const btVector3 r = pose_of(body).getOrigin() - pose_of(hand.body_id).getOrigin();
      const btVector3 lin = to_bt(v.linear_m_s) + w.cross(r);
      world.set_body_velocity(body, BodyVelocity{from_bt(lin), v.angular_rad_s});
      speed = lin.length();
    }
  }
  world.keep_awake(body, false);
  hand.held_body.clear();
  hand.grab_constraint.clear();
  hand.knob = -1;
  hand.slide = -1;
  emit(InteractionEvent::Kind::released, h, body, {}, speed);
}

void Interaction::Impl::before_step(std::uint32_t index, std::uint32_t count) {
  const float t = static_cast<float>(index + 1) / static_cast<float>(count);
  for (HandRuntime& hand : hands) {
    if (!hand.tracked) continue;
    const core::Pose target = lerp_pose(hand.grip_from, hand.grip_to, t);
    world.set_kinematic_target(hand.body_id, target);
    const btQuaternion q = to_bt(target).getRotation();
    const float dt = static_cast<float>(world.step_s());
    if (hand.knob >= 0) {
      const KnobRuntime& knob = knobs[static_cast<std::size_t>(hand.knob)];
      const btVector3 axis = to_bt(world.joint_axis(knob.desc.constraint).value_or(Vec3{0, 0, 1}));
      hand.drive_target += twist_about(q * hand.last_step_orientation.inverse(), axis);
      const HingeDesc& hinge = world.constraint_desc(knob.desc.constraint)->hinge;
      if (hinge.lower_rad <= hinge.upper_rad) {
        hand.drive_target = std::clamp(hand.drive_target, hinge.lower_rad, hinge.upper_rad);
      }
      const float angle = world.joint_position(knob.desc.constraint).value_or(0.0f);
      world.set_joint_motor(knob.desc.constraint,
                            (hand.drive_target - angle) * config.joint_drive_gain / dt,
                            config.max_knob_torque_nm);
    } else if (hand.slide >= 0) {
      const SlideRuntime& slide = slides[static_cast<std::size_t>(hand.slide)];
      const btVector3 axis = to_bt(world.joint_axis(slide.desc.constraint).value_or(Vec3{0, 0, 1}));
      hand.drive_target =
          hand.grab_joint_position + axis.dot(to_bt(target.position_m) - hand.grab_hand_position);
      const SliderDesc& slider = world.constraint_desc(slide.desc.constraint)->slider;
      if (slider.lower_m <= slider.upper_m) {
        hand.drive_target = std::clamp(hand.drive_target, slider.lower_m, slider.upper_m);
      }
      const float pos = world.joint_position(slide.desc.constraint).value_or(0.0f);
      world.set_joint_motor(slide.desc.constraint,
                            (hand.drive_target - pos) * config.joint_drive_gain / dt,
                            config.max_slide_force_n);
    }
    hand.last_step_orientation = q;
  }
  // Desktop poke: drive the button in at a finger-like speed (a bare force would fling a
  // 20 g button through its end stop in one step); the motor lets go when nobody pokes it.
  for (std::size_t b = 0; b < buttons.size(); ++b) {
    const bool poked = std::any_of(hands.begin(), hands.end(), [&](const HandRuntime& h) {
      return h.tracked && h.poke_button == static_cast<int>(b);
    });
    ButtonRuntime& button = buttons[b];
    if (poked) {
      world.set_joint_motor(button.desc.constraint, k_poke_speed_m_s, button.desc.poke_force_n);
    } else if (button.poked) {
      world.set_joint_motor(button.desc.constraint, 0.0f, 0.0f);
    }
    button.poked = poked;
  }
}

void Interaction::Impl::after_step() {
  for (std::size_t b = 0; b < buttons.size(); ++b) {
    ButtonRuntime& button = buttons[b];
    const float depth = world.joint_position(button.desc.constraint).value_or(0.0f) - button.rest_m;
    button.state.depth_m = depth;
    if (!button.state.pressed && depth >= button.desc.pressed_depth_m) {
      button.state.pressed = true;
      emit(InteractionEvent::Kind::button_pressed, -1, button.desc.id, {}, depth);
    } else if (button.state.pressed && depth < 0.5f * button.desc.pressed_depth_m) {
      button.state.pressed = false;
      emit(InteractionEvent::Kind::button_released, -1, button.desc.id, {}, depth);
    }
  }
  for (KnobRuntime& knob : knobs) {
    knob.state.angle_rad = world.joint_position(knob.desc.constraint).value_or(0.0f);
    const auto& detents = world.constraint_desc(knob.desc.constraint)->hinge.detents_rad;
    int nearest = -1;
    float best = 0.0f;
    for (std::size_t d = 0; d < detents.size(); ++d) {
      const float err = std::fabs(detents[d] - knob.state.angle_rad);
      if (nearest < 0 || err < best) {
        nearest = static_cast<int>(d);
        best = err;
      }
    }
    if (nearest != knob.state.detent) {
      const bool first = knob.state.detent < 0;
      knob.state.detent = nearest;
      if (!first)
        emit(InteractionEvent::Kind::detent_changed, -1, knob.desc.id, {},
             static_cast<float>(nearest));
    }
  }
  for (SlideRuntime& slide : slides) {
    slide.state.position_m = world.joint_position(slide.desc.constraint).value_or(0.0f);
  }
  update_sockets();
  update_tools();
}

}  // namespace txr::physics
