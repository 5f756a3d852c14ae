#include "render/vulkan_context.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/log.hpp"
#include "render/vk_check.hpp"

namespace txr::render {
namespace {

constexpr std::string_view k_log = "render";
constexpr const char* k_validation_layer = "VK_LAYER_KHRONOS_validation";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const char* type_name(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return "CPU";
    default:
      return "other";
  }
}

int type_score(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return 1;
    default:
      return 0;
  }
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
  std::vector<const char*> out;
  for (const auto& s : v) out.push_back(s.c_str());
  return out;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

core::Result<std::unique_ptr<VulkanContext>> VulkanContext::create(const ContextOptions& options) {
  std::unique_ptr<VulkanContext> ctx(new VulkanContext());
  if (auto ok = ctx->init(options); !ok) return std::unexpected(ok.error());
  return ctx;
}

core::Result<void> VulkanContext::init(const ContextOptions& options) {
  if (auto ok = create_instance(options); !ok) return ok;
  if (auto ok = pick_device(options); !ok) return ok;
  if (auto ok = create_device(options); !ok) return ok;
  VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = queue_family_;
  TXR_VK_TRY(vkCreateCommandPool(device_, &pool, nullptr, &upload_pool_));
  VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  TXR_VK_TRY(vkCreateFence(device_, &fence, nullptr, &upload_fence_));
  return {};
}

VKAPI_ATTR VkBool32 VKAPI_CALL VulkanContext::on_debug_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<VulkanContext*>(user);
  const std::string text = std::string("[vulkan] ") +
                           (data->pMessageIdName != nullptr ? data->pMessageIdName : "") + ": " +
                           (data->pMessage != nullptr ? data->pMessage : "");
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    self->validation_messages_.fetch_add(1);
    core::log(severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? core::LogLevel::error
                                                                        : core::LogLevel::warn,
              k_log, text);
  } else {
    core::log_debug(k_log, text);  // loader/layer chatter: logged, not counted
  }
  return VK_FALSE;
}

core::Result<void> VulkanContext::create_instance(const ContextOptions& options) {
  std::vector<std::string> layers;
  std::vector<std::string> extensions = options.instance_extensions;
  validation_ = options.enable_validation;
  if (validation_) {
    std::uint32_t count = 0;
    TXR_VK_TRY(vkEnumerateInstanceLayerProperties(&count, nullptr));
    std::vector<VkLayerProperties> props(count);
    TXR_VK_TRY(vkEnumerateInstanceLayerProperties(&count, props.data()));
    const bool found = std::any_of(props.begin(), props.end(), [](const VkLayerProperties& p) {
      return std::strcmp(p.layerName, k_validation_layer) == 0;
    });
    if (!found) {
      return core::fail(std::string("validation was requested but ") + k_validation_layer +
                        " is not installed (package vulkan-validationlayers)");
    }
    layers.emplace_back(k_validation_layer);
    add_unique(extensions, VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = options.app_name.c_str();
  app.pEngineName = "TradeXR";
  app.apiVersion = VK_API_VERSION_1_1;
  VkDebugUtilsMessengerCreateInfoEXT messenger{
      VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_INFO_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                          VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messenger.pfnUserCallback = on_debug_message;
  messenger.pUserData = this;
  const auto layer_ptrs = c_strings(layers);
  const auto ext_ptrs = c_strings(extensions);
  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pNext = validation_ ? &messenger : nullptr;  // also catches create/destroy messages
  info.pApplicationInfo = &app;
  info.enabledLayerCount = static_cast<std::uint32_t>(layer_ptrs.size());
  info.ppEnabledLayerNames = layer_ptrs.data();
  info.enabledExtensionCount = static_cast<std::uint32_t>(ext_ptrs.size());
  info.ppEnabledExtensionNames = ext_ptrs.data();
  if (options.create_instance) {
    auto instance = options.create_instance(info);
    if (!instance) return std::unexpected(instance.error());
    instance_ = *instance;
  } else {
    TXR_VK_TRY(vkCreateInstance(&info, nullptr, &instance_));
  }
  if (validation_) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (create == nullptr) return core::fail("vkCreateDebugUtilsMessengerEXT is not available");
    TXR_VK_TRY(create(instance_, &messenger, nullptr, &messenger_));
  }
  return {};
}

core::Result<std::vector<PhysicalDeviceInfo>> VulkanContext::list_devices(VkInstance instance) {
  std::uint32_t count = 0;
  TXR_VK_TRY(vkEnumeratePhysicalDevices(instance, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  TXR_VK_TRY(vkEnumeratePhysicalDevices(instance, &count, devices.data()));
  std::vector<PhysicalDeviceInfo> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(devices[i], &p);
    out.push_back({i, p.deviceName, p.deviceType, p.apiVersion});
  }
  return out;
}

core::Result<void> VulkanContext::pick_device(const ContextOptions& options) {
  std::uint32_t count = 0;
  TXR_VK_TRY(vkEnumeratePhysicalDevices(instance_, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  TXR_VK_TRY(vkEnumeratePhysicalDevices(instance_, &count, devices.data()));
  if (options.choose_physical_device) {
    auto chosen = options.choose_physical_device(instance_);
    if (!chosen) return std::unexpected(chosen.error());
    physical_ = *chosen;
  } else {
    if (devices.empty()) {
      return core::fail(
          "no Vulkan device found (install mesa-vulkan-drivers for lavapipe, or "
          "check VK_ICD_FILENAMES)");
    }
    std::string listing;
    for (std::uint32_t i = 0; i < count; ++i) {
      VkPhysicalDeviceProperties p;
      vkGetPhysicalDeviceProperties(devices[i], &p);
      listing +=
          "\n  " + std::to_string(i) + ": " + p.deviceName + " (" + type_name(p.deviceType) + ")";
    }
    const std::string& want = options.gpu;
    const bool by_index =
        !want.empty() &&
        std::all_of(want.begin(), want.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    int best = -1, best_score = -1;
    for (std::uint32_t i = 0; i < count; ++i) {
      VkPhysicalDeviceProperties p;
      vkGetPhysicalDeviceProperties(devices[i], &p);
      if (p.apiVersion < VK_API_VERSION_1_1) continue;
      if (by_index) {
        if (std::to_string(i) != want) continue;
      } else if (!want.empty() && lower(p.deviceName).find(lower(want)) == std::string::npos) {
        continue;
      }
      const int score = type_score(p.deviceType);
      if (score > best_score) {
        best = static_cast<int>(i);
        best_score = score;
      }
    }
    if (best < 0) {
      return core::fail(want.empty()
                            ? "no Vulkan 1.1 device found; devices:" + listing
                            : "no Vulkan device matches --gpu '" + want + "'; devices:" + listing);
    }
    physical_ = devices[static_cast<std::size_t>(best)];
  }
  vkGetPhysicalDeviceProperties(physical_, &properties_);
  info_.name = properties_.deviceName;
  info_.type = properties_.deviceType;
  info_.api_version = properties_.apiVersion;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (devices[i] == physical_) info_.index = i;
  }
  if (info_.type == VK_PHYSICAL_DEVICE_TYPE_CPU) {
    core::log_info(k_log, "no GPU found: rendering on the CPU with " + info_.name +
                              " (lavapipe); correct but slow");
  } else {
    core::log_info(k_log, "using " + info_.name + " (" + type_name(info_.type) + ")");
  }
  return {};
}

core::Result<void> VulkanContext::create_device(const ContextOptions& options) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical_, &count, families.data());
  bool found = false;
  for (std::uint32_t i = 0; i < count && !found; ++i) {
    if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0) {
      queue_family_ = i;
      found = true;
    }
  }
  if (!found) return core::fail("the Vulkan device " + info_.name + " has no graphics queue");
  std::vector<std::string> extensions = options.device_extensions;
  swapchain_ = options.enable_swapchain;
  if (swapchain_) add_unique(extensions, VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  const auto ext_ptrs = c_strings(extensions);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = queue_family_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkPhysicalDeviceFeatures features{};  // Vulkan 1.1 core only: runs on lavapipe
  VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = static_cast<std::uint32_t>(ext_ptrs.size());
  info.ppEnabledExtensionNames = ext_ptrs.data();
  info.pEnabledFeatures = &features;
  if (options.create_device) {
    auto device = options.create_device(physical_, info);
    if (!device) return std::unexpected(device.error());
    device_ = *device;
  } else {
    TXR_VK_TRY(vkCreateDevice(physical_, &info, nullptr, &device_));
  }
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);
  return {};
}

VulkanContext::~VulkanContext() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    if (upload_fence_ != VK_NULL_HANDLE) vkDestroyFence(device_, upload_fence_, nullptr);
    if (upload_pool_ != VK_NULL_HANDLE) vkDestroyCommandPool(device_, upload_pool_, nullptr);
    vkDestroyDevice(device_, nullptr);
  }
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy != nullptr) destroy(instance_, messenger_, nullptr);
  }
  if (instance_ != VK_NULL_HANDLE) vkDestroyInstance(instance_, nullptr);
}

core::Result<std::uint32_t> VulkanContext::find_memory_type(std::uint32_t type_bits,
                                                            VkMemoryPropertyFlags wanted) const {
  VkPhysicalDeviceMemoryProperties mem;
  vkGetPhysicalDeviceMemoryProperties(physical_, &mem);
  for (std::uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
    if ((type_bits & (1u << i)) != 0 && (mem.memoryTypes[i].propertyFlags & wanted) == wanted) {
      return i;
    }
  }
  return core::fail("no Vulkan memory type with the required properties");
}

core::Result<void> VulkanContext::immediate_submit(
    const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = upload_pool_;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  TXR_VK_TRY(vkAllocateCommandBuffers(device_, &alloc, &cmd));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  auto result = [&]() -> core::Result<void> {
    TXR_VK_TRY(vkBeginCommandBuffer(cmd, &begin));
    record(cmd);
    TXR_VK_TRY(vkEndCommandBuffer(cmd));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cmd;
    TXR_VK_TRY(vkResetFences(device_, 1, &upload_fence_));
    TXR_VK_TRY(vkQueueSubmit(queue_, 1, &submit, upload_fence_));
    TXR_VK_TRY(vkWaitForFences(device_, 1, &upload_fence_, VK_TRUE, UINT64_MAX));
    return {};
  }();
  vkFreeCommandBuffers(device_, upload_pool_, 1, &cmd);
  return result;
}

}  // namespace txr::render
