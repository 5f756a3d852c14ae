#include "models.hpp"

#include <cmath>
#include <numbers>

namespace txr::assetgen {
namespace {

// One node per mesh, all roots: parts are modelled in model space.
void add_part(ModelDef& m, MeshData mesh) {
  m.nodes.push_back({mesh.name, static_cast<int>(m.meshes.size()), {0, 0, 0}, {0, 0, 0, 1}, {}});
  m.roots.push_back(static_cast<int>(m.nodes.size() - 1));
  m.meshes.push_back(std::move(mesh));
}

MeshData mesh_named(const char* name, int material) {
  MeshData mesh;
  mesh.name = name;
  mesh.material = material;
  return mesh;
}

const MaterialDef k_zinc_steel{"zinc-plated-steel", {0.80f, 0.80f, 0.82f, 1}, 1.0f, 0.35f, ""};

}  // namespace

ModelDef make_workbench(const std::string& wood_texture_uri) {
  ModelDef m;
  m.name = "workbench";
  m.materials = {{"bench-top-wood", {1, 1, 1, 1}, 0.0f, 0.7f, wood_texture_uri},
                 {"powder-coated-steel", {0.10f, 0.16f, 0.24f, 1}, 0.0f, 0.45f, ""}};
  const float top_h = 0.04f;
  MeshData top = mesh_named("bench-top", 0);
  add_box(top, {0, k_bench_top_m - top_h / 2, 0}, {1.6f, top_h, 0.8f}, 2.0f);
  add_part(m, std::move(top));
  MeshData frame = mesh_named("bench-frame", 1);
  const float leg = 0.06f, leg_h = k_bench_top_m - top_h;
  for (float x : {-0.74f, 0.74f}) {
    for (float z : {-0.34f, 0.34f}) add_box(frame, {x, leg_h / 2, z}, {leg, leg_h, leg});
  }
  add_box(frame, {0, 0.2f, 0}, {1.5f, 0.03f, 0.7f});                  // lower shelf
  add_box(frame, {0, leg_h - 0.04f, -0.34f}, {1.42f, 0.08f, 0.03f});  // back rail
  add_part(m, std::move(frame));
  return m;
}

ModelDef make_bolt_m12() {
  // ISO 4017 M12: 18 mm across flats, head 7.5 mm; 40 mm shank. Head down on y = 0.
  ModelDef m;
  m.name = "bolt-m12";
  m.materials = {k_zinc_steel};
  const float across_flats = 0.018f;
  const float circumradius = across_flats / std::sqrt(3.0f);
  MeshData head = mesh_named("bolt-head", 0);
  add_prism(head, {0, 0, 0}, Axis::y, circumradius, 0.0075f, 6, false);
  add_part(m, std::move(head));
  MeshData shank = mesh_named("bolt-shank", 0);
  add_prism(shank, {0, 0.0075f, 0}, Axis::y, 0.006f, 0.040f, 24, true);
  add_part(m, std::move(shank));
  return m;
}

ModelDef make_torque_wrench() {
  // A 1/2" click-type wrench lying along X, square drive at +X pointing down.
  ModelDef m;
  m.name = "torque-wrench";
  m.materials = {{"chrome", {0.90f, 0.90f, 0.92f, 1}, 1.0f, 0.2f, ""},
                 {"rubber-grip", {0.03f, 0.03f, 0.03f, 1}, 0.0f, 0.9f, ""},
                 {"scale-red", {0.65f, 0.05f, 0.04f, 1}, 0.0f, 0.5f, ""}};
  const float r = 0.011f;
  MeshData body = mesh_named("wrench-body", 0);
  add_prism(body, {-0.20f, r, 0}, Axis::x, r, 0.38f, 24, true);
  add_box(body, {0.205f, r, 0}, {0.05f, 0.026f, 0.034f});           // ratchet head
  add_box(body, {0.215f, 0.0065f, 0}, {0.0127f, 0.013f, 0.0127f});  // square drive (below)
  add_part(m, std::move(body));
  MeshData grip = mesh_named("wrench-grip", 1);
  add_prism(grip, {-0.25f, 0.015f, 0}, Axis::x, 0.015f, 0.13f, 24, true);
  add_part(m, std::move(grip));
  MeshData scale = mesh_named("wrench-scale-ring", 2);
  add_prism(scale, {-0.10f, r, 0}, Axis::x, r + 0.001f, 0.03f, 24, true);
  add_part(m, std::move(scale));
  return m;
}

ModelDef make_panel_box() {
  // Wall-mount steel enclosure 400 x 500 x 200 mm in light grey (RAL 7035), door on +Z.
  ModelDef m;
  m.name = "panel-box";
  m.materials = {{"ral7035-painted-steel", {0.78f, 0.79f, 0.77f, 1}, 0.0f, 0.45f, ""},
                 {"black-plastic", {0.02f, 0.02f, 0.02f, 1}, 0.0f, 0.6f, ""},
                 {"warning-yellow", {0.95f, 0.75f, 0.02f, 1}, 0.0f, 0.5f, ""}};
  MeshData body = mesh_named("enclosure-body", 0);
  add_box(body, {0, 0.25f, 0}, {0.4f, 0.5f, 0.19f});
  add_box(body, {0, 0.25f, 0.1f}, {0.39f, 0.49f, 0.012f});  // door
  add_part(m, std::move(body));
  MeshData handle = mesh_named("door-handle", 1);
  add_box(handle, {0.16f, 0.25f, 0.112f}, {0.02f, 0.08f, 0.015f});
  add_part(m, std::move(handle));
  MeshData label = mesh_named("hazard-label", 2);
  add_box(label, {0, 0.38f, 0.1065f}, {0.09f, 0.08f, 0.002f});
  add_part(m, std::move(label));
  return m;
}

ModelDef make_shaft() {
  // Stepped drive shaft along X: 25 mm for 200 mm, then 20 mm for 80 mm; lies on y = 0.
  ModelDef m;
  m.name = "shaft";
  m.materials = {{"ground-steel", {0.62f, 0.63f, 0.65f, 1}, 1.0f, 0.3f, ""}};
  MeshData shaft = mesh_named("shaft", 0);
  add_prism(shaft, {-0.14f, 0.0125f, 0}, Axis::x, 0.0125f, 0.20f, 32, true);
  add_prism(shaft, {0.06f, 0.0125f, 0}, Axis::x, 0.010f, 0.08f, 32, true);
  add_part(m, std::move(shaft));
  return m;
}

ModelDef make_vernier_caliper() {
  // A 150 mm vernier caliper lying flat: beam along X, outside jaws towards -Z at the -X end.
  ModelDef m;
  m.name = "vernier-caliper";
  m.materials = {{"stainless-steel", {0.84f, 0.85f, 0.87f, 1}, 1.0f, 0.3f, ""},
                 {"scale-black", {0.04f, 0.04f, 0.04f, 1}, 0.0f, 0.6f, ""}};
  MeshData steel = mesh_named("caliper-body", 0);
  add_box(steel, {0, 0.002f, 0}, {0.20f, 0.0035f, 0.016f});                         // beam
  add_box(steel, {-0.094f, 0.002f, -0.026f}, {0.010f, 0.0035f, 0.036f});            // fixed jaw
  add_box(steel, {-0.062f, 0.0045f, 0}, {0.045f, 0.008f, 0.022f});                  // slider
  add_box(steel, {-0.078f, 0.002f, -0.026f}, {0.010f, 0.0035f, 0.036f});            // sliding jaw
  add_prism(steel, {-0.048f, 0.0085f, 0.006f}, Axis::y, 0.004f, 0.002f, 16, true);  // thumb roll
  add_part(m, std::move(steel));
  MeshData scale = mesh_named("caliper-scale", 1);
  add_box(scale, {0.02f, 0.0038f, 0.003f}, {0.15f, 0.0003f, 0.004f});
  add_part(m, std::move(scale));
  return m;
}

ModelDef make_outside_micrometer() {
  // A 0–25 mm outside micrometer lying flat: C-frame in the XZ plane, anvil and spindle along X
  // at z = -15 mm, sleeve, thimble and ratchet stop towards +X.
  ModelDef m;
  m.name = "outside-micrometer";
  m.materials = {{"frame-enamel", {0.55f, 0.56f, 0.58f, 1}, 0.2f, 0.5f, ""},
                 {"satin-chrome", {0.86f, 0.86f, 0.88f, 1}, 1.0f, 0.25f, ""}};
  MeshData frame = mesh_named("micrometer-frame", 0);
  add_box(frame, {0, 0.005f, 0.012f}, {0.048f, 0.010f, 0.010f});         // back of the C
  add_box(frame, {-0.021f, 0.005f, -0.004f}, {0.008f, 0.010f, 0.030f});  // anvil arm
  add_box(frame, {0.021f, 0.005f, -0.004f}, {0.008f, 0.010f, 0.030f});   // spindle arm
  add_part(m, std::move(frame));
  MeshData chrome = mesh_named("micrometer-spindle", 1);
  add_prism(chrome, {-0.017f, 0.005f, -0.015f}, Axis::x, 0.003f, 0.004f, 20, true);  // anvil
  add_prism(chrome, {0.001f, 0.005f, -0.015f}, Axis::x, 0.003f, 0.016f, 20, true);   // spindle
  add_prism(chrome, {0.025f, 0.005f, -0.015f}, Axis::x, 0.0045f, 0.015f, 24, true);  // sleeve
  add_prism(chrome, {0.040f, 0.005f, -0.015f}, Axis::x, 0.007f, 0.024f, 32, true);   // thimble
  add_prism(chrome, {0.064f, 0.005f, -0.015f}, Axis::x, 0.0045f, 0.012f, 24, true);  // ratchet
  add_part(m, std::move(chrome));
  return m;
}

ModelDef make_floor() {
  ModelDef m;
  m.name = "floor";
  m.materials = {{"concrete", {0.42f, 0.42f, 0.40f, 1}, 0.0f, 0.9f, ""}};
  MeshData floor = mesh_named("floor", 0);
  add_box(floor, {0, -0.01f, 0}, {6.0f, 0.02f, 6.0f});
  add_part(m, std::move(floor));
  return m;
}

}  // namespace txr::assetgen
