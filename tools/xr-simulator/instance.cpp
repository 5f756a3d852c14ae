// Instance, system, view configuration, events, paths and string conversion entry points.
#include <cstdio>
#include <cstring>
#include <vector>

#include "api.hpp"
#include "enumerate.hpp"
#include "runtime.hpp"
#include "state_names.hpp"

namespace txr::xrsim {
namespace {

constexpr XrSystemId k_system_id = 1;

struct ExtensionInfo {
  const char* name;
  std::uint32_t version;
};

constexpr ExtensionInfo k_extensions[] = {
    {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION},
    {XR_KHR_VULKAN_ENABLE_EXTENSION_NAME, XR_KHR_vulkan_enable_SPEC_VERSION},
    {XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_KHR_composition_layer_depth_SPEC_VERSION},
    {XR_EXT_DEBUG_UTILS_EXTENSION_NAME, XR_EXT_debug_utils_SPEC_VERSION},
    {XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME, XR_KHR_convert_timespec_time_SPEC_VERSION},
    {XR_EXT_HAND_TRACKING_EXTENSION_NAME, XR_EXT_hand_tracking_SPEC_VERSION},
};

// The extensions offered now (hand tracking can be switched off by configuration).
std::vector<ExtensionInfo> offered_extensions() {
  std::vector<ExtensionInfo> out;
  for (const auto& e : k_extensions) {
    if (std::strcmp(e.name, XR_EXT_HAND_TRACKING_EXTENSION_NAME) == 0 && !hand_tracking_offered()) {
      continue;
    }
    out.push_back(e);
  }
  return out;
}

void copy_string(char* dst, std::size_t capacity, const std::string& src) {
  std::snprintf(dst, capacity, "%s", src.c_str());
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateApiLayerProperties(uint32_t propertyCapacityInput,
                                                             uint32_t* propertyCountOutput,
                                                             XrApiLayerProperties*) {
  // A runtime provides no API layers; the loader lists those from manifests.
  if (propertyCountOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  (void)propertyCapacityInput;
  *propertyCountOutput = 0;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateInstanceExtensionProperties(
    const char* layerName, uint32_t propertyCapacityInput, uint32_t* propertyCountOutput,
    XrExtensionProperties* properties) {
  if (layerName != nullptr && layerName[0] != '\0') return XR_ERROR_API_LAYER_NOT_PRESENT;
  const auto offered = offered_extensions();
  return enumerate(propertyCapacityInput, propertyCountOutput, properties, offered.size(),
                   [&](std::size_t i, XrExtensionProperties& out) {
                     if (out.type != XR_TYPE_EXTENSION_PROPERTIES) return false;
                     copy_string(out.extensionName, sizeof(out.extensionName), offered[i].name);
                     out.extensionVersion = offered[i].version;
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateInstance(const XrInstanceCreateInfo* createInfo,
                                                XrInstance* instance) {
  if (createInfo == nullptr || instance == nullptr ||
      createInfo->type != XR_TYPE_INSTANCE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const XrVersion api = createInfo->applicationInfo.apiVersion;
  if (XR_VERSION_MAJOR(api) != 1 || XR_VERSION_MINOR(api) != 0) {
    return XR_ERROR_API_VERSION_UNSUPPORTED;
  }
  if (createInfo->applicationInfo.applicationName[0] == '\0') return XR_ERROR_NAME_INVALID;
  if (createInfo->enabledApiLayerCount > 0) return XR_ERROR_API_LAYER_NOT_PRESENT;
  auto inst = std::make_shared<Instance>();
  const auto offered = offered_extensions();
  for (std::uint32_t i = 0; i < createInfo->enabledExtensionCount; ++i) {
    const char* name = createInfo->enabledExtensionNames[i];
    if (name == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const std::string ext(name);
    bool known = false;
    for (const auto& e : offered) known = known || ext == e.name;
    if (!known) return XR_ERROR_EXTENSION_NOT_PRESENT;
    inst->ext_vulkan2 = inst->ext_vulkan2 || ext == XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
    inst->ext_vulkan = inst->ext_vulkan || ext == XR_KHR_VULKAN_ENABLE_EXTENSION_NAME;
    inst->ext_depth = inst->ext_depth || ext == XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME;
    inst->ext_debug_utils = inst->ext_debug_utils || ext == XR_EXT_DEBUG_UTILS_EXTENSION_NAME;
    inst->ext_timespec = inst->ext_timespec || ext == XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME;
    inst->ext_hand_tracking = inst->ext_hand_tracking || ext == XR_EXT_HAND_TRACKING_EXTENSION_NAME;
  }
  auto config = config_from_env();
  if (!config) {
    std::fprintf(stderr, "[xr-simulator] %s\n", config.error().c_str());
    return XR_ERROR_RUNTIME_FAILURE;
  }
  inst->config = *config;
  if (!inst->config.script_path.empty()) {
    auto script = load_script(inst->config.script_path);
    if (!script) {
      std::fprintf(stderr, "[xr-simulator] TRADEXR_XRSIM_SCRIPT: %s\n", script.error().c_str());
      return XR_ERROR_RUNTIME_FAILURE;
    }
    inst->script = std::move(*script);
  } else {
    inst->script = default_script();
  }
  inst->device_profile = inst->script.profile.empty() ? inst->config.profile : inst->script.profile;
  std::vector<std::string> profiles{inst->device_profile};
  for (const auto& e : inst->script.events) {
    if (e.kind == ScriptEventKind::interaction_profile) profiles.push_back(e.profile);
  }
  for (const auto& p : profiles) {
    if (!is_known_profile(p)) {
      std::string known;
      for (const auto& k : known_profiles()) known += " " + k;
      std::fprintf(stderr, "[xr-simulator] unknown interaction profile %s (known:%s)\n", p.c_str(),
                   known.c_str());
      return XR_ERROR_RUNTIME_FAILURE;
    }
  }
  inst->application_name = createInfo->applicationInfo.applicationName;
  std::lock_guard lock(api_mutex());
  *instance = handle_of<XrInstance>(register_object(inst));
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroyInstance(XrInstance instance) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (Session* s = lookup<Session>(inst->session_id, ObjectType::session)) {
    destroy_session_object(*s);
  }
  for (std::uint64_t id : std::vector<std::uint64_t>(inst->action_sets)) {
    if (ActionSet* set = lookup<ActionSet>(id, ObjectType::action_set)) {
      destroy_action_set_object(*set);
    }
  }
  for (std::uint64_t id : inst->messengers) unregister_object(id);
  if (!inst->config.log_path.empty() && !inst->log.write(inst->config.log_path)) {
    std::fprintf(stderr, "[xr-simulator] cannot write TRADEXR_XRSIM_LOG=%s\n",
                 inst->config.log_path.c_str());
  }
  unregister_object(inst->id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetInstanceProperties(XrInstance instance,
                                                       XrInstanceProperties* instanceProperties) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (instanceProperties == nullptr || instanceProperties->type != XR_TYPE_INSTANCE_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  instanceProperties->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  copy_string(instanceProperties->runtimeName, sizeof(instanceProperties->runtimeName),
              "TradeXR XR simulator");
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrPollEvent(XrInstance instance, XrEventDataBuffer* eventData) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (eventData == nullptr || eventData->type != XR_TYPE_EVENT_DATA_BUFFER) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (inst->events_lost) {
    XrEventDataEventsLost lost{XR_TYPE_EVENT_DATA_EVENTS_LOST, nullptr, inst->lost_event_count};
    std::memcpy(eventData, &lost, sizeof(lost));
    inst->events_lost = false;
    inst->lost_event_count = 0;
    return XR_SUCCESS;
  }
  if (inst->events.empty()) return XR_EVENT_UNAVAILABLE;
  *eventData = inst->events.front();
  inst->events.pop_front();
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrResultToString(XrInstance instance, XrResult value,
                                                char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (const char* name = result_name(value)) {
    std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
  } else {
    std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%s_%d",
                  value >= 0 ? "SUCCESS" : "FAILURE", static_cast<int>(value));
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrStructureTypeToString(XrInstance instance, XrStructureType value,
                                                       char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (const char* name = structure_type_name(value)) {
    std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
  } else {
    std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d",
                  static_cast<int>(value));
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrStringToPath(XrInstance instance, const char* pathString,
                                              XrPath* path) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (pathString == nullptr || path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const std::string text(pathString);
  if (!is_valid_path_string(text)) return XR_ERROR_PATH_FORMAT_INVALID;
  *path = intern_path(*inst, text);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrPathToString(XrInstance instance, XrPath path,
                                              uint32_t bufferCapacityInput,
                                              uint32_t* bufferCountOutput, char* buffer) {
  std::lock_guard lock(api_mutex());
  const Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  const std::string* text = path_string(*inst, path);
  if (text == nullptr) return XR_ERROR_PATH_INVALID;
  return enumerate_string(bufferCapacityInput, bufferCountOutput, buffer, *text);
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetSystem(XrInstance instance, const XrSystemGetInfo* getInfo,
                                           XrSystemId* systemId) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || systemId == nullptr || getInfo->type != XR_TYPE_SYSTEM_GET_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (getInfo->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) {
    return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
  }
  if (getInfo->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  inst->system_queried = true;
  *systemId = k_system_id;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetSystemProperties(XrInstance instance, XrSystemId systemId,
                                                     XrSystemProperties* properties) {
  std::lock_guard lock(api_mutex());
  const Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (properties == nullptr || properties->type != XR_TYPE_SYSTEM_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  for (auto* n = static_cast<XrBaseOutStructure*>(properties->next); n != nullptr; n = n->next) {
    // Only a structure of an enabled extension may be chained (spec: valid usage of `next`).
    if (n->type == XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT) {
      if (!inst->ext_hand_tracking) return XR_ERROR_VALIDATION_FAILURE;
      reinterpret_cast<XrSystemHandTrackingPropertiesEXT*>(n)->supportsHandTracking = XR_TRUE;
    }
  }
  properties->systemId = k_system_id;
  properties->vendorId = 0x7478;  // "tx"
  copy_string(properties->systemName, sizeof(properties->systemName), "TradeXR simulated headset");
  properties->graphicsProperties.maxSwapchainImageWidth = 8192;
  properties->graphicsProperties.maxSwapchainImageHeight = 8192;
  properties->graphicsProperties.maxLayerCount = XR_MIN_COMPOSITION_LAYERS_SUPPORTED;
  properties->trackingProperties.orientationTracking = XR_TRUE;
  properties->trackingProperties.positionTracking = XR_TRUE;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateViewConfigurations(
    XrInstance instance, XrSystemId systemId, uint32_t viewConfigurationTypeCapacityInput,
    uint32_t* viewConfigurationTypeCountOutput, XrViewConfigurationType* viewConfigurationTypes) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  return enumerate(viewConfigurationTypeCapacityInput, viewConfigurationTypeCountOutput,
                   viewConfigurationTypes, 1, [](std::size_t, XrViewConfigurationType& out) {
                     out = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetViewConfigurationProperties(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    XrViewConfigurationProperties* configurationProperties) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (configurationProperties == nullptr ||
      configurationProperties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  configurationProperties->viewConfigurationType = viewConfigurationType;
  configurationProperties->fovMutable = XR_FALSE;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateViewConfigurationViews(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    uint32_t viewCapacityInput, uint32_t* viewCountOutput, XrViewConfigurationView* views) {
  std::lock_guard lock(api_mutex());
  const Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  return enumerate(viewCapacityInput, viewCountOutput, views, 2,
                   [&](std::size_t, XrViewConfigurationView& out) {
                     if (out.type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return false;
                     out.recommendedImageRectWidth = inst->config.width;
                     out.recommendedImageRectHeight = inst->config.height;
                     out.maxImageRectWidth = 8192;
                     out.maxImageRectHeight = 8192;
                     out.recommendedSwapchainSampleCount = 1;
                     out.maxSwapchainSampleCount = 1;
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateEnvironmentBlendModes(
    XrInstance instance, XrSystemId systemId, XrViewConfigurationType viewConfigurationType,
    uint32_t environmentBlendModeCapacityInput, uint32_t* environmentBlendModeCountOutput,
    XrEnvironmentBlendMode* environmentBlendModes) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (systemId != k_system_id) return XR_ERROR_SYSTEM_INVALID;
  if (viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  return enumerate(environmentBlendModeCapacityInput, environmentBlendModeCountOutput,
                   environmentBlendModes, 1, [](std::size_t, XrEnvironmentBlendMode& out) {
                     out = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrConvertTimespecTimeToTimeKHR(XrInstance instance,
                                                              const struct timespec* timespecTime,
                                                              XrTime* time) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (timespecTime == nullptr || time == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *time = static_cast<XrTime>(timespecTime->tv_sec) * 1'000'000'000 + timespecTime->tv_nsec;
  if (*time <= 0) return XR_ERROR_TIME_INVALID;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrConvertTimeToTimespecTimeKHR(XrInstance instance, XrTime time,
                                                              struct timespec* timespecTime) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (timespecTime == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  timespecTime->tv_sec = static_cast<time_t>(time / 1'000'000'000);
  timespecTime->tv_nsec = static_cast<long>(time % 1'000'000'000);
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
