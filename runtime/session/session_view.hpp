#pragma once
// SessionView: a session's scene objects as render instances that follow their physics bodies
// (at the interpolated render pose), plus a marker at the right hand's grip. Desktop mode and
// headless `--render` draw the same view (XR uses it without the marker), so what a test measures
// is what a trainer sees.
#include <cstddef>
#include <vector>

#include <glm/glm.hpp>

#include "assets/model_cache.hpp"
#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "render/renderer.hpp"
#include "render/scene.hpp"
#include "session/session.hpp"

namespace txr::session {

class SessionView {
 public:
  // Uploads every object's model once (objects without a body are left out).
  static core::Result<SessionView> create(render::Renderer& renderer, assets::ModelCache& cache,
                                          const Session& session);

  // Moves the instances to their bodies' render poses and redraws the grip marker. Reads the
  // world; never changes it.
  void update(const Session& session, const core::InputFrame& frame);
  // Only moves the instances (XR draws the controllers itself, so no grip marker).
  void follow_bodies(const Session& session);
  const render::Scene& scene() const { return scene_; }

  // The camera of a scripted or replayed run: from the trainee's head toward the bench.
  static glm::mat4 head_view(const core::InputFrame& frame);

 private:
  // Which object an instance belongs to and where it sits in that object.
  struct Link {
    std::size_t object = 0;
    glm::mat4 T_object_instance{1.0f};
  };
  render::Scene scene_;
  std::vector<Link> links_;
};

}  // namespace txr::session
