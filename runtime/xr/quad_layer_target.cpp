#include "xr/quad_layer_target.hpp"

#include <algorithm>

#include "render/vk_check.hpp"

namespace txr::xr {

core::Result<std::unique_ptr<QuadLayerTarget>> QuadLayerTarget::create(Headset& headset,
                                                                       render::VulkanContext& vk,
                                                                       VkFormat color_format,
                                                                       VkExtent2D extent) {
  const auto formats = headset.swapchain_formats();
  if (std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(color_format)) ==
      formats.end()) {
    return core::fail("the OpenXR runtime offers no swapchain in the HUD's colour format");
  }
  if (extent.width == 0 || extent.height == 0) return core::fail("the HUD texture has no size");
  std::unique_ptr<QuadLayerTarget> t(new QuadLayerTarget(headset, vk));
  t->format_ = color_format;
  t->extent_ = extent;
  auto info = make<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  info.format = color_format;
  info.sampleCount = 1;
  info.width = extent.width;
  info.height = extent.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  TXR_XR_TRY(xrCreateSwapchain(headset.session(), &info, &t->swapchain_));
  std::uint32_t count = 0;
  TXR_XR_TRY(xrEnumerateSwapchainImages(t->swapchain_, 0, &count, nullptr));
  std::vector<XrSwapchainImageVulkan2KHR> images(
      count, make<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  TXR_XR_TRY(xrEnumerateSwapchainImages(
      t->swapchain_, count, &count, reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
  for (const auto& image : images) {
    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = image.image;
    view.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view.format = color_format;
    view.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView handle = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateImageView(vk.device(), &view, nullptr, &handle));
    t->images_.push_back(image.image);
    t->views_.push_back(handle);
  }
  return t;
}

QuadLayerTarget::~QuadLayerTarget() {
  vkDeviceWaitIdle(vk_.device());  // the views may still be in use by the last frame
  for (VkImageView v : views_) vkDestroyImageView(vk_.device(), v, nullptr);
  if (swapchain_ != XR_NULL_HANDLE) xrDestroySwapchain(swapchain_);
}

core::Result<render::TargetFrame> QuadLayerTarget::acquire(std::uint32_t) {
  TXR_XR_TRY(xrAcquireSwapchainImage(swapchain_, nullptr, &index_));
  acquired_ = true;
  auto wait = make<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wait.timeout = XR_INFINITE_DURATION;
  TXR_XR_TRY(xrWaitSwapchainImage(swapchain_, &wait));
  render::TargetFrame frame;
  render::TargetView view;
  view.image = images_[index_];
  view.view = views_[index_];
  view.extent = extent_;
  frame.views.push_back(view);
  return frame;
}

core::Result<void> QuadLayerTarget::release(const render::TargetFrame&) {
  if (!acquired_) return {};
  acquired_ = false;
  auto info = make<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
  TXR_XR_TRY(xrReleaseSwapchainImage(swapchain_, &info));
  released_once_ = true;
  return {};
}

const XrCompositionLayerBaseHeader* QuadLayerTarget::layer(XrSpace space,
                                                           const core::Pose& T_space_quad,
                                                           float width_m, float height_m) {
  layer_ = make<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
  layer_.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
  layer_.space = space;
  layer_.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  layer_.subImage.swapchain = swapchain_;
  layer_.subImage.imageRect = {
      {0, 0},
      {static_cast<std::int32_t>(extent_.width), static_cast<std::int32_t>(extent_.height)}};
  const auto& p = T_space_quad.position_m;
  const auto& q = T_space_quad.orientation;
  layer_.pose.position = {p[0], p[1], p[2]};
  layer_.pose.orientation = {q[0], q[1], q[2], q[3]};
  layer_.size = {width_m, height_m};
  return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer_);
}

}  // namespace txr::xr
