#pragma once
// Triangle meshes built from boxes and prisms, with hard edges where faces meet at an angle.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace txr::assetgen {

using Vec2 = std::array<float, 2>;
using Vec3 = std::array<float, 3>;

// Which local axis a prism (cylinder, hex head) runs along.
enum class Axis { x, y, z };

struct MeshData {
  std::string name;
  int material = 0;
  std::vector<Vec3> positions;
  std::vector<Vec3> normals;
  std::vector<Vec2> uvs;
  std::vector<std::uint32_t> indices;
};

// Axis-aligned box: 6 faces x 4 vertices (hard edges), uv 0..uv_scale on every face.
void add_box(MeshData& mesh, Vec3 center, Vec3 size, float uv_scale = 1.0f);

// A prism with `segments` sides of radius `radius` from `base` along `axis` for `length`
// (negative length goes the other way). smooth=true shares normals around the side (a
// cylinder); false gives flat faces (a hex head). Caps at both ends.
void add_prism(MeshData& mesh, Vec3 base, Axis axis, float radius, float length, int segments,
               bool smooth, float angle_offset_rad = 0.0f);

}  // namespace txr::assetgen
