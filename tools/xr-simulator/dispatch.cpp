// Loader negotiation and xrGetInstanceProcAddr: the only symbol the library exports is
// xrNegotiateLoaderRuntimeInterface; everything else is reached through the function table.
#include <array>
#include <cstring>
#include <mutex>

#include "api.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

enum class Feature { core, vulkan2, vulkan, debug_utils, timespec, hand_tracking };

struct Entry {
  const char* name;
  PFN_xrVoidFunction function;
  Feature feature;
};

template <class F>
PFN_xrVoidFunction fn(F* f) {
  return reinterpret_cast<PFN_xrVoidFunction>(f);
}

// Every core function has an entry, so the loader's dispatch table is complete.
const std::array<Entry, 75>& entries() {
  static const std::array<Entry, 75> k_entries{{
      {"xrAcquireSwapchainImage", fn(&api::xrAcquireSwapchainImage), Feature::core},
      {"xrApplyHapticFeedback", fn(&api::xrApplyHapticFeedback), Feature::core},
      {"xrAttachSessionActionSets", fn(&api::xrAttachSessionActionSets), Feature::core},
      {"xrBeginFrame", fn(&api::xrBeginFrame), Feature::core},
      {"xrBeginSession", fn(&api::xrBeginSession), Feature::core},
      {"xrCreateAction", fn(&api::xrCreateAction), Feature::core},
      {"xrCreateActionSet", fn(&api::xrCreateActionSet), Feature::core},
      {"xrCreateActionSpace", fn(&api::xrCreateActionSpace), Feature::core},
      {"xrCreateInstance", fn(&api::xrCreateInstance), Feature::core},
      {"xrCreateReferenceSpace", fn(&api::xrCreateReferenceSpace), Feature::core},
      {"xrCreateSession", fn(&api::xrCreateSession), Feature::core},
      {"xrCreateSwapchain", fn(&api::xrCreateSwapchain), Feature::core},
      {"xrDestroyAction", fn(&api::xrDestroyAction), Feature::core},
      {"xrDestroyActionSet", fn(&api::xrDestroyActionSet), Feature::core},
      {"xrDestroyInstance", fn(&api::xrDestroyInstance), Feature::core},
      {"xrDestroySession", fn(&api::xrDestroySession), Feature::core},
      {"xrDestroySpace", fn(&api::xrDestroySpace), Feature::core},
      {"xrDestroySwapchain", fn(&api::xrDestroySwapchain), Feature::core},
      {"xrEndFrame", fn(&api::xrEndFrame), Feature::core},
      {"xrEndSession", fn(&api::xrEndSession), Feature::core},
      {"xrEnumerateApiLayerProperties", fn(&api::xrEnumerateApiLayerProperties), Feature::core},
      {"xrEnumerateBoundSourcesForAction", fn(&api::xrEnumerateBoundSourcesForAction),
       Feature::core},
      {"xrEnumerateEnvironmentBlendModes", fn(&api::xrEnumerateEnvironmentBlendModes),
       Feature::core},
      {"xrEnumerateInstanceExtensionProperties", fn(&api::xrEnumerateInstanceExtensionProperties),
       Feature::core},
      {"xrEnumerateReferenceSpaces", fn(&api::xrEnumerateReferenceSpaces), Feature::core},
      {"xrEnumerateSwapchainFormats", fn(&api::xrEnumerateSwapchainFormats), Feature::core},
      {"xrEnumerateSwapchainImages", fn(&api::xrEnumerateSwapchainImages), Feature::core},
      {"xrEnumerateViewConfigurationViews", fn(&api::xrEnumerateViewConfigurationViews),
       Feature::core},
      {"xrEnumerateViewConfigurations", fn(&api::xrEnumerateViewConfigurations), Feature::core},
      {"xrGetActionStateBoolean", fn(&api::xrGetActionStateBoolean), Feature::core},
      {"xrGetActionStateFloat", fn(&api::xrGetActionStateFloat), Feature::core},
      {"xrGetActionStatePose", fn(&api::xrGetActionStatePose), Feature::core},
      {"xrGetActionStateVector2f", fn(&api::xrGetActionStateVector2f), Feature::core},
      {"xrGetCurrentInteractionProfile", fn(&api::xrGetCurrentInteractionProfile), Feature::core},
      {"xrGetInputSourceLocalizedName", fn(&api::xrGetInputSourceLocalizedName), Feature::core},
      {"xrGetInstanceProcAddr", fn(&api::xrGetInstanceProcAddr), Feature::core},
      {"xrGetInstanceProperties", fn(&api::xrGetInstanceProperties), Feature::core},
      {"xrGetReferenceSpaceBoundsRect", fn(&api::xrGetReferenceSpaceBoundsRect), Feature::core},
      {"xrGetSystem", fn(&api::xrGetSystem), Feature::core},
      {"xrGetSystemProperties", fn(&api::xrGetSystemProperties), Feature::core},
      {"xrGetViewConfigurationProperties", fn(&api::xrGetViewConfigurationProperties),
       Feature::core},
      {"xrLocateSpace", fn(&api::xrLocateSpace), Feature::core},
      {"xrLocateViews", fn(&api::xrLocateViews), Feature::core},
      {"xrPathToString", fn(&api::xrPathToString), Feature::core},
      {"xrPollEvent", fn(&api::xrPollEvent), Feature::core},
      {"xrReleaseSwapchainImage", fn(&api::xrReleaseSwapchainImage), Feature::core},
      {"xrRequestExitSession", fn(&api::xrRequestExitSession), Feature::core},
      {"xrResultToString", fn(&api::xrResultToString), Feature::core},
      {"xrStopHapticFeedback", fn(&api::xrStopHapticFeedback), Feature::core},
      {"xrStringToPath", fn(&api::xrStringToPath), Feature::core},
      {"xrStructureTypeToString", fn(&api::xrStructureTypeToString), Feature::core},
      {"xrSuggestInteractionProfileBindings", fn(&api::xrSuggestInteractionProfileBindings),
       Feature::core},
      {"xrSyncActions", fn(&api::xrSyncActions), Feature::core},
      {"xrWaitFrame", fn(&api::xrWaitFrame), Feature::core},
      {"xrWaitSwapchainImage", fn(&api::xrWaitSwapchainImage), Feature::core},
      {"xrCreateVulkanInstanceKHR", fn(&api::xrCreateVulkanInstanceKHR), Feature::vulkan2},
      {"xrCreateVulkanDeviceKHR", fn(&api::xrCreateVulkanDeviceKHR), Feature::vulkan2},
      {"xrGetVulkanGraphicsDevice2KHR", fn(&api::xrGetVulkanGraphicsDevice2KHR), Feature::vulkan2},
      {"xrGetVulkanGraphicsRequirements2KHR", fn(&api::xrGetVulkanGraphicsRequirements2KHR),
       Feature::vulkan2},
      {"xrGetVulkanInstanceExtensionsKHR", fn(&api::xrGetVulkanInstanceExtensionsKHR),
       Feature::vulkan},
      {"xrGetVulkanDeviceExtensionsKHR", fn(&api::xrGetVulkanDeviceExtensionsKHR), Feature::vulkan},
      {"xrGetVulkanGraphicsDeviceKHR", fn(&api::xrGetVulkanGraphicsDeviceKHR), Feature::vulkan},
      {"xrGetVulkanGraphicsRequirementsKHR", fn(&api::xrGetVulkanGraphicsRequirementsKHR),
       Feature::vulkan},
      {"xrSetDebugUtilsObjectNameEXT", fn(&api::xrSetDebugUtilsObjectNameEXT),
       Feature::debug_utils},
      {"xrCreateDebugUtilsMessengerEXT", fn(&api::xrCreateDebugUtilsMessengerEXT),
       Feature::debug_utils},
      {"xrDestroyDebugUtilsMessengerEXT", fn(&api::xrDestroyDebugUtilsMessengerEXT),
       Feature::debug_utils},
      {"xrSubmitDebugUtilsMessageEXT", fn(&api::xrSubmitDebugUtilsMessageEXT),
       Feature::debug_utils},
      {"xrSessionBeginDebugUtilsLabelRegionEXT", fn(&api::xrSessionBeginDebugUtilsLabelRegionEXT),
       Feature::debug_utils},
      {"xrSessionEndDebugUtilsLabelRegionEXT", fn(&api::xrSessionEndDebugUtilsLabelRegionEXT),
       Feature::debug_utils},
      {"xrSessionInsertDebugUtilsLabelEXT", fn(&api::xrSessionInsertDebugUtilsLabelEXT),
       Feature::debug_utils},
      {"xrConvertTimespecTimeToTimeKHR", fn(&api::xrConvertTimespecTimeToTimeKHR),
       Feature::timespec},
      {"xrConvertTimeToTimespecTimeKHR", fn(&api::xrConvertTimeToTimespecTimeKHR),
       Feature::timespec},
      {"xrCreateHandTrackerEXT", fn(&api::xrCreateHandTrackerEXT), Feature::hand_tracking},
      {"xrDestroyHandTrackerEXT", fn(&api::xrDestroyHandTrackerEXT), Feature::hand_tracking},
      {"xrLocateHandJointsEXT", fn(&api::xrLocateHandJointsEXT), Feature::hand_tracking},
  }};
  return k_entries;
}

bool enabled(const Instance& instance, Feature feature) {
  switch (feature) {
    case Feature::core:
      return true;
    case Feature::vulkan2:
      return instance.ext_vulkan2;
    case Feature::vulkan:
      return instance.ext_vulkan;
    case Feature::debug_utils:
      return instance.ext_debug_utils;
    case Feature::timespec:
      return instance.ext_timespec;
    case Feature::hand_tracking:
      return instance.ext_hand_tracking;
  }
  return false;
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrGetInstanceProcAddr(XrInstance instance, const char* name,
                                                     PFN_xrVoidFunction* function) {
  if (function == nullptr || name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  if (instance == XR_NULL_HANDLE) {
    // Before an instance exists only these may be fetched (spec: xrGetInstanceProcAddr).
    for (const char* allowed : {"xrEnumerateInstanceExtensionProperties",
                                "xrEnumerateApiLayerProperties", "xrCreateInstance"}) {
      if (std::strcmp(name, allowed) == 0) {
        for (const Entry& e : entries()) {
          if (std::strcmp(e.name, name) == 0) *function = e.function;
        }
        return XR_SUCCESS;
      }
    }
    return XR_ERROR_HANDLE_INVALID;
  }
  std::lock_guard lock(api_mutex());
  const Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  for (const Entry& e : entries()) {
    if (std::strcmp(e.name, name) == 0) {
      if (!enabled(*inst, e.feature)) return XR_ERROR_FUNCTION_UNSUPPORTED;
      *function = e.function;
      return XR_SUCCESS;
    }
  }
  return XR_ERROR_FUNCTION_UNSUPPORTED;
}

}  // namespace api
}  // namespace txr::xrsim

extern "C" __attribute__((visibility("default"))) XRAPI_ATTR XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loaderInfo,
                                  XrNegotiateRuntimeRequest* runtimeRequest) {
  if (loaderInfo == nullptr || runtimeRequest == nullptr) return XR_ERROR_INITIALIZATION_FAILED;
  if (loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loaderInfo->structVersion != XR_LOADER_INFO_STRUCT_VERSION ||
      loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  if (runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      runtimeRequest->structVersion != XR_RUNTIME_INFO_STRUCT_VERSION ||
      runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  if (loaderInfo->minInterfaceVersion > XR_CURRENT_LOADER_RUNTIME_VERSION ||
      loaderInfo->maxInterfaceVersion < XR_CURRENT_LOADER_RUNTIME_VERSION) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  // We implement 1.0.x: the loader's API range must include 1.0.
  const XrVersion min_api = loaderInfo->minApiVersion;
  const XrVersion max_api = loaderInfo->maxApiVersion;
  if (min_api > XR_CURRENT_API_VERSION || max_api < XR_MAKE_VERSION(1, 0, 0)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  runtimeRequest->runtimeInterfaceVersion = XR_CURRENT_LOADER_RUNTIME_VERSION;
  runtimeRequest->runtimeApiVersion = XR_CURRENT_API_VERSION;
  runtimeRequest->getInstanceProcAddr = txr::xrsim::api::xrGetInstanceProcAddr;
  return XR_SUCCESS;
}
