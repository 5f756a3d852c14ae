#pragma once
// Buffers and images with their own memory allocations (scenes here are small; no VMA in
// Debian 12), plus staging uploads.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "core/result.hpp"
#include "render/vulkan_context.hpp"

namespace txr::render {

struct GpuBuffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // host-visible buffers stay mapped
};

struct GpuImage {
  VkImage image = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // 2D (or 2D array when layers > 1) over all layers
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
  std::uint32_t layers = 1;
  std::uint32_t mip_levels = 1;
};

core::Result<GpuBuffer> create_buffer(VulkanContext& ctx, VkDeviceSize size,
                                      VkBufferUsageFlags usage, bool host_visible);
void destroy_buffer(VkDevice device, GpuBuffer& buffer);

core::Result<GpuImage> create_image(VulkanContext& ctx, VkExtent2D extent, VkFormat format,
                                    VkImageUsageFlags usage, VkImageAspectFlags aspect,
                                    std::uint32_t layers = 1, std::uint32_t mip_levels = 1);
void destroy_image(VkDevice device, GpuImage& image);

// Device-local buffer filled through a staging buffer (waits for the copy).
core::Result<GpuBuffer> create_device_buffer(VulkanContext& ctx, const void* data,
                                             VkDeviceSize size, VkBufferUsageFlags usage);

// Records a layout transition of all layers/levels with conservative stage masks.
void transition_image(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                      VkImageLayout from, VkImageLayout to, std::uint32_t layers = 1);

// Frame-tagged deferred destruction: an object retired in frame N is destroyed once frame N's
// fence has been waited (flush with the newest completed frame number).
class DeletionQueue {
 public:
  void push(std::uint64_t frame, std::function<void()> destroy) {
    entries_.push_back({frame, std::move(destroy)});
  }
  void flush_completed(std::uint64_t completed_frame);
  void flush_all();
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t frame;
    std::function<void()> destroy;
  };
  std::vector<Entry> entries_;
};

}  // namespace txr::render
