// Swapchains: images created on the application's VkDevice, acquire/wait/release order rules.
#include <algorithm>

#include "api.hpp"
#include "enumerate.hpp"
#include "vulkan_context.hpp"

namespace txr::xrsim {
namespace {

constexpr std::uint32_t k_image_count = 3;

VkImageUsageFlags to_vk_usage(XrSwapchainUsageFlags usage) {
  VkImageUsageFlags out = 0;
  if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) out |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) {
    out |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
  }
  if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) out |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) out |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) out |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) out |= VK_IMAGE_USAGE_SAMPLED_BIT;
  return out;
}

}  // namespace

void destroy_swapchain_object(Swapchain& swapchain) {
  Session* session = lookup<Session>(swapchain.session_id, ObjectType::session);
  if (session != nullptr && session->vk_device != VK_NULL_HANDLE) {
    // The app's last frame may still read or write these images.
    vkQueueWaitIdle(session->vk_queue);
    for (VkImage image : swapchain.images) vkDestroyImage(session->vk_device, image, nullptr);
    for (VkDeviceMemory mem : swapchain.memory) vkFreeMemory(session->vk_device, mem, nullptr);
    std::erase(session->swapchains, swapchain.id);
  }
  unregister_object(swapchain.id);
}

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateSwapchainFormats(XrSession session,
                                                           uint32_t formatCapacityInput,
                                                           uint32_t* formatCountOutput,
                                                           int64_t* formats) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  const auto list = swapchain_formats(s->vk_physical_device);
  return enumerate(formatCapacityInput, formatCountOutput, formats, list.size(),
                   [&](std::size_t i, int64_t& out) {
                     out = static_cast<int64_t>(list[i]);
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateSwapchain(XrSession session,
                                                 const XrSwapchainCreateInfo* createInfo,
                                                 XrSwapchain* swapchain) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || swapchain == nullptr ||
      createInfo->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->loss_pending) return XR_ERROR_SESSION_LOST;
  if (createInfo->createFlags & XR_SWAPCHAIN_CREATE_PROTECTED_CONTENT_BIT) {
    return XR_ERROR_FEATURE_UNSUPPORTED;
  }
  const auto formats = swapchain_formats(s->vk_physical_device);
  const auto format = static_cast<VkFormat>(createInfo->format);
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
  }
  if (createInfo->width == 0 || createInfo->height == 0 || createInfo->width > 8192 ||
      createInfo->height > 8192 || createInfo->arraySize == 0 || createInfo->mipCount == 0 ||
      (createInfo->faceCount != 1 && createInfo->faceCount != 6)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (createInfo->sampleCount != 1) return XR_ERROR_FEATURE_UNSUPPORTED;
  const bool depth = is_depth_format(format);
  VkImageUsageFlags usage = to_vk_usage(createInfo->usageFlags);
  if (!depth) usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;  // frame capture copies from it
  VkImageCreateFlags flags = 0;
  if (createInfo->usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) {
    flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
  }
  if (createInfo->faceCount == 6) flags |= VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT;
  VkImageFormatProperties limits{};
  if (vkGetPhysicalDeviceImageFormatProperties(s->vk_physical_device, format, VK_IMAGE_TYPE_2D,
                                               VK_IMAGE_TILING_OPTIMAL, usage, flags,
                                               &limits) != VK_SUCCESS ||
      limits.maxArrayLayers < createInfo->arraySize * createInfo->faceCount ||
      limits.maxMipLevels < createInfo->mipCount) {
    return XR_ERROR_FEATURE_UNSUPPORTED;
  }

  auto sc = std::make_shared<Swapchain>();
  sc->instance_id = s->instance_id;
  sc->session_id = s->id;
  sc->create_flags = createInfo->createFlags;
  sc->usage = createInfo->usageFlags;
  sc->format = format;
  sc->width = createInfo->width;
  sc->height = createInfo->height;
  sc->array_size = createInfo->arraySize;
  sc->face_count = createInfo->faceCount;
  sc->mip_count = createInfo->mipCount;
  if (usage & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT) {
    sc->layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  } else if (usage & VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) {
    sc->layout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  }
  const std::uint32_t count =
      (createInfo->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) ? 1 : k_image_count;
  auto fail = [&](XrResult r) {
    for (VkImage image : sc->images) vkDestroyImage(s->vk_device, image, nullptr);
    for (VkDeviceMemory mem : sc->memory) vkFreeMemory(s->vk_device, mem, nullptr);
    return r;
  };
  for (std::uint32_t i = 0; i < count; ++i) {
    VkImageCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
    info.flags = flags;
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = format;
    info.extent = {createInfo->width, createInfo->height, 1};
    info.mipLevels = createInfo->mipCount;
    info.arrayLayers = createInfo->arraySize * createInfo->faceCount;
    info.samples = VK_SAMPLE_COUNT_1_BIT;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage image = VK_NULL_HANDLE;
    if (vkCreateImage(s->vk_device, &info, nullptr, &image) != VK_SUCCESS) {
      return fail(XR_ERROR_RUNTIME_FAILURE);
    }
    sc->images.push_back(image);
    VkMemoryRequirements req{};
    vkGetImageMemoryRequirements(s->vk_device, image, &req);
    VkMemoryAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = find_memory_type(s->vk_physical_device, req.memoryTypeBits,
                                             VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (alloc.memoryTypeIndex == UINT32_MAX) {
      alloc.memoryTypeIndex = find_memory_type(s->vk_physical_device, req.memoryTypeBits, 0);
    }
    VkDeviceMemory memory = VK_NULL_HANDLE;
    if (vkAllocateMemory(s->vk_device, &alloc, nullptr, &memory) != VK_SUCCESS) {
      return fail(XR_ERROR_OUT_OF_MEMORY);
    }
    sc->memory.push_back(memory);
    if (vkBindImageMemory(s->vk_device, image, memory, 0) != VK_SUCCESS) {
      return fail(XR_ERROR_RUNTIME_FAILURE);
    }
  }
  // Spec (XR_KHR_vulkan_enable): an acquired image is in the attachment layout, owned by the
  // app's queue. Put every image there once; the app returns them in the same layout.
  const VkResult vr = run_commands(*s, [&](VkCommandBuffer cmd) {
    std::vector<VkImageMemoryBarrier> barriers;
    for (VkImage image : sc->images) {
      VkImageMemoryBarrier b{};
      b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      b.srcAccessMask = 0;
      b.dstAccessMask = 0;
      b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
      b.newLayout = sc->layout;
      b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = image;
      b.subresourceRange = {aspect_of(format), 0, VK_REMAINING_MIP_LEVELS, 0,
                            VK_REMAINING_ARRAY_LAYERS};
      barriers.push_back(b);
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                         VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, 0, 0, nullptr, 0, nullptr,
                         static_cast<std::uint32_t>(barriers.size()), barriers.data());
  });
  if (vr != VK_SUCCESS) return fail(XR_ERROR_RUNTIME_FAILURE);
  const std::uint64_t id = register_object(sc);
  s->swapchains.push_back(id);
  *swapchain = handle_of<XrSwapchain>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroySwapchain(XrSwapchain swapchain) {
  std::lock_guard lock(api_mutex());
  Swapchain* sc = get_swapchain(swapchain);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_swapchain_object(*sc);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateSwapchainImages(XrSwapchain swapchain,
                                                          uint32_t imageCapacityInput,
                                                          uint32_t* imageCountOutput,
                                                          XrSwapchainImageBaseHeader* images) {
  std::lock_guard lock(api_mutex());
  const Swapchain* sc = get_swapchain(swapchain);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  auto* vk_images = reinterpret_cast<XrSwapchainImageVulkanKHR*>(images);
  return enumerate(imageCapacityInput, imageCountOutput, vk_images, sc->images.size(),
                   [&](std::size_t i, XrSwapchainImageVulkanKHR& out) {
                     if (out.type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR) return false;
                     out.image = sc->images[i];
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrAcquireSwapchainImage(
    XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* acquireInfo, uint32_t* index) {
  std::lock_guard lock(api_mutex());
  Swapchain* sc = get_swapchain(swapchain);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (index == nullptr ||
      (acquireInfo != nullptr && acquireInfo->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (sc->acquired.size() >= sc->images.size() || sc->static_done) {
    return XR_ERROR_CALL_ORDER_INVALID;
  }
  *index = sc->next_index;
  sc->acquired.push_back(sc->next_index);
  sc->next_index = (sc->next_index + 1) % static_cast<std::uint32_t>(sc->images.size());
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrWaitSwapchainImage(XrSwapchain swapchain,
                                                    const XrSwapchainImageWaitInfo* waitInfo) {
  std::lock_guard lock(api_mutex());
  Swapchain* sc = get_swapchain(swapchain);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (waitInfo == nullptr || waitInfo->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (sc->waited >= sc->acquired.size()) return XR_ERROR_CALL_ORDER_INVALID;
  // The simulated compositor never holds images: the wait completes at once.
  ++sc->waited;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL
xrReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* releaseInfo) {
  std::lock_guard lock(api_mutex());
  Swapchain* sc = get_swapchain(swapchain);
  if (sc == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (releaseInfo != nullptr && releaseInfo->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (sc->waited == 0) return XR_ERROR_CALL_ORDER_INVALID;
  sc->last_released = static_cast<int>(sc->acquired.front());
  sc->acquired.pop_front();
  --sc->waited;
  if (sc->create_flags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) sc->static_done = true;
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
