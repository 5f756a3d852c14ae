#include "render/offscreen_target.hpp"

#include "render/vk_check.hpp"

namespace txr::render {

core::Result<std::unique_ptr<OffscreenTarget>> OffscreenTarget::create(VulkanContext& ctx,
                                                                       VkExtent2D extent,
                                                                       std::uint32_t layers,
                                                                       VkFormat format) {
  if (extent.width == 0 || extent.height == 0 || extent.width > 16384 || extent.height > 16384) {
    return core::fail("offscreen size must be between 1x1 and 16384x16384, got " +
                      std::to_string(extent.width) + "x" + std::to_string(extent.height));
  }
  std::unique_ptr<OffscreenTarget> t(new OffscreenTarget(ctx));
  auto image = create_image(ctx, extent, format,
                            VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                            VK_IMAGE_ASPECT_COLOR_BIT, layers);
  if (!image) return std::unexpected(image.error());
  t->image_ = *image;
  for (std::uint32_t layer = 0; layer < layers; ++layer) {
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.image = t->image_.image;
    info.viewType = VK_IMAGE_VIEW_TYPE_2D;
    info.format = format;
    info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
    VkImageView view = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateImageView(ctx.device(), &info, nullptr, &view));
    t->layer_views_.push_back(view);
  }
  return t;
}

OffscreenTarget::~OffscreenTarget() {
  vkDeviceWaitIdle(ctx_.device());  // a frame in flight may still write the image
  for (VkImageView v : layer_views_) vkDestroyImageView(ctx_.device(), v, nullptr);
  destroy_image(ctx_.device(), image_);
}

core::Result<TargetFrame> OffscreenTarget::acquire(std::uint32_t) {
  TargetFrame frame;
  for (std::uint32_t layer = 0; layer < image_.layers; ++layer) {
    frame.views.push_back({image_.image, layer_views_[layer], layer, image_.extent});
  }
  return frame;
}

}  // namespace txr::render
