#include "session/session_world_query.hpp"

#include <numbers>

#include "input/pose_math.hpp"

namespace txr::session {

std::optional<core::Pose> SessionWorldQuery::pose_of(std::string_view name) const {
  if (auto it = scene_.buttons.find(name); it != scene_.buttons.end()) {
    return scene_.world->body_pose(it->second.object);
  }
  if (auto it = scene_.socket_hosts.find(name); it != scene_.socket_hosts.end()) {
    const auto host = scene_.world->body_pose(it->second);
    if (!host) return std::nullopt;
    return input::compose(*host, scene_.T_host_socket.find(name)->second);
  }
  if (auto it = scene_.target_hosts.find(name); it != scene_.target_hosts.end()) {
    const auto host = scene_.world->body_pose(it->second);
    if (!host) return std::nullopt;
    return input::compose(*host, scene_.T_host_target.find(name)->second);
  }
  return scene_.world->body_pose(name);
}

std::optional<core::Pose> SessionWorldQuery::hinge_of(std::string_view name) const {
  auto it = scene_.knobs.find(name);
  if (it == scene_.knobs.end()) return std::nullopt;
  return it->second.T_world_hinge;
}

std::optional<double> SessionWorldQuery::angle_of(std::string_view name) const {
  for (const auto& knob : scene_.interaction->state().knobs) {
    if (knob.id == name) return knob.angle_rad * 180.0 / std::numbers::pi;
  }
  return std::nullopt;
}

std::optional<core::Pose> SessionWorldQuery::held_object_in_hand(core::Hand hand) const {
  const auto& state = scene_.interaction->state().hands[static_cast<std::size_t>(hand)];
  if (state.held_body.empty()) return std::nullopt;
  const auto object = scene_.world->body_pose(state.held_body);
  if (!object) return std::nullopt;
  return input::compose(input::inverse(state.T_world_hand), *object);
}

std::optional<core::Pose> SessionWorldQuery::held_tool_working_point(core::Hand hand) const {
  const auto& state = scene_.interaction->state().hands[static_cast<std::size_t>(hand)];
  auto it = scene_.tool_tips.find(state.held_body);
  if (it == scene_.tool_tips.end()) return std::nullopt;
  return it->second;
}

bool SessionWorldQuery::event_since(std::string_view subject, std::string_view event,
                                    double since_s) const {
  // Newest first: the events that matter are recent.
  for (auto it = events_.rbegin(); it != events_.rend() && it->time_s >= since_s; ++it) {
    if (it->subject == subject && it->event == event) return true;
  }
  return false;
}

int SessionWorldQuery::object_index(std::string_view name) const {
  return scenario_.find_object(name);
}

}  // namespace txr::session
