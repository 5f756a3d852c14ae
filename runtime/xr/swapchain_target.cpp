#include "xr/swapchain_target.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "render/vk_check.hpp"

namespace txr::xr {
namespace {

bool offered(const std::vector<std::int64_t>& formats, VkFormat f) {
  return std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(f)) != formats.end();
}

}  // namespace

core::Result<std::unique_ptr<SwapchainTarget>> SwapchainTarget::create(Headset& headset,
                                                                       render::VulkanContext& vk,
                                                                       VkFormat depth_format) {
  std::unique_ptr<SwapchainTarget> t(new SwapchainTarget(headset, vk));
  const auto formats = headset.swapchain_formats();
  if (formats.empty()) return core::fail("the OpenXR runtime offers no swapchain format");
  // The renderer writes linear colour into an sRGB attachment (the hardware encodes).
  for (VkFormat f : {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB}) {
    if (offered(formats, f)) {
      t->color_format_ = f;
      break;
    }
  }
  if (t->color_format_ == VK_FORMAT_UNDEFINED) {
    return core::fail("the OpenXR runtime offers no 8-bit sRGB swapchain format");
  }
  const auto& config = headset.view_configuration();
  for (std::size_t eye = 0; eye < 2; ++eye) {
    const VkExtent2D extent{config[eye].recommendedImageRectWidth,
                            config[eye].recommendedImageRectHeight};
    if (auto ok = t->create_chain(t->color_[eye], t->color_format_, extent, false); !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (headset.depth_layer_enabled() && depth_format != VK_FORMAT_UNDEFINED &&
      offered(formats, depth_format)) {
    for (std::size_t eye = 0; eye < 2; ++eye) {
      if (auto ok = t->create_chain(t->depth_[eye], depth_format, t->color_[eye].extent, true);
          !ok) {
        return std::unexpected(ok.error());
      }
    }
  }
  return t;
}

core::Result<void> SwapchainTarget::create_chain(Chain& chain, std::int64_t format,
                                                 VkExtent2D extent, bool depth) {
  auto info = make<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.usageFlags =
      depth ? XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT
            : (XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT);
  info.format = format;
  info.sampleCount = 1;
  info.width = extent.width;
  info.height = extent.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  TXR_XR_TRY(xrCreateSwapchain(headset_.session(), &info, &chain.handle));
  chain.extent = extent;
  std::uint32_t count = 0;
  TXR_XR_TRY(xrEnumerateSwapchainImages(chain.handle, 0, &count, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(
      count, make<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  TXR_XR_TRY(xrEnumerateSwapchainImages(
      chain.handle, count, &count, reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  for (const auto& image : images) {
    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image.image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = static_cast<VkFormat>(format);
    view.subresourceRange = {static_cast<VkImageAspectFlags>(depth ? VK_IMAGE_ASPECT_DEPTH_BIT
                                                                   : VK_IMAGE_ASPECT_COLOR_BIT),
                             0, 1, 0, 1};
    VkImageView handle = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateImageView(vk_.device(), &view, nullptr, &handle));
    chain.images.push_back(image.image);
    chain.views.push_back(handle);
  }
  return {};
}

void SwapchainTarget::destroy_chain(Chain& chain) {
  for (VkImageView v : chain.views) vkDestroyImageView(vk_.device(), v, nullptr);
  chain.views.clear();
  chain.images.clear();
  if (chain.handle != XR_NULL_HANDLE) xrDestroySwapchain(chain.handle);
  chain.handle = XR_NULL_HANDLE;
}

SwapchainTarget::~SwapchainTarget() {
  vkDeviceWaitIdle(vk_.device());  // the views may still be in use by the last frame
  for (auto& c : color_) destroy_chain(c);
  for (auto& c : depth_) destroy_chain(c);
}

core::Result<void> SwapchainTarget::acquire_chain(Chain& chain) {
  TXR_XR_TRY(xrAcquireSwapchainImage(chain.handle, nullptr, &chain.index));
  chain.acquired = true;
  auto wait = make<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wait.timeout = XR_INFINITE_DURATION;
  TXR_XR_TRY(xrWaitSwapchainImage(chain.handle, &wait));
  return {};
}

core::Result<void> SwapchainTarget::release_chain(Chain& chain) {
  if (!chain.acquired) return {};
  chain.acquired = false;
  auto info = make<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
  TXR_XR_TRY(xrReleaseSwapchainImage(chain.handle, &info));
  return {};
}

core::Result<render::TargetFrame> SwapchainTarget::acquire(std::uint32_t) {
  render::TargetFrame frame;
  for (std::size_t eye = 0; eye < 2; ++eye) {
    if (auto ok = acquire_chain(color_[eye]); !ok) return std::unexpected(ok.error());
    render::TargetView view;
    view.image = color_[eye].images[color_[eye].index];
    view.view = color_[eye].views[color_[eye].index];
    view.extent = color_[eye].extent;
    if (has_depth()) {
      if (auto ok = acquire_chain(depth_[eye]); !ok) return std::unexpected(ok.error());
      view.depth_view = depth_[eye].views[depth_[eye].index];
    }
    frame.views.push_back(view);
  }
  return frame;
}

core::Result<void> SwapchainTarget::release(const render::TargetFrame&) {
  for (std::size_t eye = 0; eye < 2; ++eye) {
    if (auto ok = release_chain(color_[eye]); !ok) return ok;
    if (auto ok = release_chain(depth_[eye]); !ok) return ok;
  }
  return {};
}

const XrCompositionLayerBaseHeader* SwapchainTarget::projection_layer(
    const std::array<XrView, 2>& views, XrSpace space, float near_m, float far_m) {
  for (std::size_t eye = 0; eye < 2; ++eye) {
    XrCompositionLayerProjectionView& pv = projection_views_[eye];
    pv = make<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    pv.pose = views[eye].pose;
    pv.fov = views[eye].fov;
    pv.subImage.swapchain = color_[eye].handle;
    pv.subImage.imageRect = {{0, 0},
                             {static_cast<std::int32_t>(color_[eye].extent.width),
                              static_cast<std::int32_t>(color_[eye].extent.height)}};
    if (has_depth()) {
      XrCompositionLayerDepthInfoKHR& d = depth_infos_[eye];
      d = make<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
      d.subImage.swapchain = depth_[eye].handle;
      d.subImage.imageRect = pv.subImage.imageRect;
      d.minDepth = 0.0f;  // the renderer maps near to 0 and far to 1 (camera.hpp)
      d.maxDepth = 1.0f;
      d.nearZ = near_m;
      d.farZ = far_m;
      pv.next = &d;
    }
  }
  layer_ = make<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  layer_.space = space;
  layer_.viewCount = 2;
  layer_.views = projection_views_.data();
  return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer_);
}

}  // namespace txr::xr
