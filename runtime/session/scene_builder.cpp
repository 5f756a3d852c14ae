#include "session/scene_builder.hpp"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <numbers>

#include "assets/model_importer.hpp"
#include "input/pose_math.hpp"

namespace txr::session {
namespace {

using physics::Vec3;

constexpr double k_deg = std::numbers::pi / 180.0;

glm::dvec3 to_glm(const scenario::Vec3& v) { return {v[0], v[1], v[2]}; }

// The convex hull of an object's model: every vertex, in the body frame, scaled.
core::Result<std::vector<Vec3>> hull_points(const scenario::SceneObject& object) {
  auto model = assets::import_model(object.model.resolved);
  if (!model) return std::unexpected(model.error());
  std::vector<Vec3> points;
  const auto scale = static_cast<float>(object.transform.scale);
  for (const auto& node : model->nodes) {
    for (auto mesh_index : node.meshes) {
      for (const auto& v : model->meshes[mesh_index].vertices) {
        const glm::vec4 p = node.T_model_node * glm::vec4(v.position, 1.0f);
        points.push_back({p.x * scale, p.y * scale, p.z * scale});
      }
    }
  }
  if (points.size() < 4) {
    return core::fail("the model of '" + object.id + "' has too few vertices for a convex hull");
  }
  return points;
}

core::Result<physics::ShapeDesc> shape_of(const scenario::SceneObject& object) {
  const auto& p = object.physics;
  physics::ShapeDesc shape;
  switch (p.shape) {
    case scenario::ShapeType::box:
      shape.kind = physics::ShapeKind::box;
      for (std::size_t i = 0; i < 3; ++i)
        shape.half_extents_m[i] = static_cast<float>(p.size_m[i] / 2);
      break;
    case scenario::ShapeType::sphere:
      shape.kind = physics::ShapeKind::sphere;
      shape.radius_m = static_cast<float>(p.radius_m);
      break;
    case scenario::ShapeType::cylinder:
      shape.kind = physics::ShapeKind::cylinder;
      shape.radius_m = static_cast<float>(p.radius_m);
      shape.half_height_m = static_cast<float>(p.height_m / 2);
      break;
    case scenario::ShapeType::capsule:
      // Scenario files give the capsule's whole height; Bullet wants the straight part.
      shape.kind = physics::ShapeKind::capsule;
      shape.radius_m = static_cast<float>(p.radius_m);
      shape.half_height_m = static_cast<float>(std::max(0.0, p.height_m / 2 - p.radius_m));
      break;
    case scenario::ShapeType::convex_hull: {
      shape.kind = physics::ShapeKind::convex_hull;
      auto points = hull_points(object);
      if (!points) return std::unexpected(points.error());
      shape.vertices_m = std::move(*points);
      break;
    }
  }
  for (std::size_t i = 0; i < 3; ++i) shape.offset_m[i] = static_cast<float>(p.offset_m[i]);
  return shape;
}

core::Pose with_rotation(const std::array<float, 4>& q) {
  core::Pose p;
  p.orientation = q;
  return p;
}

core::Pose local_pose(const scenario::Vec3& position_m, const std::array<float, 4>& q) {
  core::Pose p;
  p.position_m = {static_cast<float>(position_m[0]), static_cast<float>(position_m[1]),
                  static_cast<float>(position_m[2])};
  p.orientation = q;
  return p;
}

}  // namespace

namespace {
// A joint between the static world and an object, its Z axis along `axis` (object frame), at the
// object's origin: the frame hinges turn about and sliders move along.
physics::ConstraintDesc joint_to_world(std::string id, physics::ConstraintKind kind,
                                       const std::string& object, const core::Pose& T_world_body,
                                       const scenario::Vec3& axis) {
  physics::ConstraintDesc joint;
  joint.id = std::move(id);
  joint.kind = kind;
  joint.body_b = object;
  const auto q_axis = rotation_z_to(axis);
  joint.T_a_joint = input::compose(T_world_body, with_rotation(q_axis));
  joint.T_b_joint = with_rotation(q_axis);
  return joint;
}
}  // namespace

core::Pose pose_from(const scenario::Vec3& position_m, const scenario::Vec3& rotation_deg) {
  // Rotation X first, then Y, then Z (as documented in docs/scenario-format.md).
  const glm::dquat qx = glm::angleAxis(rotation_deg[0] * k_deg, glm::dvec3(1, 0, 0));
  const glm::dquat qy = glm::angleAxis(rotation_deg[1] * k_deg, glm::dvec3(0, 1, 0));
  const glm::dquat qz = glm::angleAxis(rotation_deg[2] * k_deg, glm::dvec3(0, 0, 1));
  return input::make_pose(to_glm(position_m), qz * qy * qx);
}

std::array<float, 4> rotation_z_to(const scenario::Vec3& axis) {
  glm::dvec3 a = to_glm(axis);
  const double len = glm::length(a);
  a = len > 1e-12 ? a / len : glm::dvec3(0, 0, 1);
  const glm::dvec3 z(0, 0, 1);
  const double d = glm::dot(z, a);
  glm::dquat q;
  if (d > 1.0 - 1e-12) {
    q = glm::dquat(1, 0, 0, 0);
  } else if (d < -1.0 + 1e-12) {
    q = glm::angleAxis(std::numbers::pi, glm::dvec3(1, 0, 0));  // any perpendicular axis
  } else {
    q = glm::angleAxis(std::acos(d), glm::normalize(glm::cross(z, a)));
  }
  return input::make_pose({}, q).orientation;
}

core::Result<BuiltScene> build_scene(const scenario::Scenario& scenario,
                                     const SceneBuildOptions& options) {
  physics::WorldDesc world_desc;
  world_desc.step_hz = options.physics_hz;
  for (const auto& object : scenario.objects) {
    physics::BodyDesc body;
    body.id = object.id;
    auto shape = shape_of(object);
    if (!shape) return core::fail("object '" + object.id + "': " + shape.error().message);
    body.shape = std::move(*shape);
    body.mass_kg = object.physics.body == scenario::BodyType::dynamic
                       ? static_cast<float>(object.physics.mass_kg)
                       : 0.0f;
    body.T_world_body = pose_from(object.transform.position_m, object.transform.rotation_deg);
    world_desc.bodies.push_back(std::move(body));
  }

  BuiltScene built;
  auto world = physics::World::create(world_desc);
  if (!world) return std::unexpected(world.error());
  built.world = std::move(*world);
  physics::InteractionConfig config;
  config.use_aim_ray = options.desktop_aim_ray;
  auto interaction = physics::Interaction::create(*built.world, config);
  if (!interaction) return std::unexpected(interaction.error());
  built.interaction = std::move(*interaction);
  auto& world_ref = *built.world;
  auto& act = *built.interaction;

  auto check = [](core::Result<void> r, const std::string& what) -> core::Result<void> {
    if (!r) return core::fail(what + ": " + r.error().message);
    return {};
  };

  for (const auto& object : scenario.objects) {
    const core::Pose T_world_body =
        pose_from(object.transform.position_m, object.transform.rotation_deg);
    for (const auto& in : object.interactions) {
      const std::string where =
          "object '" + object.id + "' (" + std::string(scenario::to_string(in.type)) + ")";
      switch (in.type) {
        case scenario::InteractionType::grab: {
          if (auto r = check(act.add_grabbable({object.id}), where); !r)
            return std::unexpected(r.error());
          break;
        }
        case scenario::InteractionType::press: {
          // Buttons are pushed along the object's -Z (their face looks along +Z).
          auto slider = joint_to_world(object.id + ".press", physics::ConstraintKind::slider,
                                       object.id, T_world_body, {0.0, 0.0, -1.0});
          slider.slider.lower_m = 0.0f;
          slider.slider.upper_m = static_cast<float>(in.travel_mm / 1000.0);
          slider.slider.spring_n_per_m = 400.0f;
          slider.slider.damping_n_s_per_m = 2.0f;
          if (auto r = check(world_ref.add_constraint(slider), where); !r)
            return std::unexpected(r.error());
          physics::ButtonDesc button;
          button.id = object.id;
          button.body = object.id;
          button.constraint = slider.id;
          button.pressed_depth_m = static_cast<float>(0.6 * in.travel_mm / 1000.0);
          if (auto r = check(act.add_button(button), where); !r) return std::unexpected(r.error());
          built.buttons[object.id] = {object.id, T_world_body};
          break;
        }
        case scenario::InteractionType::turn: {
          auto hinge = joint_to_world(object.id + ".turn", physics::ConstraintKind::hinge,
                                      object.id, T_world_body, in.axis);
          hinge.hinge.lower_rad = static_cast<float>(in.min_deg * k_deg);
          hinge.hinge.upper_rad = static_cast<float>(in.max_deg * k_deg);
          for (double d : in.detents_deg)
            hinge.hinge.detents_rad.push_back(static_cast<float>(d * k_deg));
          hinge.hinge.detent_torque_nm = in.detents_deg.empty() ? 0.0f : 0.3f;
          hinge.hinge.damping_nm_s = 0.02f;
          if (auto r = check(world_ref.add_constraint(hinge), where); !r)
            return std::unexpected(r.error());
          if (auto r = check(act.add_knob({object.id, object.id, hinge.id}), where); !r) {
            return std::unexpected(r.error());
          }
          built.knobs[object.id] = {object.id, hinge.T_a_joint};
          break;
        }
        case scenario::InteractionType::slide: {
          auto slider = joint_to_world(object.id + ".slide", physics::ConstraintKind::slider,
                                       object.id, T_world_body, in.axis);
          slider.slider.lower_m = static_cast<float>(in.min_mm / 1000.0);
          slider.slider.upper_m = static_cast<float>(in.max_mm / 1000.0);
          slider.slider.damping_n_s_per_m = 5.0f;
          if (auto r = check(world_ref.add_constraint(slider), where); !r)
            return std::unexpected(r.error());
          if (auto r = check(act.add_slide({object.id, object.id, slider.id}), where); !r) {
            return std::unexpected(r.error());
          }
          break;
        }
        case scenario::InteractionType::socket: {
          for (const auto& s : in.sockets) {
            physics::SocketDesc socket;
            socket.id = s.id;  // socket ids are unique across the package
            socket.host_body = object.id;
            socket.T_host_socket = pose_from(s.position_m, s.rotation_deg);
            socket.accepts = s.accepts;
            socket.position_tolerance_m = static_cast<float>(s.tolerance_mm / 1000.0);
            socket.angle_tolerance_rad = static_cast<float>(s.tolerance_deg * k_deg);
            if (auto r = check(act.add_socket(socket), where); !r)
              return std::unexpected(r.error());
            built.socket_hosts[socket.id] = object.id;
            built.T_host_socket[socket.id] = socket.T_host_socket;
          }
          break;
        }
        case scenario::InteractionType::tool_use: {
          // The tool's working axis is its local +Y (a wrench lying flat turns about the
          // vertical); targets give their own axis.
          physics::ToolDesc tool;
          tool.id = object.id;
          tool.body = object.id;
          tool.T_body_tip = local_pose(in.working_point_m, rotation_z_to({0.0, 1.0, 0.0}));
          if (auto r = check(act.add_tool(tool), where); !r) return std::unexpected(r.error());
          built.tool_tips[object.id] = tool.T_body_tip;
          for (const auto& t : in.targets) {
            physics::TargetDesc target;
            target.id = t.id;
            target.host_body = t.object;
            target.T_host_engage = local_pose(t.point_m, rotation_z_to(t.axis));
            target.accepts = {object.id};
            target.position_tolerance_m = static_cast<float>(t.tolerance_mm / 1000.0);
            target.angle_tolerance_rad = static_cast<float>(t.tolerance_deg * k_deg);
            if (auto r = check(act.add_target(target), where); !r)
              return std::unexpected(r.error());
            built.target_hosts[t.id] = t.object;
            built.T_host_target[t.id] = target.T_host_engage;
          }
          break;
        }
      }
    }
  }
  return built;
}

}  // namespace txr::session
