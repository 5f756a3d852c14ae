#pragma once
// SPIR-V of the renderer's shaders, compiled from the GLSL in this folder by the build.
#include <cstdint>
#include <span>

namespace txr::shaders {

std::span<const std::uint32_t> mesh_vert();
std::span<const std::uint32_t> mesh_frag();
std::span<const std::uint32_t> line_vert();
std::span<const std::uint32_t> line_frag();
std::span<const std::uint32_t> vignette_vert();  // full-screen triangle
std::span<const std::uint32_t> vignette_frag();  // the comfort vignette

}  // namespace txr::shaders
