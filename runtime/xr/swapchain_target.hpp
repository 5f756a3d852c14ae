#pragma once
// SwapchainTarget: the runtime's swapchains as a render::RenderTarget, one colour swapchain per
// eye (and one depth swapchain per eye when XR_KHR_composition_layer_depth is enabled and the
// runtime offers the renderer's depth format). It also builds the projection layer that
// xrEndFrame submits for the images rendered this frame.
#include <array>
#include <memory>
#include <vector>

#include "render/render_target.hpp"
#include "render/vulkan_context.hpp"
#include "xr/headset.hpp"

namespace txr::xr {

class SwapchainTarget final : public render::RenderTarget {
 public:
  // `depth_format`: the renderer's depth format, VK_FORMAT_UNDEFINED for colour only.
  static core::Result<std::unique_ptr<SwapchainTarget>> create(Headset& headset,
                                                               render::VulkanContext& vk,
                                                               VkFormat depth_format);
  ~SwapchainTarget() override;
  SwapchainTarget(const SwapchainTarget&) = delete;
  SwapchainTarget& operator=(const SwapchainTarget&) = delete;

  VkFormat color_format() const override { return color_format_; }
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL; }
  std::uint32_t view_count() const override { return 2; }
  // xrAcquireSwapchainImage + xrWaitSwapchainImage for every eye (colour and depth).
  core::Result<render::TargetFrame> acquire(std::uint32_t frame_slot) override;
  // xrReleaseSwapchainImage for every image acquired (after the renderer's submit).
  core::Result<void> release(const render::TargetFrame& frame) override;

  bool has_depth() const { return depth_[0].handle != XR_NULL_HANDLE; }
  VkExtent2D eye_extent() const { return color_[0].extent; }
  // The projection layer for this frame's eye poses (in `space`), with depth infos when used.
  // The pointer stays valid until the next call.
  const XrCompositionLayerBaseHeader* projection_layer(const std::array<XrView, 2>& views,
                                                       XrSpace space, float near_m, float far_m);

 private:
  struct Chain {
    XrSwapchain handle = XR_NULL_HANDLE;
    std::vector<VkImage> images;
    std::vector<VkImageView> views;
    VkExtent2D extent{0, 0};
    bool acquired = false;
    std::uint32_t index = 0;
  };
  SwapchainTarget(Headset& headset, render::VulkanContext& vk) : headset_(headset), vk_(vk) {}
  core::Result<void> create_chain(Chain& chain, std::int64_t format, VkExtent2D extent, bool depth);
  core::Result<void> acquire_chain(Chain& chain);
  core::Result<void> release_chain(Chain& chain);
  void destroy_chain(Chain& chain);

  Headset& headset_;
  render::VulkanContext& vk_;
  VkFormat color_format_ = VK_FORMAT_UNDEFINED;
  std::array<Chain, 2> color_{};
  std::array<Chain, 2> depth_{};
  XrCompositionLayerProjection layer_{};
  std::array<XrCompositionLayerProjectionView, 2> projection_views_{};
  std::array<XrCompositionLayerDepthInfoKHR, 2> depth_infos_{};
};

}  // namespace txr::xr
