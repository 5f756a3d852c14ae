#pragma once
// SceneLoader: turns a list of (model file, transform) placements into a render Scene, importing
// each file once (assets::ModelCache) and uploading each model to the GPU once.
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "assets/model_cache.hpp"
#include "render/renderer.hpp"

namespace txr::render {

struct ModelPlacement {
  std::filesystem::path model;  // .gltf / .glb / .obj
  glm::mat4 T_world_model{1.0f};
};

struct LoadedScene {
  Scene scene;
  glm::vec3 bounds_min{0.0f};  // world-space box around every placed model
  glm::vec3 bounds_max{0.0f};
  // Like bounds, but leaving out ground-like slabs (floors): what a default camera should frame.
  glm::vec3 focus_min{0.0f};
  glm::vec3 focus_max{0.0f};
  std::vector<std::string> warnings;  // from import (e.g. texture fell back to factor)
};

class SceneLoader {
 public:
  SceneLoader(Renderer& renderer, assets::ModelCache& cache) : renderer_(renderer), cache_(cache) {}

  // Fails on the first model that cannot be imported or uploaded, naming it.
  core::Result<LoadedScene> load(std::span<const ModelPlacement> placements);

 private:
  struct GpuPart {
    MeshHandle mesh;
    MaterialHandle material;
    glm::mat4 T_model_node;
    glm::vec3 mesh_min, mesh_max;
  };
  core::Result<const std::vector<GpuPart>*> upload(const std::filesystem::path& path,
                                                   const assets::Model& model,
                                                   std::vector<std::string>& warnings);

  Renderer& renderer_;
  assets::ModelCache& cache_;
  std::map<const assets::Model*, std::vector<GpuPart>> uploaded_;
};

}  // namespace txr::render
