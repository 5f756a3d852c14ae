#pragma once
// The reference models of the workshop, in metres, Y up, resting on y = 0.
#include <string>

#include "gltf_writer.hpp"

namespace txr::assetgen {

ModelDef make_workbench(const std::string& wood_texture_uri);
ModelDef make_bolt_m12();
ModelDef make_torque_wrench();
ModelDef make_panel_box();
ModelDef make_shaft();
ModelDef make_vernier_caliper();
ModelDef make_outside_micrometer();
ModelDef make_floor();

// Height of the bench top surface, where the scene places the tools.
inline constexpr float k_bench_top_m = 0.9f;

}  // namespace txr::assetgen
