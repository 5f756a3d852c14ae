#pragma once
// Scene: what the renderer reads each frame. It never writes to it; the simulation owns it.
#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace txr::render {

// Handles to GPU resources created by Renderer::upload_mesh / create_material.
struct MeshHandle {
  std::uint32_t id = UINT32_MAX;
  bool valid() const { return id != UINT32_MAX; }
};
struct TextureHandle {
  std::uint32_t id = UINT32_MAX;
  bool valid() const { return id != UINT32_MAX; }
};
struct MaterialHandle {
  std::uint32_t id = UINT32_MAX;
  bool valid() const { return id != UINT32_MAX; }
};

struct Instance {
  MeshHandle mesh;
  MaterialHandle material;
  glm::mat4 T_world_model{1.0f};
};

struct LineVertex {
  glm::vec3 position{0.0f};
  glm::vec4 color{1.0f};  // linear RGBA
};

struct DirectionalLight {
  glm::vec3 direction{-0.4f, -1.0f, -0.3f};  // the way the light travels (world)
  glm::vec3 color{1.0f, 0.97f, 0.92f};
  float intensity = 3.0f;
};

struct Scene {
  std::vector<Instance> instances;
  std::vector<LineVertex> lines;  // debug lines, pairs of vertices (paths, rays)
  DirectionalLight sun;
  glm::vec3 ambient_sky{0.30f, 0.33f, 0.38f};        // hemisphere ambient, from above
  glm::vec3 ambient_ground{0.12f, 0.11f, 0.10f};     // and from below
  glm::vec4 clear_color{0.55f, 0.62f, 0.70f, 1.0f};  // linear

  void add_line(const glm::vec3& a, const glm::vec3& b, const glm::vec4& color) {
    lines.push_back({a, color});
    lines.push_back({b, color});
  }
};

// One rendered view: a camera and where its image goes (index into the target's views).
struct View {
  glm::mat4 view{1.0f};        // T_view_world
  glm::mat4 projection{1.0f};  // Vulkan clip space (see camera.hpp)
  std::uint32_t target_view = 0;
};

}  // namespace txr::render
