#pragma once
// The simulator's object model: every OpenXR handle is an entry in one registry, validated on
// each call; one API lock serialises calls (xrWaitFrame sleeps without it).
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config.hpp"
#include "interaction_profiles.hpp"
#include "script.hpp"
#include "sim_log.hpp"
#include "xr_headers.hpp"

namespace txr::xrsim {

enum class ObjectType {
  instance,
  session,
  space,
  action_set,
  action,
  swapchain,
  messenger,
  hand_tracker
};

struct Object {
  ObjectType type;
  std::uint64_t id = 0;
  std::uint64_t instance_id = 0;  // the owning instance (itself for an instance)
  explicit Object(ObjectType t) : type(t) {}
  virtual ~Object() = default;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
};

struct Action;

struct ActionSet : Object {
  ActionSet() : Object(ObjectType::action_set) {}
  std::string name;
  std::string localized_name;
  std::uint32_t priority = 0;
  bool attached = false;  // attached to a session: no more actions, no more suggestions
  std::vector<std::shared_ptr<Action>> actions;
};

struct Action : Object {
  Action() : Object(ObjectType::action) {}
  std::string name;
  std::string localized_name;
  XrActionType action_type = XR_ACTION_TYPE_BOOLEAN_INPUT;
  std::vector<XrPath> subaction_paths;
  std::uint64_t set_id = 0;
};

struct SuggestedBinding {
  std::shared_ptr<Action> action;
  XrPath binding = XR_NULL_PATH;
  BindingSource source;
};

// One action's state as of the last xrSyncActions, for one subaction filter.
struct CachedState {
  bool active = false;
  float value = 0.0f;  // boolean: 0/1
  float x = 0.0f, y = 0.0f;
  bool changed = false;
  XrTime last_change = 0;
};

struct Messenger : Object {
  Messenger() : Object(ObjectType::messenger) {}
  XrDebugUtilsMessageSeverityFlagsEXT severities = 0;
  XrDebugUtilsMessageTypeFlagsEXT types = 0;
  PFN_xrDebugUtilsMessengerCallbackEXT callback = nullptr;
  void* user_data = nullptr;
};

struct Instance : Object {
  Instance() : Object(ObjectType::instance) {}
  Config config;
  Script script;
  std::string application_name;
  bool ext_vulkan2 = false, ext_vulkan = false, ext_debug_utils = false, ext_depth = false,
       ext_timespec = false, ext_hand_tracking = false;

  std::vector<std::string> paths;  // XrPath n names paths[n - 1]
  std::unordered_map<std::string, XrPath> path_ids;

  std::deque<XrEventDataBuffer> events;
  bool events_lost = false;
  std::uint32_t lost_event_count = 0;

  bool system_queried = false;
  bool graphics_requirements_queried = false;
  VkInstance vk_instance = VK_NULL_HANDLE;  // from xrCreateVulkanInstanceKHR, if used
  VkPhysicalDevice vk_physical_device = VK_NULL_HANDLE;

  std::map<XrPath, std::vector<SuggestedBinding>> suggestions;  // by interaction profile
  std::string device_profile;  // what the simulated controllers are

  std::uint64_t session_id = 0;  // one session at a time
  std::vector<std::uint64_t> action_sets;
  std::vector<std::uint64_t> messengers;
  // Script timeline: t = 0 at the first xrBeginSession; events fire once per instance.
  bool timeline_started = false;
  XrTime timeline_origin = 0;
  std::size_t next_script_event = 0;

  SimLog log;
};

struct Session : Object {
  Session() : Object(ObjectType::session) {}
  XrSessionState state = XR_SESSION_STATE_UNKNOWN;
  bool running = false;
  bool exit_requested = false;
  bool loss_pending = false;
  bool focus_suppressed = false;  // a script focus_lost is in effect
  XrViewConfigurationType view_config = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;

  // Vulkan objects of the application (graphics binding) and the runtime's own command pool.
  VkInstance vk_instance = VK_NULL_HANDLE;
  VkPhysicalDevice vk_physical_device = VK_NULL_HANDLE;
  VkDevice vk_device = VK_NULL_HANDLE;
  std::uint32_t queue_family = 0;
  std::uint32_t queue_index = 0;
  VkQueue vk_queue = VK_NULL_HANDLE;
  VkCommandPool vk_pool = VK_NULL_HANDLE;

  // Frame loop.
  std::uint64_t waits_outstanding = 0;  // xrWaitFrame calls not yet matched by xrBeginFrame
  bool frame_begun = false;
  bool first_wait_done = false;
  XrTime last_wake = 0;       // display slot the newest xrWaitFrame woke at
  XrTime last_predicted = 0;  // predictedDisplayTime of the newest xrWaitFrame
  std::uint64_t frame_index = 0;

  // Actions.
  bool attached = false;
  std::vector<std::shared_ptr<ActionSet>> attached_sets;
  XrPath current_profile = XR_NULL_PATH;
  std::map<std::pair<std::uint64_t, XrPath>, CachedState> action_states;
  DeviceSample last_sample;

  // Children.
  std::vector<std::uint64_t> spaces;
  std::vector<std::uint64_t> swapchains;
  std::vector<std::uint64_t> hand_trackers;
};

// XR_EXT_hand_tracking: one tracker per hand, reading the script's articulated hand.
struct HandTracker : Object {
  HandTracker() : Object(ObjectType::hand_tracker) {}
  std::uint64_t session_id = 0;
  int hand = 0;  // 0 left, 1 right
};

struct Space : Object {
  Space() : Object(ObjectType::space) {}
  std::uint64_t session_id = 0;
  bool is_action = false;
  XrReferenceSpaceType reference_type = XR_REFERENCE_SPACE_TYPE_LOCAL;
  std::shared_ptr<Action> action;
  XrPath subaction = XR_NULL_PATH;
  XrPosef pose_in_space{};
};

struct Swapchain : Object {
  Swapchain() : Object(ObjectType::swapchain) {}
  std::uint64_t session_id = 0;
  XrSwapchainCreateFlags create_flags = 0;
  XrSwapchainUsageFlags usage = 0;
  VkFormat format = VK_FORMAT_UNDEFINED;
  std::uint32_t width = 0, height = 0, array_size = 1, face_count = 1, mip_count = 1;
  VkImageLayout layout = VK_IMAGE_LAYOUT_GENERAL;  // layout while the app holds an image
  std::vector<VkImage> images;
  std::vector<VkDeviceMemory> memory;
  std::deque<std::uint32_t> acquired;  // acquired, not yet released (oldest first)
  std::uint32_t waited = 0;            // how many of `acquired` (from the front) were waited
  std::uint32_t next_index = 0;
  int last_released = -1;
  bool static_done = false;  // a static swapchain's one image was released
};

// The API lock and the handle registry.
std::recursive_mutex& api_mutex();
std::uint64_t register_object(std::shared_ptr<Object> object);
void unregister_object(std::uint64_t id);
std::shared_ptr<Object> find_object(std::uint64_t id);

template <class T>
T* lookup(std::uint64_t id, ObjectType type) {
  auto object = find_object(id);
  if (!object || object->type != type) return nullptr;
  return static_cast<T*>(object.get());
}
template <class H>
std::uint64_t id_of(H handle) {
  return reinterpret_cast<std::uint64_t>(handle);
}
template <class H>
H handle_of(std::uint64_t id) {
  return reinterpret_cast<H>(id);
}

inline Instance* get_instance(XrInstance h) {
  return lookup<Instance>(id_of(h), ObjectType::instance);
}
inline Session* get_session(XrSession h) { return lookup<Session>(id_of(h), ObjectType::session); }
inline Space* get_space(XrSpace h) { return lookup<Space>(id_of(h), ObjectType::space); }
inline ActionSet* get_action_set(XrActionSet h) {
  return lookup<ActionSet>(id_of(h), ObjectType::action_set);
}
inline Action* get_action(XrAction h) { return lookup<Action>(id_of(h), ObjectType::action); }
inline Swapchain* get_swapchain(XrSwapchain h) {
  return lookup<Swapchain>(id_of(h), ObjectType::swapchain);
}
inline Instance& owner(const Object& o) {
  return *lookup<Instance>(o.instance_id, ObjectType::instance);
}

// Monotonic clock in ns (XrTime is CLOCK_MONOTONIC here, as XR_KHR_convert_timespec_time says).
XrTime now_ns();

// Paths.
XrPath intern_path(Instance& instance, const std::string& text);
const std::string* path_string(const Instance& instance, XrPath path);
bool is_valid_path_string(const std::string& text);

// Events and session state.
void push_event(Instance& instance, const XrEventDataBuffer& event);
void set_session_state(Session& session, XrSessionState state, XrTime time);
void request_session_exit(Session& session, XrTime time);  // runtime- or app-initiated
// Fires due script events and applies the scripted device state at the newest display time.
void advance_script(Session& session);
// Re-evaluates the current interaction profile after attach or a scripted device change; with
// notify, queues XrEventDataInteractionProfileChanged when it changed.
void refresh_interaction_profile(Session& session, bool notify);
// Where a pose action space is, in STAGE coordinates, for a device sample; nullopt when the
// action is not bound to a tracked pose.
std::optional<XrPosef> action_pose(const Session& session, const Space& space,
                                   const DeviceSample& sample);
// Where a space is in STAGE coordinates at `time`; nullopt when it is not tracked.
std::optional<XrPosef> space_in_stage(const Session& session, const Space& space, XrTime time);
// The event time for runtime-initiated changes: the newest predicted display time, else now.
XrTime session_now(const Session& session);
double script_time_s(const Instance& instance, XrTime time);
// Reports a runtime message to the app's debug-utils messengers (and the log on error).
void report(Instance& instance, XrDebugUtilsMessageSeverityFlagsEXT severity,
            const std::string& function, const std::string& message);

// Children clean-up (also used when a parent is destroyed).
void destroy_swapchain_object(Swapchain& swapchain);
void destroy_session_object(Session& session);
void destroy_action_set_object(ActionSet& set);

}  // namespace txr::xrsim
