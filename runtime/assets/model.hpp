#pragma once
// Model: one imported file as plain CPU data (no GPU handles), ready for upload.
#include <glm/glm.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace txr::assets {

struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
  glm::vec2 uv{0.0f};  // origin top-left (glTF / Vulkan convention)
};

// One triangle list with one material.
struct Mesh {
  std::string name;
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices;
  std::uint32_t material = 0;  // index into Model::materials
  glm::vec3 bounds_min{0.0f};
  glm::vec3 bounds_max{0.0f};
};

// An RGBA8 image decoded by stb_image; `source` names where it came from.
struct Image {
  std::string source;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> rgba8;
};

// glTF metallic-roughness material. base_color_texture < 0 means "factor only".
struct Material {
  std::string name;
  glm::vec4 base_color_factor{1.0f};  // linear RGBA
  float metallic_factor = 1.0f;
  float roughness_factor = 1.0f;
  int base_color_texture = -1;  // index into Model::images
};

// A node that draws meshes, with its transform already multiplied through its parents.
struct MeshNode {
  std::string name;
  glm::mat4 T_model_node{1.0f};
  std::vector<std::uint32_t> meshes;  // indices into Model::meshes
};

struct Model {
  std::string source_path;
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Image> images;
  std::vector<MeshNode> nodes;
  std::vector<std::string> warnings;  // e.g. a texture that was not found (fell back to factor)
  glm::vec3 bounds_min{0.0f};         // model space, over all node instances
  glm::vec3 bounds_max{0.0f};

  std::size_t vertex_count() const;
  std::size_t triangle_count() const;
};

}  // namespace txr::assets
