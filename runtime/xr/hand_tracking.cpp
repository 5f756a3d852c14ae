#include "xr/hand_tracking.hpp"

#include <cmath>

namespace txr::xr {
namespace {

XrQuaternionf multiply(const XrQuaternionf& a, const XrQuaternionf& b) {
  return {
      a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
      a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

float distance_m(const XrVector3f& a, const XrVector3f& b) {
  const float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

}  // namespace

core::Result<std::unique_ptr<HandTracking>> HandTracking::create(Headset& headset,
                                                                 const PinchThresholds& pinch) {
  if (!headset.hand_tracking_enabled()) {
    return core::fail("the OpenXR runtime does not track hands (XR_EXT_hand_tracking)");
  }
  std::unique_ptr<HandTracking> t(new HandTracking(headset));
  t->create_ =
      instance_proc<PFN_xrCreateHandTrackerEXT>(headset.instance(), "xrCreateHandTrackerEXT");
  t->destroy_ =
      instance_proc<PFN_xrDestroyHandTrackerEXT>(headset.instance(), "xrDestroyHandTrackerEXT");
  t->locate_ =
      instance_proc<PFN_xrLocateHandJointsEXT>(headset.instance(), "xrLocateHandJointsEXT");
  if (t->create_ == nullptr || t->destroy_ == nullptr || t->locate_ == nullptr) {
    return core::fail("the OpenXR runtime lacks the XR_EXT_hand_tracking functions");
  }
  for (std::size_t h = 0; h < 2; ++h) {
    auto info = make<XrHandTrackerCreateInfoEXT>(XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT);
    info.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
    info.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
    TXR_XR_TRY(t->create_(headset.session(), &info, &t->trackers_[h]));
    t->pinch_[h] = PinchDetector(pinch);
  }
  return t;
}

HandTracking::~HandTracking() {
  for (XrHandTrackerEXT tracker : trackers_) {
    if (tracker != XR_NULL_HANDLE) destroy_(tracker);
  }
}

XrPosef HandTracking::grip_from_palm(const XrPosef& palm, core::Hand h) {
  // The palm joint has +Y out of the back of the hand. A controller's grip +X points away from
  // the palm in the left hand and into it in the right: a quarter turn about the palm's Z.
  const float s = std::sqrt(0.5f);
  const XrQuaternionf quarter =
      h == core::Hand::right ? XrQuaternionf{0.0f, 0.0f, s, s} : XrQuaternionf{0.0f, 0.0f, -s, s};
  return {multiply(palm.orientation, quarter), palm.position};
}

core::Result<void> HandTracking::locate(XrTime time) {
  const XrSpaceLocationFlags needed =
      XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  for (std::size_t h = 0; h < 2; ++h) {
    std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
    auto info = make<XrHandJointsLocateInfoEXT>(XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT);
    info.baseSpace = headset_.app_space();
    info.time = time;
    auto locations = make<XrHandJointLocationsEXT>(XR_TYPE_HAND_JOINT_LOCATIONS_EXT);
    locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
    locations.jointLocations = joints.data();
    TXR_XR_TRY(locate_(trackers_[h], &info, &locations));
    TrackedHand& out = hands_[h];
    const auto& palm = joints[XR_HAND_JOINT_PALM_EXT];
    const auto& thumb = joints[XR_HAND_JOINT_THUMB_TIP_EXT];
    const auto& index = joints[XR_HAND_JOINT_INDEX_TIP_EXT];
    out.tracked = locations.isActive == XR_TRUE && (palm.locationFlags & needed) == needed &&
                  (thumb.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0 &&
                  (index.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) != 0;
    if (!out.tracked) {
      pinch_[h].reset();
      out.pinching = false;
      continue;
    }
    out.palm = palm.pose;
    out.grip = grip_from_palm(palm.pose, h == 0 ? core::Hand::left : core::Hand::right);
    out.aim = palm.pose;
    out.pinch_distance_m = distance_m(thumb.pose.position, index.pose.position);
    out.pinching = pinch_[h].update(out.pinch_distance_m);
  }
  return {};
}

}  // namespace txr::xr
