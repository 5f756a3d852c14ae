#pragma once
// Frame capture: copies each eye of a submitted projection layer from the app's swapchain image
// (on the app's queue) into host memory and writes it as PNG for golden tests.
#include <cstdint>

#include "runtime.hpp"

namespace txr::xrsim {

// Writes <capture dir>/frame_NNNNNN_eyeV.png (plus _layerL for layers after the first).
void capture_projection(Session& session, const XrCompositionLayerProjection& layer,
                        std::uint64_t frame, std::uint32_t layer_index);

}  // namespace txr::xrsim
