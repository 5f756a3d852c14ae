#include "render/scene_loader.hpp"

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
      parts.push_back({meshes[m], materials[model.meshes[m].material], node.T_model_node});
    }
  }
  return &uploaded_.emplace(&model, std::move(parts)).first->second;
}

core::Result<LoadedScene> SceneLoader::load(std::span<const ModelPlacement> placements) {
  LoadedScene out;
  glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
  for (const ModelPlacement& placement : placements) {
    auto model = cache_.load(placement.model);
    if (!model) return std::unexpected(model.error());
    auto parts = upload(placement.model, **model, out.warnings);
    if (!parts) return std::unexpected(parts.error());
    for (const GpuPart& part : **parts) {
      out.scene.instances.push_back(
          {part.mesh, part.material, placement.T_world_model * part.T_model_node});
    }
    const glm::vec3 mlo = (*model)->bounds_min, mhi = (*model)->bounds_max;
    for (int corner = 0; corner < 8; ++corner) {
      const glm::vec3 p((corner & 1) ? mhi.x : mlo.x, (corner & 2) ? mhi.y : mlo.y,
                        (corner & 4) ? mhi.z : mlo.z);
      const glm::vec3 w(placement.T_world_model * glm::vec4(p, 1.0f));
      lo = glm::min(lo, w);
      hi = glm::max(hi, w);
    }
  }
  if (placements.empty()) lo = hi = glm::vec3(0.0f);
  out.bounds_min = lo;
  out.bounds_max = hi;
  return out;
}

}  // namespace txr::render
