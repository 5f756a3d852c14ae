// Session lifecycle: create/destroy, begin/end and exit requests (the state machine's rules).
#include <cstdio>

#include "api.hpp"
#include "runtime.hpp"
#include "vulkan_context.hpp"

namespace txr::xrsim {

XrTime session_now(const Session& session) {
  return session.last_predicted != 0 ? session.last_predicted : now_ns();
}

void destroy_session_object(Session& session) {
  Instance& instance = owner(session);
  for (std::uint64_t id : std::vector<std::uint64_t>(session.swapchains)) {
    if (Swapchain* sc = lookup<Swapchain>(id, ObjectType::swapchain)) destroy_swapchain_object(*sc);
  }
  for (std::uint64_t id : session.spaces) unregister_object(id);
  for (std::uint64_t id : session.hand_trackers) unregister_object(id);  // children go with it
  release_vulkan(session);
  // Events about a destroyed session are never delivered (its handle is no longer valid).
  const auto handle = handle_of<XrSession>(session.id);
  std::erase_if(instance.events, [&](const XrEventDataBuffer& e) {
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      return reinterpret_cast<const XrEventDataSessionStateChanged&>(e).session == handle;
    }
    if (e.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) {
      return reinterpret_cast<const XrEventDataInteractionProfileChanged&>(e).session == handle;
    }
    return false;
  });
  if (!instance.config.log_path.empty()) instance.log.write(instance.config.log_path);
  instance.session_id = 0;
  unregister_object(session.id);
}

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrCreateSession(XrInstance instance,
                                               const XrSessionCreateInfo* createInfo,
                                               XrSession* session) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || session == nullptr ||
      createInfo->type != XR_TYPE_SESSION_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  // The system id must come from xrGetSystem on this instance.
  if (createInfo->systemId != 1 || !inst->system_queried) return XR_ERROR_SYSTEM_INVALID;
  if (inst->session_id != 0) return XR_ERROR_LIMIT_REACHED;
  const XrGraphicsBindingVulkanKHR* binding = nullptr;
  for (auto* next = static_cast<const XrBaseInStructure*>(createInfo->next); next != nullptr;
       next = next->next) {
    if (next->type == XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR) {
      binding = reinterpret_cast<const XrGraphicsBindingVulkanKHR*>(next);
    }
  }
  if (binding == nullptr || !(inst->ext_vulkan || inst->ext_vulkan2)) {
    report(*inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT, "xrCreateSession",
           "a Vulkan graphics binding (XR_KHR_vulkan_enable2 or XR_KHR_vulkan_enable) is required");
    return XR_ERROR_GRAPHICS_DEVICE_INVALID;
  }
  if (!inst->graphics_requirements_queried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
  auto s = std::make_shared<Session>();
  s->instance_id = inst->id;
  if (const XrResult r = bind_vulkan(*inst, *s, *binding); XR_FAILED(r)) return r;
  const std::uint64_t id = register_object(s);
  inst->session_id = id;
  // The simulated headset is always worn: the session becomes ready at once.
  const XrTime t = now_ns();
  set_session_state(*s, XR_SESSION_STATE_IDLE, t);
  set_session_state(*s, XR_SESSION_STATE_READY, t);
  *session = handle_of<XrSession>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroySession(XrSession session) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_session_object(*s);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrBeginSession(XrSession session,
                                              const XrSessionBeginInfo* beginInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (beginInfo == nullptr || beginInfo->type != XR_TYPE_SESSION_BEGIN_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (beginInfo->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (s->loss_pending) return XR_ERROR_SESSION_LOST;
  if (s->running) return XR_ERROR_SESSION_RUNNING;
  if (s->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
  Instance& inst = owner(*s);
  const XrTime now = now_ns();
  if (!inst.timeline_started) {
    inst.timeline_started = true;
    inst.timeline_origin = now;
  }
  s->running = true;
  s->view_config = beginInfo->primaryViewConfigurationType;
  s->waits_outstanding = 0;
  s->frame_begun = false;
  s->first_wait_done = false;
  s->last_wake = s->last_predicted > now ? s->last_predicted : now;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrEndSession(XrSession session) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (s->loss_pending) {
    s->running = false;
    return XR_SESSION_LOSS_PENDING;
  }
  if (s->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
  s->running = false;
  s->waits_outstanding = 0;
  s->frame_begun = false;
  const XrTime t = session_now(*s);
  set_session_state(*s, XR_SESSION_STATE_IDLE, t);
  if (s->exit_requested) {
    set_session_state(*s, XR_SESSION_STATE_EXITING, t);
  } else {
    set_session_state(*s, XR_SESSION_STATE_READY, t);
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrRequestExitSession(XrSession session) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (s->loss_pending) return XR_SESSION_LOSS_PENDING;
  if (!s->running) return XR_ERROR_SESSION_NOT_RUNNING;
  request_session_exit(*s, session_now(*s));
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
