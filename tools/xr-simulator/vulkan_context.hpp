#pragma once
// Vulkan work the runtime does on the application's device: binding checks, one-shot command
// buffers on the application's queue, memory type choice and the swapchain format list.
#include <functional>
#include <vector>

#include "runtime.hpp"

namespace txr::xrsim {

// Validates the graphics binding and prepares the session's queue and command pool.
XrResult bind_vulkan(Instance& instance, Session& session,
                     const XrGraphicsBindingVulkanKHR& binding);
void release_vulkan(Session& session);

// Records `record` into a one-shot command buffer, submits it on the app's queue and waits.
VkResult run_commands(const Session& session, const std::function<void(VkCommandBuffer)>& record);

// A memory type index with all `flags` among `type_bits`, or UINT32_MAX.
std::uint32_t find_memory_type(VkPhysicalDevice device, std::uint32_t type_bits,
                               VkMemoryPropertyFlags flags);

// Swapchain formats the app's physical device can render to, in order of preference.
std::vector<VkFormat> swapchain_formats(VkPhysicalDevice device);
bool is_depth_format(VkFormat format);
VkImageAspectFlags aspect_of(VkFormat format);

// The physical device the simulator reports for a Vulkan instance (TRADEXR_XRSIM_VK_DEVICE
// picks by name; otherwise the first one).
VkPhysicalDevice choose_physical_device(const Instance& instance, VkInstance vk_instance);

}  // namespace txr::xrsim
