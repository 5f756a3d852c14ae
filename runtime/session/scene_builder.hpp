#pragma once
// Builds the physics world and its interactive parts from a scenario package's scene.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "physics/interaction.hpp"
#include "physics/world.hpp"
#include "scenario/scenario.hpp"

namespace txr::session {

// What the builder made for each scene object, so the session can answer pose questions in the
// terms a scenario uses (grab points, button faces, hinges, sockets, tool targets).
struct BuiltButton {
  std::string object;
  core::Pose T_world_face;  // +Z out of the surface, at the button's rest position
};
struct BuiltKnob {
  std::string object;
  core::Pose T_world_hinge;  // origin on the axis, +Z along it
};

struct BuiltScene {
  std::unique_ptr<physics::World> world;
  std::unique_ptr<physics::Interaction> interaction;
  std::map<std::string, BuiltButton, std::less<>> buttons;       // by object id
  std::map<std::string, BuiltKnob, std::less<>> knobs;           // turn interactions, by object id
  std::map<std::string, core::Pose, std::less<>> tool_tips;      // tool object id -> T_body_tip
  std::map<std::string, std::string, std::less<>> socket_hosts;  // "obj.socket" -> host body
  std::map<std::string, core::Pose, std::less<>> T_host_socket;
  std::map<std::string, std::string, std::less<>> target_hosts;  // target id -> host body
  std::map<std::string, core::Pose, std::less<>> T_host_target;
};

struct SceneBuildOptions {
  double physics_hz = 240.0;
  bool desktop_aim_ray = false;  // desktop mode grabs along the mouse ray
};

// A body's pose from a scenario transform (rotation X, then Y, then Z, in degrees).
core::Pose pose_from(const scenario::Vec3& position_m, const scenario::Vec3& rotation_deg);
// A rotation that turns +Z onto `axis` (any unit vector), as a quaternion (x, y, z, w).
std::array<float, 4> rotation_z_to(const scenario::Vec3& axis);

core::Result<BuiltScene> build_scene(const scenario::Scenario& scenario,
                                     const SceneBuildOptions& options = {});

}  // namespace txr::session
