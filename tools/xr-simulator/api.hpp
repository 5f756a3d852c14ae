#pragma once
// Declarations of every OpenXR entry point the simulator implements (one definition each in
// the .cpp file of its area); dispatch.cpp hands them out through xrGetInstanceProcAddr.
#include "xr_headers.hpp"

namespace txr::xrsim::api {

// Core OpenXR 1.0.
XRAPI_ATTR XrResult XRAPI_CALL xrAcquireSwapchainImage(
    XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* acquireInfo, uint32_t* index);
XRAPI_ATTR XrResult XRAPI_CALL xrApplyHapticFeedback(XrSession session,
                                                     const XrHapticActionInfo* hapticActionInfo,
                                                     const XrHapticBaseHeader* hapticFeedback);
XRAPI_ATTR XrResult XRAPI_CALL
xrAttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* attachInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrBeginFrame(XrSession session,
                                            const XrFrameBeginInfo* frameBeginInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrBeginSession(XrSession session,
                                              const XrSessionBeginInfo* beginInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateAction(XrActionSet actionSet,
                                              const XrActionCreateInfo* createInfo,
                                              XrAction* action);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateActionSet(XrInstance instance,
                                                 const XrActionSetCreateInfo* createInfo,
                                                 XrActionSet* actionSet);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateActionSpace(XrSession session,
                                                   const XrActionSpaceCreateInfo* createInfo,
                                                   XrSpace* space);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateInstance(const XrInstanceCreateInfo* createInfo,
                                                XrInstance* instance);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateReferenceSpace(XrSession session,
                                                      const XrReferenceSpaceCreateInfo* createInfo,
                                                      XrSpace* space);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateSession(XrInstance instance,
                                               const XrSessionCreateInfo* createInfo,
                                               XrSession* session);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateSwapchain(XrSession session,
                                                 const XrSwapchainCreateInfo* createInfo,
                                                 XrSwapchain* swapchain);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroyAction(XrAction action);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroyActionSet(XrActionSet actionSet);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroyInstance(XrInstance instance);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroySession(XrSession session);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroySpace(XrSpace space);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroySwapchain(XrSwapchain swapchain);
XRAPI_ATTR XrResult XRAPI_CALL xrEndFrame(XrSession session, const XrFrameEndInfo* frameEndInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrEndSession(XrSession session);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateApiLayerProperties(uint32_t propertyCapacityInput,
                                                             uint32_t* propertyCountOutput,
                                                             XrApiLayerProperties* properties);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateBoundSourcesForAction(
    XrSession session, const XrBoundSourcesForActionEnumerateInfo* enumerateInfo,
    uint32_t sourceCapacityInput, uint32_t* sourceCountOutput, XrPath* sources);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateEnvironmentBlendModes(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    uint32_t environmentBlendModeCapacityInput, uint32_t* environmentBlendModeCountOutput,
    XrEnvironmentBlendMode* environmentBlendModes);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateInstanceExtensionProperties(
    const char* layerName, uint32_t propertyCapacityInput, uint32_t* propertyCountOutput,
    XrExtensionProperties* properties);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateReferenceSpaces(XrSession session,
                                                          uint32_t spaceCapacityInput,
                                                          uint32_t* spaceCountOutput,
                                                          XrReferenceSpaceType* spaces);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateSwapchainFormats(XrSession session,
                                                           uint32_t formatCapacityInput,
                                                           uint32_t* formatCountOutput,
                                                           int64_t* formats);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateSwapchainImages(XrSwapchain swapchain,
                                                          uint32_t imageCapacityInput,
                                                          uint32_t* imageCountOutput,
                                                          XrSwapchainImageBaseHeader* images);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateViewConfigurationViews(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    uint32_t viewCapacityInput, uint32_t* viewCountOutput, XrViewConfigurationView* views);
XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateViewConfigurations(
    XrInstance instance, XrSystemId systemId, uint32_t viewConfigurationTypeCapacityInput,
    uint32_t* viewConfigurationTypeCountOutput, XrViewConfigurationType* viewConfigurationTypes);
XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateBoolean(XrSession session,
                                                       const XrActionStateGetInfo* getInfo,
                                                       XrActionStateBoolean* state);
XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateFloat(XrSession session,
                                                     const XrActionStateGetInfo* getInfo,
                                                     XrActionStateFloat* state);
XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStatePose(XrSession session,
                                                    const XrActionStateGetInfo* getInfo,
                                                    XrActionStatePose* state);
XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession session,
                                                        const XrActionStateGetInfo* getInfo,
                                                        XrActionStateVector2f* state);
XRAPI_ATTR XrResult XRAPI_CALL xrGetCurrentInteractionProfile(
    XrSession session, XrPath topLevelUserPath, XrInteractionProfileState* interactionProfile);
XRAPI_ATTR XrResult XRAPI_CALL xrGetInputSourceLocalizedName(
    XrSession session, const XrInputSourceLocalizedNameGetInfo* getInfo,
    uint32_t bufferCapacityInput, uint32_t* bufferCountOutput, char* buffer);
XRAPI_ATTR XrResult XRAPI_CALL xrGetInstanceProcAddr(XrInstance instance, const char* name,
                                                     PFN_xrVoidFunction* function);
XRAPI_ATTR XrResult XRAPI_CALL xrGetInstanceProperties(XrInstance instance,
                                                       XrInstanceProperties* instanceProperties);
XRAPI_ATTR XrResult XRAPI_CALL xrGetReferenceSpaceBoundsRect(
    XrSession session, XrReferenceSpaceType referenceSpaceType, XrExtent2Df* bounds);
XRAPI_ATTR XrResult XRAPI_CALL xrGetSystem(XrInstance instance, const XrSystemGetInfo* getInfo,
                                           XrSystemId* systemId);
XRAPI_ATTR XrResult XRAPI_CALL xrGetSystemProperties(XrInstance instance, XrSystemId systemId,
                                                     XrSystemProperties* properties);
XRAPI_ATTR XrResult XRAPI_CALL xrGetViewConfigurationProperties(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    XrViewConfigurationProperties* configurationProperties);
XRAPI_ATTR XrResult XRAPI_CALL xrLocateSpace(XrSpace space, XrSpace baseSpace, XrTime time,
                                             XrSpaceLocation* location);
XRAPI_ATTR XrResult XRAPI_CALL xrLocateViews(XrSession session,
                                             const XrViewLocateInfo* viewLocateInfo,
                                             XrViewState* viewState, uint32_t viewCapacityInput,
                                             uint32_t* viewCountOutput, XrView* views);
XRAPI_ATTR XrResult XRAPI_CALL xrPathToString(XrInstance instance, XrPath path,
                                              uint32_t bufferCapacityInput,
                                              uint32_t* bufferCountOutput, char* buffer);
XRAPI_ATTR XrResult XRAPI_CALL xrPollEvent(XrInstance instance, XrEventDataBuffer* eventData);
XRAPI_ATTR XrResult XRAPI_CALL
xrReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* releaseInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrRequestExitSession(XrSession session);
XRAPI_ATTR XrResult XRAPI_CALL xrResultToString(XrInstance instance, XrResult value,
                                                char buffer[XR_MAX_RESULT_STRING_SIZE]);
XRAPI_ATTR XrResult XRAPI_CALL xrStopHapticFeedback(XrSession session,
                                                    const XrHapticActionInfo* hapticActionInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrStringToPath(XrInstance instance, const char* pathString,
                                              XrPath* path);
XRAPI_ATTR XrResult XRAPI_CALL xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                                       char buffer[XR_MAX_STRUCTURE_NAME_SIZE]);
XRAPI_ATTR XrResult XRAPI_CALL xrSuggestInteractionProfileBindings(
    XrInstance instance, const XrInteractionProfileSuggestedBinding* suggestedBindings);
XRAPI_ATTR XrResult XRAPI_CALL xrSyncActions(XrSession session, const XrActionsSyncInfo* syncInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrWaitFrame(XrSession session, const XrFrameWaitInfo* frameWaitInfo,
                                           XrFrameState* frameState);
XRAPI_ATTR XrResult XRAPI_CALL xrWaitSwapchainImage(XrSwapchain swapchain,
                                                    const XrSwapchainImageWaitInfo* waitInfo);

// XR_KHR_vulkan_enable2.
XRAPI_ATTR XrResult XRAPI_CALL
xrCreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* createInfo,
                          VkInstance* vulkanInstance, VkResult* vulkanResult);
XRAPI_ATTR XrResult XRAPI_CALL
xrCreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* createInfo,
                        VkDevice* vulkanDevice, VkResult* vulkanResult);
XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* getInfo,
                              VkPhysicalDevice* vulkanPhysicalDevice);
XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId systemId,
                                    XrGraphicsRequirementsVulkanKHR* graphicsRequirements);

// XR_KHR_vulkan_enable.
XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanInstanceExtensionsKHR(XrInstance instance,
                                                                XrSystemId systemId,
                                                                uint32_t bufferCapacityInput,
                                                                uint32_t* bufferCountOutput,
                                                                char* buffer);
XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanDeviceExtensionsKHR(XrInstance instance,
                                                              XrSystemId systemId,
                                                              uint32_t bufferCapacityInput,
                                                              uint32_t* bufferCountOutput,
                                                              char* buffer);
XRAPI_ATTR XrResult XRAPI_CALL xrGetVulkanGraphicsDeviceKHR(XrInstance instance,
                                                            XrSystemId systemId,
                                                            VkInstance vkInstance,
                                                            VkPhysicalDevice* vkPhysicalDevice);
XRAPI_ATTR XrResult XRAPI_CALL
xrGetVulkanGraphicsRequirementsKHR(XrInstance instance, XrSystemId systemId,
                                   XrGraphicsRequirementsVulkanKHR* graphicsRequirements);

// XR_EXT_debug_utils.
XRAPI_ATTR XrResult XRAPI_CALL
xrSetDebugUtilsObjectNameEXT(XrInstance instance, const XrDebugUtilsObjectNameInfoEXT* nameInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrCreateDebugUtilsMessengerEXT(
    XrInstance instance, const XrDebugUtilsMessengerCreateInfoEXT* createInfo,
    XrDebugUtilsMessengerEXT* messenger);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroyDebugUtilsMessengerEXT(XrDebugUtilsMessengerEXT messenger);
XRAPI_ATTR XrResult XRAPI_CALL xrSubmitDebugUtilsMessageEXT(
    XrInstance instance, XrDebugUtilsMessageSeverityFlagsEXT messageSeverity,
    XrDebugUtilsMessageTypeFlagsEXT messageTypes,
    const XrDebugUtilsMessengerCallbackDataEXT* callbackData);
XRAPI_ATTR XrResult XRAPI_CALL
xrSessionBeginDebugUtilsLabelRegionEXT(XrSession session, const XrDebugUtilsLabelEXT* labelInfo);
XRAPI_ATTR XrResult XRAPI_CALL xrSessionEndDebugUtilsLabelRegionEXT(XrSession session);
XRAPI_ATTR XrResult XRAPI_CALL
xrSessionInsertDebugUtilsLabelEXT(XrSession session, const XrDebugUtilsLabelEXT* labelInfo);

// XR_KHR_convert_timespec_time.
XRAPI_ATTR XrResult XRAPI_CALL xrConvertTimespecTimeToTimeKHR(XrInstance instance,
                                                              const struct timespec* timespecTime,
                                                              XrTime* time);
XRAPI_ATTR XrResult XRAPI_CALL xrConvertTimeToTimespecTimeKHR(XrInstance instance, XrTime time,
                                                              struct timespec* timespecTime);

// XR_EXT_hand_tracking.
XRAPI_ATTR XrResult XRAPI_CALL xrCreateHandTrackerEXT(XrSession session,
                                                      const XrHandTrackerCreateInfoEXT* createInfo,
                                                      XrHandTrackerEXT* handTracker);
XRAPI_ATTR XrResult XRAPI_CALL xrDestroyHandTrackerEXT(XrHandTrackerEXT handTracker);
XRAPI_ATTR XrResult XRAPI_CALL xrLocateHandJointsEXT(XrHandTrackerEXT handTracker,
                                                     const XrHandJointsLocateInfoEXT* locateInfo,
                                                     XrHandJointLocationsEXT* locations);

}  // namespace txr::xrsim::api
