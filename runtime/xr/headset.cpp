#include "xr/headset.hpp"

#include <algorithm>
#include <cstring>

#include "core/log.hpp"

namespace txr::xr {
namespace {

bool has_extension(const std::vector<XrExtensionProperties>& list, const char* name) {
  return std::any_of(list.begin(), list.end(), [&](const XrExtensionProperties& e) {
    return std::strcmp(e.extensionName, name) == 0;
  });
}

core::Error unavailable(XrResult r) {
  if (r == XR_ERROR_RUNTIME_UNAVAILABLE || r == XR_ERROR_RUNTIME_FAILURE ||
      r == XR_ERROR_INSTANCE_LOST) {
    return core::Error("no OpenXR runtime is available (" + result_name(r) +
                       "): start SteamVR or Monado and make it the active runtime, or point "
                       "XR_RUNTIME_JSON at a runtime manifest");
  }
  return call_error("xrCreateInstance", r);
}

}  // namespace

core::Result<std::unique_ptr<Headset>> Headset::create(const HeadsetOptions& options) {
  std::unique_ptr<Headset> h(new Headset());
  if (auto ok = h->init(options); !ok) return std::unexpected(ok.error());
  return h;
}

core::Result<void> Headset::init(const HeadsetOptions& options) {
  std::uint32_t count = 0;
  if (const XrResult r = xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr);
      XR_FAILED(r)) {
    return std::unexpected(unavailable(r));
  }
  std::vector<XrExtensionProperties> available(
      count, make<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  TXR_XR_TRY(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, available.data()));
  if (!has_extension(available, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME)) {
    return core::fail("the OpenXR runtime does not offer XR_KHR_vulkan_enable2 (Vulkan rendering)");
  }
  std::vector<const char*> enabled{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  depth_layer_ = options.use_depth_layer &&
                 has_extension(available, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  if (depth_layer_) enabled.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
  const bool debug_utils = has_extension(available, XR_EXT_DEBUG_UTILS_EXTENSION_NAME);
  if (debug_utils) enabled.push_back(XR_EXT_DEBUG_UTILS_EXTENSION_NAME);
  const bool hand_ext =
      options.use_hand_tracking && has_extension(available, XR_EXT_HAND_TRACKING_EXTENSION_NAME);
  if (hand_ext) enabled.push_back(XR_EXT_HAND_TRACKING_EXTENSION_NAME);

  auto info = make<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strncpy(info.applicationInfo.applicationName, options.app_name.c_str(),
               XR_MAX_APPLICATION_NAME_SIZE - 1);
  std::strncpy(info.applicationInfo.engineName, "TradeXR", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  info.enabledExtensionCount = static_cast<std::uint32_t>(enabled.size());
  info.enabledExtensionNames = enabled.data();
  if (const XrResult r = xrCreateInstance(&info, &instance_); XR_FAILED(r)) {
    return std::unexpected(unavailable(r));
  }
  if (debug_utils) {
    auto m =
        make<XrDebugUtilsMessengerCreateInfoEXT>(XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
    m.messageSeverities = XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                          XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    m.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
    m.userCallback = &Headset::on_message;
    m.userData = this;
    if (auto create = instance_proc<PFN_xrCreateDebugUtilsMessengerEXT>(
            instance_, "xrCreateDebugUtilsMessengerEXT")) {
      TXR_XR_TRY(create(instance_, &m, &messenger_));
    }
  }
  auto props = make<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
  TXR_XR_TRY(xrGetInstanceProperties(instance_, &props));
  runtime_name_ = props.runtimeName;

  auto system_info = make<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  system_info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  if (const XrResult r = xrGetSystem(instance_, &system_info, &system_); XR_FAILED(r)) {
    if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE) {
      return core::fail("the OpenXR runtime '" + runtime_name_ +
                        "' sees no headset: connect and switch on the headset");
    }
    return std::unexpected(call_error("xrGetSystem", r));
  }
  auto system_props = make<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  auto hand_props =
      make<XrSystemHandTrackingPropertiesEXT>(XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT);
  if (hand_ext) system_props.next = &hand_props;  // only an enabled extension's struct may chain
  TXR_XR_TRY(xrGetSystemProperties(instance_, system_, &system_props));
  system_name_ = system_props.systemName;
  hand_tracking_ = hand_ext && hand_props.supportsHandTracking == XR_TRUE;

  std::uint32_t view_count = 0;
  TXR_XR_TRY(xrEnumerateViewConfigurationViews(
      instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &view_count, nullptr));
  if (view_count != 2) {
    return core::fail("the headset's stereo view configuration has " + std::to_string(view_count) +
                      " views, expected 2");
  }
  for (auto& v : views_) v.type = XR_TYPE_VIEW_CONFIGURATION_VIEW;
  TXR_XR_TRY(xrEnumerateViewConfigurationViews(instance_, system_,
                                               XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2,
                                               &view_count, views_.data()));
  std::uint32_t blend_count = 0;
  TXR_XR_TRY(xrEnumerateEnvironmentBlendModes(
      instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &blend_count, nullptr));
  std::vector<XrEnvironmentBlendMode> blends(blend_count);
  TXR_XR_TRY(xrEnumerateEnvironmentBlendModes(instance_, system_,
                                              XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                                              blend_count, &blend_count, blends.data()));
  if (blends.empty()) return core::fail("the OpenXR runtime lists no environment blend mode");
  blend_mode_ = blends.front();
  core::log_info("xr", "runtime '" + runtime_name_ + "', system '" + system_name_ + "'");
  return {};
}

Headset::~Headset() {
  destroy_session();
  if (messenger_ != XR_NULL_HANDLE) {
    if (auto destroy = instance_proc<PFN_xrDestroyDebugUtilsMessengerEXT>(
            instance_, "xrDestroyDebugUtilsMessengerEXT")) {
      destroy(messenger_);
    }
  }
  if (instance_ != XR_NULL_HANDLE) xrDestroyInstance(instance_);
}

XrBool32 XRAPI_CALL Headset::on_message(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                        XrDebugUtilsMessageTypeFlagsEXT,
                                        const XrDebugUtilsMessengerCallbackDataEXT* data,
                                        void* user) {
  auto* self = static_cast<Headset*>(user);
  ++self->messages_;
  const std::string text = std::string(data->functionName != nullptr ? data->functionName : "") +
                           ": " + (data->message != nullptr ? data->message : "");
  if ((severity & XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0) {
    core::log_error("openxr", text);
  } else {
    core::log_warn("openxr", text);
  }
  return XR_FALSE;
}

void Headset::apply_vulkan_hooks(render::ContextOptions& options) {
  options.create_instance = [this](const VkInstanceCreateInfo& info) -> core::Result<VkInstance> {
    auto requirements = instance_proc<PFN_xrGetVulkanGraphicsRequirements2KHR>(
        instance_, "xrGetVulkanGraphicsRequirements2KHR");
    auto create =
        instance_proc<PFN_xrCreateVulkanInstanceKHR>(instance_, "xrCreateVulkanInstanceKHR");
    if (requirements == nullptr || create == nullptr) {
      return core::fail("the OpenXR runtime lacks the XR_KHR_vulkan_enable2 functions");
    }
    auto req = make<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
    TXR_XR_TRY(requirements(instance_, system_, &req));
    if (XR_VERSION_MAJOR(req.minApiVersionSupported) > 1 ||
        (XR_VERSION_MAJOR(req.minApiVersionSupported) == 1 &&
         XR_VERSION_MINOR(req.minApiVersionSupported) > 1)) {
      return core::fail("the OpenXR runtime needs Vulkan " +
                        std::to_string(XR_VERSION_MAJOR(req.minApiVersionSupported)) + "." +
                        std::to_string(XR_VERSION_MINOR(req.minApiVersionSupported)) +
                        ", TradeXR renders with Vulkan 1.1");
    }
    auto xr_info = make<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
    xr_info.systemId = system_;
    xr_info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    xr_info.vulkanCreateInfo = &info;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult vk_result = VK_SUCCESS;
    TXR_XR_TRY(create(instance_, &xr_info, &instance, &vk_result));
    if (vk_result != VK_SUCCESS) {
      return core::fail("vkCreateInstance (through the OpenXR runtime) failed: VkResult " +
                        std::to_string(static_cast<int>(vk_result)));
    }
    return instance;
  };
  options.choose_physical_device = [this](VkInstance vk) -> core::Result<VkPhysicalDevice> {
    auto get = instance_proc<PFN_xrGetVulkanGraphicsDevice2KHR>(instance_,
                                                                "xrGetVulkanGraphicsDevice2KHR");
    if (get == nullptr) return core::fail("xrGetVulkanGraphicsDevice2KHR is missing");
    auto info = make<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
    info.systemId = system_;
    info.vulkanInstance = vk;
    VkPhysicalDevice device = VK_NULL_HANDLE;
    TXR_XR_TRY(get(instance_, &info, &device));
    return device;
  };
  options.create_device = [this](VkPhysicalDevice physical,
                                 const VkDeviceCreateInfo& info) -> core::Result<VkDevice> {
    auto create = instance_proc<PFN_xrCreateVulkanDeviceKHR>(instance_, "xrCreateVulkanDeviceKHR");
    if (create == nullptr) return core::fail("xrCreateVulkanDeviceKHR is missing");
    auto xr_info = make<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
    xr_info.systemId = system_;
    xr_info.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    xr_info.vulkanPhysicalDevice = physical;
    xr_info.vulkanCreateInfo = &info;
    VkDevice device = VK_NULL_HANDLE;
    VkResult vk_result = VK_SUCCESS;
    TXR_XR_TRY(create(instance_, &xr_info, &device, &vk_result));
    if (vk_result != VK_SUCCESS) {
      return core::fail("vkCreateDevice (through the OpenXR runtime) failed: VkResult " +
                        std::to_string(static_cast<int>(vk_result)));
    }
    return device;
  };
}

std::vector<std::int64_t> Headset::swapchain_formats() const {
  std::vector<std::int64_t> formats;
  if (session_ == XR_NULL_HANDLE) return formats;
  std::uint32_t count = 0;
  if (XR_FAILED(xrEnumerateSwapchainFormats(session_, 0, &count, nullptr))) return formats;
  formats.resize(count);
  if (XR_FAILED(xrEnumerateSwapchainFormats(session_, count, &count, formats.data()))) {
    formats.clear();
  }
  return formats;
}

}  // namespace txr::xr
