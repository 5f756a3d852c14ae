#include "xr_app.hpp"

#include <openxr/openxr_reflection.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace txr::test {
namespace {

template <class F>
F xr_fn(XrInstance instance, const char* name) {
  PFN_xrVoidFunction f = nullptr;
  if (XR_FAILED(xrGetInstanceProcAddr(instance, name, &f))) return nullptr;
  return reinterpret_cast<F>(f);
}

XrBool32 XRAPI_CALL on_xr_message(XrDebugUtilsMessageSeverityFlagsEXT severity,
                                  XrDebugUtilsMessageTypeFlagsEXT,
                                  const XrDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  if (severity >= XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    static_cast<XrApp*>(user)->xr_messages.emplace_back(data->message != nullptr ? data->message
                                                                                 : "");
  }
  return XR_FALSE;
}

VKAPI_ATTR VkBool32 VKAPI_CALL on_vk_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                             VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data,
                                             void* user) {
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    static_cast<XrApp*>(user)->vk_messages.emplace_back(data->pMessage);
    std::fprintf(stderr, "vulkan: %s\n", data->pMessage);
  }
  return VK_FALSE;
}

bool has_vk_layer(const char* name) {
  std::uint32_t count = 0;
  vkEnumerateInstanceLayerProperties(&count, nullptr);
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  for (const auto& l : layers) {
    if (std::strcmp(l.layerName, name) == 0) return true;
  }
  return false;
}

}  // namespace

#define TXR_XR_CASE(name, value) \
  case name:                     \
    return #name;
const char* result_name(XrResult r) {
  switch (r) { XR_LIST_ENUM_XrResult(TXR_XR_CASE) default : return "XR_UNKNOWN"; }
}
#undef TXR_XR_CASE

void set_env(const char* name, const std::string& value) {
  if (value.empty()) {
    ::unsetenv(name);
  } else {
    ::setenv(name, value.c_str(), 1);
  }
}

void use_simulator(bool validation) {
  set_env("XR_RUNTIME_JSON", TXR_XRSIM_MANIFEST);
  set_env("XR_ENABLE_API_LAYERS", validation ? "XR_APILAYER_LUNARG_core_validation" : "");
  set_env("TRADEXR_XRSIM_UNPACED", "1");
  set_env("TRADEXR_XRSIM_RESOLUTION", "64x64");
  for (const char* name :
       {"TRADEXR_XRSIM_SCRIPT", "TRADEXR_XRSIM_CAPTURE_DIR", "TRADEXR_XRSIM_CAPTURE_FRAMES",
        "TRADEXR_XRSIM_LOG", "TRADEXR_XRSIM_PROFILE", "TRADEXR_XRSIM_REFRESH_HZ"}) {
    set_env(name, "");
  }
}

XrApp::~XrApp() { destroy(); }

XrPath XrApp::path(const char* text) {
  XrPath p = XR_NULL_PATH;
  xrStringToPath(instance, text, &p);
  return p;
}

XrResult XrApp::create_instance(std::vector<const char*> extensions) {
  XrInstanceCreateInfo info{};
  info.type = XR_TYPE_INSTANCE_CREATE_INFO;
  std::snprintf(info.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "xrsim-test");
  info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.enabledExtensionNames = extensions.data();
  if (const XrResult r = xrCreateInstance(&info, &instance); XR_FAILED(r)) return r;
  for (const char* e : extensions) {
    if (std::strcmp(e, XR_EXT_DEBUG_UTILS_EXTENSION_NAME) != 0) continue;
    XrDebugUtilsMessengerCreateInfoEXT m{};
    m.type = XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    m.messageSeverities = XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                          XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    m.messageTypes = XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT |
                     XR_DEBUG_UTILS_MESSAGE_TYPE_CONFORMANCE_BIT_EXT;
    m.userCallback = on_xr_message;
    m.userData = this;
    auto create =
        xr_fn<PFN_xrCreateDebugUtilsMessengerEXT>(instance, "xrCreateDebugUtilsMessengerEXT");
    if (create == nullptr) return XR_ERROR_FUNCTION_UNSUPPORTED;
    if (const XrResult r = create(instance, &m, &messenger); XR_FAILED(r)) return r;
  }
  XrSystemGetInfo sys{};
  sys.type = XR_TYPE_SYSTEM_GET_INFO;
  sys.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  return xrGetSystem(instance, &sys, &system);
}

XrResult XrApp::create_vulkan() {
  auto requirements = xr_fn<PFN_xrGetVulkanGraphicsRequirements2KHR>(
      instance, "xrGetVulkanGraphicsRequirements2KHR");
  auto create_instance_fn =
      xr_fn<PFN_xrCreateVulkanInstanceKHR>(instance, "xrCreateVulkanInstanceKHR");
  auto get_device =
      xr_fn<PFN_xrGetVulkanGraphicsDevice2KHR>(instance, "xrGetVulkanGraphicsDevice2KHR");
  auto create_device = xr_fn<PFN_xrCreateVulkanDeviceKHR>(instance, "xrCreateVulkanDeviceKHR");
  if (!requirements || !create_instance_fn || !get_device || !create_device) {
    return XR_ERROR_FUNCTION_UNSUPPORTED;
  }
  XrGraphicsRequirementsVulkan2KHR req{};
  req.type = XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR;
  if (const XrResult r = requirements(instance, system, &req); XR_FAILED(r)) return r;

  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "xrsim-test";
  app.apiVersion = VK_API_VERSION_1_1;
  std::vector<const char*> layers;
  std::vector<const char*> exts{VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
  if (has_vk_layer("VK_LAYER_KHRONOS_validation")) layers.push_back("VK_LAYER_KHRONOS_validation");
  VkInstanceCreateInfo vk_info{};
  vk_info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  vk_info.pApplicationInfo = &app;
  vk_info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  vk_info.ppEnabledLayerNames = layers.data();
  vk_info.enabledExtensionCount = static_cast<std::uint32_t>(exts.size());
  vk_info.ppEnabledExtensionNames = exts.data();
  XrVulkanInstanceCreateInfoKHR xr_vk{};
  xr_vk.type = XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR;
  xr_vk.systemId = system;
  xr_vk.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_vk.vulkanCreateInfo = &vk_info;
  VkResult vr = VK_SUCCESS;
  if (const XrResult r = create_instance_fn(instance, &xr_vk, &vk_instance, &vr); XR_FAILED(r)) {
    return r;
  }
  VkDebugUtilsMessengerCreateInfoEXT dm{};
  dm.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  dm.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  dm.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  dm.pfnUserCallback = on_vk_message;
  dm.pUserData = this;
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(vk_instance, "vkCreateDebugUtilsMessengerEXT"));
  if (create_messenger != nullptr) create_messenger(vk_instance, &dm, nullptr, &vk_messenger);

  XrVulkanGraphicsDeviceGetInfoKHR get{};
  get.type = XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR;
  get.systemId = system;
  get.vulkanInstance = vk_instance;
  if (const XrResult r = get_device(instance, &get, &vk_physical); XR_FAILED(r)) return r;

  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(vk_physical, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(vk_physical, &count, families.data());
  for (std::uint32_t i = 0; i < count; ++i) {
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      queue_family = i;
      break;
    }
  }
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{};
  queue.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queue.queueFamilyIndex = queue_family;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo dev{};
  dev.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  dev.queueCreateInfoCount = 1;
  dev.pQueueCreateInfos = &queue;
  XrVulkanDeviceCreateInfoKHR xr_dev{};
  xr_dev.type = XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR;
  xr_dev.systemId = system;
  xr_dev.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_dev.vulkanPhysicalDevice = vk_physical;
  xr_dev.vulkanCreateInfo = &dev;
  if (const XrResult r = create_device(instance, &xr_dev, &vk_device, &vr); XR_FAILED(r)) return r;
  vkGetDeviceQueue(vk_device, queue_family, 0, &vk_queue);
  VkCommandPoolCreateInfo pool{};
  pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = queue_family;
  vkCreateCommandPool(vk_device, &pool, nullptr, &vk_pool);
  return XR_SUCCESS;
}

XrResult XrApp::create_session() {
  XrGraphicsBindingVulkan2KHR binding{};
  binding.type = XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR;
  binding.instance = vk_instance;
  binding.physicalDevice = vk_physical;
  binding.device = vk_device;
  binding.queueFamilyIndex = queue_family;
  binding.queueIndex = 0;
  XrSessionCreateInfo info{};
  info.type = XR_TYPE_SESSION_CREATE_INFO;
  info.next = &binding;
  info.systemId = system;
  if (const XrResult r = xrCreateSession(instance, &info, &session); XR_FAILED(r)) return r;
  XrReferenceSpaceCreateInfo space{};
  space.type = XR_TYPE_REFERENCE_SPACE_CREATE_INFO;
  space.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
  space.poseInReferenceSpace.orientation.w = 1.0f;
  return xrCreateReferenceSpace(session, &space, &stage);
}

XrResult XrApp::create_swapchains(VkFormat format) {
  for (auto& eye : eyes) {
    XrSwapchainCreateInfo info{};
    info.type = XR_TYPE_SWAPCHAIN_CREATE_INFO;
    info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
    info.format = format;
    info.sampleCount = 1;
    info.width = 64;
    info.height = 64;
    info.faceCount = 1;
    info.arraySize = 1;
    info.mipCount = 1;
    if (const XrResult r = xrCreateSwapchain(session, &info, &eye.swapchain); XR_FAILED(r)) {
      return r;
    }
    eye.width = info.width;
    eye.height = info.height;
    std::uint32_t count = 0;
    xrEnumerateSwapchainImages(eye.swapchain, 0, &count, nullptr);
    std::vector<XrSwapchainImageVulkan2KHR> images(count);
    for (auto& i : images) i.type = XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR;
    if (const XrResult r = xrEnumerateSwapchainImages(
            eye.swapchain, count, &count,
            reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data()));
        XR_FAILED(r)) {
      return r;
    }
    for (const auto& i : images) eye.images.push_back(i.image);
  }
  return XR_SUCCESS;
}

XrSessionState XrApp::poll() {
  XrEventDataBuffer event{};
  event.type = XR_TYPE_EVENT_DATA_BUFFER;
  while (xrPollEvent(instance, &event) == XR_SUCCESS) {
    if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      states.push_back(reinterpret_cast<XrEventDataSessionStateChanged*>(&event)->state);
    } else if (event.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
      ++profile_changes;
    }
    event = {};
    event.type = XR_TYPE_EVENT_DATA_BUFFER;
  }
  return states.empty() ? XR_SESSION_STATE_UNKNOWN : states.back();
}

XrResult XrApp::frame(XrFrameState* state_out) {
  XrFrameState state{};
  state.type = XR_TYPE_FRAME_STATE;
  const XrResult waited = xrWaitFrame(session, nullptr, &state);
  if (XR_FAILED(waited)) return waited;
  if (state_out != nullptr) *state_out = state;
  last_display_time = state.predictedDisplayTime;
  if (const XrResult r = xrBeginFrame(session, nullptr); XR_FAILED(r)) return r;
  std::array<XrCompositionLayerProjectionView, 2> views{};
  XrCompositionLayerProjection layer{};
  const XrCompositionLayerBaseHeader* layers[] = {
      reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
  XrFrameEndInfo end{};
  end.type = XR_TYPE_FRAME_END_INFO;
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  if (state.shouldRender && eyes[0].swapchain != XR_NULL_HANDLE) {
    XrViewLocateInfo locate{};
    locate.type = XR_TYPE_VIEW_LOCATE_INFO;
    locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locate.displayTime = state.predictedDisplayTime;
    locate.space = stage;
    XrViewState view_state{};
    view_state.type = XR_TYPE_VIEW_STATE;
    std::array<XrView, 2> xr_views{};
    for (auto& v : xr_views) v.type = XR_TYPE_VIEW;
    std::uint32_t count = 0;
    if (const XrResult r = xrLocateViews(session, &locate, &view_state, 2, &count, xr_views.data());
        XR_FAILED(r)) {
      return r;
    }
    for (std::size_t e = 0; e < 2; ++e) {
      Eye& eye = eyes[e];
      std::uint32_t index = 0;
      if (const XrResult r = xrAcquireSwapchainImage(eye.swapchain, nullptr, &index);
          XR_FAILED(r)) {
        return r;
      }
      XrSwapchainImageWaitInfo wait{};
      wait.type = XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO;
      wait.timeout = XR_INFINITE_DURATION;
      if (const XrResult r = xrWaitSwapchainImage(eye.swapchain, &wait); XR_FAILED(r)) return r;
      // Clear the eye: attachment layout -> transfer dst -> clear -> attachment layout.
      VkCommandBufferAllocateInfo alloc{};
      alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
      alloc.commandPool = vk_pool;
      alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      alloc.commandBufferCount = 1;
      VkCommandBuffer cmd = VK_NULL_HANDLE;
      vkAllocateCommandBuffers(vk_device, &alloc, &cmd);
      VkCommandBufferBeginInfo begin{};
      begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
      begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
      vkBeginCommandBuffer(cmd, &begin);
      VkImageMemoryBarrier b{};
      b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = eye.images[index];
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                           VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &b);
      VkClearColorValue color{};
      std::memcpy(color.float32, clear_colors[e].data(), sizeof(color.float32));
      vkCmdClearColorImage(cmd, b.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &color, 1,
                           &b.subresourceRange);
      b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
      b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
      b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                           VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0, nullptr, 0, nullptr,
                           1, &b);
      vkEndCommandBuffer(cmd);
      VkSubmitInfo submit{};
      submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
      submit.commandBufferCount = 1;
      submit.pCommandBuffers = &cmd;
      vkQueueSubmit(vk_queue, 1, &submit, VK_NULL_HANDLE);
      vkQueueWaitIdle(vk_queue);
      vkFreeCommandBuffers(vk_device, vk_pool, 1, &cmd);
      XrSwapchainImageReleaseInfo release{};
      release.type = XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO;
      if (const XrResult r = xrReleaseSwapchainImage(eye.swapchain, &release); XR_FAILED(r)) {
        return r;
      }
      views[e].type = XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW;
      views[e].pose = xr_views[e].pose;
      views[e].fov = xr_views[e].fov;
      views[e].subImage.swapchain = eye.swapchain;
      views[e].subImage.imageRect = {
          {0, 0}, {static_cast<int32_t>(eye.width), static_cast<int32_t>(eye.height)}};
    }
    layer.type = XR_TYPE_COMPOSITION_LAYER_PROJECTION;
    layer.space = stage;
    layer.viewCount = 2;
    layer.views = views.data();
    end.layerCount = 1;
    end.layers = layers;
  }
  const XrResult ended = xrEndFrame(session, &end);
  return XR_FAILED(ended) ? ended : waited;
}

bool XrApp::run_until(XrSessionState target, int max_frames) {
  for (int i = 0; i < max_frames; ++i) {
    const std::size_t seen = states.size();
    poll();
    for (std::size_t k = seen; k < states.size(); ++k) {
      const XrSessionState s = states[k];
      if (s == XR_SESSION_STATE_READY) {
        XrSessionBeginInfo begin{};
        begin.type = XR_TYPE_SESSION_BEGIN_INFO;
        begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        if (XR_FAILED(xrBeginSession(session, &begin))) return false;
      } else if (s == XR_SESSION_STATE_STOPPING) {
        if (XR_FAILED(xrEndSession(session))) return false;
      }
      if (s == target) return true;
    }
    const XrSessionState now = states.empty() ? XR_SESSION_STATE_UNKNOWN : states.back();
    const bool running = now == XR_SESSION_STATE_READY || now == XR_SESSION_STATE_SYNCHRONIZED ||
                         now == XR_SESSION_STATE_VISIBLE || now == XR_SESSION_STATE_FOCUSED ||
                         now == XR_SESSION_STATE_LOSS_PENDING;
    if (running && XR_FAILED(frame())) return false;
  }
  return false;
}

void XrApp::destroy_session() {
  if (vk_device != VK_NULL_HANDLE) vkDeviceWaitIdle(vk_device);
  for (auto& eye : eyes) {
    if (eye.swapchain != XR_NULL_HANDLE) xrDestroySwapchain(eye.swapchain);
    eye = {};
  }
  if (stage != XR_NULL_HANDLE) xrDestroySpace(stage);
  stage = XR_NULL_HANDLE;
  if (session != XR_NULL_HANDLE) xrDestroySession(session);
  session = XR_NULL_HANDLE;
}

void XrApp::destroy() {
  destroy_session();
  if (vk_pool != VK_NULL_HANDLE) vkDestroyCommandPool(vk_device, vk_pool, nullptr);
  vk_pool = VK_NULL_HANDLE;
  if (vk_device != VK_NULL_HANDLE) vkDestroyDevice(vk_device, nullptr);
  vk_device = VK_NULL_HANDLE;
  if (vk_messenger != VK_NULL_HANDLE) {
    auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vk_instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy_messenger(vk_instance, vk_messenger, nullptr);
    vk_messenger = VK_NULL_HANDLE;
  }
  if (vk_instance != VK_NULL_HANDLE) vkDestroyInstance(vk_instance, nullptr);
  vk_instance = VK_NULL_HANDLE;
  if (instance != XR_NULL_HANDLE) xrDestroyInstance(instance);
  instance = XR_NULL_HANDLE;
  messenger = XR_NULL_HANDLE;
}

}  // namespace txr::test
