#include "shaders/embedded_shaders.hpp"

namespace txr::shaders {
namespace {
// glslc -mfmt=c writes a braced list of 32-bit words.
constexpr std::uint32_t k_mesh_vert[] =
#include "mesh.vert.inc"
    ;
constexpr std::uint32_t k_mesh_frag[] =
#include "mesh.frag.inc"
    ;
constexpr std::uint32_t k_line_vert[] =
#include "line.vert.inc"
    ;
constexpr std::uint32_t k_line_frag[] =
#include "line.frag.inc"
    ;
constexpr std::uint32_t k_vignette_vert[] =
#include "vignette.vert.inc"
    ;
constexpr std::uint32_t k_vignette_frag[] =
#include "vignette.frag.inc"
    ;
}  // namespace

std::span<const std::uint32_t> mesh_vert() { return k_mesh_vert; }
std::span<const std::uint32_t> mesh_frag() { return k_mesh_frag; }
std::span<const std::uint32_t> line_vert() { return k_line_vert; }
std::span<const std::uint32_t> line_frag() { return k_line_frag; }
std::span<const std::uint32_t> vignette_vert() { return k_vignette_vert; }
std::span<const std::uint32_t> vignette_frag() { return k_vignette_frag; }

}  // namespace txr::shaders
