// XR_EXT_hand_tracking in the simulator: offered (or not, by configuration), the system property,
// trackers and joint locations from the scripted wrist and pinch, and argument validation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

std::string write_script(const std::string& text) {
  const auto path = txr::test::scratch_dir("xrsim-hands") / "script.json";
  std::ofstream(path) << text;
  return path.string();
}

bool offers_hand_tracking() {
  std::uint32_t count = 0;
  REQUIRE(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr) == XR_SUCCESS);
  std::vector<XrExtensionProperties> list(
      count, make<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  REQUIRE(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, list.data()) ==
          XR_SUCCESS);
  return std::any_of(list.begin(), list.end(), [](const XrExtensionProperties& e) {
    return std::strcmp(e.extensionName, XR_EXT_HAND_TRACKING_EXTENSION_NAME) == 0;
  });
}

float distance(const XrVector3f& a, const XrVector3f& b) {
  return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) +
                   (a.z - b.z) * (a.z - b.z));
}

struct HandFns {
  PFN_xrCreateHandTrackerEXT create = nullptr;
  PFN_xrDestroyHandTrackerEXT destroy = nullptr;
  PFN_xrLocateHandJointsEXT locate = nullptr;
  bool ok() const { return create != nullptr && destroy != nullptr && locate != nullptr; }
  explicit HandFns(XrInstance instance) {
    xrGetInstanceProcAddr(instance, "xrCreateHandTrackerEXT",
                          reinterpret_cast<PFN_xrVoidFunction*>(&create));
    xrGetInstanceProcAddr(instance, "xrDestroyHandTrackerEXT",
                          reinterpret_cast<PFN_xrVoidFunction*>(&destroy));
    xrGetInstanceProcAddr(instance, "xrLocateHandJointsEXT",
                          reinterpret_cast<PFN_xrVoidFunction*>(&locate));
  }
};

// Right hand: open at first, pinched from 1 s; the left hand is never tracked.
constexpr const char* k_pinch_script = R"({"keyframes": [
  {"t": 0, "right": {"hand": {"wrist": {"position": [0.2, 1.0, -0.3]}, "pinch": 0}}},
  {"t": 1, "right": {"hand": {"pinch": 1}}}]})";

XrHandTrackerEXT tracker(const HandFns& fns, XrSession session, XrHandEXT hand) {
  auto info = make<XrHandTrackerCreateInfoEXT>(XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT);
  info.hand = hand;
  info.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
  XrHandTrackerEXT out = XR_NULL_HANDLE;
  REQUIRE(fns.create(session, &info, &out) == XR_SUCCESS);
  return out;
}

}  // namespace

TEST_CASE("[xr-simulator] hand joints follow the scripted wrist and close to a pinch") {
  txr::test::use_simulator();  // core validation layer on: a correct app gets no message
  txr::test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script(k_pinch_script));
  REQUIRE(offers_hand_tracking());
  XrApp app;
  REQUIRE(
      app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_EXT_DEBUG_UTILS_EXTENSION_NAME,
                           XR_EXT_HAND_TRACKING_EXTENSION_NAME}) == XR_SUCCESS);
  auto hand_props =
      make<XrSystemHandTrackingPropertiesEXT>(XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT);
  auto props = make<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
  props.next = &hand_props;
  REQUIRE(xrGetSystemProperties(app.instance, app.system, &props) == XR_SUCCESS);
  CHECK(hand_props.supportsHandTracking == XR_TRUE);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  const HandFns fns(app.instance);
  REQUIRE(fns.ok());
  const XrHandTrackerEXT right = tracker(fns, app.session, XR_HAND_RIGHT_EXT);
  const XrHandTrackerEXT left = tracker(fns, app.session, XR_HAND_LEFT_EXT);
  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));

  std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
  std::array<XrHandJointVelocityEXT, XR_HAND_JOINT_COUNT_EXT> velocities{};
  auto vel = make<XrHandJointVelocitiesEXT>(XR_TYPE_HAND_JOINT_VELOCITIES_EXT);
  vel.jointCount = XR_HAND_JOINT_COUNT_EXT;
  vel.jointVelocities = velocities.data();
  auto locations = make<XrHandJointLocationsEXT>(XR_TYPE_HAND_JOINT_LOCATIONS_EXT);
  locations.next = &vel;
  locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
  locations.jointLocations = joints.data();
  auto info = make<XrHandJointsLocateInfoEXT>(XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT);
  info.baseSpace = app.stage;

  auto fs = make<XrFrameState>(XR_TYPE_FRAME_STATE);
  REQUIRE(XR_SUCCEEDED(app.frame(&fs)));
  info.time = fs.predictedDisplayTime;
  REQUIRE(fns.locate(left, &info, &locations) == XR_SUCCESS);
  CHECK(locations.isActive == XR_FALSE);  // the script never tracks the left hand
  CHECK(joints[XR_HAND_JOINT_PALM_EXT].locationFlags == 0);
  REQUIRE(fns.locate(right, &info, &locations) == XR_SUCCESS);
  CHECK(locations.isActive == XR_TRUE);
  const XrPosef wrist = joints[XR_HAND_JOINT_WRIST_EXT].pose;
  CHECK(wrist.position.x == doctest::Approx(0.2f));
  CHECK(wrist.position.y == doctest::Approx(1.0f));
  CHECK(wrist.position.z == doctest::Approx(-0.3f));
  // The palm is ahead of the wrist (fingers along -Z) and every joint has a unit orientation.
  CHECK(joints[XR_HAND_JOINT_PALM_EXT].pose.position.z < -0.33f);
  for (const auto& j : joints) {
    const auto& q = j.pose.orientation;
    CHECK(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w == doctest::Approx(1.0f).epsilon(1e-3));
    CHECK(j.radius > 0.0f);
    CHECK((j.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0);
  }
  // Right hand: thumb on the left (-X) of the index.
  CHECK(joints[XR_HAND_JOINT_THUMB_TIP_EXT].pose.position.x <
        joints[XR_HAND_JOINT_INDEX_TIP_EXT].pose.position.x);
  const float open_m = distance(joints[XR_HAND_JOINT_THUMB_TIP_EXT].pose.position,
                                joints[XR_HAND_JOINT_INDEX_TIP_EXT].pose.position);
  CHECK(open_m > 0.06f);

  // Halfway through the pinch the tips close and move; after 1 s they touch.
  for (int i = 0; i < 45; ++i) REQUIRE(XR_SUCCEEDED(app.frame(&fs)));
  info.time = fs.predictedDisplayTime;
  REQUIRE(fns.locate(right, &info, &locations) == XR_SUCCESS);
  const float half_m = distance(joints[XR_HAND_JOINT_THUMB_TIP_EXT].pose.position,
                                joints[XR_HAND_JOINT_INDEX_TIP_EXT].pose.position);
  CHECK(half_m < open_m);
  CHECK((velocities[XR_HAND_JOINT_INDEX_TIP_EXT].velocityFlags &
         XR_SPACE_VELOCITY_LINEAR_VALID_BIT) != 0);
  CHECK(velocities[XR_HAND_JOINT_INDEX_TIP_EXT].linearVelocity.y < 0.0f);  // curling down
  for (int i = 0; i < 50; ++i) REQUIRE(XR_SUCCEEDED(app.frame(&fs)));
  info.time = fs.predictedDisplayTime;
  REQUIRE(fns.locate(right, &info, &locations) == XR_SUCCESS);
  const float pinched_m = distance(joints[XR_HAND_JOINT_THUMB_TIP_EXT].pose.position,
                                   joints[XR_HAND_JOINT_INDEX_TIP_EXT].pose.position);
  CHECK(pinched_m < 0.01f);
  CHECK(fns.destroy(left) == XR_SUCCESS);
  CHECK(fns.destroy(right) == XR_SUCCESS);
  CHECK(app.xr_messages.empty());
  CHECK(app.vk_messages.empty());
}

TEST_CASE("[xr-simulator] hand tracker calls reject invalid arguments") {
  txr::test::use_simulator(false);  // reach the runtime's own checks
  txr::test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script(k_pinch_script));
  XrApp app;
  REQUIRE(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                               XR_EXT_HAND_TRACKING_EXTENSION_NAME}) == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  const HandFns fns(app.instance);
  REQUIRE(fns.ok());

  auto create = make<XrHandTrackerCreateInfoEXT>(XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT);
  create.hand = XR_HAND_RIGHT_EXT;
  create.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
  XrHandTrackerEXT t = XR_NULL_HANDLE;
  CHECK(fns.create(app.session, nullptr, &t) == XR_ERROR_VALIDATION_FAILURE);
  CHECK(fns.create(app.session, &create, nullptr) == XR_ERROR_VALIDATION_FAILURE);
  CHECK(fns.create(XR_NULL_HANDLE, &create, &t) == XR_ERROR_HANDLE_INVALID);
  auto bad = create;
  bad.hand = static_cast<XrHandEXT>(3);
  CHECK(fns.create(app.session, &bad, &t) == XR_ERROR_VALIDATION_FAILURE);
  bad = create;
  bad.handJointSet = static_cast<XrHandJointSetEXT>(7);
  CHECK(fns.create(app.session, &bad, &t) == XR_ERROR_VALIDATION_FAILURE);
  bad = create;
  bad.type = XR_TYPE_SESSION_CREATE_INFO;
  CHECK(fns.create(app.session, &bad, &t) == XR_ERROR_VALIDATION_FAILURE);
  REQUIRE(fns.create(app.session, &create, &t) == XR_SUCCESS);

  std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
  auto locations = make<XrHandJointLocationsEXT>(XR_TYPE_HAND_JOINT_LOCATIONS_EXT);
  locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
  locations.jointLocations = joints.data();
  auto info = make<XrHandJointsLocateInfoEXT>(XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT);
  info.baseSpace = app.stage;
  info.time = 1'000'000;
  CHECK(fns.locate(t, nullptr, &locations) == XR_ERROR_VALIDATION_FAILURE);
  CHECK(fns.locate(t, &info, nullptr) == XR_ERROR_VALIDATION_FAILURE);
  auto short_list = locations;
  short_list.jointCount = XR_HAND_JOINT_COUNT_EXT - 1;  // the default set has 26 joints
  CHECK(fns.locate(t, &info, &short_list) == XR_ERROR_VALIDATION_FAILURE);
  auto no_array = locations;
  no_array.jointLocations = nullptr;
  CHECK(fns.locate(t, &info, &no_array) == XR_ERROR_VALIDATION_FAILURE);
  auto bad_time = info;
  bad_time.time = 0;
  CHECK(fns.locate(t, &bad_time, &locations) == XR_ERROR_TIME_INVALID);
  auto bad_space = info;
  bad_space.baseSpace = XR_NULL_HANDLE;
  CHECK(fns.locate(t, &bad_space, &locations) == XR_ERROR_HANDLE_INVALID);
  std::array<XrHandJointVelocityEXT, 3> few{};
  auto vel = make<XrHandJointVelocitiesEXT>(XR_TYPE_HAND_JOINT_VELOCITIES_EXT);
  vel.jointCount = 3;
  vel.jointVelocities = few.data();
  auto with_vel = locations;
  with_vel.next = &vel;
  CHECK(fns.locate(t, &info, &with_vel) == XR_ERROR_VALIDATION_FAILURE);
  // Not focused yet: valid arguments, but no hand is reported.
  CHECK(fns.locate(t, &info, &locations) == XR_SUCCESS);
  CHECK(locations.isActive == XR_FALSE);
  CHECK(fns.locate(XR_NULL_HANDLE, &info, &locations) == XR_ERROR_HANDLE_INVALID);

  CHECK(fns.destroy(t) == XR_SUCCESS);
  CHECK(fns.destroy(t) == XR_ERROR_HANDLE_INVALID);
  CHECK(fns.locate(t, &info, &locations) == XR_ERROR_HANDLE_INVALID);
  // A tracker goes with its session.
  REQUIRE(fns.create(app.session, &create, &t) == XR_SUCCESS);
  app.destroy_session();
  CHECK(fns.destroy(t) == XR_ERROR_HANDLE_INVALID);
}

TEST_CASE("[xr-simulator] a headset configured without hand tracking does not offer it") {
  txr::test::use_simulator(false);
  txr::test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "0");
  CHECK_FALSE(offers_hand_tracking());
  {
    XrApp app;
    CHECK(app.create_instance(
              {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_EXT_HAND_TRACKING_EXTENSION_NAME}) ==
          XR_ERROR_EXTENSION_NOT_PRESENT);
  }
  {
    // Without the extension enabled its functions are not handed out.
    XrApp app;
    REQUIRE(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_SUCCESS);
    PFN_xrVoidFunction f = nullptr;
    CHECK(xrGetInstanceProcAddr(app.instance, "xrCreateHandTrackerEXT", &f) ==
          XR_ERROR_FUNCTION_UNSUPPORTED);
  }
  txr::test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "2");
  {
    XrApp app;  // a bad value is a configuration error, named on stderr
    CHECK(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_ERROR_RUNTIME_FAILURE);
  }
  txr::test::set_env("TRADEXR_XRSIM_HAND_TRACKING", "");
  CHECK(offers_hand_tracking());
}
