#include "render/vk_check.hpp"

namespace txr::render {

const char* vk_result_name(VkResult result) {
  switch (result) {
#define TXR_CASE(name) \
  case name:           \
    return #name;
    TXR_CASE(VK_SUCCESS)
    TXR_CASE(VK_NOT_READY)
    TXR_CASE(VK_TIMEOUT)
    TXR_CASE(VK_INCOMPLETE)
    TXR_CASE(VK_SUBOPTIMAL_KHR)
    TXR_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    TXR_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    TXR_CASE(VK_ERROR_INITIALIZATION_FAILED)
    TXR_CASE(VK_ERROR_DEVICE_LOST)
    TXR_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    TXR_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    TXR_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    TXR_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    TXR_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    TXR_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    TXR_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    TXR_CASE(VK_ERROR_SURFACE_LOST_KHR)
    TXR_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    TXR_CASE(VK_ERROR_OUT_OF_DATE_KHR)
    TXR_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
#undef TXR_CASE
    default:
      return "VkResult(unknown)";
  }
}

core::Error vk_error(const char* call, VkResult result) {
  std::string msg = std::string("Vulkan call failed with ") + vk_result_name(result) + " (" +
                    std::to_string(static_cast<int>(result)) + "): " + call;
  if (result == VK_ERROR_INCOMPATIBLE_DRIVER || result == VK_ERROR_INITIALIZATION_FAILED) {
    msg +=
        " - no usable Vulkan driver was found (install mesa-vulkan-drivers for lavapipe, or "
        "check VK_ICD_FILENAMES)";
  }
  return core::Error(std::move(msg));
}

}  // namespace txr::render
