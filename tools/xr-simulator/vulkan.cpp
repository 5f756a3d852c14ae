// XR_KHR_vulkan_enable2 / XR_KHR_vulkan_enable and the runtime's Vulkan helpers.
#include <cstring>
#include <string>

#include "api.hpp"
#include "enumerate.hpp"
#include "vulkan_context.hpp"

namespace txr::xrsim {
namespace {

constexpr XrSystemId k_system_id = 1;
constexpr std::uint64_t k_fence_timeout_ns = 10'000'000'000;  // a lost device, not a slow one

XrResult fill_requirements(Instance& inst, XrSystemId systemId,
                           XrGraphicsRequirementsVulkanKHR* requirements) {
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (requirements == nullptr || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN_KHR) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
  requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  inst.graphics_requirements_queried = true;
  return XR_SUCCESS;
}

}  // namespace

VkPhysicalDevice choose_physical_device(const Instance& instance, VkInstance vk_instance) {
  std::uint32_t count = 0;
  if (vkEnumeratePhysicalDevices(vk_instance, &count, nullptr) != VK_SUCCESS || count == 0) {
    return VK_NULL_HANDLE;
  }
  std::vector<VkPhysicalDevice> devices(count);
  if (vkEnumeratePhysicalDevices(vk_instance, &count, devices.data()) < 0) return VK_NULL_HANDLE;
  devices.resize(count);
  if (instance.config.vk_device.empty()) return devices.front();
  for (VkPhysicalDevice d : devices) {
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(d, &props);
    if (std::string(props.deviceName).find(instance.config.vk_device) != std::string::npos) {
      return d;
    }
  }
  return VK_NULL_HANDLE;
}

std::uint32_t find_memory_type(VkPhysicalDevice device, std::uint32_t type_bits,
                               VkMemoryPropertyFlags flags) {
  VkPhysicalDeviceMemoryProperties props{};
  vkGetPhysicalDeviceMemoryProperties(device, &props);
  for (std::uint32_t i = 0; i < props.memoryTypeCount; ++i) {
    if ((type_bits & (1u << i)) != 0 && (props.memoryTypes[i].propertyFlags & flags) == flags) {
      return i;
    }
  }
  return UINT32_MAX;
}

bool is_depth_format(VkFormat format) {
  return format == VK_FORMAT_D32_SFLOAT || format == VK_FORMAT_D24_UNORM_S8_UINT ||
         format == VK_FORMAT_D16_UNORM || format == VK_FORMAT_D32_SFLOAT_S8_UINT;
}

VkImageAspectFlags aspect_of(VkFormat format) {
  if (format == VK_FORMAT_D24_UNORM_S8_UINT || format == VK_FORMAT_D32_SFLOAT_S8_UINT) {
    return VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT;
  }
  return is_depth_format(format) ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
}

std::vector<VkFormat> swapchain_formats(VkPhysicalDevice device) {
  // sRGB first: apps that pick the runtime's first supported format get correct colours.
  const VkFormat candidates[] = {VK_FORMAT_R8G8B8A8_SRGB,  VK_FORMAT_B8G8R8A8_SRGB,
                                 VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM,
                                 VK_FORMAT_D32_SFLOAT,     VK_FORMAT_D24_UNORM_S8_UINT,
                                 VK_FORMAT_D16_UNORM};
  std::vector<VkFormat> out;
  for (VkFormat f : candidates) {
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(device, f, &props);
    const VkFormatFeatureFlags need =
        is_depth_format(f)
            ? VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT
            : (VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT | VK_FORMAT_FEATURE_TRANSFER_SRC_BIT);
    if ((props.optimalTilingFeatures & need) == need) out.push_back(f);
  }
  return out;
}

XrResult bind_vulkan(Instance& instance, Session& session,
                     const XrGraphicsBindingVulkanKHR& binding) {
  if (binding.instance == VK_NULL_HANDLE || binding.physicalDevice == VK_NULL_HANDLE ||
      binding.device == VK_NULL_HANDLE) {
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  if (instance.vk_physical_device != VK_NULL_HANDLE &&
      instance.vk_physical_device != binding.physicalDevice) {
    report(instance, XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT, "xrCreateSession",
           "the binding's physical device is not the one xrGetVulkanGraphicsDevice2KHR returned");
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  std::uint32_t family_count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(binding.physicalDevice, &family_count, nullptr);
  std::vector<VkQueueFamilyProperties> families(family_count);
  vkGetPhysicalDeviceQueueFamilyProperties(binding.physicalDevice, &family_count, families.data());
  if (binding.queueFamilyIndex >= family_count ||
      binding.queueIndex >= families[binding.queueFamilyIndex].queueCount) {
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  session.vk_instance = binding.instance;
  session.vk_physical_device = binding.physicalDevice;
  session.vk_device = binding.device;
  session.queue_family = binding.queueFamilyIndex;
  session.queue_index = binding.queueIndex;
  vkGetDeviceQueue(binding.device, binding.queueFamilyIndex, binding.queueIndex, &session.vk_queue);
  VkCommandPoolCreateInfo pool_info{};
  pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = binding.queueFamilyIndex;
  if (vkCreateCommandPool(binding.device, &pool_info, nullptr, &session.vk_pool) != VK_SUCCESS) {
    return XR_ERROR_RUNTIME_FAILURE;
  }
  return XR_SUCCESS;
}

void release_vulkan(Session& session) {
  if (session.vk_pool != VK_NULL_HANDLE) {
    vkDestroyCommandPool(session.vk_device, session.vk_pool, nullptr);
    session.vk_pool = VK_NULL_HANDLE;
  }
}

VkResult run_commands(const Session& session, const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo alloc{};
  alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  alloc.commandPool = session.vk_pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkResult r = vkAllocateCommandBuffers(session.vk_device, &alloc, &cmd);
  if (r != VK_SUCCESS) return r;
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(cmd, &begin);
  record(cmd);
  r = vkEndCommandBuffer(cmd);
  VkFence fence = VK_NULL_HANDLE;
  if (r == VK_SUCCESS) {
    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    r = vkCreateFence(session.vk_device, &fence_info, nullptr, &fence);
  }
  if (r == VK_SUCCESS) {
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    r = vkQueueSubmit(session.vk_queue, 1, &submit, fence);
    if (r == VK_SUCCESS)
      r = vkWaitForFences(session.vk_device, 1, &fence, VK_TRUE, k_fence_timeout_ns);
  }
  if (fence != VK_NULL_HANDLE) vkDestroyFence(session.vk_device, fence, nullptr);
  vkFreeCommandBuffers(session.vk_device, session.vk_pool, 1, &cmd);
  return r;
}

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId systemId,
                                    XrGraphicsRequirementsVulkanKHR* graphicsRequirements) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  return fill_requirements(*inst, systemId, graphicsRequirements);
}

XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsRequirementsKHR(XrInstance instance, XrSystemId systemId,
                                   XrGraphicsRequirementsVulkanKHR* graphicsRequirements) {
  return xrGetVulkanGraphicsRequirements2KHR(instance, systemId, graphicsRequirements);
}

XRAPI_ATTR XrResult XRAPI_CALL
xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* createInfo,
                          VkInstance* vulkanInstance, VkResult* vulkanResult) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || vulkanInstance == nullptr || vulkanResult == nullptr ||
      createInfo->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR ||
      createInfo->pfnGetInstanceProcAddr == nullptr || createInfo->vulkanCreateInfo == nullptr ||
      createInfo->createFlags != 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (createInfo->systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  // The simulator needs no instance extensions beyond what the app asks for.
  auto create = reinterpret_cast<PFN_vkCreateInstance>(
      createInfo->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  *vulkanResult = create(createInfo->vulkanCreateInfo, createInfo->vulkanAllocator, vulkanInstance);
  if (*vulkanResult != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
  inst->vk_instance = *vulkanInstance;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* getInfo,
                              VkPhysicalDevice* vulkanPhysicalDevice) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || vulkanPhysicalDevice == nullptr ||
      getInfo->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR ||
      getInfo->vulkanInstance == VK_NULL_HANDLE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (getInfo->systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  const VkPhysicalDevice device = choose_physical_device(*inst, getInfo->vulkanInstance);
  if (device == VK_NULL_HANDLE) {
    report(*inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT, "xrGetVulkanGraphicsDevice2KHR",
           "no Vulkan physical device matches (TRADEXR_XRSIM_VK_DEVICE=" + inst->config.vk_device +
               ")");
    return XR_ERROR_RUNTIME_FAILURE;
  }
  inst->vk_physical_device = device;
  *vulkanPhysicalDevice = device;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanGraphicsDeviceKHR(XrInstance instance,
                                                            XrSystemId systemId,
                                                            VkInstance vkInstance,
                                                            VkPhysicalDevice* vkPhysicalDevice) {
  const XrVulkanGraphicsDeviceGetInfoKHR info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR, nullptr,
                                              systemId, vkInstance};
  return xrGetVulkanGraphicsDevice2KHR(instance, &info, vkPhysicalDevice);
}

XRAPI_ATTR XrResult XRAPI_CALL
xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* createInfo,
                        VkDevice* vulkanDevice, VkResult* vulkanResult) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || vulkanDevice == nullptr || vulkanResult == nullptr ||
      createInfo->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR ||
      createInfo->pfnGetInstanceProcAddr == nullptr || createInfo->vulkanCreateInfo == nullptr ||
      createInfo->vulkanPhysicalDevice == VK_NULL_HANDLE || createInfo->createFlags != 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (createInfo->systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (inst->vk_physical_device != createInfo->vulkanPhysicalDevice) {
    report(
        *inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT, "xrCreateVulkanDeviceKHR",
        "call xrGetVulkanGraphicsDevice2KHR first and create the device on that physical device");
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  auto create = reinterpret_cast<PFN_vkCreateDevice>(
      createInfo->pfnGetInstanceProcAddr(inst->vk_instance, "vkCreateDevice"));
  if (create == nullptr) create = vkCreateDevice;
  *vulkanResult = create(createInfo->vulkanPhysicalDevice, createInfo->vulkanCreateInfo,
                         createInfo->vulkanAllocator, vulkanDevice);
  return *vulkanResult == VK_SUCCESS ? XR_SUCCESS : XR_ERROR_RUNTIME_FAILURE;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanInstanceExtensionsKHR(XrInstance instance,
                                                                XrSystemId systemId,
                                                                uint32_t bufferCapacityInput,
                                                                uint32_t* bufferCountOutput,
                                                                char* buffer) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  return enumerate_string(bufferCapacityInput, bufferCountOutput, buffer, "");
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanDeviceExtensionsKHR(XrInstance instance,
                                                              XrSystemId systemId,
                                                              uint32_t bufferCapacityInput,
                                                              uint32_t* bufferCountOutput,
                                                              char* buffer) {
  return xrGetVulkanInstanceExtensionsKHR(instance, systemId, bufferCapacityInput,
                                          bufferCountOutput, buffer);
}

}  // namespace api
}  // namespace txr::xrsim
