#include "geometry.hpp"

#include <cmath>
#include <numbers>

namespace txr::assetgen {
namespace {

std::uint32_t vertex(MeshData& m, Vec3 p, Vec3 n, Vec2 uv) {
  m.positions.push_back(p);
  m.normals.push_back(n);
  m.uvs.push_back(uv);
  return static_cast<std::uint32_t>(m.positions.size() - 1);
}

void quad(MeshData& m, std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  m.indices.insert(m.indices.end(), {a, b, c, a, c, d});
}

// Maps prism-local (u along the axis, v, w across it) to model coordinates; right-handed.
Vec3 to_axis(Axis axis, float along, float a, float b) {
  switch (axis) {
    case Axis::x:
      return {along, a, b};
    case Axis::y:
      return {b, along, a};
    case Axis::z:
      return {a, b, along};
  }
  return {0, 0, 0};
}

Vec3 add(Vec3 p, Vec3 q) { return {p[0] + q[0], p[1] + q[1], p[2] + q[2]}; }

}  // namespace

void add_box(MeshData& m, Vec3 c, Vec3 size, float uv_scale) {
  const float hx = size[0] / 2, hy = size[1] / 2, hz = size[2] / 2;
  struct Face {
    Vec3 n, u, v;  // normal, and the two in-plane directions (u x v = n)
    float hn, hu, hv;
  };
  const Face faces[6] = {
      {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}, hx, hz, hy},
      {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}, hx, hz, hy},
      {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}, hy, hx, hz},
      {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}, hy, hx, hz},
      {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, hz, hx, hy},
      {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}, hz, hx, hy},
  };
  for (const Face& f : faces) {
    std::uint32_t ids[4];
    const float su[4] = {-1, 1, 1, -1};
    const float sv[4] = {-1, -1, 1, 1};
    for (int i = 0; i < 4; ++i) {
      Vec3 p;
      for (int k = 0; k < 3; ++k) {
        p[k] = c[k] + f.n[k] * f.hn + f.u[k] * f.hu * su[i] + f.v[k] * f.hv * sv[i];
      }
      // glTF uv origin is top-left: v grows downwards.
      const Vec2 uv = {(su[i] + 1) / 2 * uv_scale, (1 - sv[i]) / 2 * uv_scale};
      ids[i] = vertex(m, p, f.n, uv);
    }
    quad(m, ids[0], ids[1], ids[2], ids[3]);
  }
}

void add_prism(MeshData& m, Vec3 base, Axis axis, float radius, float length, int segments,
               bool smooth, float angle_offset_rad) {
  const float two_pi = 2.0f * std::numbers::pi_v<float>;
  const float dir = length >= 0 ? 1.0f : -1.0f;
  auto ring = [&](int i) {
    const float t =
        angle_offset_rad + two_pi * static_cast<float>(i) / static_cast<float>(segments);
    return std::array<float, 2>{std::cos(t), std::sin(t)};
  };
  // Side. Winding chosen so faces point outwards for either direction of length.
  for (int i = 0; i < segments; ++i) {
    const auto a = ring(i), b = ring(i + 1);
    Vec3 na, nb;
    if (smooth) {
      na = to_axis(axis, 0, a[0], a[1]);
      nb = to_axis(axis, 0, b[0], b[1]);
    } else {
      const float t =
          angle_offset_rad + two_pi * (static_cast<float>(i) + 0.5f) / static_cast<float>(segments);
      na = nb = to_axis(axis, 0, std::cos(t), std::sin(t));
    }
    const float u0 = static_cast<float>(i) / static_cast<float>(segments);
    const float u1 = static_cast<float>(i + 1) / static_cast<float>(segments);
    const auto p0 = add(base, to_axis(axis, 0, a[0] * radius, a[1] * radius));
    const auto p1 = add(base, to_axis(axis, 0, b[0] * radius, b[1] * radius));
    const auto p2 = add(base, to_axis(axis, length, b[0] * radius, b[1] * radius));
    const auto p3 = add(base, to_axis(axis, length, a[0] * radius, a[1] * radius));
    const auto i0 = vertex(m, p0, na, {u0, 1});
    const auto i1 = vertex(m, p1, nb, {u1, 1});
    const auto i2 = vertex(m, p2, nb, {u1, 0});
    const auto i3 = vertex(m, p3, na, {u0, 0});
    if (dir > 0) {
      quad(m, i0, i1, i2, i3);
    } else {
      quad(m, i0, i3, i2, i1);
    }
  }
  // Caps: a fan around the centre at each end.
  for (int end = 0; end < 2; ++end) {
    const float along = end == 0 ? 0.0f : length;
    const float outward = (end == 0 ? -1.0f : 1.0f) * dir;
    const Vec3 n = to_axis(axis, outward, 0, 0);
    const auto centre = vertex(m, add(base, to_axis(axis, along, 0, 0)), n, {0.5f, 0.5f});
    std::vector<std::uint32_t> rim;
    for (int i = 0; i < segments; ++i) {
      const auto a = ring(i);
      rim.push_back(vertex(m, add(base, to_axis(axis, along, a[0] * radius, a[1] * radius)), n,
                           {0.5f + a[0] / 2, 0.5f - a[1] / 2}));
    }
    for (int i = 0; i < segments; ++i) {
      const auto a = rim[static_cast<std::size_t>(i)];
      const auto b = rim[static_cast<std::size_t>((i + 1) % segments)];
      if (outward > 0) {
        m.indices.insert(m.indices.end(), {centre, a, b});
      } else {
        m.indices.insert(m.indices.end(), {centre, b, a});
      }
    }
  }
}

}  // namespace txr::assetgen
