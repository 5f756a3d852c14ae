#include "render/scene_loader.hpp"

#include <algorithm>
#include <limits>

namespace txr::render {

core::Result<const std::vector<SceneLoader::GpuPart>*> SceneLoader::upload(
    const std::filesystem::path& path, const assets::Model& model,
    std::vector<std::string>& warnings) {
  if (auto it = uploaded_.find(&model); it != uploaded_.end()) return &it->second;
  warnings.insert(warnings.end(), model.warnings.begin(), model.warnings.end());
  std::vector<TextureHandle> textures;
  for (const assets::Image& image : model.images) {
    auto tex = renderer_.upload_texture(image);
    if (!tex) return core::fail(path.string() + ": " + tex.error().message);
    textures.push_back(*tex);
  }
  std::vector<MaterialHandle> materials;
  for (const assets::Material& mat : model.materials) {
    TextureHandle tex;
    if (mat.base_color_texture >= 0 &&
        static_cast<std::size_t>(mat.base_color_texture) < textures.size()) {
      tex = textures[static_cast<std::size_t>(mat.base_color_texture)];
    }
    auto handle = renderer_.create_material(mat, tex);
    if (!handle) return core::fail(path.string() + ": " + handle.error().message);
    materials.push_back(*handle);
  }
  std::vector<MeshHandle> meshes;
  for (const assets::Mesh& mesh : model.meshes) {
    auto handle = renderer_.upload_mesh(mesh);
    if (!handle) return core::fail(path.string() + ": " + handle.error().message);
    meshes.push_back(*handle);
  }
  std::vector<GpuPart> parts;
  for (const assets::MeshNode& node : model.nodes) {
    for (std::uint32_t m : node.meshes) {
      const assets::Mesh& mesh = model.meshes[m];
      parts.push_back({meshes[m], materials[mesh.material], node.T_model_node, mesh.bounds_min,
                       mesh.bounds_max});
    }
  }
  return &uploaded_.emplace(&model, std::move(parts)).first->second;
}

namespace {

struct Box {
  glm::vec3 lo{std::numeric_limits<float>::max()};
  glm::vec3 hi{-std::numeric_limits<float>::max()};
  void add(const glm::mat4& T, const glm::vec3& mlo, const glm::vec3& mhi) {
    for (int corner = 0; corner < 8; ++corner) {
      const glm::vec3 p((corner & 1) ? mhi.x : mlo.x, (corner & 2) ? mhi.y : mlo.y,
                        (corner & 4) ? mhi.z : mlo.z);
      const glm::vec3 w(T * glm::vec4(p, 1.0f));
      lo = glm::min(lo, w);
      hi = glm::max(hi, w);
    }
  }
  void add(const Box& b) {
    lo = glm::min(lo, b.lo);
    hi = glm::max(hi, b.hi);
  }
  bool empty() const { return lo.x > hi.x; }
};

}  // namespace

core::Result<LoadedScene> SceneLoader::load(std::span<const ModelPlacement> placements) {
  LoadedScene out;
  Box all, focus;
  for (const ModelPlacement& placement : placements) {
    auto model = cache_.load(placement.model);
    if (!model) return std::unexpected(model.error());
    auto parts = upload(placement.model, **model, out.warnings);
    if (!parts) return std::unexpected(parts.error());
    for (const GpuPart& part : **parts) {
      const glm::mat4 T_world_part = placement.T_world_model * part.T_model_node;
      out.scene.instances.push_back({part.mesh, part.material, T_world_part});
      Box box;
      box.add(T_world_part, part.mesh_min, part.mesh_max);
      all.add(box);
      // A floor is a wide slab: under 1 % as tall as it is wide.
      const glm::vec3 size = box.hi - box.lo;
      if (size.y >= 0.01f * std::max(size.x, size.z)) focus.add(box);
    }
  }
  if (all.empty()) all.lo = all.hi = glm::vec3(0.0f);
  if (focus.empty()) focus = all;
  out.bounds_min = all.lo;
  out.bounds_max = all.hi;
  out.focus_min = focus.lo;
  out.focus_max = focus.hi;
  return out;
}

}  // namespace txr::render
