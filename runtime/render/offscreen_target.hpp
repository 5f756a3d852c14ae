#pragma once
// OffscreenTarget: an image (optionally an array with one layer per view, the shape of an XR
// stereo swapchain) rendered without a window. Read it back with Renderer's capture.
#include <memory>
#include <vector>

#include "render/gpu_memory.hpp"
#include "render/render_target.hpp"

namespace txr::render {

class OffscreenTarget final : public RenderTarget {
 public:
  static core::Result<std::unique_ptr<OffscreenTarget>> create(
      VulkanContext& ctx, VkExtent2D extent, std::uint32_t layers = 1,
      VkFormat format = VK_FORMAT_R8G8B8A8_SRGB);
  ~OffscreenTarget() override;

  VkFormat color_format() const override { return image_.format; }
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL; }
  std::uint32_t view_count() const override { return image_.layers; }
  core::Result<TargetFrame> acquire(std::uint32_t frame_slot) override;
  core::Result<void> release(const TargetFrame&) override { return {}; }
  VkExtent2D extent() const { return image_.extent; }

 private:
  explicit OffscreenTarget(VulkanContext& ctx) : ctx_(ctx) {}
  VulkanContext& ctx_;
  GpuImage image_;
  std::vector<VkImageView> layer_views_;
};

}  // namespace txr::render
