#pragma once
// The OpenXR headers with the Vulkan platform types, plus the checked-call helpers every file of
// this module uses: a failing call becomes a core::Error naming the call and the XrResult.
#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <string>

#include "core/result.hpp"

namespace txr::xr {

// "XR_ERROR_SESSION_LOST" etc.; "XR_UNKNOWN_<n>" for values the headers do not list.
std::string result_name(XrResult result);

// Error for a failed call: "<call> failed: <XR_...>".
core::Error call_error(const char* call, XrResult result);

// A function of an extension, looked up through the loader (null when unavailable).
template <class F>
F instance_proc(XrInstance instance, const char* name) {
  PFN_xrVoidFunction f = nullptr;
  if (XR_FAILED(xrGetInstanceProcAddr(instance, name, &f))) return nullptr;
  return reinterpret_cast<F>(f);
}

// A zeroed OpenXR structure with its type set.
template <class T>
T make(XrStructureType type) {
  T value{};
  value.type = type;
  return value;
}

}  // namespace txr::xr

// Returns a core::Error from the enclosing function when the call fails.
#define TXR_XR_TRY(call)                                                    \
  do {                                                                      \
    const XrResult txr_xr_result_ = (call);                                 \
    if (XR_FAILED(txr_xr_result_))                                          \
      return std::unexpected(::txr::xr::call_error(#call, txr_xr_result_)); \
  } while (false)
