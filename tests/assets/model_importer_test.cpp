#include <doctest/doctest.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>

#include "assets/model_importer.hpp"
#include "test_support.hpp"

namespace {

using txr::assets::import_model;
using txr::assets::Model;

std::filesystem::path asset(const std::string& rel) {
  return txr::test::source_dir() / "assets" / rel;
}
std::filesystem::path fixture(const std::string& name) {
  return txr::test::source_dir() / "tests/assets/fixtures" / name;
}

const txr::assets::Mesh* find_mesh(const Model& m, const std::string& name) {
  for (const auto& mesh : m.meshes) {
    if (mesh.name == name) return &mesh;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("[assets] the M12 bolt imports as a hex head and a round shank") {
  auto model = import_model(asset("models/bolt-m12.gltf"));
  REQUIRE(model.has_value());
  REQUIRE(model->meshes.size() == 2);
  const auto* head = find_mesh(*model, "bolt-head");
  REQUIRE(head != nullptr);
  // 6 flat sides x 4 vertices + 2 caps x (centre + 6): hard edges survive the import.
  CHECK(head->vertices.size() == 38);
  CHECK(head->indices.size() == 72);
  // 18 mm across flats.
  CHECK(head->bounds_max.x - head->bounds_min.x == doctest::Approx(0.018).epsilon(0.001));
  CHECK(model->bounds_max.y == doctest::Approx(0.0475).epsilon(0.001));
  REQUIRE(model->materials.size() == 1);  // the importer's extra default material is dropped
  CHECK(model->materials[0].name == "zinc-plated-steel");
  CHECK(model->materials[0].metallic_factor == doctest::Approx(1.0));
  CHECK(model->materials[0].roughness_factor == doctest::Approx(0.35));
  CHECK(model->warnings.empty());
}

TEST_CASE("[assets] the workbench top carries the decoded wood texture") {
  auto model = import_model(asset("models/workbench.gltf"));
  REQUIRE(model.has_value());
  REQUIRE(model->materials.size() == 2);
  REQUIRE(model->images.size() == 1);
  CHECK(model->images[0].width == 256);
  CHECK(model->images[0].height == 256);
  CHECK(model->images[0].rgba8.size() == 256u * 256u * 4u);
  const auto* top = find_mesh(*model, "bench-top");
  REQUIRE(top != nullptr);
  CHECK(top->vertices.size() == 24);  // a box keeps 4 vertices per face
  const auto& wood = model->materials[top->material];
  CHECK(wood.name == "bench-top-wood");
  CHECK(wood.base_color_texture == 0);
  // UVs keep the glTF top-left origin (FlipUVs undoes Assimp's flip): all in 0..2.
  for (const auto& v : top->vertices) {
    CHECK(v.uv.y >= 0.0f);
    CHECK(v.uv.y <= 2.0f);
  }
  CHECK(model->bounds_max.y == doctest::Approx(0.9).epsilon(0.001));
}

TEST_CASE("[assets] the reference scene places each model through its node transforms") {
  auto model = import_model(asset("scenes/reference-workshop.gltf"));
  REQUIRE(model.has_value());
  CHECK(model->warnings.empty());
  REQUIRE(model->images.size() == 1);  // ../models/wood-top.png resolved from the scene folder
  const auto bolt_nodes = std::count_if(
      model->nodes.begin(), model->nodes.end(),
      [&](const auto& n) { return model->meshes[n.meshes.at(0)].name == "bolt-head"; });
  CHECK(bolt_nodes == 3);
  bool found_panel = false;
  for (const auto& node : model->nodes) {
    if (model->meshes[node.meshes.at(0)].name != "enclosure-body") continue;
    found_panel = true;
    const glm::vec3 origin(node.T_model_node * glm::vec4(0, 0, 0, 1));
    CHECK(origin.x == doctest::Approx(-0.5));
    CHECK(origin.y == doctest::Approx(0.9));
    CHECK(origin.z == doctest::Approx(-0.12));
  }
  CHECK(found_panel);
  CHECK(model->bounds_min.x == doctest::Approx(-3.0));  // the floor
}

TEST_CASE("[assets] every generated model imports with normals of unit length") {
  for (const char* name : {"workbench", "bolt-m12", "torque-wrench", "panel-box", "shaft"}) {
    CAPTURE(name);
    auto model = import_model(asset(std::string("models/") + name + ".gltf"));
    REQUIRE(model.has_value());
    CHECK(model->triangle_count() > 0);
    for (const auto& mesh : model->meshes) {
      for (const auto& v : mesh.vertices)
        CHECK(glm::length(v.normal) == doctest::Approx(1.0).epsilon(0.01));
    }
  }
}

TEST_CASE("[assets] an OBJ without normals gets flat normals and its MTL colour") {
  auto model = import_model(fixture("cube.obj"));
  REQUIRE(model.has_value());
  REQUIRE(model->meshes.size() == 1);
  CHECK(model->meshes[0].indices.size() == 36);
  CHECK(model->meshes[0].vertices.size() == 24);  // flat normals keep the edges hard
  REQUIRE(model->materials.size() == 1);
  CHECK(model->materials[0].base_color_factor.r == doctest::Approx(0.8));
  CHECK(model->materials[0].base_color_texture == -1);
}

TEST_CASE("[assets] a missing model file is reported by name") {
  auto model = import_model(fixture("no-such-model.gltf"));
  REQUIRE_FALSE(model.has_value());
  CHECK(model.error().message.find("not found") != std::string::npos);
  CHECK(model.error().message.find("no-such-model.gltf") != std::string::npos);
}

TEST_CASE("[assets] a corrupt model file gives an import error naming the file") {
  for (const char* name : {"garbage.gltf", "garbage.glb"}) {
    CAPTURE(name);
    auto model = import_model(fixture(name));
    REQUIRE_FALSE(model.has_value());
    CHECK(model.error().message.find("cannot import model") != std::string::npos);
    CHECK(model.error().message.find(name) != std::string::npos);
  }
}

TEST_CASE("[assets] an unknown texture path falls back to the factor with a warning naming it") {
  auto model = import_model(fixture("missing-texture.gltf"));
  REQUIRE(model.has_value());
  CHECK(model->images.empty());
  REQUIRE(model->warnings.size() == 1);
  CHECK(model->warnings[0].find("textures/does-not-exist.png") != std::string::npos);
  for (const auto& mat : model->materials) CHECK(mat.base_color_texture == -1);
}

TEST_CASE("[assets] strict import turns an unknown texture path into an error") {
  auto model = import_model(fixture("missing-texture.gltf"), {.missing_texture_is_error = true});
  REQUIRE_FALSE(model.has_value());
  CHECK(model.error().message.find("textures/does-not-exist.png") != std::string::npos);
}

TEST_CASE("[assets] a file without meshes is refused") {
  auto model = import_model(fixture("no-meshes.gltf"));
  REQUIRE_FALSE(model.has_value());
  CHECK(model.error().message.find("no-meshes.gltf") != std::string::npos);
  CHECK(model.error().message.find("mesh") != std::string::npos);
}
