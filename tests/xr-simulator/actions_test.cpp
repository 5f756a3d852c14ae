// Actions against the simulator: profile binding validation, scripted input, haptics log.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

XrActionSet make_set(XrApp& app, const char* name) {
  auto info = make<XrActionSetCreateInfo>(XR_TYPE_ACTION_SET_CREATE_INFO);
  std::strcpy(info.actionSetName, name);
  std::strcpy(info.localizedActionSetName, name);
  XrActionSet set = XR_NULL_HANDLE;
  REQUIRE(xrCreateActionSet(app.instance, &info, &set) == XR_SUCCESS);
  return set;
}

XrAction make_action(XrApp& app, XrActionSet set, const char* name, XrActionType type) {
  const XrPath hands[] = {app.path("/user/hand/left"), app.path("/user/hand/right")};
  auto info = make<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(info.actionName, name);
  std::strcpy(info.localizedActionName, name);
  info.actionType = type;
  info.countSubactionPaths = 2;
  info.subactionPaths = hands;
  XrAction action = XR_NULL_HANDLE;
  REQUIRE(xrCreateAction(set, &info, &action) == XR_SUCCESS);
  return action;
}

using Bindings = std::vector<std::pair<XrAction, const char*>>;

XrResult suggest(XrApp& app, const char* profile, const Bindings& bindings) {
  std::vector<XrActionSuggestedBinding> list;
  for (const auto& [action, path] : bindings) list.push_back({action, app.path(path)});
  auto s =
      make<XrInteractionProfileSuggestedBinding>(XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
  s.interactionProfile = app.path(profile);
  s.countSuggestedBindings = static_cast<std::uint32_t>(list.size());
  s.suggestedBindings = list.data();
  return xrSuggestInteractionProfileBindings(app.instance, &s);
}

void attach(XrApp& app, XrActionSet set) {
  auto info = make<XrSessionActionSetsAttachInfo>(XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
  info.countActionSets = 1;
  info.actionSets = &set;
  REQUIRE(xrAttachSessionActionSets(app.session, &info) == XR_SUCCESS);
}

XrResult sync(XrApp& app, XrActionSet set) {
  XrActiveActionSet active{set, XR_NULL_PATH};
  auto info = make<XrActionsSyncInfo>(XR_TYPE_ACTIONS_SYNC_INFO);
  info.countActiveActionSets = 1;
  info.activeActionSets = &active;
  return xrSyncActions(app.session, &info);
}

XrActionStateGetInfo get_info(XrAction action, XrPath subaction = XR_NULL_PATH) {
  auto info = make<XrActionStateGetInfo>(XR_TYPE_ACTION_STATE_GET_INFO);
  info.action = action;
  info.subactionPath = subaction;
  return info;
}

std::string write_script(const std::string& text) {
  const auto path = txr::test::scratch_dir("xrsim-input") / "script.json";
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("[xr-simulator] each interaction profile accepts its bindings and rejects bad paths") {
  txr::test::use_simulator(false);  // the runtime itself must refuse, not the validation layer
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  XrActionSet set = make_set(app, "gameplay");
  XrAction b = make_action(app, set, "press", XR_ACTION_TYPE_BOOLEAN_INPUT);
  XrAction f = make_action(app, set, "pull", XR_ACTION_TYPE_FLOAT_INPUT);
  XrAction v = make_action(app, set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT);
  XrAction p = make_action(app, set, "hold", XR_ACTION_TYPE_POSE_INPUT);
  XrAction h = make_action(app, set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT);

  CHECK(suggest(app, "/interaction_profiles/khr/simple_controller",
                {{b, "/user/hand/left/input/select/click"},
                 {b, "/user/hand/right/input/menu/click"},
                 {p, "/user/hand/left/input/grip/pose"},
                 {p, "/user/hand/right/input/aim/pose"},
                 {h, "/user/hand/left/output/haptic"}}) == XR_SUCCESS);
  CHECK(suggest(app, "/interaction_profiles/htc/vive_controller",
                {{f, "/user/hand/left/input/trigger/value"},
                 {b, "/user/hand/right/input/trigger/click"},
                 {b, "/user/hand/left/input/squeeze/click"},
                 {v, "/user/hand/right/input/trackpad"},
                 {b, "/user/hand/right/input/menu/click"},
                 {p, "/user/hand/left/input/grip/pose"},
                 {h, "/user/hand/right/output/haptic"}}) == XR_SUCCESS);
  CHECK(suggest(app, "/interaction_profiles/microsoft/motion_controller",
                {{f, "/user/hand/left/input/trigger/value"},
                 {b, "/user/hand/left/input/squeeze/click"},
                 {v, "/user/hand/right/input/thumbstick"},
                 {v, "/user/hand/right/input/trackpad"},
                 {b, "/user/hand/left/input/menu/click"},
                 {p, "/user/hand/right/input/aim/pose"},
                 {h, "/user/hand/left/output/haptic"}}) == XR_SUCCESS);
  CHECK(suggest(app, "/interaction_profiles/oculus/touch_controller",
                {{b, "/user/hand/left/input/x/click"},
                 {b, "/user/hand/left/input/y/touch"},
                 {b, "/user/hand/left/input/menu/click"},
                 {b, "/user/hand/right/input/a/click"},
                 {b, "/user/hand/right/input/b/click"},
                 {f, "/user/hand/right/input/trigger"},
                 {f, "/user/hand/left/input/squeeze/value"},
                 {v, "/user/hand/left/input/thumbstick"},
                 {b, "/user/hand/right/input/thumbrest/touch"},
                 {p, "/user/hand/right/input/grip/pose"},
                 {h, "/user/hand/right/output/haptic"}}) == XR_SUCCESS);
  CHECK(suggest(app, "/interaction_profiles/valve/index_controller",
                {{b, "/user/hand/left/input/a/click"},
                 {b, "/user/hand/right/input/b/click"},
                 {f, "/user/hand/left/input/squeeze/force"},
                 {f, "/user/hand/right/input/squeeze/value"},
                 {f, "/user/hand/right/input/trigger/value"},
                 {v, "/user/hand/left/input/thumbstick"},
                 {f, "/user/hand/left/input/trackpad/force"},
                 {p, "/user/hand/left/input/grip/pose"},
                 {h, "/user/hand/left/output/haptic"}}) == XR_SUCCESS);

  // Paths a profile does not have are refused with XR_ERROR_PATH_UNSUPPORTED.
  CHECK(suggest(app, "/interaction_profiles/khr/simple_controller",
                {{b, "/user/hand/left/input/a/click"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/oculus/touch_controller",
                {{b, "/user/hand/right/input/menu/click"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/oculus/touch_controller",
                {{b, "/user/hand/left/input/a/click"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/htc/vive_controller",
                {{v, "/user/hand/left/input/thumbstick"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/valve/index_controller",
                {{b, "/user/hand/left/input/menu/click"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/microsoft/motion_controller",
                {{b, "/user/hand/left/input/trigger/touch"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/khr/simple_controller",
                {{b, "/user/head/input/select/click"}}) == XR_ERROR_PATH_UNSUPPORTED);
  CHECK(suggest(app, "/interaction_profiles/acme/glove",
                {{b, "/user/hand/left/input/select/click"}}) == XR_ERROR_PATH_UNSUPPORTED);

  // Malformed path strings never become paths.
  XrPath path = XR_NULL_PATH;
  for (const char* bad : {"/user/hand/Left", "user/hand/left", "/user//hand", "/user/hand/",
                          "/user/../hand", "/user/hand left"}) {
    INFO(bad);
    CHECK(xrStringToPath(app.instance, bad, &path) == XR_ERROR_PATH_FORMAT_INVALID);
  }
  REQUIRE(xrStringToPath(app.instance, "/user/hand/left", &path) == XR_SUCCESS);
  char text[64];
  std::uint32_t n = 0;
  REQUIRE(xrPathToString(app.instance, path, sizeof(text), &n, text) == XR_SUCCESS);
  CHECK(std::string(text) == "/user/hand/left");
  CHECK(n == 16);
  CHECK(xrPathToString(app.instance, 987654, sizeof(text), &n, text) == XR_ERROR_PATH_INVALID);

  // Names follow the path-segment rules and must be unique.
  auto info = make<XrActionCreateInfo>(XR_TYPE_ACTION_CREATE_INFO);
  std::strcpy(info.actionName, "Bad Name");
  std::strcpy(info.localizedActionName, "bad");
  info.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
  XrAction bad = XR_NULL_HANDLE;
  CHECK(xrCreateAction(set, &info, &bad) == XR_ERROR_PATH_FORMAT_INVALID);
  std::strcpy(info.actionName, "press");
  std::strcpy(info.localizedActionName, "another");
  CHECK(xrCreateAction(set, &info, &bad) == XR_ERROR_NAME_DUPLICATED);
}

TEST_CASE("[xr-simulator] scripted controller input reaches the action states") {
  txr::test::use_simulator();
  txr::test::set_env("TRADEXR_XRSIM_PROFILE", "/interaction_profiles/oculus/touch_controller");
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script(R"({
    "keyframes": [
      {"t": 0, "left": {"squeeze": 0.9},
               "right": {"trigger": 0.0, "thumbstick": [0.5, -0.25], "buttons": ["a"],
                         "grip": {"position": [0.3, 1.1, -0.4]}}},
      {"t": 100, "right": {"trigger": 1.0}}
    ],
    "events": [{"t": 0.3, "event": "interaction_profile",
                "profile": "/interaction_profiles/valve/index_controller"}]})"));
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  XrActionSet set = make_set(app, "input");
  XrActionSet unattached = make_set(app, "later");
  XrAction pull = make_action(app, set, "pull", XR_ACTION_TYPE_FLOAT_INPUT);
  XrAction grab = make_action(app, set, "grab", XR_ACTION_TYPE_FLOAT_INPUT);
  XrAction press = make_action(app, set, "press", XR_ACTION_TYPE_BOOLEAN_INPUT);
  XrAction menu = make_action(app, set, "menu", XR_ACTION_TYPE_BOOLEAN_INPUT);
  XrAction move = make_action(app, set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT);
  XrAction hold = make_action(app, set, "hold", XR_ACTION_TYPE_POSE_INPUT);
  XrAction point = make_action(app, set, "point", XR_ACTION_TYPE_POSE_INPUT);
  XrAction other = make_action(app, unattached, "other", XR_ACTION_TYPE_BOOLEAN_INPUT);
  REQUIRE(suggest(app, "/interaction_profiles/oculus/touch_controller",
                  {{pull, "/user/hand/right/input/trigger/value"},
                   {pull, "/user/hand/left/input/trigger/value"},
                   {grab, "/user/hand/left/input/squeeze/value"},
                   {press, "/user/hand/right/input/a/click"},
                   {menu, "/user/hand/left/input/x/click"},
                   {move, "/user/hand/right/input/thumbstick"},
                   {hold, "/user/hand/right/input/grip/pose"},
                   {point, "/user/hand/left/input/aim"}}) == XR_SUCCESS);
  REQUIRE(suggest(app, "/interaction_profiles/valve/index_controller",
                  {{pull, "/user/hand/right/input/trigger/value"}}) == XR_SUCCESS);
  attach(app, set);
  CHECK(suggest(app, "/interaction_profiles/khr/simple_controller",
                {{press, "/user/hand/left/input/select/click"}}) ==
        XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
  auto space_info = make<XrActionSpaceCreateInfo>(XR_TYPE_ACTION_SPACE_CREATE_INFO);
  space_info.action = hold;
  space_info.subactionPath = app.path("/user/hand/right");
  space_info.poseInActionSpace.orientation.w = 1.0f;
  XrSpace grip = XR_NULL_HANDLE;
  REQUIRE(xrCreateActionSpace(app.session, &space_info, &grip) == XR_SUCCESS);

  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
  REQUIRE(sync(app, set) == XR_SUCCESS);
  auto profile = make<XrInteractionProfileState>(XR_TYPE_INTERACTION_PROFILE_STATE);
  REQUIRE(xrGetCurrentInteractionProfile(app.session, app.path("/user/hand/right"), &profile) ==
          XR_SUCCESS);
  CHECK(profile.interactionProfile == app.path("/interaction_profiles/oculus/touch_controller"));

  auto f = make<XrActionStateFloat>(XR_TYPE_ACTION_STATE_FLOAT);
  auto info = get_info(grab);
  REQUIRE(xrGetActionStateFloat(app.session, &info, &f) == XR_SUCCESS);
  CHECK(f.isActive);
  CHECK(f.currentState == doctest::Approx(0.9f));

  auto bs = make<XrActionStateBoolean>(XR_TYPE_ACTION_STATE_BOOLEAN);
  info = get_info(press);
  REQUIRE(xrGetActionStateBoolean(app.session, &info, &bs) == XR_SUCCESS);
  CHECK(bs.isActive);
  CHECK(bs.currentState);
  info = get_info(menu);
  REQUIRE(xrGetActionStateBoolean(app.session, &info, &bs) == XR_SUCCESS);
  CHECK(bs.isActive);
  CHECK_FALSE(bs.currentState);

  auto v2 = make<XrActionStateVector2f>(XR_TYPE_ACTION_STATE_VECTOR2F);
  info = get_info(move);
  REQUIRE(xrGetActionStateVector2f(app.session, &info, &v2) == XR_SUCCESS);
  CHECK(v2.currentState.x == doctest::Approx(0.5f));
  CHECK(v2.currentState.y == doctest::Approx(-0.25f));

  auto ps = make<XrActionStatePose>(XR_TYPE_ACTION_STATE_POSE);
  info = get_info(hold);
  REQUIRE(xrGetActionStatePose(app.session, &info, &ps) == XR_SUCCESS);
  CHECK(ps.isActive);
  info = get_info(point);  // bound by its identifier path (.../input/aim)
  REQUIRE(xrGetActionStatePose(app.session, &info, &ps) == XR_SUCCESS);
  CHECK(ps.isActive);
  auto loc = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  REQUIRE(xrLocateSpace(grip, app.stage, app.last_display_time, &loc) == XR_SUCCESS);
  CHECK((loc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0);
  CHECK(loc.pose.position.x == doctest::Approx(0.3f));
  CHECK(loc.pose.position.y == doctest::Approx(1.1f));
  CHECK(loc.pose.position.z == doctest::Approx(-0.4f));

  // The trigger ramps from 0 to 1 over 100 s: it rises frame by frame, per hand.
  info = get_info(pull, app.path("/user/hand/right"));
  REQUIRE(xrGetActionStateFloat(app.session, &info, &f) == XR_SUCCESS);
  const float first = f.currentState;
  REQUIRE(XR_SUCCEEDED(app.frame()));
  REQUIRE(sync(app, set) == XR_SUCCESS);
  REQUIRE(xrGetActionStateFloat(app.session, &info, &f) == XR_SUCCESS);
  CHECK(f.currentState > first);
  CHECK(f.currentState < 0.01f);
  CHECK(f.changedSinceLastSync);
  info = get_info(pull, app.path("/user/hand/left"));
  REQUIRE(xrGetActionStateFloat(app.session, &info, &f) == XR_SUCCESS);
  CHECK(f.isActive);
  CHECK(f.currentState == 0.0f);

  // Wrong type, unattached set and foreign subaction paths are refused.
  info = get_info(pull);
  CHECK(xrGetActionStateBoolean(app.session, &info, &bs) == XR_ERROR_ACTION_TYPE_MISMATCH);
  info = get_info(other);
  CHECK(xrGetActionStateBoolean(app.session, &info, &bs) == XR_ERROR_ACTIONSET_NOT_ATTACHED);
  info = get_info(press, app.path("/user/head"));
  CHECK(xrGetActionStateBoolean(app.session, &info, &bs) == XR_ERROR_PATH_UNSUPPORTED);

  // At t = 0.3 s the script swaps the controllers for Index ones: the app is told, and only
  // the Index bindings it suggested remain.
  const int changes_before = app.profile_changes;
  for (int i = 0; i < 40; ++i) REQUIRE(XR_SUCCEEDED(app.frame()));
  app.poll();
  REQUIRE(sync(app, set) == XR_SUCCESS);
  CHECK(app.profile_changes == changes_before + 1);
  REQUIRE(xrGetCurrentInteractionProfile(app.session, app.path("/user/hand/left"), &profile) ==
          XR_SUCCESS);
  CHECK(profile.interactionProfile == app.path("/interaction_profiles/valve/index_controller"));
  info = get_info(grab);
  REQUIRE(xrGetActionStateFloat(app.session, &info, &f) == XR_SUCCESS);
  CHECK_FALSE(f.isActive);

  xrDestroySpace(grip);
  app.destroy();
  for (const auto& m : app.xr_messages) INFO(m);
  CHECK(app.xr_messages.empty());
  CHECK(app.vk_messages.empty());
}

TEST_CASE("[xr-simulator] haptic feedback is recorded in the simulator log") {
  txr::test::use_simulator();
  const auto log = txr::test::scratch_dir("xrsim-haptics") / "log.json";
  txr::test::set_env("TRADEXR_XRSIM_LOG", log.string());
  {
    XrApp app;
    REQUIRE(app.create_instance() == XR_SUCCESS);
    REQUIRE(app.create_vulkan() == XR_SUCCESS);
    REQUIRE(app.create_session() == XR_SUCCESS);
    XrActionSet set = make_set(app, "feedback");
    XrAction buzz = make_action(app, set, "buzz", XR_ACTION_TYPE_VIBRATION_OUTPUT);
    REQUIRE(suggest(app, "/interaction_profiles/khr/simple_controller",
                    {{buzz, "/user/hand/left/output/haptic"},
                     {buzz, "/user/hand/right/output/haptic"}}) == XR_SUCCESS);
    attach(app, set);
    REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
    REQUIRE(sync(app, set) == XR_SUCCESS);
    auto haptic = make<XrHapticActionInfo>(XR_TYPE_HAPTIC_ACTION_INFO);
    haptic.action = buzz;
    haptic.subactionPath = app.path("/user/hand/right");
    auto vibration = make<XrHapticVibration>(XR_TYPE_HAPTIC_VIBRATION);
    vibration.amplitude = 0.5f;
    vibration.duration = 100'000'000;
    vibration.frequency = 160.0f;
    REQUIRE(xrApplyHapticFeedback(app.session, &haptic,
                                  reinterpret_cast<XrHapticBaseHeader*>(&vibration)) == XR_SUCCESS);
    haptic.subactionPath = XR_NULL_PATH;
    REQUIRE(xrStopHapticFeedback(app.session, &haptic) == XR_SUCCESS);
    app.destroy();
    CHECK(app.xr_messages.empty());
  }
  const auto j = nlohmann::json::parse(txr::test::read_file(log));
  REQUIRE(j["haptics"].size() == 3);
  CHECK(j["haptics"][0]["action"] == "buzz");
  CHECK(j["haptics"][0]["target"] == "/user/hand/right/output/haptic");
  CHECK(j["haptics"][0]["amplitude"].get<double>() == doctest::Approx(0.5));
  CHECK(j["haptics"][0]["duration_ns"] == 100'000'000);
  CHECK(j["haptics"][0]["frequency_hz"].get<double>() == doctest::Approx(160.0));
  CHECK(j["haptics"][1]["stop"] == true);
  CHECK(j["haptics"][1]["target"] == "/user/hand/left/output/haptic");
  CHECK(j["haptics"][2]["target"] == "/user/hand/right/output/haptic");
}
