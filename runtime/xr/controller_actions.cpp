#include "xr/controller_actions.hpp"

#include <cstring>
#include <utility>

#include "core/log.hpp"

namespace txr::xr {
namespace {

const char* const k_hand_names[2] = {"left", "right"};

// Which source of a profile feeds which action, for both hands unless `hand` says otherwise.
struct Source {
  const char* action;  // grip aim trigger squeeze thumbstick primary secondary menu thumb haptic
  const char* input;   // after /user/hand/<h>/
  int hand = -1;       // -1 both, 0 left only, 1 right only
};

struct ProfileTable {
  const char* profile;
  std::vector<Source> sources;
};

const std::vector<ProfileTable>& profile_tables() {
  static const std::vector<ProfileTable> k_tables{
      // The simple controller has one button: select grabs (it is the only way to hold).
      {"/interaction_profiles/khr/simple_controller",
       {{"grip", "input/grip/pose"},
        {"aim", "input/aim/pose"},
        {"squeeze", "input/select/click"},
        {"menu", "input/menu/click"},
        {"haptic", "output/haptic"}}},
      {"/interaction_profiles/oculus/touch_controller",
       {{"grip", "input/grip/pose"},
        {"aim", "input/aim/pose"},
        {"trigger", "input/trigger/value"},
        {"squeeze", "input/squeeze/value"},
        {"thumbstick", "input/thumbstick"},
        {"thumb", "input/thumbstick/click"},
        {"primary", "input/x/click", 0},
        {"secondary", "input/y/click", 0},
        {"menu", "input/menu/click", 0},
        {"primary", "input/a/click", 1},
        {"secondary", "input/b/click", 1},
        {"haptic", "output/haptic"}}},
      {"/interaction_profiles/valve/index_controller",
       {{"grip", "input/grip/pose"},
        {"aim", "input/aim/pose"},
        {"trigger", "input/trigger/value"},
        {"squeeze", "input/squeeze/value"},
        {"thumbstick", "input/thumbstick"},
        {"thumb", "input/thumbstick/click"},
        {"primary", "input/a/click"},
        {"secondary", "input/b/click"},
        {"haptic", "output/haptic"}}},
      {"/interaction_profiles/htc/vive_controller",
       {{"grip", "input/grip/pose"},
        {"aim", "input/aim/pose"},
        {"trigger", "input/trigger/value"},
        {"squeeze", "input/squeeze/click"},
        {"thumbstick", "input/trackpad"},
        {"thumb", "input/trackpad/click"},
        {"menu", "input/menu/click"},
        {"haptic", "output/haptic"}}},
      {"/interaction_profiles/microsoft/motion_controller",
       {{"grip", "input/grip/pose"},
        {"aim", "input/aim/pose"},
        {"trigger", "input/trigger/value"},
        {"squeeze", "input/squeeze/click"},
        {"thumbstick", "input/thumbstick"},
        {"thumb", "input/thumbstick/click"},
        {"primary", "input/trackpad/click"},
        {"menu", "input/menu/click"},
        {"haptic", "output/haptic"}}},
  };
  return k_tables;
}

XrPosef identity_pose() {
  XrPosef p{};
  p.orientation.w = 1.0f;
  return p;
}

}  // namespace

core::Result<std::unique_ptr<ControllerActions>> ControllerActions::create(Headset& headset) {
  std::unique_ptr<ControllerActions> a(new ControllerActions(headset));
  if (auto ok = a->init(); !ok) return std::unexpected(ok.error());
  return a;
}

XrPath ControllerActions::path(const std::string& text) const {
  XrPath p = XR_NULL_PATH;
  if (XR_FAILED(xrStringToPath(headset_.instance(), text.c_str(), &p))) return XR_NULL_PATH;
  return p;
}

core::Result<XrAction> ControllerActions::make_action(const char* name, const char* localized,
                                                      XrActionType type) {
  auto info = make<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hand_paths_.data();
  XrAction action = XR_NULL_HANDLE;
  TXR_XR_TRY(xrCreateAction(set_, &info, &action));
  return action;
}

core::Result<void> ControllerActions::init() {
  auto set_info = make<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strncpy(set_info.actionSetName, "training", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(set_info.localizedActionSetName, "Training",
               XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  TXR_XR_TRY(xrCreateActionSet(headset_.instance(), &set_info, &set_));
  hand_paths_ = {path("/user/hand/left"), path("/user/hand/right")};

  const std::pair<XrAction*, std::tuple<const char*, const char*, XrActionType>> specs[] = {
      {&grip_, {"grip", "Hand grip pose", XR_ACTION_TYPE_POSE_INPUT}},
      {&aim_, {"aim", "Pointing ray", XR_ACTION_TYPE_POSE_INPUT}},
      {&trigger_, {"trigger", "Use (trigger)", XR_ACTION_TYPE_FLOAT_INPUT}},
      {&squeeze_, {"squeeze", "Grab (squeeze)", XR_ACTION_TYPE_FLOAT_INPUT}},
      {&thumbstick_, {"thumbstick", "Turn (thumbstick)", XR_ACTION_TYPE_VECTOR2F_INPUT}},
      {&primary_, {"primary", "Primary button", XR_ACTION_TYPE_BOOLEAN_INPUT}},
      {&secondary_, {"secondary", "Secondary button", XR_ACTION_TYPE_BOOLEAN_INPUT}},
      {&menu_, {"menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT}},
      {&thumb_click_, {"thumb", "Recenter (thumbstick click)", XR_ACTION_TYPE_BOOLEAN_INPUT}},
      {&haptic_, {"haptic", "Vibration", XR_ACTION_TYPE_VIBRATION_OUTPUT}},
  };
  for (const auto& [slot, spec] : specs) {
    auto action = make_action(std::get<0>(spec), std::get<1>(spec), std::get<2>(spec));
    if (!action) return std::unexpected(action.error());
    *slot = *action;
  }
  const auto action_named = [&](std::string_view name) -> XrAction {
    for (const auto& [slot, spec] : specs) {
      if (name == std::get<0>(spec)) return *slot;
    }
    return XR_NULL_HANDLE;
  };

  for (const auto& table : profile_tables()) {
    ProfileBindings record;
    record.profile = table.profile;
    std::vector<XrActionSuggestedBinding> bindings;
    for (const auto& s : table.sources) {
      for (int h = 0; h < 2; ++h) {
        if (s.hand >= 0 && s.hand != h) continue;
        const std::string p = std::string("/user/hand/") + k_hand_names[h] + "/" + s.input;
        record.paths.push_back(p);
        bindings.push_back({action_named(s.action), path(p)});
      }
    }
    auto suggested =
        make<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    suggested.interactionProfile = path(table.profile);
    suggested.countSuggestedBindings = static_cast<std::uint32_t>(bindings.size());
    suggested.suggestedBindings = bindings.data();
    const XrResult r = xrSuggestInteractionProfileBindings(headset_.instance(), &suggested);
    record.accepted = XR_SUCCEEDED(r);
    if (!record.accepted) {
      record.error = result_name(r);
      core::log_warn("xr", "bindings for " + record.profile + " refused: " + record.error);
    }
    profiles_.push_back(std::move(record));
  }

  auto attach = make<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  attach.countActionSets = 1;
  attach.actionSets = &set_;
  TXR_XR_TRY(xrAttachSessionActionSets(headset_.session(), &attach));

  for (std::size_t h = 0; h < 2; ++h) {
    auto space = make<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
    space.subactionPath = hand_paths_[h];
    space.poseInActionSpace = identity_pose();
    space.action = grip_;
    TXR_XR_TRY(xrCreateActionSpace(headset_.session(), &space, &grip_spaces_[h]));
    space.action = aim_;
    TXR_XR_TRY(xrCreateActionSpace(headset_.session(), &space, &aim_spaces_[h]));
  }
  return {};
}

ControllerActions::~ControllerActions() {
  for (XrSpace s : grip_spaces_) {
    if (s != XR_NULL_HANDLE) xrDestroySpace(s);
  }
  for (XrSpace s : aim_spaces_) {
    if (s != XR_NULL_HANDLE) xrDestroySpace(s);
  }
  // Destroying the set destroys its actions.
  if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);
}

core::Result<void> ControllerActions::sync(XrTime time) {
  XrActiveActionSet active{set_, XR_NULL_PATH};
  auto sync_info = make<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  sync_info.countActiveActionSets = 1;
  sync_info.activeActionSets = &active;
  TXR_XR_TRY(xrSyncActions(headset_.session(), &sync_info));

  for (std::size_t h = 0; h < 2; ++h) {
    ControllerHand& out = hands_[h];
    out = ControllerHand{};
    auto get = make<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
    get.subactionPath = hand_paths_[h];
    const auto read_float = [&](XrAction action) -> core::Result<float> {
      get.action = action;
      auto state = make<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
      TXR_XR_TRY(xrGetActionStateFloat(headset_.session(), &get, &state));
      return state.isActive ? state.currentState : 0.0f;
    };
    const auto read_bool = [&](XrAction action) -> core::Result<bool> {
      get.action = action;
      auto state = make<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
      TXR_XR_TRY(xrGetActionStateBoolean(headset_.session(), &get, &state));
      return state.isActive && state.currentState == XR_TRUE;
    };
    auto trigger = read_float(trigger_);
    auto squeeze = read_float(squeeze_);
    if (!trigger || !squeeze) return std::unexpected(!trigger ? trigger.error() : squeeze.error());
    out.trigger = *trigger;
    out.squeeze = *squeeze;
    get.action = thumbstick_;
    auto stick = make<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
    TXR_XR_TRY(xrGetActionStateVector2f(headset_.session(), &get, &stick));
    if (stick.isActive) out.thumbstick = {stick.currentState.x, stick.currentState.y};
    const std::pair<XrAction, std::uint32_t> buttons[] = {
        {primary_, core::k_button_primary},
        {secondary_, core::k_button_secondary},
        {menu_, core::k_button_menu},
        {thumb_click_, core::k_button_thumbstick}};
    for (const auto& [action, bit] : buttons) {
      auto pressed = read_bool(action);
      if (!pressed) return std::unexpected(pressed.error());
      if (*pressed) out.buttons |= bit;
    }
    const XrSpaceLocationFlags needed =
        XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    auto loc = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    TXR_XR_TRY(xrLocateSpace(grip_spaces_[h], headset_.app_space(), time, &loc));
    out.grip_valid = (loc.locationFlags & needed) == needed;
    if (out.grip_valid) out.grip = loc.pose;
    loc = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
    TXR_XR_TRY(xrLocateSpace(aim_spaces_[h], headset_.app_space(), time, &loc));
    out.aim_valid = (loc.locationFlags & needed) == needed;
    if (out.aim_valid) out.aim = loc.pose;
  }
  return {};
}

core::Result<void> ControllerActions::vibrate(core::Hand h, const HapticPulse& pulse) {
  auto info = make<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
  info.action = haptic_;
  info.subactionPath = hand_paths_[static_cast<std::size_t>(h)];
  auto vibration = make<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
  vibration.amplitude = pulse.amplitude;
  vibration.duration = pulse.duration_ns;
  vibration.frequency = pulse.frequency_hz;
  TXR_XR_TRY(xrApplyHapticFeedback(headset_.session(), &info,
                                   reinterpret_cast<const XrHapticBaseHeader*>(&vibration)));
  return {};
}

std::string ControllerActions::current_profile(core::Hand h) const {
  auto state = make<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
  if (XR_FAILED(xrGetCurrentInteractionProfile(headset_.session(),
                                               hand_paths_[static_cast<std::size_t>(h)], &state)) ||
      state.interactionProfile == XR_NULL_PATH) {
    return {};
  }
  char buffer[XR_MAX_PATH_LENGTH];
  std::uint32_t length = 0;
  if (XR_FAILED(xrPathToString(headset_.instance(), state.interactionProfile, sizeof buffer,
                               &length, buffer))) {
    return {};
  }
  return buffer;
}

}  // namespace txr::xr
