#include "render/window_target.hpp"

#include <vulkan/vulkan.h>

// GLFW declares glfwCreateWindowSurface only after the Vulkan header.
#include <GLFW/glfw3.h>

#include <algorithm>

#include "core/log.hpp"
#include "render/vk_check.hpp"

namespace txr::render {
namespace {
constexpr std::uint32_t k_max_frame_slots = 4;
}

core::Result<std::unique_ptr<WindowTarget>> WindowTarget::create(VulkanContext& ctx,
                                                                 platform::Window& window,
                                                                 bool vsync) {
  if (!ctx.swapchain_enabled()) {
    return core::fail("the Vulkan context was created without swapchain support");
  }
  std::unique_ptr<WindowTarget> t(new WindowTarget(ctx, window));
  t->vsync_ = vsync;
  TXR_VK_TRY(
      glfwCreateWindowSurface(ctx.instance(), window.native_handle(), nullptr, &t->surface_));
  VkBool32 supported = VK_FALSE;
  TXR_VK_TRY(vkGetPhysicalDeviceSurfaceSupportKHR(
      ctx.physical_device(), ctx.graphics_queue_family(), t->surface_, &supported));
  if (supported != VK_TRUE) {
    return core::fail("the chosen Vulkan device " + ctx.device_info().name +
                      " cannot present to this window");
  }
  VkSemaphoreCreateInfo sem{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  t->acquired_.resize(k_max_frame_slots);
  for (auto& s : t->acquired_) TXR_VK_TRY(vkCreateSemaphore(ctx.device(), &sem, nullptr, &s));
  if (auto ok = t->build_swapchain(); !ok) return std::unexpected(ok.error());
  return t;
}

WindowTarget::~WindowTarget() {
  VkDevice dev = ctx_.device();
  vkDeviceWaitIdle(dev);
  destroy_views();
  for (VkSemaphore s : acquired_) vkDestroySemaphore(dev, s, nullptr);
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(dev, swapchain_, nullptr);
  if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(ctx_.instance(), surface_, nullptr);
}

void WindowTarget::destroy_views() {
  for (VkImageView v : views_) vkDestroyImageView(ctx_.device(), v, nullptr);
  for (VkSemaphore s : render_done_) vkDestroySemaphore(ctx_.device(), s, nullptr);
  views_.clear();
  render_done_.clear();
}

core::Result<void> WindowTarget::build_swapchain() {
  VkPhysicalDevice gpu = ctx_.physical_device();
  VkDevice dev = ctx_.device();
  VkSurfaceCapabilitiesKHR caps;
  TXR_VK_TRY(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu, surface_, &caps));
  std::uint32_t n = 0;
  TXR_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &n, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(n);
  TXR_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface_, &n, formats.data()));
  if (formats.empty()) return core::fail("the window surface offers no formats");
  // sRGB output: the shaders write linear colour and the hardware encodes.
  VkSurfaceFormatKHR chosen = formats[0];
  for (const auto& f : formats) {
    if ((f.format == VK_FORMAT_B8G8R8A8_SRGB || f.format == VK_FORMAT_R8G8B8A8_SRGB) &&
        f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) {
      chosen = f;
      break;
    }
  }
  if (chosen.format != VK_FORMAT_B8G8R8A8_SRGB && chosen.format != VK_FORMAT_R8G8B8A8_SRGB) {
    core::log_warn("render", "the window offers no sRGB swapchain format; colours will look dark");
  }
  TXR_VK_TRY(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface_, &n, nullptr));
  std::vector<VkPresentModeKHR> modes(n);
  TXR_VK_TRY(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface_, &n, modes.data()));
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR;  // always available
  if (!vsync_) {
    for (VkPresentModeKHR m : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR}) {
      if (std::find(modes.begin(), modes.end(), m) != modes.end()) {
        mode = m;
        break;
      }
    }
  }
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {
    extent = {std::clamp(window_.framebuffer_width(), caps.minImageExtent.width,
                         caps.maxImageExtent.width),
              std::clamp(window_.framebuffer_height(), caps.minImageExtent.height,
                         caps.maxImageExtent.height)};
  }
  extent_ = extent;
  if (extent.width == 0 || extent.height == 0) return {};  // minimised: try again later
  std::uint32_t count = std::max(caps.minImageCount + 1, 2u);
  if (caps.maxImageCount > 0) count = std::min(count, caps.maxImageCount);

  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = surface_;
  info.minImageCount = count;
  info.imageFormat = chosen.format;
  info.imageColorSpace = chosen.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if ((caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT) != 0) {
    info.imageUsage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // screenshots
  }
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  if ((caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR) == 0) {
    info.compositeAlpha = VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  }
  info.presentMode = mode;
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_;
  VkSwapchainKHR fresh = VK_NULL_HANDLE;
  TXR_VK_TRY(vkCreateSwapchainKHR(dev, &info, nullptr, &fresh));
  destroy_views();
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(dev, swapchain_, nullptr);
  swapchain_ = fresh;
  format_ = chosen.format;
  TXR_VK_TRY(vkGetSwapchainImagesKHR(dev, swapchain_, &n, nullptr));
  images_.resize(n);
  TXR_VK_TRY(vkGetSwapchainImagesKHR(dev, swapchain_, &n, images_.data()));
  VkSemaphoreCreateInfo sem{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  for (VkImage image : images_) {
    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = format_;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView v = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateImageView(dev, &view, nullptr, &v));
    views_.push_back(v);
    VkSemaphore s = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateSemaphore(dev, &sem, nullptr, &s));
    render_done_.push_back(s);
  }
  needs_rebuild_ = false;
  return {};
}

core::Result<TargetFrame> WindowTarget::acquire(std::uint32_t frame_slot) {
  TargetFrame frame;
  if (window_.consume_resized()) needs_rebuild_ = true;
  if (needs_rebuild_ || views_.empty()) {
    vkDeviceWaitIdle(ctx_.device());  // nothing in flight may use the old images
    if (auto ok = build_swapchain(); !ok) return std::unexpected(ok.error());
    ++rebuilds_;
    if (views_.empty()) {  // minimised
      frame.skip = true;
      return frame;
    }
  }
  VkSemaphore acquired = acquired_[frame_slot % k_max_frame_slots];
  const VkResult r = vkAcquireNextImageKHR(ctx_.device(), swapchain_, UINT64_MAX, acquired,
                                           VK_NULL_HANDLE, &image_index_);
  if (r == VK_ERROR_OUT_OF_DATE_KHR) {
    needs_rebuild_ = true;
    frame.skip = true;
    return frame;
  }
  if (r == VK_SUBOPTIMAL_KHR) {
    needs_rebuild_ = true;  // still usable: render this one, rebuild next frame
  } else if (r != VK_SUCCESS) {
    return std::unexpected(vk_error("vkAcquireNextImageKHR", r));
  }
  frame.views.push_back({images_[image_index_], views_[image_index_], 0, extent_});
  frame.wait_semaphore = acquired;
  frame.signal_semaphore = render_done_[image_index_];
  return frame;
}

core::Result<void> WindowTarget::release(const TargetFrame& frame) {
  VkPresentInfoKHR present{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  present.waitSemaphoreCount = 1;
  present.pWaitSemaphores = &frame.signal_semaphore;
  present.swapchainCount = 1;
  present.pSwapchains = &swapchain_;
  present.pImageIndices = &image_index_;
  const VkResult r = vkQueuePresentKHR(ctx_.graphics_queue(), &present);
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) {
    needs_rebuild_ = true;
    return {};
  }
  if (r != VK_SUCCESS) return std::unexpected(vk_error("vkQueuePresentKHR", r));
  return {};
}

}  // namespace txr::render
