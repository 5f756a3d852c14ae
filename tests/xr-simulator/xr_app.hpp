#pragma once
// XrApp: a small OpenXR + Vulkan application used by the simulator tests. It goes through the
// real Khronos loader (XR_RUNTIME_JSON points at the simulator) and renders each eye by
// clearing it to a known colour, so captures and state can be checked exactly.
#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace txr::test {

// Environment for one test: loader → simulator, unpaced, 64x64 eyes. `validation` enables the
// OpenXR core validation layer; tests of error paths turn it off to reach the runtime itself.
void use_simulator(bool validation = true);
void set_env(const char* name, const std::string& value);

struct XrApp {
  XrInstance instance = XR_NULL_HANDLE;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  XrSession session = XR_NULL_HANDLE;
  XrSpace stage = XR_NULL_HANDLE;
  XrDebugUtilsMessengerEXT messenger = XR_NULL_HANDLE;
  std::vector<std::string> xr_messages;  // warnings/errors from the validation layer or runtime
  std::vector<std::string> vk_messages;  // warnings/errors from the Vulkan validation layer

  VkInstance vk_instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT vk_messenger = VK_NULL_HANDLE;
  VkPhysicalDevice vk_physical = VK_NULL_HANDLE;
  VkDevice vk_device = VK_NULL_HANDLE;
  std::uint32_t queue_family = 0;
  VkQueue vk_queue = VK_NULL_HANDLE;
  VkCommandPool vk_pool = VK_NULL_HANDLE;

  struct Eye {
    XrSwapchain swapchain = XR_NULL_HANDLE;
    std::vector<VkImage> images;
    std::uint32_t width = 0, height = 0;
  };
  std::array<Eye, 2> eyes{};
  std::array<std::array<float, 4>, 2> clear_colors{
      {{0.2f, 0.4f, 0.6f, 1.0f}, {0.8f, 0.6f, 0.2f, 1.0f}}};

  XrTime last_display_time = 0;
  std::vector<XrSessionState> states;  // every state change polled so far
  int profile_changes = 0;

  XrApp() = default;
  XrApp(const XrApp&) = delete;
  XrApp& operator=(const XrApp&) = delete;
  ~XrApp();

  // Each step returns the XrResult of its last failing call (XR_SUCCESS when all went well).
  XrResult create_instance(std::vector<const char*> extensions = {
                               XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                               XR_EXT_DEBUG_UTILS_EXTENSION_NAME});
  XrResult create_vulkan();  // vulkan_enable2: instance + device on the simulator's GPU
  XrResult create_session();
  XrResult create_swapchains(VkFormat format = VK_FORMAT_R8G8B8A8_UNORM);
  XrPath path(const char* text);

  // Polls every pending event, records state changes; returns the newest state seen.
  XrSessionState poll();
  // One frame: wait, begin, (clear both eyes if shouldRender), end. Returns the first failure.
  XrResult frame(XrFrameState* state_out = nullptr);
  // Runs frames (handling begin/end session) until `state` is reached or `max_frames` pass.
  bool run_until(XrSessionState state, int max_frames);

  void destroy_session();
  void destroy();
};

const char* result_name(XrResult r);

// A zeroed OpenXR structure with its type set.
template <class T>
T make(XrStructureType type) {
  T value{};
  value.type = type;
  return value;
}

}  // namespace txr::test
