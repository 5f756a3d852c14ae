// Interaction: sockets (snap in / out) and tool engagement with targets; the state snapshot.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "physics/interaction_impl.hpp"

namespace txr::physics {
namespace {

constexpr float k_pi = std::numbers::pi_v<float>;

float wrap_angle(float a) {
  while (a > k_pi) a -= 2.0f * k_pi;
  while (a < -k_pi) a += 2.0f * k_pi;
  return a;
}

// Smallest rotation angle between two orientations.
float angle_between(const btQuaternion& a, const btQuaternion& b) {
  const float d = std::min(1.0f, std::fabs(a.dot(b)));
  return 2.0f * std::acos(d);
}

bool accepts(const std::vector<std::string>& list, const std::string& id) {
  return list.empty() || std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

core::Result<void> Interaction::add_socket(const SocketDesc& desc) {
  Impl& s = *impl_;
  if (desc.id.empty()) return core::fail("a socket needs an id");
  if (!desc.host_body.empty() && !s.world.body_index(desc.host_body)) {
    return core::fail("socket '" + desc.id + "': unknown host body '" + desc.host_body + "'");
  }
  for (const std::string& body : desc.accepts) {
    if (!s.world.body_index(body)) {
      return core::fail("socket '" + desc.id + "': unknown accepted body '" + body + "'");
    }
  }
  if (!core::is_valid(desc.T_host_socket) || !core::is_valid(desc.T_object_plug) ||
      !(desc.position_tolerance_m > 0.0f) || !(desc.angle_tolerance_rad > 0.0f)) {
    return core::fail("socket '" + desc.id + "': poses must be valid and tolerances > 0");
  }
  for (const auto& other : s.sockets) {
    if (other.desc.id == desc.id) return core::fail("socket '" + desc.id + "': duplicate id");
  }
  s.sockets.push_back({desc, "socket." + desc.id, {}});
  s.refresh_state();
  return {};
}

core::Result<void> Interaction::add_tool(const ToolDesc& desc) {
  Impl& s = *impl_;
  if (desc.id.empty() || !core::is_valid(desc.T_body_tip)) {
    return core::fail("tool '" + desc.id + "': needs an id and a valid tip pose");
  }
  if (auto ok = add_grabbable({desc.body}); !ok) return ok;
  ToolRuntime tool;
  tool.desc = desc;
  s.tools.push_back(tool);
  s.refresh_state();
  return {};
}

core::Result<void> Interaction::add_target(const TargetDesc& desc) {
  Impl& s = *impl_;
  if (desc.id.empty()) return core::fail("a tool target needs an id");
  if (!desc.host_body.empty() && !s.world.body_index(desc.host_body)) {
    return core::fail("target '" + desc.id + "': unknown host body '" + desc.host_body + "'");
  }
  if (!core::is_valid(desc.T_host_engage) || !(desc.position_tolerance_m > 0.0f) ||
      !(desc.angle_tolerance_rad > 0.0f)) {
    return core::fail("target '" + desc.id + "': pose must be valid and tolerances > 0");
  }
  s.targets.push_back(desc);
  return {};
}

bool Interaction::Impl::unsnap(const std::string& body) {
  for (SocketRuntime& socket : sockets) {
    if (socket.occupant != body) continue;
    world.remove_constraint(socket.constraint_id);
    socket.occupant.clear();
    emit(InteractionEvent::Kind::unsnapped, -1, body, socket.desc.id);
    return true;
  }
  return false;
}

void Interaction::Impl::snap(SocketRuntime& socket, const std::string& body) {
  for (int h = 0; h < 2; ++h) {
    if (hands[static_cast<std::size_t>(h)].held_body == body) release(h, false);
  }
  const btTransform T_world_socket =
      pose_of(socket.desc.host_body) * to_bt(socket.desc.T_host_socket);
  const btTransform T_object_plug = to_bt(socket.desc.T_object_plug);
  world.set_body_pose(body, from_bt(T_world_socket * T_object_plug.inverse()));
  world.set_body_velocity(body, BodyVelocity{});
  ConstraintDesc fix;
  fix.id = socket.constraint_id;
  fix.kind = ConstraintKind::fixed;
  fix.body_a = socket.desc.host_body;
  fix.body_b = body;
  fix.T_a_joint = socket.desc.T_host_socket;
  fix.T_b_joint = socket.desc.T_object_plug;
  if (!world.add_constraint(fix)) return;
  socket.occupant = body;
  emit(InteractionEvent::Kind::snapped, -1, body, socket.desc.id);
}

void Interaction::Impl::update_sockets() {
  for (SocketRuntime& socket : sockets) {
    if (!socket.occupant.empty()) continue;
    const btTransform T_world_socket =
        pose_of(socket.desc.host_body) * to_bt(socket.desc.T_host_socket);
    const std::vector<std::string>& candidates =
        socket.desc.accepts.empty() ? grabbables : socket.desc.accepts;
    for (const std::string& body : candidates) {
      if (body == socket.desc.host_body) continue;
      if (is_held(body) && !socket.desc.snap_while_held) continue;
      if (std::any_of(sockets.begin(), sockets.end(),
                      [&](const SocketRuntime& other) { return other.occupant == body; })) {
        continue;
      }
      const btTransform T_world_plug = pose_of(body) * to_bt(socket.desc.T_object_plug);
      const float distance = T_world_plug.getOrigin().distance(T_world_socket.getOrigin());
      const float angle = angle_between(T_world_plug.getRotation(), T_world_socket.getRotation());
      if (distance <= socket.desc.position_tolerance_m &&
          angle <= socket.desc.angle_tolerance_rad) {
        snap(socket, body);
        break;
      }
    }
  }
}

void Interaction::Impl::update_tools() {
  for (ToolRuntime& tool : tools) {
    const btTransform T_world_tip = pose_of(tool.desc.body) * to_bt(tool.desc.T_body_tip);
    const btVector3 tip_z = T_world_tip.getBasis().getColumn(2);
    const btVector3 tip_x = T_world_tip.getBasis().getColumn(0);
    auto measure = [&](const TargetDesc& target, float& distance, float& angle, float& phase) {
      const btTransform T_world_target = pose_of(target.host_body) * to_bt(target.T_host_engage);
      const btVector3 axis = T_world_target.getBasis().getColumn(2);
      const btVector3 ref = T_world_target.getBasis().getColumn(0);
      distance = T_world_tip.getOrigin().distance(T_world_target.getOrigin());
      angle = std::acos(std::clamp(tip_z.dot(axis), -1.0f, 1.0f));
      // Phase: the tip's X axis about the target axis, measured from the target's X axis.
      const btVector3 projected = tip_x - axis * tip_x.dot(axis);
      phase = std::atan2(ref.cross(projected).dot(axis), ref.dot(projected));
    };
    float distance = 0.0f;
    float angle = 0.0f;
    float phase = 0.0f;
    if (tool.target >= 0) {
      const TargetDesc& target = targets[static_cast<std::size_t>(tool.target)];
      measure(target, distance, angle, phase);
      tool.position_error_m = distance;
      tool.angle_error_rad = angle;
      if (distance > target.position_tolerance_m * config.disengage_factor ||
          angle > target.angle_tolerance_rad * config.disengage_factor) {
        emit(InteractionEvent::Kind::disengaged, -1, tool.desc.id, target.id, tool.rotation_rad);
        tool.target = -1;
      } else {
        tool.rotation_rad += wrap_angle(phase - tool.last_phase_rad);
        tool.last_phase_rad = phase;
      }
      continue;
    }
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const TargetDesc& target = targets[t];
      if (!accepts(target.accepts, tool.desc.id)) continue;
      if (std::any_of(tools.begin(), tools.end(), [&](const ToolRuntime& other) {
            return other.target == static_cast<int>(t);
          })) {
        continue;
      }
      measure(target, distance, angle, phase);
      if (distance <= target.position_tolerance_m && angle <= target.angle_tolerance_rad) {
        tool.target = static_cast<int>(t);
        tool.rotation_rad = 0.0f;
        tool.last_phase_rad = phase;
        tool.position_error_m = distance;
        tool.angle_error_rad = angle;
        emit(InteractionEvent::Kind::engaged, -1, tool.desc.id, target.id);
        break;
      }
    }
  }
}

void Interaction::Impl::refresh_state() {
  for (std::size_t h = 0; h < 2; ++h) {
    const HandRuntime& hand = hands[h];
    HandState& out = state.hands[h];
    out.tracked = hand.tracked;
    out.held_body = hand.held_body;
    out.held_knob.clear();
    if (hand.knob >= 0) out.held_knob = knobs[static_cast<std::size_t>(hand.knob)].desc.id;
    if (hand.slide >= 0) out.held_knob = slides[static_cast<std::size_t>(hand.slide)].desc.id;
    out.T_world_hand = world.body_pose(hand.body_id).value_or(core::Pose{});
    out.squeeze = hand.squeeze;
  }
  state.sockets.clear();
  for (const SocketRuntime& socket : sockets)
    state.sockets.push_back({socket.desc.id, socket.occupant});
  state.tools.clear();
  for (const ToolRuntime& tool : tools) {
    EngagementState e;
    e.tool = tool.desc.id;
    if (tool.target >= 0) {
      e.target = targets[static_cast<std::size_t>(tool.target)].id;
      e.rotation_rad = tool.rotation_rad;
      e.position_error_m = tool.position_error_m;
      e.angle_error_rad = tool.angle_error_rad;
    }
    state.tools.push_back(e);
  }
  state.knobs.clear();
  for (const KnobRuntime& knob : knobs) state.knobs.push_back(knob.state);
  state.buttons.clear();
  for (const ButtonRuntime& button : buttons) state.buttons.push_back(button.state);
  state.slides.clear();
  for (const SlideRuntime& slide : slides) state.slides.push_back(slide.state);
}

}  // namespace txr::physics
