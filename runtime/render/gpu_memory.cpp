#include "render/gpu_memory.hpp"

#include <cstring>

#include "render/vk_check.hpp"

namespace txr::render {

core::Result<GpuBuffer> create_buffer(VulkanContext& ctx, VkDeviceSize size,
                                      VkBufferUsageFlags usage, bool host_visible) {
  GpuBuffer out;
  out.size = size;
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  TXR_VK_TRY(vkCreateBuffer(ctx.device(), &info, nullptr, &out.buffer));
  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx.device(), out.buffer, &req);
  auto type = ctx.find_memory_type(
      req.memoryTypeBits,
      host_visible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                   : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  if (!type) {
    destroy_buffer(ctx.device(), out);
    return std::unexpected(type.error());
  }
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = *type;
  auto bind = [&]() -> core::Result<void> {
    TXR_VK_TRY(vkAllocateMemory(ctx.device(), &alloc, nullptr, &out.memory));
    TXR_VK_TRY(vkBindBufferMemory(ctx.device(), out.buffer, out.memory, 0));
    if (host_visible)
      TXR_VK_TRY(vkMapMemory(ctx.device(), out.memory, 0, VK_WHOLE_SIZE, 0, &out.mapped));
    return {};
  }();
  if (!bind) {
    destroy_buffer(ctx.device(), out);
    return std::unexpected(bind.error());
  }
  return out;
}

void destroy_buffer(VkDevice device, GpuBuffer& b) {
  if (b.buffer != VK_NULL_HANDLE) vkDestroyBuffer(device, b.buffer, nullptr);
  if (b.memory != VK_NULL_HANDLE) vkFreeMemory(device, b.memory, nullptr);  // unmaps too
  b = GpuBuffer{};
}

core::Result<GpuImage> create_image(VulkanContext& ctx, VkExtent2D extent, VkFormat format,
                                    VkImageUsageFlags usage, VkImageAspectFlags aspect,
                                    std::uint32_t layers, std::uint32_t mip_levels) {
  GpuImage out;
  out.format = format;
  out.extent = extent;
  out.layers = layers;
  out.mip_levels = mip_levels;
  VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = mip_levels;
  info.arrayLayers = layers;
  info.samples = VK_SAMPLE_COUNT_1_BIT;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = usage;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  auto result = [&]() -> core::Result<void> {
    TXR_VK_TRY(vkCreateImage(ctx.device(), &info, nullptr, &out.image));
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(ctx.device(), out.image, &req);
    auto type = ctx.find_memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (!type) return std::unexpected(type.error());
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = *type;
    TXR_VK_TRY(vkAllocateMemory(ctx.device(), &alloc, nullptr, &out.memory));
    TXR_VK_TRY(vkBindImageMemory(ctx.device(), out.image, out.memory, 0));
    VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view.image = out.image;
    view.viewType = layers > 1 ? VK_IMAGE_VIEW_TYPE_2D_ARRAY : VK_IMAGE_VIEW_TYPE_2D;
    view.format = format;
    view.subresourceRange = {aspect, 0, mip_levels, 0, layers};
    TXR_VK_TRY(vkCreateImageView(ctx.device(), &view, nullptr, &out.view));
    return {};
  }();
  if (!result) {
    destroy_image(ctx.device(), out);
    return std::unexpected(result.error());
  }
  return out;
}

void destroy_image(VkDevice device, GpuImage& img) {
  if (img.view != VK_NULL_HANDLE) vkDestroyImageView(device, img.view, nullptr);
  if (img.image != VK_NULL_HANDLE) vkDestroyImage(device, img.image, nullptr);
  if (img.memory != VK_NULL_HANDLE) vkFreeMemory(device, img.memory, nullptr);
  img = GpuImage{};
}

core::Result<GpuBuffer> create_device_buffer(VulkanContext& ctx, const void* data,
                                             VkDeviceSize size, VkBufferUsageFlags usage) {
  auto staging = create_buffer(ctx, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  if (!staging) return std::unexpected(staging.error());
  std::memcpy(staging->mapped, data, size);
  auto dst = create_buffer(ctx, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false);
  if (!dst) {
    destroy_buffer(ctx.device(), *staging);
    return std::unexpected(dst.error());
  }
  auto copied = ctx.immediate_submit([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging->buffer, dst->buffer, 1, &region);
  });
  destroy_buffer(ctx.device(), *staging);
  if (!copied) {
    destroy_buffer(ctx.device(), *dst);
    return std::unexpected(copied.error());
  }
  return *dst;
}

void transition_image(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                      VkImageLayout from, VkImageLayout to, std::uint32_t layers) {
  VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_MEMORY_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT;
  barrier.oldLayout = from;
  barrier.newLayout = to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = {aspect, 0, VK_REMAINING_MIP_LEVELS, 0, layers};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                       0, 0, nullptr, 0, nullptr, 1, &barrier);
}

void DeletionQueue::flush_completed(std::uint64_t completed_frame) {
  std::vector<Entry> keep;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->frame <= completed_frame) {
      it->destroy();
    } else {
      keep.insert(keep.begin(), std::move(*it));
    }
  }
  entries_ = std::move(keep);
}

void DeletionQueue::flush_all() {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) it->destroy();
  entries_.clear();
}

}  // namespace txr::render
