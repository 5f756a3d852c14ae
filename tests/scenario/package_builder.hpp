#pragma once
// Writes small scenario packages into scratch folders for tests that need a loaded Scenario.
#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/package_loader.hpp"
#include "test_support.hpp"

namespace txr::test {

// A package with one static "panel" object per line of `objects` is not needed by most tests;
// they pass the whole scene/procedure/safety text. The header (format, metadata, a rubric) and
// the locale files with the keys t.i, t.h, t.m are added here.
inline std::filesystem::path write_package(const std::string& name, const std::string& body,
                                           const std::string& metadata_extra = "") {
  const auto dir = scratch_dir(name) / name;
  std::filesystem::create_directories(dir / "locales");
  std::filesystem::create_directories(dir / "models");
  std::ofstream(dir / "models" / "box.gltf") << "{\"asset\":{\"version\":\"2.0\"}}\n";
  std::ofstream(dir / "scenario.yaml")
      << "format: 1\n"
         "metadata:\n"
         "  id: "
      << name
      << "\n"
         "  version: 1.0.0\n"
         "  trade: mechanical\n"
         "  title: t.title\n"
         "  summary: t.title\n"
         "  time_limit_min: 10\n"
         "  mastery_score: 50\n"
         "  author: test\n"
         "  licence: CC0-1.0\n"
         "  languages: [vi, en]\n"
      << metadata_extra << body
      << "rubric:\n"
         "  criteria:\n"
         "    - {id: steps, kind: step_completion, title: t.title, "
         "points: 100}\n";
  const char* keys = "t.title: Test\nt.i: Do it\nt.h: A hint\nt.m: A message\n";
  std::ofstream(dir / "locales" / "en.yaml") << keys;
  std::ofstream(dir / "locales" / "vi.yaml")
      << "t.title: Thử\nt.i: Làm đi\nt.h: Gợi ý\nt.m: Thông báo\n";
  return dir;
}

// Objects used by the engine tests: a lever (turn), a button (press), a part (grab, sockets).
inline const char* k_test_scene =
    "scene:\n"
    "  objects:\n"
    "    - id: lever\n"
    "      model: models/box.gltf\n"
    "      physics: {body: static, shape: box, size_m: [0.1, 0.1, 0.1]}\n"
    "      interactions: [{type: turn, axis: [0, 0, 1], min_deg: 0, max_deg: 90}]\n"
    "    - id: button\n"
    "      model: models/box.gltf\n"
    "      physics: {body: static, shape: box, size_m: [0.1, 0.1, 0.1]}\n"
    "      interactions: [{type: press, travel_mm: 3}]\n"
    "    - id: part\n"
    "      model: models/box.gltf\n"
    "      physics: {body: dynamic, mass_kg: 1, shape: sphere, radius_m: 0.05}\n"
    "      interactions: [{type: grab}]\n"
    "    - id: fixture\n"
    "      model: models/box.gltf\n"
    "      physics: {body: static, shape: box, size_m: [0.1, 0.1, 0.1]}\n"
    "      interactions:\n"
    "        - type: socket\n"
    "          sockets:\n"
    "            - {id: slot_a, position_m: [0, 0, 0], accepts: [part], tolerance_mm: 2}\n"
    "            - {id: slot_b, position_m: [0, 0.1, 0], accepts: [part], tolerance_mm: 2}\n";

}  // namespace txr::test
