#include "capture.hpp"

#include <stb/stb_image_write.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "vulkan_context.hpp"

namespace txr::xrsim {
namespace {

bool is_bgra(VkFormat f) { return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM; }
bool is_rgba(VkFormat f) { return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_R8G8B8A8_UNORM; }

// Host-visible staging buffer owned for the duration of one copy.
struct Staging {
  VkDevice device = VK_NULL_HANDLE;
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  ~Staging() {
    if (buffer != VK_NULL_HANDLE) vkDestroyBuffer(device, buffer, nullptr);
    if (memory != VK_NULL_HANDLE) vkFreeMemory(device, memory, nullptr);
  }
};

bool read_region(const Session& s, const Swapchain& sc, const XrSwapchainSubImage& sub,
                 std::vector<unsigned char>& pixels) {
  const auto w = static_cast<std::uint32_t>(sub.imageRect.extent.width);
  const auto h = static_cast<std::uint32_t>(sub.imageRect.extent.height);
  const VkDeviceSize size = VkDeviceSize{w} * h * 4;
  Staging staging;
  staging.device = s.vk_device;
  VkBufferCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  info.size = size;
  info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  if (vkCreateBuffer(s.vk_device, &info, nullptr, &staging.buffer) != VK_SUCCESS) return false;
  VkMemoryRequirements req{};
  vkGetBufferMemoryRequirements(s.vk_device, staging.buffer, &req);
  VkMemoryAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex =
      find_memory_type(s.vk_physical_device, req.memoryTypeBits,
                       VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
  if (alloc.memoryTypeIndex == UINT32_MAX ||
      vkAllocateMemory(s.vk_device, &alloc, nullptr, &staging.memory) != VK_SUCCESS ||
      vkBindBufferMemory(s.vk_device, staging.buffer, staging.memory, 0) != VK_SUCCESS) {
    return false;
  }
  const VkImage image = sc.images[static_cast<std::size_t>(sc.last_released)];
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, sub.imageArrayIndex, 1};
  const VkResult r = run_commands(s, [&](VkCommandBuffer cmd) {
    VkImageMemoryBarrier to_src{};
    to_src.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    to_src.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                           VK_ACCESS_TRANSFER_WRITE_BIT;
    to_src.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    to_src.oldLayout = sc.layout;
    to_src.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    to_src.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_src.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_src.image = image;
    to_src.subresourceRange = range;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0,
                         0, nullptr, 0, nullptr, 1, &to_src);
    VkBufferImageCopy copy{};
    copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, sub.imageArrayIndex, 1};
    copy.imageOffset = {sub.imageRect.offset.x, sub.imageRect.offset.y, 0};
    copy.imageExtent = {w, h, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, staging.buffer, 1,
                           &copy);
    VkImageMemoryBarrier back = to_src;
    back.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    back.dstAccessMask = 0;
    back.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    back.newLayout = sc.layout;
    VkBufferMemoryBarrier to_host{};
    to_host.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
    to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    to_host.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.buffer = staging.buffer;
    to_host.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                         nullptr, 1, &to_host, 1, &back);
  });
  if (r != VK_SUCCESS) return false;
  void* mapped = nullptr;
  if (vkMapMemory(s.vk_device, staging.memory, 0, size, 0, &mapped) != VK_SUCCESS) return false;
  pixels.resize(static_cast<std::size_t>(size));
  std::memcpy(pixels.data(), mapped, pixels.size());
  vkUnmapMemory(s.vk_device, staging.memory);
  if (is_bgra(sc.format)) {
    for (std::size_t i = 0; i < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  }
  return true;
}

// Copies one sub-image and writes it as <capture dir>/<name>.
void write_sub_image(Session& session, const XrSwapchainSubImage& sub, const char* name) {
  Instance& inst = owner(session);
  const Swapchain* sc = get_swapchain(sub.swapchain);
  if (sc == nullptr) return;
  if (!is_rgba(sc->format) && !is_bgra(sc->format)) {
    report(inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT, "xrEndFrame",
           "frame capture supports 8-bit RGBA/BGRA swapchains only; skipped");
    return;
  }
  std::vector<unsigned char> pixels;
  if (!read_region(session, *sc, sub, pixels)) {
    report(inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT, "xrEndFrame",
           "frame capture: copying the swapchain image failed");
    return;
  }
  const std::string path = (std::filesystem::path(inst.config.capture_dir) / name).string();
  const int w = sub.imageRect.extent.width;
  const int h = sub.imageRect.extent.height;
  if (stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4) == 0) {
    report(inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT, "xrEndFrame",
           "frame capture: cannot write " + path);
    return;
  }
  inst.log.captures.emplace_back(name);
}

}  // namespace

void capture_projection(Session& session, const XrCompositionLayerProjection& layer,
                        std::uint64_t frame, std::uint32_t layer_index) {
  Instance& inst = owner(session);
  std::error_code ec;
  std::filesystem::create_directories(inst.config.capture_dir, ec);
  for (std::uint32_t v = 0; v < layer.viewCount; ++v) {
    char name[64];
    if (layer_index == 0) {
      std::snprintf(name, sizeof(name), "frame_%06llu_eye%u.png",
                    static_cast<unsigned long long>(frame), v);
    } else {
      std::snprintf(name, sizeof(name), "frame_%06llu_layer%u_eye%u.png",
                    static_cast<unsigned long long>(frame), layer_index, v);
    }
    write_sub_image(session, layer.views[v].subImage, name);
  }
}

void capture_quad(Session& session, const XrCompositionLayerQuad& layer, std::uint64_t frame,
                  std::uint32_t layer_index) {
  std::error_code ec;
  std::filesystem::create_directories(owner(session).config.capture_dir, ec);
  char name[64];
  std::snprintf(name, sizeof(name), "frame_%06llu_layer%u_quad.png",
                static_cast<unsigned long long>(frame), layer_index);
  write_sub_image(session, layer.subImage, name);
}

}  // namespace txr::xrsim
