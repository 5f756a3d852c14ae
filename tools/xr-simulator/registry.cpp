// Handle registry, paths, events, the session state machine's transitions and debug messages.
#include <cstdio>
#include <cstring>
#include <ctime>

#include "api.hpp"
#include "runtime.hpp"
#include "state_names.hpp"

namespace txr::xrsim {
namespace {

std::unordered_map<std::uint64_t, std::shared_ptr<Object>>& registry() {
  static std::unordered_map<std::uint64_t, std::shared_ptr<Object>> objects;
  return objects;
}

constexpr std::size_t k_max_events = 64;

}  // namespace

std::recursive_mutex& api_mutex() {
  static std::recursive_mutex m;
  return m;
}

std::uint64_t register_object(std::shared_ptr<Object> object) {
  // Handles are small counters (never reused) rather than pointers: a stale or forged handle
  // is found missing instead of being dereferenced.
  static std::uint64_t next_id = 0x1000;
  object->id = next_id++;
  if (object->type == ObjectType::instance) object->instance_id = object->id;
  const std::uint64_t id = object->id;
  registry().emplace(id, std::move(object));
  return id;
}

void unregister_object(std::uint64_t id) { registry().erase(id); }

std::shared_ptr<Object> find_object(std::uint64_t id) {
  const auto it = registry().find(id);
  return it == registry().end() ? nullptr : it->second;
}

XrTime now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<XrTime>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool is_valid_path_string(const std::string& text) {
  // Spec "Path names": /segment/segment, segments of [a-z0-9-_.], not only dots.
  if (text.size() < 2 || text.size() >= XR_MAX_PATH_LENGTH || text.front() != '/' ||
      text.back() == '/') {
    return false;
  }
  std::size_t start = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string::npos) end = text.size();
    const std::string segment = text.substr(start, end - start);
    if (segment.empty() || segment.find_first_not_of('.') == std::string::npos) return false;
    for (char c : segment) {
      const bool ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

XrPath intern_path(Instance& instance, const std::string& text) {
  const auto it = instance.path_ids.find(text);
  if (it != instance.path_ids.end()) return it->second;
  instance.paths.push_back(text);
  const XrPath id = instance.paths.size();
  instance.path_ids.emplace(text, id);
  return id;
}

const std::string* path_string(const Instance& instance, XrPath path) {
  if (path == XR_NULL_PATH || path > instance.paths.size()) return nullptr;
  return &instance.paths[path - 1];
}

void push_event(Instance& instance, const XrEventDataBuffer& event) {
  if (instance.events.size() >= k_max_events) {
    instance.events_lost = true;
    ++instance.lost_event_count;
    return;
  }
  instance.events.push_back(event);
}

void set_session_state(Session& session, XrSessionState state, XrTime time) {
  Instance& instance = owner(session);
  session.state = state;
  XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER, nullptr, {}};
  XrEventDataSessionStateChanged changed{XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED, nullptr,
                                         handle_of<XrSession>(session.id), state, time};
  std::memcpy(&buffer, &changed, sizeof(changed));
  push_event(instance, buffer);
  char stamp[32];
  std::snprintf(stamp, sizeof(stamp), "@%.3f", script_time_s(instance, time));
  instance.log.session_states.push_back(std::string(session_state_name(state)) + stamp);
}

void request_session_exit(Session& session, XrTime time) {
  session.exit_requested = true;
  if (session.loss_pending) return;
  if (!session.running) {
    if (session.state != XR_SESSION_STATE_IDLE)
      set_session_state(session, XR_SESSION_STATE_IDLE, time);
    set_session_state(session, XR_SESSION_STATE_EXITING, time);
    return;
  }
  // Step down one state at a time, as a headset does when the user quits.
  if (session.state == XR_SESSION_STATE_FOCUSED) {
    set_session_state(session, XR_SESSION_STATE_VISIBLE, time);
  }
  if (session.state == XR_SESSION_STATE_VISIBLE || session.state == XR_SESSION_STATE_READY) {
    set_session_state(session, XR_SESSION_STATE_SYNCHRONIZED, time);
  }
  if (session.state == XR_SESSION_STATE_SYNCHRONIZED) {
    set_session_state(session, XR_SESSION_STATE_STOPPING, time);
  }
}

double script_time_s(const Instance& instance, XrTime time) {
  if (!instance.timeline_started) return 0.0;
  return static_cast<double>(time - instance.timeline_origin) / 1e9;
}

void advance_script(Session& session) {
  Instance& instance = owner(session);
  const XrTime time = session.last_predicted;
  const double t_s = script_time_s(instance, time);
  while (instance.next_script_event < instance.script.events.size() &&
         instance.script.events[instance.next_script_event].t_s <= t_s) {
    const ScriptEvent& event = instance.script.events[instance.next_script_event++];
    switch (event.kind) {
      case ScriptEventKind::request_exit:
        request_session_exit(session, time);
        break;
      case ScriptEventKind::loss_pending:
        if (!session.loss_pending) {
          set_session_state(session, XR_SESSION_STATE_LOSS_PENDING, time);
          session.loss_pending = true;
        }
        break;
      case ScriptEventKind::focus_lost:
        session.focus_suppressed = true;
        if (session.state == XR_SESSION_STATE_FOCUSED) {
          set_session_state(session, XR_SESSION_STATE_VISIBLE, time);
        }
        break;
      case ScriptEventKind::focus_gained:
        session.focus_suppressed = false;
        if (session.state == XR_SESSION_STATE_VISIBLE && session.running &&
            !session.exit_requested) {
          set_session_state(session, XR_SESSION_STATE_FOCUSED, time);
        }
        break;
      case ScriptEventKind::interaction_profile:
        instance.device_profile = event.profile;
        refresh_interaction_profile(session, true);
        break;
    }
  }
  session.last_sample = instance.script.sample_at(t_s);
}

void report(Instance& instance, XrDebugUtilsMessageSeverityFlagsEXT severity,
            const std::string& function, const std::string& message) {
  if (severity >= XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    std::fprintf(stderr, "[xr-simulator] %s: %s\n", function.c_str(), message.c_str());
  }
  XrDebugUtilsMessengerCallbackDataEXT data{};
  data.type = XR_TYPE_DEBUG_UTILS_MESSENGER_CALLBACK_DATA_EXT;
  data.messageId = "TradeXR-xr-simulator";
  data.functionName = function.c_str();
  data.message = message.c_str();
  for (std::uint64_t id : instance.messengers) {
    const Messenger* m = lookup<Messenger>(id, ObjectType::messenger);
    if (m == nullptr || m->callback == nullptr) continue;
    if ((m->severities & severity) == 0 ||
        (m->types & XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT) == 0) {
      continue;
    }
    m->callback(severity, XR_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT, &data, m->user_data);
  }
}

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL
xrSetDebugUtilsObjectNameEXT(XrInstance instance, const XrDebugUtilsObjectNameInfoEXT* nameInfo) {
  std::lock_guard lock(api_mutex());
  if (get_instance(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (nameInfo == nullptr || nameInfo->type != XR_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  // Names only help tools display objects; the simulator keeps none.
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateDebugUtilsMessengerEXT(
    XrInstance instance, const XrDebugUtilsMessengerCreateInfoEXT* createInfo,
    XrDebugUtilsMessengerEXT* messenger) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || messenger == nullptr ||
      createInfo->type != XR_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT ||
      createInfo->userCallback == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  auto m = std::make_shared<Messenger>();
  m->instance_id = inst->id;
  m->severities = createInfo->messageSeverities;
  m->types = createInfo->messageTypes;
  m->callback = createInfo->userCallback;
  m->user_data = createInfo->userData;
  const std::uint64_t id = register_object(m);
  inst->messengers.push_back(id);
  *messenger = handle_of<XrDebugUtilsMessengerEXT>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroyDebugUtilsMessengerEXT(XrDebugUtilsMessengerEXT messenger) {
  std::lock_guard lock(api_mutex());
  const Messenger* m = lookup<Messenger>(id_of(messenger), ObjectType::messenger);
  if (m == nullptr) return XR_ERROR_HANDLE_INVALID;
  Instance& inst = owner(*m);
  std::erase(inst.messengers, m->id);
  unregister_object(id_of(messenger));
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrSubmitDebugUtilsMessageEXT(
    XrInstance instance, XrDebugUtilsMessageSeverityFlagsEXT messageSeverity,
    XrDebugUtilsMessageTypeFlagsEXT messageTypes,
    const XrDebugUtilsMessengerCallbackDataEXT* callbackData) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (callbackData == nullptr || messageSeverity == 0 || messageTypes == 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  for (std::uint64_t id : inst->messengers) {
    const Messenger* m = lookup<Messenger>(id, ObjectType::messenger);
    if (m != nullptr && (m->severities & messageSeverity) != 0 && (m->types & messageTypes) != 0) {
      m->callback(messageSeverity, messageTypes, callbackData, m->user_data);
    }
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL
xrSessionBeginDebugUtilsLabelRegionEXT(XrSession session, const XrDebugUtilsLabelEXT* labelInfo) {
  std::lock_guard lock(api_mutex());
  if (get_session(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (labelInfo == nullptr || labelInfo->type != XR_TYPE_DEBUG_UTILS_LABEL_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrSessionEndDebugUtilsLabelRegionEXT(XrSession session) {
  std::lock_guard lock(api_mutex());
  return get_session(session) == nullptr ? XR_ERROR_HANDLE_INVALID : XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL
xrSessionInsertDebugUtilsLabelEXT(XrSession session, const XrDebugUtilsLabelEXT* labelInfo) {
  return xrSessionBeginDebugUtilsLabelRegionEXT(session, labelInfo);
}

}  // namespace api
}  // namespace txr::xrsim
