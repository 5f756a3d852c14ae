// Action sets, actions, suggested bindings, attach, sync and action state from the script.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "action_lookup.hpp"
#include "api.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

constexpr const char* k_user_paths[] = {"/user/hand/left", "/user/hand/right", "/user/head",
                                        "/user/gamepad", "/user/treadmill"};

bool valid_name(const char* name, std::size_t capacity) {
  const std::size_t n = strnlen(name, capacity);
  if (n == 0 || n == capacity) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

bool is_user_path(const Instance& inst, XrPath path) {
  const std::string* text = path_string(inst, path);
  if (text == nullptr) return false;
  for (const char* p : k_user_paths) {
    if (*text == p) return true;
  }
  return false;
}

}  // namespace

// 0 left, 1 right, -1 anything else.
int hand_of(const Instance& inst, XrPath path) {
  const std::string* text = path_string(inst, path);
  if (text == nullptr) return -1;
  if (*text == "/user/hand/left") return 0;
  if (*text == "/user/hand/right") return 1;
  return -1;
}

static bool set_attached_to(const Session& s, std::uint64_t set_id) {
  return std::any_of(s.attached_sets.begin(), s.attached_sets.end(),
                     [&](const auto& set) { return set->id == set_id; });
}

const std::vector<SuggestedBinding>* current_bindings(const Session& s) {
  if (s.current_profile == XR_NULL_PATH) return nullptr;
  const Instance& inst = owner(s);
  const auto it = inst.suggestions.find(s.current_profile);
  return it == inst.suggestions.end() ? nullptr : &it->second;
}

namespace {

// Combines every binding of `action` (limited to `hand` unless -1) into one state.
CachedState evaluate(const Session& s, const Action& action, int hand, const DeviceSample& sample) {
  CachedState out;
  const auto* bindings = current_bindings(s);
  if (bindings == nullptr) return out;
  for (const SuggestedBinding& b : *bindings) {
    if (b.action->id != action.id || (hand >= 0 && b.source.hand != hand)) continue;
    const HandSample& h = sample.hands[static_cast<std::size_t>(b.source.hand)];
    if (!h.tracked) continue;
    switch (action.action_type) {
      case XR_ACTION_TYPE_BOOLEAN_INPUT:
      case XR_ACTION_TYPE_FLOAT_INPUT: {
        const bool want_bool = action.action_type == XR_ACTION_TYPE_BOOLEAN_INPUT;
        const SourceValue v = read_scalar(b.source, h, want_bool);
        if (!v.available) break;
        if (!out.active || std::fabs(v.value) > std::fabs(out.value)) out.value = v.value;
        out.active = true;
        break;
      }
      case XR_ACTION_TYPE_VECTOR2F_INPUT: {
        const SourceValue v = read_vector2(b.source, h);
        if (!v.available) break;
        if (!out.active || v.x * v.x + v.y * v.y > out.x * out.x + out.y * out.y) {
          out.x = v.x;
          out.y = v.y;
        }
        out.active = true;
        break;
      }
      case XR_ACTION_TYPE_POSE_INPUT:
        if (b.source.component == "pose") out.active = true;
        break;
      default:
        break;
    }
  }
  return out;
}

CachedState cached(const Session& s, const Action& a, XrPath subaction) {
  const auto it = s.action_states.find({a.id, subaction});
  return it == s.action_states.end() ? CachedState{} : it->second;
}

}  // namespace

// Validates an action handle used with a session: the result is the action or an error.
XrResult session_action(const Session& s, XrAction handle, XrPath subaction, Action** out) {
  Action* a = get_action(handle);
  if (a == nullptr || a->instance_id != s.instance_id) return XR_ERROR_HANDLE_INVALID;
  if (!set_attached_to(s, a->set_id)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  if (subaction != XR_NULL_PATH && std::find(a->subaction_paths.begin(), a->subaction_paths.end(),
                                             subaction) == a->subaction_paths.end()) {
    return XR_ERROR_PATH_UNSUPPORTED;
  }
  *out = a;
  return XR_SUCCESS;
}

void refresh_interaction_profile(Session& session, bool notify) {
  if (!session.attached) return;
  Instance& inst = owner(session);
  const XrPath device = intern_path(inst, inst.device_profile);
  const XrPath next = inst.suggestions.count(device) != 0 ? device : XR_NULL_PATH;
  if (next == session.current_profile) return;
  session.current_profile = next;
  if (notify) {
    XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER, nullptr, {}};
    XrEventDataInteractionProfileChanged e{XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED, nullptr,
                                           handle_of<XrSession>(session.id)};
    std::memcpy(&buffer, &e, sizeof(e));
    push_event(inst, buffer);
  }
}

std::optional<XrPosef> action_pose(const Session& session, const Space& space,
                                   const DeviceSample& sample) {
  if (!cached(session, *space.action, space.subaction).active) return std::nullopt;
  const auto* bindings = current_bindings(session);
  if (bindings == nullptr) return std::nullopt;
  const int hand = hand_of(owner(session), space.subaction);
  for (const SuggestedBinding& b : *bindings) {
    if (b.action->id != space.action->id || b.source.component != "pose") continue;
    if (hand >= 0 && b.source.hand != hand) continue;
    const HandSample& h = sample.hands[static_cast<std::size_t>(b.source.hand)];
    if (!h.tracked) continue;
    return b.source.identifier == "aim" ? h.aim : h.grip;
  }
  return std::nullopt;
}

void destroy_action_set_object(ActionSet& set) {
  Instance& inst = owner(set);
  for (const auto& a : set.actions) unregister_object(a->id);
  std::erase(inst.action_sets, set.id);
  unregister_object(set.id);
}

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrCreateActionSet(XrInstance instance,
                                                 const XrActionSetCreateInfo* createInfo,
                                                 XrActionSet* actionSet) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || actionSet == nullptr ||
      createInfo->type != XR_TYPE_ACTION_SET_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (!valid_name(createInfo->actionSetName, XR_MAX_ACTION_SET_NAME_SIZE)) {
    return XR_ERROR_PATH_FORMAT_INVALID;
  }
  if (strnlen(createInfo->localizedActionSetName, XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE) == 0) {
    return XR_ERROR_LOCALIZED_NAME_INVALID;
  }
  for (std::uint64_t id : inst->action_sets) {
    const ActionSet* other = lookup<ActionSet>(id, ObjectType::action_set);
    if (other->name == createInfo->actionSetName) return XR_ERROR_NAME_DUPLICATED;
    if (other->localized_name == createInfo->localizedActionSetName) {
      return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    }
  }
  auto set = std::make_shared<ActionSet>();
  set->instance_id = inst->id;
  set->name = createInfo->actionSetName;
  set->localized_name = createInfo->localizedActionSetName;
  set->priority = createInfo->priority;
  const std::uint64_t id = register_object(set);
  inst->action_sets.push_back(id);
  *actionSet = handle_of<XrActionSet>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroyActionSet(XrActionSet actionSet) {
  std::lock_guard lock(api_mutex());
  ActionSet* set = get_action_set(actionSet);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_action_set_object(*set);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateAction(XrActionSet actionSet,
                                              const XrActionCreateInfo* createInfo,
                                              XrAction* action) {
  std::lock_guard lock(api_mutex());
  ActionSet* set = get_action_set(actionSet);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || action == nullptr ||
      createInfo->type != XR_TYPE_ACTION_CREATE_INFO ||
      (createInfo->countSubactionPaths > 0 && createInfo->subactionPaths == nullptr)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  switch (createInfo->actionType) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT:
    case XR_ACTION_TYPE_FLOAT_INPUT:
    case XR_ACTION_TYPE_VECTOR2F_INPUT:
    case XR_ACTION_TYPE_POSE_INPUT:
    case XR_ACTION_TYPE_VIBRATION_OUTPUT:
      break;
    default:
      return XR_ERROR_VALIDATION_FAILURE;
  }
  if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  if (!valid_name(createInfo->actionName, XR_MAX_ACTION_NAME_SIZE)) {
    return XR_ERROR_PATH_FORMAT_INVALID;
  }
  if (strnlen(createInfo->localizedActionName, XR_MAX_LOCALIZED_ACTION_NAME_SIZE) == 0) {
    return XR_ERROR_LOCALIZED_NAME_INVALID;
  }
  for (const auto& other : set->actions) {
    if (other->name == createInfo->actionName) return XR_ERROR_NAME_DUPLICATED;
    if (other->localized_name == createInfo->localizedActionName) {
      return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    }
  }
  const Instance& inst = owner(*set);
  std::vector<XrPath> subs;
  for (std::uint32_t i = 0; i < createInfo->countSubactionPaths; ++i) {
    const XrPath p = createInfo->subactionPaths[i];
    if (path_string(inst, p) == nullptr) return XR_ERROR_PATH_INVALID;
    if (!is_user_path(inst, p) || std::find(subs.begin(), subs.end(), p) != subs.end()) {
      return XR_ERROR_PATH_UNSUPPORTED;
    }
    subs.push_back(p);
  }
  auto a = std::make_shared<Action>();
  a->instance_id = set->instance_id;
  a->name = createInfo->actionName;
  a->localized_name = createInfo->localizedActionName;
  a->action_type = createInfo->actionType;
  a->subaction_paths = std::move(subs);
  a->set_id = set->id;
  set->actions.push_back(a);
  *action = handle_of<XrAction>(register_object(a));
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroyAction(XrAction action) {
  std::lock_guard lock(api_mutex());
  const Action* a = get_action(action);
  if (a == nullptr) return XR_ERROR_HANDLE_INVALID;
  // Bindings and attached sets keep the action's data alive; only the handle goes away.
  unregister_object(a->id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrSuggestInteractionProfileBindings(
    XrInstance instance, const XrInteractionProfileSuggestedBinding* suggestedBindings) {
  std::lock_guard lock(api_mutex());
  Instance* inst = get_instance(instance);
  if (inst == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (suggestedBindings == nullptr ||
      suggestedBindings->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
      suggestedBindings->countSuggestedBindings == 0 ||
      suggestedBindings->suggestedBindings == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const std::string* profile = path_string(*inst, suggestedBindings->interactionProfile);
  if (profile == nullptr) return XR_ERROR_PATH_INVALID;
  if (!is_known_profile(*profile)) return XR_ERROR_PATH_UNSUPPORTED;
  std::vector<SuggestedBinding> bindings;
  for (std::uint32_t i = 0; i < suggestedBindings->countSuggestedBindings; ++i) {
    const XrActionSuggestedBinding& s = suggestedBindings->suggestedBindings[i];
    auto object = find_object(id_of(s.action));
    if (!object || object->type != ObjectType::action || object->instance_id != inst->id) {
      return XR_ERROR_HANDLE_INVALID;
    }
    auto action = std::static_pointer_cast<Action>(object);
    const ActionSet* set = lookup<ActionSet>(action->set_id, ObjectType::action_set);
    if (set != nullptr && set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    const std::string* binding = path_string(*inst, s.binding);
    if (binding == nullptr) return XR_ERROR_PATH_INVALID;
    auto source = parse_binding(*profile, *binding);
    if (!source) {
      report(*inst, XR_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT,
             "xrSuggestInteractionProfileBindings", *binding + " is not a source of " + *profile);
      return XR_ERROR_PATH_UNSUPPORTED;
    }
    bindings.push_back({action, s.binding, std::move(*source)});
  }
  inst->suggestions[suggestedBindings->interactionProfile] = std::move(bindings);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL
xrAttachSessionActionSets(XrSession session, const XrSessionActionSetsAttachInfo* attachInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (attachInfo == nullptr || attachInfo->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO ||
      attachInfo->countActionSets == 0 || attachInfo->actionSets == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  std::vector<std::shared_ptr<ActionSet>> sets;
  for (std::uint32_t i = 0; i < attachInfo->countActionSets; ++i) {
    auto object = find_object(id_of(attachInfo->actionSets[i]));
    if (!object || object->type != ObjectType::action_set ||
        object->instance_id != s->instance_id) {
      return XR_ERROR_HANDLE_INVALID;
    }
    sets.push_back(std::static_pointer_cast<ActionSet>(object));
  }
  for (auto& set : sets) {
    set->attached = true;
  }
  s->attached_sets = std::move(sets);
  s->attached = true;
  refresh_interaction_profile(*s, true);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetCurrentInteractionProfile(
    XrSession session, XrPath topLevelUserPath, XrInteractionProfileState* interactionProfile) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (interactionProfile == nullptr ||
      interactionProfile->type != XR_TYPE_INTERACTION_PROFILE_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const Instance& inst = owner(*s);
  if (path_string(inst, topLevelUserPath) == nullptr) return XR_ERROR_PATH_INVALID;
  if (!is_user_path(inst, topLevelUserPath)) return XR_ERROR_PATH_UNSUPPORTED;
  if (!s->attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  interactionProfile->interactionProfile =
      hand_of(inst, topLevelUserPath) >= 0 ? s->current_profile : XR_NULL_PATH;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrSyncActions(XrSession session, const XrActionsSyncInfo* syncInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (syncInfo == nullptr || syncInfo->type != XR_TYPE_ACTIONS_SYNC_INFO ||
      (syncInfo->countActiveActionSets > 0 && syncInfo->activeActionSets == nullptr)) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const Instance& inst = owner(*s);
  std::map<std::uint64_t, std::vector<int>> active;  // set id -> allowed hands (-1: all)
  for (std::uint32_t i = 0; i < syncInfo->countActiveActionSets; ++i) {
    const XrActiveActionSet& a = syncInfo->activeActionSets[i];
    const ActionSet* set = get_action_set(a.actionSet);
    if (set == nullptr || set->instance_id != s->instance_id) return XR_ERROR_HANDLE_INVALID;
    if (!set_attached_to(*s, set->id)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (a.subactionPath != XR_NULL_PATH && !is_user_path(inst, a.subactionPath)) {
      return XR_ERROR_PATH_UNSUPPORTED;
    }
    active[set->id].push_back(a.subactionPath == XR_NULL_PATH ? -1
                                                              : hand_of(inst, a.subactionPath));
  }
  const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
  const XrTime now = session_now(*s);
  for (const auto& set : s->attached_sets) {
    const auto it = active.find(set->id);
    for (const auto& action : set->actions) {
      std::vector<XrPath> filters{XR_NULL_PATH};
      filters.insert(filters.end(), action->subaction_paths.begin(), action->subaction_paths.end());
      for (XrPath filter : filters) {
        const int hand = hand_of(inst, filter);
        CachedState next;
        const bool set_active = it != active.end() && focused;
        const bool hand_allowed =
            set_active && std::any_of(it->second.begin(), it->second.end(),
                                      [&](int h) { return h == -1 || h == hand || hand == -1; });
        if (hand_allowed && (filter == XR_NULL_PATH || hand >= 0)) {
          next = evaluate(*s, *action, hand, s->last_sample);
        }
        CachedState& prev = s->action_states[{action->id, filter}];
        next.changed = next.active && prev.active &&
                       (next.value != prev.value || next.x != prev.x || next.y != prev.y);
        next.last_change = (next.changed || (next.active && !prev.active)) ? now : prev.last_change;
        prev = next;
      }
    }
  }
  return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateBoolean(XrSession session,
                                                       const XrActionStateGetInfo* getInfo,
                                                       XrActionStateBoolean* state) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || state == nullptr || getInfo->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_BOOLEAN) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = nullptr;
  if (const XrResult r = session_action(*s, getInfo->action, getInfo->subactionPath, &a);
      XR_FAILED(r)) {
    return r;
  }
  if (a->action_type != XR_ACTION_TYPE_BOOLEAN_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  const CachedState c = cached(*s, *a, getInfo->subactionPath);
  state->isActive = c.active ? XR_TRUE : XR_FALSE;
  state->currentState = c.active && c.value >= 0.5f ? XR_TRUE : XR_FALSE;
  state->changedSinceLastSync = c.changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = c.last_change;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateFloat(XrSession session,
                                                     const XrActionStateGetInfo* getInfo,
                                                     XrActionStateFloat* state) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || state == nullptr || getInfo->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_FLOAT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = nullptr;
  if (const XrResult r = session_action(*s, getInfo->action, getInfo->subactionPath, &a);
      XR_FAILED(r)) {
    return r;
  }
  if (a->action_type != XR_ACTION_TYPE_FLOAT_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  const CachedState c = cached(*s, *a, getInfo->subactionPath);
  state->isActive = c.active ? XR_TRUE : XR_FALSE;
  state->currentState = c.active ? c.value : 0.0f;
  state->changedSinceLastSync = c.changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = c.last_change;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession session,
                                                        const XrActionStateGetInfo* getInfo,
                                                        XrActionStateVector2f* state) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || state == nullptr || getInfo->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_VECTOR2F) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = nullptr;
  if (const XrResult r = session_action(*s, getInfo->action, getInfo->subactionPath, &a);
      XR_FAILED(r)) {
    return r;
  }
  if (a->action_type != XR_ACTION_TYPE_VECTOR2F_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  const CachedState c = cached(*s, *a, getInfo->subactionPath);
  state->isActive = c.active ? XR_TRUE : XR_FALSE;
  state->currentState = c.active ? XrVector2f{c.x, c.y} : XrVector2f{0.0f, 0.0f};
  state->changedSinceLastSync = c.changed ? XR_TRUE : XR_FALSE;
  state->lastChangeTime = c.last_change;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetActionStatePose(XrSession session,
                                                    const XrActionStateGetInfo* getInfo,
                                                    XrActionStatePose* state) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || state == nullptr || getInfo->type != XR_TYPE_ACTION_STATE_GET_INFO ||
      state->type != XR_TYPE_ACTION_STATE_POSE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = nullptr;
  if (const XrResult r = session_action(*s, getInfo->action, getInfo->subactionPath, &a);
      XR_FAILED(r)) {
    return r;
  }
  if (a->action_type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  state->isActive = cached(*s, *a, getInfo->subactionPath).active ? XR_TRUE : XR_FALSE;
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
