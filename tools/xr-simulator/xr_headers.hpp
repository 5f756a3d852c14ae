#pragma once
// The OpenXR/Vulkan headers in the order they must be included, plus the loader negotiation
// declarations that Debian's libopenxr-dev does not ship (OpenXR loader specification,
// "Runtime interface negotiation", interface version 1).
#include <vulkan/vulkan.h>

#define XR_NO_PROTOTYPES 1
#define XR_USE_GRAPHICS_API_VULKAN 1
#define XR_USE_TIMESPEC 1
#include <time.h>

#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

extern "C" {

enum XrLoaderInterfaceStructs {
  XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
  XR_LOADER_INTERFACE_STRUCT_LOADER_INFO = 1,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST = 2,
  XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST = 3,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_CREATE_INFO = 4,
  XR_LOADER_INTERFACE_STRUCT_API_LAYER_NEXT_INFO = 5,
  XR_LOADER_INTERFACE_STRUCTS_MAX_ENUM = 0x7FFFFFFF
};

#define XR_LOADER_INFO_STRUCT_VERSION 1
#define XR_RUNTIME_INFO_STRUCT_VERSION 1
#define XR_CURRENT_LOADER_RUNTIME_VERSION 1

// What the loader offers: the interface and API version ranges it can speak.
struct XrNegotiateLoaderInfo {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO
  uint32_t structVersion;               // XR_LOADER_INFO_STRUCT_VERSION
  size_t structSize;                    // sizeof(XrNegotiateLoaderInfo)
  uint32_t minInterfaceVersion;
  uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
};

// What the runtime answers: the versions it chose and its xrGetInstanceProcAddr.
struct XrNegotiateRuntimeRequest {
  XrLoaderInterfaceStructs structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST
  uint32_t structVersion;               // XR_RUNTIME_INFO_STRUCT_VERSION
  size_t structSize;                    // sizeof(XrNegotiateRuntimeRequest)
  uint32_t runtimeInterfaceVersion;     // XR_CURRENT_LOADER_RUNTIME_VERSION
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};

}  // extern "C"
