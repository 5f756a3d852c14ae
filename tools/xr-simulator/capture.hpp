#pragma once
// Frame capture: copies each eye of a submitted projection layer (and each quad layer's image) from
// the app's swapchain image (on the app's queue) into host memory and writes it as PNG for golden
// tests.
#include <cstdint>

#include "runtime.hpp"

namespace txr::xrsim {

// Writes <capture dir>/frame_NNNNNN_eyeV.png (plus _layerL for layers after the first).
void capture_projection(Session& session, const XrCompositionLayerProjection& layer,
                        std::uint64_t frame, std::uint32_t layer_index);
// Writes <capture dir>/frame_NNNNNN_layerL_quad.png: the quad layer's sub-image.
void capture_quad(Session& session, const XrCompositionLayerQuad& layer, std::uint64_t frame,
                  std::uint32_t layer_index);

}  // namespace txr::xrsim
