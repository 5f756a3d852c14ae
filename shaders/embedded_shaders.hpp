#pragma once
// SPIR-V of the renderer's shaders, compiled from the GLSL in this folder by the build.
#include <cstdint>
#include <span>

namespace txr::shaders {

std::span<const std::uint32_t> mesh_vert();
std::span<const std::uint32_t> mesh_frag();
std::span<const std::uint32_t> line_vert();
std::span<const std::uint32_t> line_frag();

}  // namespace txr::shaders
