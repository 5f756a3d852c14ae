#include "assets/model_importer.hpp"

#include <assimp/GltfMaterial.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <span>

#include "assets/image_loader.hpp"
#include "core/log.hpp"

namespace txr::assets {
namespace {

constexpr std::string_view k_log = "assets";

// Why these flags (see docs/rendering.md): FlipUVs because Assimp flips V on import and we want
// the glTF/Vulkan top-left origin back; GenNormals only fills in normals a file lacks (flat), so
// hard edges in files that have normals stay hard; SortByPType + SBP_REMOVE drops point/line
// primitives instead of drawing them as triangles. No PreTransformVertices: we keep nodes.
constexpr unsigned k_import_flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices |
                                    aiProcess_GenNormals | aiProcess_SortByPType |
                                    aiProcess_FlipUVs | aiProcess_ValidateDataStructure;

glm::mat4 to_glm(const aiMatrix4x4& m) {
  // aiMatrix4x4 is row-major; glm is column-major.
  return glm::transpose(glm::make_mat4(&m.a1));
}

class Converter {
 public:
  Converter(const aiScene& scene, const std::filesystem::path& path, const ImportOptions& options)
      : scene_(scene), path_(path), options_(options) {}

  core::Result<Model> run() {
    model_.source_path = path_.string();
    mesh_map_.assign(scene_.mNumMeshes, -1);
    for (unsigned i = 0; i < scene_.mNumMeshes; ++i) {
      const aiMesh& m = *scene_.mMeshes[i];
      if ((m.mPrimitiveTypes & aiPrimitiveType_TRIANGLE) == 0 || m.mNumFaces == 0) continue;
      auto material = material_index(m.mMaterialIndex);
      if (!material) return std::unexpected(material.error());
      mesh_map_[i] = static_cast<int>(model_.meshes.size());
      model_.meshes.push_back(convert_mesh(m, *material));
    }
    if (model_.meshes.empty()) {
      return core::fail("model has no triangle meshes: " + path_.string());
    }
    if (scene_.mRootNode != nullptr) walk(*scene_.mRootNode, glm::mat4(1.0f));
    compute_bounds();
    return std::move(model_);
  }

 private:
  Mesh convert_mesh(const aiMesh& m, std::uint32_t material) {
    Mesh out;
    out.name = m.mName.C_Str();
    out.material = material;
    out.vertices.resize(m.mNumVertices);
    glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
    for (unsigned v = 0; v < m.mNumVertices; ++v) {
      Vertex& dst = out.vertices[v];
      dst.position = {m.mVertices[v].x, m.mVertices[v].y, m.mVertices[v].z};
      if (m.mNormals != nullptr) dst.normal = {m.mNormals[v].x, m.mNormals[v].y, m.mNormals[v].z};
      if (m.mTextureCoords[0] != nullptr) {
        dst.uv = {m.mTextureCoords[0][v].x, m.mTextureCoords[0][v].y};
      }
      lo = glm::min(lo, dst.position);
      hi = glm::max(hi, dst.position);
    }
    out.bounds_min = lo;
    out.bounds_max = hi;
    out.indices.reserve(static_cast<std::size_t>(m.mNumFaces) * 3);
    for (unsigned f = 0; f < m.mNumFaces; ++f) {
      const aiFace& face = m.mFaces[f];
      if (face.mNumIndices != 3) continue;  // SortByPType removed the rest; be safe
      out.indices.insert(out.indices.end(), face.mIndices, face.mIndices + 3);
    }
    return out;
  }

  // Materials are kept only when a mesh uses them (the glTF importer adds an unused default).
  core::Result<std::uint32_t> material_index(unsigned ai_index) {
    if (auto it = material_map_.find(ai_index); it != material_map_.end()) return it->second;
    Material mat;
    if (ai_index < scene_.mNumMaterials) {
      const aiMaterial& src = *scene_.mMaterials[ai_index];
      mat.name = src.GetName().C_Str();
      aiColor4D color(1, 1, 1, 1);
      if (src.Get(AI_MATKEY_BASE_COLOR, color) == AI_SUCCESS ||
          src.Get(AI_MATKEY_COLOR_DIFFUSE, color) == AI_SUCCESS) {
        mat.base_color_factor = {color.r, color.g, color.b, color.a};
      }
      float value = 0;
      mat.metallic_factor = src.Get(AI_MATKEY_METALLIC_FACTOR, value) == AI_SUCCESS ? value : 0.0f;
      mat.roughness_factor =
          src.Get(AI_MATKEY_ROUGHNESS_FACTOR, value) == AI_SUCCESS ? value : 0.8f;
      aiString tex;
      if (src.GetTexture(aiTextureType_BASE_COLOR, 0, &tex) == AI_SUCCESS ||
          src.GetTexture(aiTextureType_DIFFUSE, 0, &tex) == AI_SUCCESS) {
        auto image = image_index(tex.C_Str());
        if (!image) {
          if (options_.missing_texture_is_error) return std::unexpected(image.error());
          const std::string warning = image.error().message + " (material '" + mat.name +
                                      "' uses its base-colour factor instead)";
          core::log_warn(k_log, warning);
          model_.warnings.push_back(warning);
        } else {
          mat.base_color_texture = *image;
        }
      }
    }
    const auto index = static_cast<std::uint32_t>(model_.materials.size());
    model_.materials.push_back(std::move(mat));
    material_map_.emplace(ai_index, index);
    return index;
  }

  core::Result<int> image_index(const std::string& ref) {
    if (auto it = image_map_.find(ref); it != image_map_.end()) return it->second;
    core::Result<Image> image = core::fail("");
    if (const aiTexture* embedded = scene_.GetEmbeddedTexture(ref.c_str())) {
      image = decode_embedded(*embedded, ref);
    } else {
      const auto resolved = (path_.parent_path() / ref).lexically_normal();
      image = load_image_file(resolved);
      if (!image) {
        image = core::fail("texture '" + ref + "' referenced by " + path_.string() +
                           " cannot be loaded: " + image.error().message);
      }
    }
    if (!image) return std::unexpected(image.error());
    const int index = static_cast<int>(model_.images.size());
    model_.images.push_back(std::move(*image));
    image_map_.emplace(ref, index);
    return index;
  }

  core::Result<Image> decode_embedded(const aiTexture& tex, const std::string& ref) {
    const std::string name = path_.string() + " embedded texture " + ref;
    if (tex.mHeight == 0) {  // compressed (PNG/JPEG) bytes
      std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(tex.pcData),
                                          tex.mWidth);
      return decode_image(bytes, name);
    }
    Image image;  // raw ARGB8888 texels
    image.source = name;
    image.width = tex.mWidth;
    image.height = tex.mHeight;
    image.rgba8.reserve(static_cast<std::size_t>(tex.mWidth) * tex.mHeight * 4);
    for (unsigned i = 0; i < tex.mWidth * tex.mHeight; ++i) {
      const aiTexel& t = tex.pcData[i];
      image.rgba8.insert(image.rgba8.end(), {t.r, t.g, t.b, t.a});
    }
    return image;
  }

  void walk(const aiNode& node, const glm::mat4& T_model_parent) {
    const glm::mat4 T_model_node = T_model_parent * to_glm(node.mTransformation);
    MeshNode out;
    out.name = node.mName.C_Str();
    out.T_model_node = T_model_node;
    for (unsigned i = 0; i < node.mNumMeshes; ++i) {
      const unsigned ai_mesh = node.mMeshes[i];
      if (ai_mesh < mesh_map_.size() && mesh_map_[ai_mesh] >= 0) {
        out.meshes.push_back(static_cast<std::uint32_t>(mesh_map_[ai_mesh]));
      }
    }
    if (!out.meshes.empty()) model_.nodes.push_back(std::move(out));
    for (unsigned c = 0; c < node.mNumChildren; ++c) walk(*node.mChildren[c], T_model_node);
  }

  void compute_bounds() {
    glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
    for (const MeshNode& node : model_.nodes) {
      for (std::uint32_t mi : node.meshes) {
        const Mesh& mesh = model_.meshes[mi];
        for (int corner = 0; corner < 8; ++corner) {
          const glm::vec3 p((corner & 1) ? mesh.bounds_max.x : mesh.bounds_min.x,
                            (corner & 2) ? mesh.bounds_max.y : mesh.bounds_min.y,
                            (corner & 4) ? mesh.bounds_max.z : mesh.bounds_min.z);
          const glm::vec3 w = glm::vec3(node.T_model_node * glm::vec4(p, 1.0f));
          lo = glm::min(lo, w);
          hi = glm::max(hi, w);
        }
      }
    }
    if (model_.nodes.empty()) lo = hi = glm::vec3(0.0f);
    model_.bounds_min = lo;
    model_.bounds_max = hi;
  }

  const aiScene& scene_;
  std::filesystem::path path_;
  ImportOptions options_;
  Model model_;
  std::vector<int> mesh_map_;
  std::map<unsigned, std::uint32_t> material_map_;
  std::map<std::string, int> image_map_;
};

}  // namespace

core::Result<Model> import_model(const std::filesystem::path& path, const ImportOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::fail("model file not found: " + path.string());
  }
  Assimp::Importer importer;
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                              aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const aiScene* scene = importer.ReadFile(path.string(), k_import_flags);
  if (scene == nullptr) {
    return core::fail("cannot import model " + path.string() + ": " + importer.GetErrorString());
  }
  if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) != 0) {
    return core::fail("cannot import model " + path.string() + ": the file is incomplete");
  }
  return Converter(*scene, path, options).run();
}

}  // namespace txr::assets
