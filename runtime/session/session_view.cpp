#include "session/session_view.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "input/pose_math.hpp"
#include "render/camera.hpp"
#include "render/scene_loader.hpp"

namespace txr::session {
namespace {

glm::mat4 matrix_of(const core::Pose& p, double scale) {
  const glm::dvec3 t = input::position_of(p);
  const glm::dquat q = input::rotation_of(p);
  glm::mat4 m = glm::mat4_cast(glm::quat(q));
  m[3] = glm::vec4(glm::vec3(t), 1.0f);
  return glm::scale(m, glm::vec3(static_cast<float>(scale)));
}

}  // namespace

core::Result<SessionView> SessionView::create(render::Renderer& renderer, assets::ModelCache& cache,
                                              const Session& session) {
  const scenario::Scenario& sc = session.scenario();
  render::SceneLoader loader(renderer, cache);
  SessionView view;
  // Each object is loaded on its own so that every instance can follow its body.
  for (std::size_t i = 0; i < sc.objects.size(); ++i) {
    const auto& object = sc.objects[i];
    const auto pose = session.scene().world->body_pose(object.id);
    if (!pose) continue;
    const glm::mat4 T_world_object = matrix_of(*pose, object.transform.scale);
    const render::ModelPlacement placement{object.model.resolved, T_world_object};
    auto loaded = loader.load({&placement, 1});
    if (!loaded) return std::unexpected(loaded.error());
    if (view.scene_.instances.empty()) {
      view.scene_.sun = loaded->scene.sun;
      view.scene_.clear_color = loaded->scene.clear_color;
    }
    const glm::mat4 inverse_object = glm::inverse(T_world_object);
    for (const auto& inst : loaded->scene.instances) {
      view.scene_.instances.push_back(inst);
      view.links_.push_back({i, inverse_object * inst.T_world_model});
    }
  }
  return view;
}

void SessionView::update(const Session& session, const core::InputFrame& frame) {
  follow_bodies(session);
  scene_.lines.clear();
  const auto& grip = frame.hand(core::Hand::right).T_world_grip;
  if (!core::is_valid(grip)) return;
  const glm::vec3 g(grip.position_m[0], grip.position_m[1], grip.position_m[2]);
  const glm::vec4 colour{1.0f, 0.8f, 0.1f, 1.0f};
  scene_.add_line(g - glm::vec3(0.02f, 0, 0), g + glm::vec3(0.02f, 0, 0), colour);
  scene_.add_line(g - glm::vec3(0, 0.02f, 0), g + glm::vec3(0, 0.02f, 0), colour);
  scene_.add_line(g - glm::vec3(0, 0, 0.02f), g + glm::vec3(0, 0, 0.02f), colour);
}

void SessionView::follow_bodies(const Session& session) {
  const scenario::Scenario& sc = session.scenario();
  for (std::size_t k = 0; k < links_.size(); ++k) {
    const auto& object = sc.objects[links_[k].object];
    if (const auto pose = session.scene().world->render_pose(object.id)) {
      scene_.instances[k].T_world_model =
          matrix_of(*pose, object.transform.scale) * links_[k].T_object_instance;
    }
  }
}

glm::mat4 SessionView::head_view(const core::InputFrame& frame) {
  const auto& head = frame.T_world_head.position_m;
  return render::look_at({head[0], head[1], head[2]}, {0.0f, 0.9f, 0.0f});
}

}  // namespace txr::session
