#include "gltf_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <stdexcept>

namespace txr::assetgen {

void compose(ModelDef& into, const ModelDef& part, NodeDef placement) {
  const int material_offset = static_cast<int>(into.materials.size());
  const int mesh_offset = static_cast<int>(into.meshes.size());
  const int node_offset = static_cast<int>(into.nodes.size());
  into.materials.insert(into.materials.end(), part.materials.begin(), part.materials.end());
  for (MeshData mesh : part.meshes) {
    mesh.material += material_offset;
    into.meshes.push_back(std::move(mesh));
  }
  for (NodeDef node : part.nodes) {
    if (node.mesh >= 0) node.mesh += mesh_offset;
    for (int& child : node.children) child += node_offset;
    into.nodes.push_back(std::move(node));
  }
  placement.children.clear();
  for (int root : part.roots) placement.children.push_back(root + node_offset);
  into.nodes.push_back(std::move(placement));
  into.roots.push_back(static_cast<int>(into.nodes.size() - 1));
}

namespace {

using nlohmann::json;

constexpr int k_float = 5126;
constexpr int k_uint32 = 5125;
constexpr int k_array_buffer = 34962;
constexpr int k_element_array_buffer = 34963;

class BinaryBuilder {
 public:
  // Appends raw bytes 4-byte aligned; returns the bufferView index.
  int add_view(const void* data, std::size_t size, int target) {
    while (bytes_.size() % 4 != 0) bytes_.push_back(0);
    const std::size_t offset = bytes_.size();
    bytes_.resize(offset + size);
    std::memcpy(bytes_.data() + offset, data, size);
    views_.push_back(
        {{"buffer", 0}, {"byteOffset", offset}, {"byteLength", size}, {"target", target}});
    return static_cast<int>(views_.size() - 1);
  }
  const std::vector<char>& bytes() const { return bytes_; }
  const json& views() const { return views_; }

 private:
  std::vector<char> bytes_;
  json views_ = json::array();
};

}  // namespace

void write_gltf(const std::filesystem::path& dir, const std::string& file_stem,
                const ModelDef& model) {
  BinaryBuilder bin;
  json accessors = json::array();
  json meshes = json::array();
  auto add_accessor = [&](int view, std::size_t count, const char* type, int component) {
    accessors.push_back(
        {{"bufferView", view}, {"componentType", component}, {"count", count}, {"type", type}});
    return static_cast<int>(accessors.size() - 1);
  };
  for (const MeshData& m : model.meshes) {
    const std::size_t n = m.positions.size();
    const int pos = add_accessor(bin.add_view(m.positions.data(), n * sizeof(Vec3), k_array_buffer),
                                 n, "VEC3", k_float);
    Vec3 lo{std::numeric_limits<float>::max(), std::numeric_limits<float>::max(),
            std::numeric_limits<float>::max()};
    Vec3 hi{-lo[0], -lo[1], -lo[2]};
    for (const Vec3& p : m.positions) {
      for (int k = 0; k < 3; ++k) {
        lo[static_cast<std::size_t>(k)] =
            std::min(lo[static_cast<std::size_t>(k)], p[static_cast<std::size_t>(k)]);
        hi[static_cast<std::size_t>(k)] =
            std::max(hi[static_cast<std::size_t>(k)], p[static_cast<std::size_t>(k)]);
      }
    }
    accessors[static_cast<std::size_t>(pos)]["min"] = lo;
    accessors[static_cast<std::size_t>(pos)]["max"] = hi;
    const int nrm = add_accessor(bin.add_view(m.normals.data(), n * sizeof(Vec3), k_array_buffer),
                                 n, "VEC3", k_float);
    const int uv = add_accessor(bin.add_view(m.uvs.data(), n * sizeof(Vec2), k_array_buffer), n,
                                "VEC2", k_float);
    const int idx =
        add_accessor(bin.add_view(m.indices.data(), m.indices.size() * 4, k_element_array_buffer),
                     m.indices.size(), "SCALAR", k_uint32);
    meshes.push_back(
        {{"name", m.name},
         {"primitives",
          json::array({{{"attributes", {{"POSITION", pos}, {"NORMAL", nrm}, {"TEXCOORD_0", uv}}},
                        {"indices", idx},
                        {"material", m.material},
                        {"mode", 4}}})}});
  }

  json materials = json::array();
  json textures = json::array();
  json images = json::array();
  std::map<std::string, int> image_index;
  for (const MaterialDef& mat : model.materials) {
    json pbr = {{"baseColorFactor", mat.base_color},
                {"metallicFactor", mat.metallic},
                {"roughnessFactor", mat.roughness}};
    if (!mat.base_color_texture_uri.empty()) {
      auto [it, added] =
          image_index.try_emplace(mat.base_color_texture_uri, static_cast<int>(images.size()));
      if (added) {
        images.push_back({{"uri", mat.base_color_texture_uri}});
        textures.push_back({{"source", it->second}, {"sampler", 0}});
      }
      pbr["baseColorTexture"] = {{"index", it->second}};
    }
    materials.push_back({{"name", mat.name}, {"pbrMetallicRoughness", pbr}});
  }

  json nodes = json::array();
  for (const NodeDef& node : model.nodes) {
    json j = {{"name", node.name}};
    if (node.mesh >= 0) j["mesh"] = node.mesh;
    if (node.translation != Vec3{0, 0, 0}) j["translation"] = node.translation;
    if (node.rotation != std::array<float, 4>{0, 0, 0, 1}) j["rotation"] = node.rotation;
    if (!node.children.empty()) j["children"] = node.children;
    nodes.push_back(j);
  }

  const std::string bin_name = file_stem + ".bin";
  json doc = {
      {"asset", {{"version", "2.0"}, {"generator", "TradeXR txr-assetgen"}}},
      {"scene", 0},
      {"scenes", json::array({{{"name", model.name}, {"nodes", model.roots}}})},
      {"nodes", nodes},
      {"meshes", meshes},
      {"materials", materials},
      {"accessors", accessors},
      {"bufferViews", bin.views()},
      {"buffers", json::array({{{"uri", bin_name}, {"byteLength", bin.bytes().size()}}})},
  };
  if (!images.empty()) {
    doc["images"] = images;
    doc["textures"] = textures;
    // Linear filtering with mipmaps, repeat: the wood grain tiles along the bench.
    doc["samplers"] = json::array(
        {{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}}});
  }

  std::filesystem::create_directories(dir);
  std::ofstream gltf(dir / (file_stem + ".gltf"));
  gltf << doc.dump(1) << "\n";
  std::ofstream binary(dir / bin_name, std::ios::binary);
  binary.write(bin.bytes().data(), static_cast<std::streamsize>(bin.bytes().size()));
  if (!gltf || !binary) throw std::runtime_error("cannot write " + (dir / file_stem).string());
}

}  // namespace txr::assetgen
