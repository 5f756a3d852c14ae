#pragma once
// SessionRenderScene: the render::Scene of a session — every scenario object's model uploaded
// once, each render instance following its physics body (at the interpolated render pose).
// Used by the XR frame loop (desktop mode keeps its own copy of the same logic for now).
#include <vector>

#include "core/result.hpp"
#include "render/renderer.hpp"
#include "render/scene.hpp"
#include "session/session.hpp"

namespace txr::session {

class SessionRenderScene {
 public:
  static core::Result<SessionRenderScene> load(const Session& session, render::Renderer& renderer);

  // Moves the instances to the bodies' current render poses.
  void update(const Session& session);
  render::Scene& scene() { return scene_; }

 private:
  struct Link {
    std::size_t object = 0;
    glm::mat4 T_object_instance{1.0f};
  };
  render::Scene scene_;
  std::vector<Link> links_;
};

}  // namespace txr::session
