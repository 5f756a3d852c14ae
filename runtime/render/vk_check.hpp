#pragma once
// The one checked-call macro for Vulkan: a failing call returns a core::Error naming the call
// and the VkResult from the enclosing function (which must return core::Result<...>).
#include <vulkan/vulkan.h>

#include <string>

#include "core/result.hpp"

namespace txr::render {

// "VK_ERROR_DEVICE_LOST" etc.
const char* vk_result_name(VkResult result);
core::Error vk_error(const char* call, VkResult result);

}  // namespace txr::render

#define TXR_VK_TRY(call)                                                        \
  do {                                                                          \
    if (const VkResult txr_vk_result_ = (call); txr_vk_result_ != VK_SUCCESS) { \
      return std::unexpected(::txr::render::vk_error(#call, txr_vk_result_));   \
    }                                                                           \
  } while (false)
