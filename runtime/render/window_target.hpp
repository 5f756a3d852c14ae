#pragma once
// WindowTarget: a GLFW window's surface and swapchain; rebuilds itself when the window is
// resized or the swapchain goes out of date.
#include <memory>
#include <vector>

#include "platform/window.hpp"
#include "render/render_target.hpp"
#include "render/vulkan_context.hpp"

namespace txr::render {

class WindowTarget final : public RenderTarget {
 public:
  // The context must have been created with enable_swapchain and the window's instance
  // extensions. vsync=false prefers MAILBOX/IMMEDIATE when available.
  static core::Result<std::unique_ptr<WindowTarget>> create(VulkanContext& ctx,
                                                            platform::Window& window,
                                                            bool vsync = true);
  ~WindowTarget() override;

  VkFormat color_format() const override { return format_; }
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_PRESENT_SRC_KHR; }
  std::uint32_t view_count() const override { return 1; }
  core::Result<TargetFrame> acquire(std::uint32_t frame_slot) override;
  core::Result<void> release(const TargetFrame& frame) override;

  VkExtent2D extent() const { return extent_; }
  std::uint32_t image_count() const { return static_cast<std::uint32_t>(images_.size()); }
  std::uint32_t rebuild_count() const { return rebuilds_; }

 private:
  WindowTarget(VulkanContext& ctx, platform::Window& window) : ctx_(ctx), window_(window) {}
  core::Result<void> build_swapchain();
  void destroy_views();

  VulkanContext& ctx_;
  platform::Window& window_;
  bool vsync_ = true;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkExtent2D extent_{0, 0};
  std::vector<VkImage> images_;
  std::vector<VkImageView> views_;
  std::vector<VkSemaphore> render_done_;  // one per swapchain image
  std::vector<VkSemaphore> acquired_;     // one per frame slot
  std::uint32_t image_index_ = 0;
  std::uint32_t rebuilds_ = 0;
  bool needs_rebuild_ = false;
};

}  // namespace txr::render
