#pragma once
// QuadLayerTarget: one swapchain of the runtime shown as a flat panel in the world
// (XrCompositionLayerQuad), as a render::RenderTarget with a single view. The HUD is drawn into
// it with ImGui; the runtime composites it over the eye images and reprojects it on its own, so
// text stays sharp (it is not resampled through the eye images).
#include <memory>
#include <vector>

#include "core/input_frame.hpp"
#include "render/render_target.hpp"
#include "render/vulkan_context.hpp"
#include "xr/headset.hpp"

namespace txr::xr {

class QuadLayerTarget final : public render::RenderTarget {
 public:
  // `color_format`: a format the runtime offers (the eye swapchains' sRGB format, so the
  // renderer's ImGui pass can draw into either).
  static core::Result<std::unique_ptr<QuadLayerTarget>> create(Headset& headset,
                                                               render::VulkanContext& vk,
                                                               VkFormat color_format,
                                                               VkExtent2D extent);
  ~QuadLayerTarget() override;
  QuadLayerTarget(const QuadLayerTarget&) = delete;
  QuadLayerTarget& operator=(const QuadLayerTarget&) = delete;

  VkFormat color_format() const override { return format_; }
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL; }
  std::uint32_t view_count() const override { return 1; }
  core::Result<render::TargetFrame> acquire(std::uint32_t frame_slot) override;
  core::Result<void> release(const render::TargetFrame& frame) override;

  VkExtent2D extent() const { return extent_; }
  // True once an image was rendered and released (a quad layer may only show such an image).
  bool has_image() const { return released_once_; }
  // The quad layer showing the last released image at `T_space_quad` (its centre; the image
  // faces +Z), `width_m` x `height_m`, blended by the image's alpha. Valid until the next call.
  const XrCompositionLayerBaseHeader* layer(XrSpace space, const core::Pose& T_space_quad,
                                            float width_m, float height_m);

 private:
  QuadLayerTarget(Headset& headset, render::VulkanContext& vk) : headset_(headset), vk_(vk) {}

  Headset& headset_;
  render::VulkanContext& vk_;
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{0, 0};
  std::vector<VkImage> images_;
  std::vector<VkImageView> views_;
  std::uint32_t index_ = 0;
  bool acquired_ = false;
  bool released_once_ = false;
  XrCompositionLayerQuad layer_{};
};

}  // namespace txr::xr
