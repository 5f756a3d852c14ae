#pragma once
// A minimal glTF 2.0 description of a model and a writer for .gltf + .bin pairs.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "geometry.hpp"

namespace txr::assetgen {

struct MaterialDef {
  std::string name;
  std::array<float, 4> base_color{1, 1, 1, 1};  // linear RGBA
  float metallic = 0.0f;
  float roughness = 0.5f;
  std::string base_color_texture_uri;  // empty: factor only
};

struct NodeDef {
  std::string name;
  int mesh = -1;  // index into ModelDef::meshes, or -1 for a grouping node
  Vec3 translation{0, 0, 0};
  std::array<float, 4> rotation{0, 0, 0, 1};  // quaternion x, y, z, w
  std::vector<int> children;
};

struct ModelDef {
  std::string name;
  std::vector<MaterialDef> materials;
  std::vector<MeshData> meshes;
  std::vector<NodeDef> nodes;
  std::vector<int> roots;  // nodes of the default scene
};

// Adds `part` (with its own materials) under a new node `placement`, which becomes a root.
void compose(ModelDef& into, const ModelDef& part, NodeDef placement);

// Writes <dir>/<file_stem>.gltf and <dir>/<file_stem>.bin. Throws std::runtime_error on I/O
// failure (this is a developer tool; the runtime never throws).
void write_gltf(const std::filesystem::path& dir, const std::string& file_stem,
                const ModelDef& model);

}  // namespace txr::assetgen
