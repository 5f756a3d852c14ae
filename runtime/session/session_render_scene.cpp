#include "session/session_render_scene.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include "assets/model_cache.hpp"
#include "input/pose_math.hpp"
#include "render/scene_loader.hpp"

namespace txr::session {
namespace {

glm::mat4 matrix_of(const core::Pose& pose, double scale) {
  const glm::dvec3 t = input::position_of(pose);
  const glm::dquat q = input::rotation_of(pose);
  glm::mat4 m = glm::mat4_cast(glm::quat(q));
  m[3] = glm::vec4(glm::vec3(t), 1.0f);
  return glm::scale(m, glm::vec3(static_cast<float>(scale)));
}

}  // namespace

core::Result<SessionRenderScene> SessionRenderScene::load(const Session& session,
                                                          render::Renderer& renderer) {
  SessionRenderScene out;
  const scenario::Scenario& sc = session.scenario();
  assets::ModelCache cache;
  render::SceneLoader loader(renderer, cache);
  // Each object on its own so every instance can follow its body.
  for (std::size_t i = 0; i < sc.objects.size(); ++i) {
    const auto& object = sc.objects[i];
    const auto pose = session.scene().world->body_pose(object.id);
    if (!pose) continue;
    const glm::mat4 T_world_object = matrix_of(*pose, object.transform.scale);
    const render::ModelPlacement placement{object.model.resolved, T_world_object};
    auto loaded = loader.load({&placement, 1});
    if (!loaded) return std::unexpected(loaded.error());
    if (out.scene_.instances.empty()) {
      out.scene_.sun = loaded->scene.sun;
      out.scene_.clear_color = loaded->scene.clear_color;
    }
    const glm::mat4 inverse_object = glm::inverse(T_world_object);
    for (const auto& inst : loaded->scene.instances) {
      out.scene_.instances.push_back(inst);
      out.links_.push_back({i, inverse_object * inst.T_world_model});
    }
  }
  return out;
}

void SessionRenderScene::update(const Session& session) {
  const scenario::Scenario& sc = session.scenario();
  for (std::size_t k = 0; k < links_.size(); ++k) {
    const auto& object = sc.objects[links_[k].object];
    if (const auto pose = session.scene().world->render_pose(object.id)) {
      scene_.instances[k].T_world_model =
          matrix_of(*pose, object.transform.scale) * links_[k].T_object_instance;
    }
  }
}

}  // namespace txr::session
