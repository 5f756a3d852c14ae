// txr-assetgen [assets-dir]: regenerates the reference models, the wood texture and the
// reference workshop scene. Deterministic: the same build writes the same bytes.
#include <stb_image_write.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <numbers>
#include <vector>

#include "models.hpp"

namespace {

using namespace txr::assetgen;

// Integer hash noise, so the texture is identical on every machine.
float hash_noise(int x, int y) {
  std::uint32_t h =
      static_cast<std::uint32_t>(x) * 374761393u + static_cast<std::uint32_t>(y) * 668265263u;
  h = (h ^ (h >> 13)) * 1274126177u;
  return static_cast<float>((h ^ (h >> 16)) & 0xffffu) / 65535.0f;
}

// Light oak planks: grain along u, a few darker growth lines, plank seams.
void write_wood_png(const std::filesystem::path& path) {
  const int size = 256;
  std::vector<unsigned char> rgba(static_cast<std::size_t>(size * size * 4));
  for (int y = 0; y < size; ++y) {
    const int plank = y / 64;
    for (int x = 0; x < size; ++x) {
      const float fy = static_cast<float>(y) + 3.0f * std::sin(static_cast<float>(x) * 0.03f +
                                                               static_cast<float>(plank) * 1.7f);
      const float grain = 0.5f + 0.5f * std::sin(fy * 0.9f + static_cast<float>(plank) * 2.1f);
      const float fine = hash_noise(x / 3, y) * 0.12f;
      float shade = 0.82f + 0.12f * grain - fine;
      if (y % 64 == 0 || y % 64 == 63) shade *= 0.55f;  // seam between planks
      const std::size_t i = static_cast<std::size_t>((y * size + x) * 4);
      rgba[i + 0] = static_cast<unsigned char>(std::lround(std::min(1.0f, shade * 0.86f) * 255));
      rgba[i + 1] = static_cast<unsigned char>(std::lround(std::min(1.0f, shade * 0.66f) * 255));
      rgba[i + 2] = static_cast<unsigned char>(std::lround(std::min(1.0f, shade * 0.42f) * 255));
      rgba[i + 3] = 255;
    }
  }
  if (stbi_write_png(path.string().c_str(), size, size, 4, rgba.data(), size * 4) == 0) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

std::array<float, 4> yaw_quat(float yaw_rad) {
  return {0, std::sin(yaw_rad / 2), 0, std::cos(yaw_rad / 2)};
}
std::array<float, 4> roll_quat(float roll_rad) {  // about Z
  return {0, 0, std::sin(roll_rad / 2), std::cos(roll_rad / 2)};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    const auto models = assets / "models";
    const auto scenes = assets / "scenes";
    std::filesystem::create_directories(models);
    std::filesystem::create_directories(scenes);
    write_wood_png(models / "wood-top.png");

    write_gltf(models, "workbench", make_workbench("wood-top.png"));
    write_gltf(models, "bolt-m12", make_bolt_m12());
    write_gltf(models, "torque-wrench", make_torque_wrench());
    write_gltf(models, "panel-box", make_panel_box());
    write_gltf(models, "shaft", make_shaft());
    write_gltf(models, "vernier-caliper", make_vernier_caliper());
    write_gltf(models, "outside-micrometer", make_outside_micrometer());

    ModelDef scene;
    scene.name = "reference-workshop";
    const float top = k_bench_top_m;
    const float half_pi = std::numbers::pi_v<float> / 2;
    compose(scene, make_floor(), {"floor", -1, {0, 0, 0}, {0, 0, 0, 1}, {}});
    compose(scene, make_workbench("../models/wood-top.png"),
            {"workbench", -1, {0, 0, 0}, {0, 0, 0, 1}, {}});
    compose(scene, make_panel_box(), {"panel-box", -1, {-0.5f, top, -0.12f}, yaw_quat(0.25f), {}});
    compose(scene, make_torque_wrench(),
            {"torque-wrench", -1, {0.15f, top, 0.18f}, yaw_quat(-0.3f), {}});
    compose(scene, make_shaft(), {"shaft", -1, {0.45f, top, -0.15f}, yaw_quat(0.6f), {}});
    // Three bolts: two standing on their heads, one lying on its side.
    compose(scene, make_bolt_m12(), {"bolt-1", -1, {-0.05f, top, -0.05f}, {0, 0, 0, 1}, {}});
    compose(scene, make_bolt_m12(), {"bolt-2", -1, {0.0f, top, -0.08f}, {0, 0, 0, 1}, {}});
    compose(scene, make_bolt_m12(),
            {"bolt-3", -1, {0.05f, top + 0.009f, 0.0f}, roll_quat(half_pi), {}});
    write_gltf(scenes, "reference-workshop", scene);
    std::cout << "wrote models to " << models.string() << " and the scene to " << scenes.string()
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "txr-assetgen: " << e.what() << "\n";
    return 1;
  }
}
