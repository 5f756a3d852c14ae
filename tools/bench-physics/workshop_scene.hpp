#pragma once
// The benchmark scene: a workshop of 200 bodies (floor, bench, wall; stacked crates, small boxes,
// bolts, nuts, wrenches, screwdrivers, balls) as plain descriptions.
#include <cmath>
#include <numbers>
#include <string>

#include "physics/descriptions.hpp"

namespace txr::bench {

inline core::Pose at(float x, float y, float z, float yaw_rad = 0.0f) {
  core::Pose p;
  p.position_m = {x, y, z};
  p.orientation = {0.0f, std::sin(0.5f * yaw_rad), 0.0f, std::cos(0.5f * yaw_rad)};
  return p;
}

inline physics::BodyDesc body(std::string id, physics::ShapeKind kind, float mass_kg,
                              core::Pose pose) {
  physics::BodyDesc b;
  b.id = std::move(id);
  b.shape.kind = kind;
  b.mass_kg = mass_kg;
  b.T_world_body = pose;
  return b;
}

// Hexagonal prism (a nut) as a convex hull: 12 vertices, axis along Y.
inline std::vector<physics::Vec3> hex_prism(float radius_m, float half_height_m) {
  std::vector<physics::Vec3> v;
  for (int i = 0; i < 6; ++i) {
    const float a = static_cast<float>(i) * std::numbers::pi_v<float> / 3.0f;
    for (float y : {-half_height_m, half_height_m}) {
      v.push_back({radius_m * std::cos(a), y, radius_m * std::sin(a)});
    }
  }
  return v;
}

// Simple deterministic scatter (no std random engines: same numbers on every library).
inline float scatter(int i, int salt) {
  const unsigned h = static_cast<unsigned>(i) * 2654435761u + static_cast<unsigned>(salt) * 40503u;
  return static_cast<float>((h >> 8) % 1000u) / 1000.0f;
}

inline physics::WorldDesc workshop(int dynamic_bodies = 197) {
  using physics::ShapeKind;
  physics::WorldDesc desc;
  auto floor = body("floor", ShapeKind::box, 0.0f, at(0.0f, -0.5f, 0.0f));
  floor.shape.half_extents_m = {6.0f, 0.5f, 6.0f};
  auto bench = body("bench", ShapeKind::box, 0.0f, at(0.0f, 0.425f, 0.0f));
  bench.shape.half_extents_m = {1.5f, 0.425f, 0.5f};  // 3 m x 1 m, top at 0.85 m
  auto wall = body("wall", ShapeKind::box, 0.0f, at(0.0f, 1.2f, -0.65f));
  wall.shape.half_extents_m = {1.5f, 1.2f, 0.05f};
  desc.bodies = {floor, bench, wall};

  int made = 0;
  auto room = [&] { return made < dynamic_bodies; };
  // Six stacks of five crates on the floor beside the bench.
  for (int s = 0; s < 6 && room(); ++s) {
    for (int k = 0; k < 5 && room(); ++k, ++made) {
      auto crate =
          body("crate" + std::to_string(s) + "_" + std::to_string(k), ShapeKind::box, 0.4f,
               at(1.8f + 0.3f * static_cast<float>(s % 3), 0.05f + 0.1f * static_cast<float>(k),
                  -0.2f + 0.4f * static_cast<float>(s / 3)));
      crate.shape.half_extents_m = {0.05f, 0.05f, 0.05f};
      desc.bodies.push_back(crate);
    }
  }
  // Parts laid out as on a real bench: a 13 x 7 grid on a 3 m bench, the rest in rows on the
  // floor in front of it, each dropped from 2 cm with a scattered yaw. (Bullet groups bodies
  // into islands by bounding-box overlap plus 2 cm, so tighter grids sleep as one island.)
  const ShapeKind kinds[] = {ShapeKind::box,         ShapeKind::cylinder, ShapeKind::cylinder,
                             ShapeKind::convex_hull, ShapeKind::capsule,  ShapeKind::sphere};
  for (int i = 0; room(); ++i, ++made) {
    const ShapeKind kind = kinds[i % 6];
    const bool on_bench = i < 91;
    const int col = on_bench ? i % 13 : (i - 91) % 20;
    const int row = on_bench ? i / 13 : (i - 91) / 20;
    const float x = on_bench ? -1.32f + 0.22f * static_cast<float>(col)
                             : -1.9f + 0.2f * static_cast<float>(col);
    const float z = on_bench ? -0.42f + 0.14f * static_cast<float>(row)
                             : 0.8f + 0.25f * static_cast<float>(row);
    const float surface = on_bench ? 0.85f : 0.0f;
    auto b = body("part" + std::to_string(i), kind, 0.1f,
                  at(x, surface, z, 0.6f * (scatter(i, 4) - 0.5f)));
    float half_height = 0.02f;
    switch (kind) {
      case ShapeKind::box:  // small boxes and blocks
        b.shape.half_extents_m = {0.03f, 0.02f, 0.04f};
        b.mass_kg = 0.3f;
        break;
      case ShapeKind::cylinder:  // bolts
        b.shape.radius_m = 0.005f;
        b.shape.half_height_m = 0.03f;
        b.mass_kg = 0.02f;
        half_height = 0.005f;  // lying down
        break;
      case ShapeKind::convex_hull:  // nuts
        b.shape.vertices_m = hex_prism(0.008f, 0.004f);
        b.mass_kg = 0.01f;
        half_height = 0.004f;
        break;
      case ShapeKind::capsule:  // screwdriver handles and wrenches
        b.shape.radius_m = 0.012f;
        b.shape.half_height_m = 0.035f;
        b.mass_kg = 0.15f;
        half_height = 0.012f;  // lying down
        break;
      default:  // balls
        b.shape.radius_m = 0.02f;
        b.mass_kg = 0.05f;
        break;
    }
    if (kind == ShapeKind::cylinder || kind == ShapeKind::capsule) {
      // Lay it down: yaw, then a quarter turn about X (long axis Y -> Z).
      const float sy = b.T_world_body.orientation[1];
      const float cy = b.T_world_body.orientation[3];
      const float h = std::sqrt(0.5f);
      b.T_world_body.orientation = {cy * h, h * sy, -sy * h, cy * h};
    }
    b.T_world_body.position_m[1] = surface + half_height + 0.01f + 0.02f * scatter(i, 3);
    desc.bodies.push_back(b);
  }
  return desc;
}

}  // namespace txr::bench
