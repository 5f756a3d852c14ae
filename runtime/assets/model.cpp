#include "assets/model.hpp"

namespace txr::assets {

std::size_t Model::vertex_count() const {
  std::size_t n = 0;
  for (const Mesh& m : meshes) n += m.vertices.size();
  return n;
}

std::size_t Model::triangle_count() const {
  std::size_t n = 0;
  for (const Mesh& m : meshes) n += m.indices.size() / 3;
  return n;
}

}  // namespace txr::assets
