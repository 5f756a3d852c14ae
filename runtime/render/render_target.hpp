#pragma once
// RenderTarget: where a frame's views go. Window swapchain, offscreen image and (later) XR
// swapchains all implement this, so the renderer records every view the same way.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "core/result.hpp"

namespace txr::render {

// One view's colour image for this frame: a single-layer 2D view of some image (a swapchain
// image, one layer of an offscreen array, one eye of an XR swapchain).
struct TargetView {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // VK_IMAGE_VIEW_TYPE_2D over `layer`
  std::uint32_t layer = 0;
  VkExtent2D extent{0, 0};
  // Optional depth image of the same extent in Renderer::depth_format() (an XR depth swapchain
  // for XR_KHR_composition_layer_depth): rendered into and stored instead of the renderer's
  // own scratch depth. Must be in DEPTH_STENCIL_ATTACHMENT_OPTIMAL before and after.
  VkImageView depth_view = VK_NULL_HANDLE;
};

struct TargetFrame {
  bool skip = false;  // nothing to render this time (e.g. swapchain was rebuilt, minimised)
  std::vector<TargetView> views;
  VkSemaphore wait_semaphore = VK_NULL_HANDLE;    // the GPU waits before writing colour
  VkSemaphore signal_semaphore = VK_NULL_HANDLE;  // signalled when the frame is rendered
};

class RenderTarget {
 public:
  virtual ~RenderTarget() = default;
  virtual VkFormat color_format() const = 0;
  // Layout the images must be in after rendering (PRESENT_SRC, TRANSFER_SRC, COLOR_ATTACHMENT).
  virtual VkImageLayout final_layout() const = 0;
  virtual std::uint32_t view_count() const = 0;
  // Called once per frame; `frame_slot` is the renderer's ring index (0..frames in flight-1).
  virtual core::Result<TargetFrame> acquire(std::uint32_t frame_slot) = 0;
  // Called after the frame was submitted (present / release).
  virtual core::Result<void> release(const TargetFrame& frame) = 0;
};

}  // namespace txr::render
