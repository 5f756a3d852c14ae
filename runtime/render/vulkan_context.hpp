#pragma once
// VulkanContext: owns the instance, the chosen physical device, the device and its graphics
// queue, plus the validation messenger. Creation can be handed to an XR runtime via hooks.
#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace txr::render {

struct ContextOptions {
  std::string app_name = "TradeXR";
  // Enables VK_LAYER_KHRONOS_validation and a debug-utils messenger that logs every message
  // and counts warnings and errors (tests fail on any). Missing layer is an error.
  bool enable_validation = false;
  // Empty: prefer a discrete GPU, fall back to lavapipe (CPU). Digits: device index as listed
  // by `vulkaninfo --summary`. Otherwise: case-insensitive substring of the device name.
  std::string gpu;
  bool enable_swapchain = false;  // adds VK_KHR_swapchain (window targets)
  std::vector<std::string>
      instance_extensions;  // e.g. Window::required_vulkan_instance_extensions()
  std::vector<std::string> device_extensions;

  // Hooks for XR_KHR_vulkan_enable2 (xrCreateVulkanInstanceKHR, xrGetVulkanGraphicsDevice2KHR,
  // xrCreateVulkanDeviceKHR): when set they replace vkCreateInstance, the device choice and
  // vkCreateDevice. The create infos passed in are complete (layers, extensions, messenger).
  std::function<core::Result<VkInstance>(const VkInstanceCreateInfo&)> create_instance;
  std::function<core::Result<VkPhysicalDevice>(VkInstance)> choose_physical_device;
  std::function<core::Result<VkDevice>(VkPhysicalDevice, const VkDeviceCreateInfo&)> create_device;
};

struct PhysicalDeviceInfo {
  std::uint32_t index = 0;
  std::string name;
  VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
  std::uint32_t api_version = 0;
};

class VulkanContext {
 public:
  static core::Result<std::unique_ptr<VulkanContext>> create(const ContextOptions& options);
  ~VulkanContext();
  VulkanContext(const VulkanContext&) = delete;
  VulkanContext& operator=(const VulkanContext&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physical_device() const { return physical_; }
  VkDevice device() const { return device_; }
  VkQueue graphics_queue() const { return queue_; }
  std::uint32_t graphics_queue_family() const { return queue_family_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  const PhysicalDeviceInfo& device_info() const { return info_; }
  bool validation_enabled() const { return validation_; }
  bool swapchain_enabled() const { return swapchain_; }

  // Validation warnings + errors seen so far (0 in a correct program).
  std::uint32_t validation_message_count() const { return validation_messages_.load(); }

  // Memory type index with the bits and properties, or an error.
  core::Result<std::uint32_t> find_memory_type(std::uint32_t type_bits,
                                               VkMemoryPropertyFlags properties) const;
  // Records `record` into a one-time command buffer, submits and waits (uploads, readbacks).
  core::Result<void> immediate_submit(const std::function<void(VkCommandBuffer)>& record);

  // Lists the devices the loader sees (for `--gpu` help and errors).
  static core::Result<std::vector<PhysicalDeviceInfo>> list_devices(VkInstance instance);

 private:
  VulkanContext() = default;
  core::Result<void> init(const ContextOptions& options);
  core::Result<void> create_instance(const ContextOptions& options);
  core::Result<void> pick_device(const ContextOptions& options);
  core::Result<void> create_device(const ContextOptions& options);
  static VKAPI_ATTR VkBool32 VKAPI_CALL on_debug_message(
      VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  std::uint32_t queue_family_ = 0;
  VkPhysicalDeviceProperties properties_{};
  PhysicalDeviceInfo info_;
  VkCommandPool upload_pool_ = VK_NULL_HANDLE;
  VkFence upload_fence_ = VK_NULL_HANDLE;
  bool validation_ = false;
  bool swapchain_ = false;
  std::atomic<std::uint32_t> validation_messages_{0};
};

}  // namespace txr::render
