// The runtime's API contract: loader negotiation, a complete function table, and the errors the
// spec requires for calls made in the wrong order.
#include <dlfcn.h>
#include <doctest/doctest.h>

#include <cstring>

#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

// The loader-runtime negotiation structures (OpenXR loader specification, interface 1); the
// Debian headers do not ship them, so the test declares them as the loader does.
struct LoaderInfo {
  std::int32_t structType;  // XR_LOADER_INTERFACE_STRUCT_LOADER_INFO = 1
  std::uint32_t structVersion;
  std::size_t structSize;
  std::uint32_t minInterfaceVersion;
  std::uint32_t maxInterfaceVersion;
  XrVersion minApiVersion;
  XrVersion maxApiVersion;
};
struct RuntimeRequest {
  std::int32_t structType;  // XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST = 3
  std::uint32_t structVersion;
  std::size_t structSize;
  std::uint32_t runtimeInterfaceVersion;
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};
using Negotiate = XrResult (*)(const LoaderInfo*, RuntimeRequest*);

const char* const k_core_functions[] = {"xrAcquireSwapchainImage",
                                        "xrApplyHapticFeedback",
                                        "xrAttachSessionActionSets",
                                        "xrBeginFrame",
                                        "xrBeginSession",
                                        "xrCreateAction",
                                        "xrCreateActionSet",
                                        "xrCreateActionSpace",
                                        "xrCreateInstance",
                                        "xrCreateReferenceSpace",
                                        "xrCreateSession",
                                        "xrCreateSwapchain",
                                        "xrDestroyAction",
                                        "xrDestroyActionSet",
                                        "xrDestroyInstance",
                                        "xrDestroySession",
                                        "xrDestroySpace",
                                        "xrDestroySwapchain",
                                        "xrEndFrame",
                                        "xrEndSession",
                                        "xrEnumerateApiLayerProperties",
                                        "xrEnumerateBoundSourcesForAction",
                                        "xrEnumerateEnvironmentBlendModes",
                                        "xrEnumerateInstanceExtensionProperties",
                                        "xrEnumerateReferenceSpaces",
                                        "xrEnumerateSwapchainFormats",
                                        "xrEnumerateSwapchainImages",
                                        "xrEnumerateViewConfigurationViews",
                                        "xrEnumerateViewConfigurations",
                                        "xrGetActionStateBoolean",
                                        "xrGetActionStateFloat",
                                        "xrGetActionStatePose",
                                        "xrGetActionStateVector2f",
                                        "xrGetCurrentInteractionProfile",
                                        "xrGetInputSourceLocalizedName",
                                        "xrGetInstanceProcAddr",
                                        "xrGetInstanceProperties",
                                        "xrGetReferenceSpaceBoundsRect",
                                        "xrGetSystem",
                                        "xrGetSystemProperties",
                                        "xrGetViewConfigurationProperties",
                                        "xrLocateSpace",
                                        "xrLocateViews",
                                        "xrPathToString",
                                        "xrPollEvent",
                                        "xrReleaseSwapchainImage",
                                        "xrRequestExitSession",
                                        "xrResultToString",
                                        "xrStopHapticFeedback",
                                        "xrStringToPath",
                                        "xrStructureTypeToString",
                                        "xrSuggestInteractionProfileBindings",
                                        "xrSyncActions",
                                        "xrWaitFrame",
                                        "xrWaitSwapchainImage"};

struct Runtime {
  void* library = nullptr;
  PFN_xrGetInstanceProcAddr gipa = nullptr;
  Runtime() {
    library = dlopen(TXR_XRSIM_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    REQUIRE(library != nullptr);
    auto negotiate =
        reinterpret_cast<Negotiate>(dlsym(library, "xrNegotiateLoaderRuntimeInterface"));
    REQUIRE(static_cast<bool>(negotiate) != false);
    LoaderInfo info{
        1, 1, sizeof(LoaderInfo), 1, 1, XR_MAKE_VERSION(1, 0, 0), XR_MAKE_VERSION(1, 0x3ff, 0xfff)};
    RuntimeRequest request{3, 1, sizeof(RuntimeRequest), 0, 0, nullptr};
    REQUIRE(negotiate(&info, &request) == XR_SUCCESS);
    CHECK(request.runtimeInterfaceVersion == 1);
    CHECK(XR_VERSION_MAJOR(request.runtimeApiVersion) == 1);
    gipa = request.getInstanceProcAddr;
    REQUIRE(static_cast<bool>(gipa) != false);
  }
  ~Runtime() { dlclose(library); }
  template <class F>
  F get(XrInstance instance, const char* name) {
    PFN_xrVoidFunction f = nullptr;
    gipa(instance, name, &f);
    return reinterpret_cast<F>(f);
  }
};

}  // namespace

TEST_CASE("[xr-simulator] negotiation refuses loaders it cannot speak to") {
  void* library = dlopen(TXR_XRSIM_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(library != nullptr);
  auto negotiate = reinterpret_cast<Negotiate>(dlsym(library, "xrNegotiateLoaderRuntimeInterface"));
  REQUIRE(static_cast<bool>(negotiate) != false);
  RuntimeRequest request{3, 1, sizeof(RuntimeRequest), 0, 0, nullptr};
  LoaderInfo future{
      1, 1, sizeof(LoaderInfo), 2, 2, XR_MAKE_VERSION(1, 0, 0), XR_MAKE_VERSION(1, 0, 0)};
  CHECK(negotiate(&future, &request) == XR_ERROR_INITIALIZATION_FAILED);
  LoaderInfo wrong_size{
      1, 1, sizeof(LoaderInfo) - 8, 1, 1, XR_MAKE_VERSION(1, 0, 0), XR_MAKE_VERSION(1, 0, 0)};
  CHECK(negotiate(&wrong_size, &request) == XR_ERROR_INITIALIZATION_FAILED);
  CHECK(negotiate(nullptr, &request) == XR_ERROR_INITIALIZATION_FAILED);
  dlclose(library);
}

TEST_CASE("[xr-simulator] every core function answers and unsupported ones say so") {
  txr::test::use_simulator(false);
  Runtime rt;
  PFN_xrVoidFunction f = nullptr;
  // Without an instance only the three bootstrap functions are available.
  CHECK(rt.gipa(XR_NULL_HANDLE, "xrCreateInstance", &f) == XR_SUCCESS);
  CHECK(static_cast<bool>(f) != false);
  CHECK(rt.gipa(XR_NULL_HANDLE, "xrLocateViews", &f) == XR_ERROR_HANDLE_INVALID);

  auto create = rt.get<PFN_xrCreateInstance>(XR_NULL_HANDLE, "xrCreateInstance");
  auto info = make<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strcpy(info.applicationInfo.applicationName, "direct");
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  XrInstance instance = XR_NULL_HANDLE;
  REQUIRE(create(&info, &instance) == XR_SUCCESS);
  for (const char* name : k_core_functions) {
    INFO(name);
    f = nullptr;
    CHECK(rt.gipa(instance, name, &f) == XR_SUCCESS);
    CHECK(static_cast<bool>(f) != false);
  }
  // Extension functions of extensions the app did not enable, and unknown names.
  for (const char* name : {"xrGetVulkanGraphicsDevice2KHR", "xrGetVulkanInstanceExtensionsKHR",
                           "xrCreateDebugUtilsMessengerEXT", "xrConvertTimeToTimespecTimeKHR",
                           "xrCreateHandTrackerEXT", "xrNotAFunction"}) {
    INFO(name);
    f = reinterpret_cast<PFN_xrVoidFunction>(&dlopen);
    CHECK(rt.gipa(instance, name, &f) == XR_ERROR_FUNCTION_UNSUPPORTED);
    CHECK(static_cast<bool>(f) == false);
  }
  // Stale and forged handles are caught.
  auto destroy_space = rt.get<PFN_xrDestroySpace>(instance, "xrDestroySpace");
  CHECK(destroy_space(reinterpret_cast<XrSpace>(0x12345678)) == XR_ERROR_HANDLE_INVALID);
  auto destroy = rt.get<PFN_xrDestroyInstance>(instance, "xrDestroyInstance");
  REQUIRE(destroy(instance) == XR_SUCCESS);
  CHECK(destroy(instance) == XR_ERROR_HANDLE_INVALID);
  CHECK(rt.gipa(instance, "xrLocateViews", &f) == XR_ERROR_HANDLE_INVALID);
}

TEST_CASE("[xr-simulator] through the loader, functions of disabled extensions are unsupported") {
  txr::test::use_simulator(false);  // the validation layer wraps every known name
  XrApp app;
  REQUIRE(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_SUCCESS);
  PFN_xrVoidFunction f = nullptr;
  CHECK(xrGetInstanceProcAddr(app.instance, "xrGetVulkanGraphicsDevice2KHR", &f) == XR_SUCCESS);
  CHECK(static_cast<bool>(f) != false);
  for (const char* name :
       {"xrGetVulkanInstanceExtensionsKHR", "xrConvertTimeToTimespecTimeKHR", "xrNotAFunction"}) {
    INFO(name);
    CHECK(xrGetInstanceProcAddr(app.instance, name, &f) == XR_ERROR_FUNCTION_UNSUPPORTED);
    CHECK(static_cast<bool>(f) == false);
  }
}

TEST_CASE("[xr-simulator] calls made out of order return the errors the spec names") {
  txr::test::use_simulator(false);
  XrApp app;
  REQUIRE(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_SUCCESS);
  {
    // A session needs xrGetVulkanGraphicsRequirements2KHR first.
    auto binding = make<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
    auto info = make<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    info.next = &binding;
    info.systemId = app.system;
    XrSession s = XR_NULL_HANDLE;
    CHECK(xrCreateSession(app.instance, &info, &s) == XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  }
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.create_swapchains() == XR_SUCCESS);

  auto fs = make<XrFrameState>(XR_TYPE_FRAME_STATE);
  CHECK(xrWaitFrame(app.session, nullptr, &fs) == XR_ERROR_SESSION_NOT_RUNNING);
  CHECK(xrEndSession(app.session) == XR_ERROR_SESSION_NOT_RUNNING);
  REQUIRE(app.poll() == XR_SESSION_STATE_READY);
  auto begin = make<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO;
  CHECK(xrBeginSession(app.session, &begin) == XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  REQUIRE(xrBeginSession(app.session, &begin) == XR_SUCCESS);
  CHECK(xrBeginSession(app.session, &begin) == XR_ERROR_SESSION_RUNNING);

  auto end = make<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  CHECK(xrBeginFrame(app.session, nullptr) == XR_ERROR_CALL_ORDER_INVALID);
  CHECK(xrEndFrame(app.session, &end) == XR_ERROR_CALL_ORDER_INVALID);
  REQUIRE(xrWaitFrame(app.session, nullptr, &fs) == XR_SUCCESS);
  REQUIRE(xrBeginFrame(app.session, nullptr) == XR_SUCCESS);
  CHECK(xrBeginFrame(app.session, nullptr) == XR_ERROR_CALL_ORDER_INVALID);
  end.displayTime = 0;
  CHECK(xrEndFrame(app.session, &end) == XR_ERROR_TIME_INVALID);
  end.displayTime = fs.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
  CHECK(xrEndFrame(app.session, &end) == XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  // A projection layer whose swapchain never released an image cannot be shown.
  std::array<XrCompositionLayerProjectionView, 2> views{};
  for (std::size_t e = 0; e < 2; ++e) {
    views[e].type = XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW;
    views[e].pose.orientation.w = 1.0f;
    views[e].subImage.swapchain = app.eyes[e].swapchain;
    views[e].subImage.imageRect = {{0, 0}, {64, 64}};
  }
  auto layer = make<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  layer.space = app.stage;
  layer.viewCount = 2;
  layer.views = views.data();
  const XrCompositionLayerBaseHeader* layers[] = {
      reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
  end.layerCount = 1;
  end.layers = layers;
  CHECK(xrEndFrame(app.session, &end) == XR_ERROR_LAYER_INVALID);
  end.layerCount = 0;
  REQUIRE(xrEndFrame(app.session, &end) == XR_SUCCESS);
  // Begin twice in a row (each after a wait): the first frame is discarded.
  REQUIRE(xrWaitFrame(app.session, nullptr, &fs) == XR_SUCCESS);
  REQUIRE(xrBeginFrame(app.session, nullptr) == XR_SUCCESS);
  REQUIRE(xrWaitFrame(app.session, nullptr, &fs) == XR_SUCCESS);
  CHECK(xrBeginFrame(app.session, nullptr) == XR_FRAME_DISCARDED);
  end.displayTime = fs.predictedDisplayTime;
  REQUIRE(xrEndFrame(app.session, &end) == XR_SUCCESS);

  // Swapchain images: wait needs an acquire, release needs a wait, at most 3 held at once.
  XrSwapchain sc = app.eyes[0].swapchain;
  auto wait = make<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wait.timeout = XR_INFINITE_DURATION;
  CHECK(xrWaitSwapchainImage(sc, &wait) == XR_ERROR_CALL_ORDER_INVALID);
  CHECK(xrReleaseSwapchainImage(sc, nullptr) == XR_ERROR_CALL_ORDER_INVALID);
  std::uint32_t index = 0;
  for (std::uint32_t i = 0; i < app.eyes[0].images.size(); ++i) {
    REQUIRE(xrAcquireSwapchainImage(sc, nullptr, &index) == XR_SUCCESS);
    CHECK(index == i);
  }
  CHECK(xrAcquireSwapchainImage(sc, nullptr, &index) == XR_ERROR_CALL_ORDER_INVALID);
  CHECK(xrReleaseSwapchainImage(sc, nullptr) == XR_ERROR_CALL_ORDER_INVALID);
  REQUIRE(xrWaitSwapchainImage(sc, &wait) == XR_SUCCESS);
  REQUIRE(xrReleaseSwapchainImage(sc, nullptr) == XR_SUCCESS);

  // Unknown formats and reference spaces are refused.
  auto sc_info = make<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  sc_info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
  sc_info.format = VK_FORMAT_R4G4_UNORM_PACK8;
  sc_info.sampleCount = 1;
  sc_info.width = sc_info.height = 16;
  sc_info.faceCount = sc_info.arraySize = sc_info.mipCount = 1;
  XrSwapchain bad = XR_NULL_HANDLE;
  CHECK(xrCreateSwapchain(app.session, &sc_info, &bad) == XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
  auto space_info = make<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  space_info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_UNBOUNDED_MSFT;
  space_info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace space = XR_NULL_HANDLE;
  CHECK(xrCreateReferenceSpace(app.session, &space_info, &space) ==
        XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
  space_info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  space_info.poseInReferenceSpace.orientation.w = 2.0f;
  CHECK(xrCreateReferenceSpace(app.session, &space_info, &space) == XR_ERROR_POSE_INVALID);
  app.destroy();
}
