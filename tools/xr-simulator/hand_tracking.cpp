// XR_EXT_hand_tracking: hand trackers and joint locations from the script's articulated hands.
#include <cmath>

#include "api.hpp"
#include "hand_joints.hpp"
#include "pose_math.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

HandTracker* get_tracker(XrHandTrackerEXT h) {
  return lookup<HandTracker>(id_of(h), ObjectType::hand_tracker);
}

// The joints of `hand` at `time`, in STAGE coordinates; nullopt while the hand is not tracked.
std::optional<std::array<JointPose, XR_HAND_JOINT_COUNT_EXT>> joints_in_stage(const Session& s,
                                                                              int hand,
                                                                              XrTime time) {
  const Instance& inst = owner(s);
  const DeviceSample sample = inst.script.sample_at(script_time_s(inst, time));
  const ArticulatedHand& a = sample.hands[static_cast<std::size_t>(hand)].articulated;
  if (!a.tracked) return std::nullopt;
  return hand_joints(a.wrist, a.pinch, hand);
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrCreateHandTrackerEXT(XrSession session,
                                                      const XrHandTrackerCreateInfoEXT* createInfo,
                                                      XrHandTrackerEXT* handTracker) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (!owner(*s).ext_hand_tracking) return XR_ERROR_FUNCTION_UNSUPPORTED;
  if (createInfo == nullptr || handTracker == nullptr ||
      createInfo->type != XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (createInfo->hand != XR_HAND_LEFT_EXT && createInfo->hand != XR_HAND_RIGHT_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (createInfo->handJointSet != XR_HAND_JOINT_SET_DEFAULT_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (s->loss_pending) return XR_ERROR_SESSION_LOST;
  auto tracker = std::make_shared<HandTracker>();
  tracker->instance_id = s->instance_id;
  tracker->session_id = s->id;
  tracker->hand = createInfo->hand == XR_HAND_LEFT_EXT ? 0 : 1;
  const std::uint64_t id = register_object(tracker);
  s->hand_trackers.push_back(id);
  *handTracker = handle_of<XrHandTrackerEXT>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroyHandTrackerEXT(XrHandTrackerEXT handTracker) {
  std::lock_guard lock(api_mutex());
  const HandTracker* tracker = get_tracker(handTracker);
  if (tracker == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (Session* s = lookup<Session>(tracker->session_id, ObjectType::session)) {
    std::erase(s->hand_trackers, tracker->id);
  }
  unregister_object(tracker->id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrLocateHandJointsEXT(XrHandTrackerEXT handTracker,
                                                     const XrHandJointsLocateInfoEXT* locateInfo,
                                                     XrHandJointLocationsEXT* locations) {
  std::lock_guard lock(api_mutex());
  const HandTracker* tracker = get_tracker(handTracker);
  if (tracker == nullptr) return XR_ERROR_HANDLE_INVALID;
  const Session* s = lookup<Session>(tracker->session_id, ObjectType::session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (locateInfo == nullptr || locateInfo->type != XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT ||
      locations == nullptr || locations->type != XR_TYPE_HAND_JOINT_LOCATIONS_EXT) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const Space* base = get_space(locateInfo->baseSpace);
  if (base == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (base->session_id != s->id) return XR_ERROR_VALIDATION_FAILURE;
  if (locateInfo->time <= 0) return XR_ERROR_TIME_INVALID;
  // The joint set fixes the count: 26 for XR_HAND_JOINT_SET_DEFAULT_EXT.
  if (locations->jointCount != XR_HAND_JOINT_COUNT_EXT || locations->jointLocations == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  XrHandJointVelocitiesEXT* velocities = nullptr;
  for (auto* n = static_cast<XrBaseOutStructure*>(locations->next); n != nullptr; n = n->next) {
    if (n->type == XR_TYPE_HAND_JOINT_VELOCITIES_EXT) {
      velocities = reinterpret_cast<XrHandJointVelocitiesEXT*>(n);
      if (velocities->jointCount != XR_HAND_JOINT_COUNT_EXT ||
          velocities->jointVelocities == nullptr) {
        return XR_ERROR_VALIDATION_FAILURE;
      }
    }
  }
  const auto untracked = [&] {
    locations->isActive = XR_FALSE;
    for (std::uint32_t i = 0; i < XR_HAND_JOINT_COUNT_EXT; ++i) {
      locations->jointLocations[i] = {0, pose_identity(), 0.0f};
      if (velocities != nullptr) velocities->jointVelocities[i] = {0, {}, {}};
    }
    return XR_SUCCESS;
  };
  // Like controller input, hands are only reported to the focused application.
  if (s->state != XR_SESSION_STATE_FOCUSED) return untracked();
  const auto joints = joints_in_stage(*s, tracker->hand, locateInfo->time);
  const auto T_stage_base = space_in_stage(*s, *base, locateInfo->time);
  if (!joints || !T_stage_base) return untracked();
  const XrPosef T_base_stage = pose_inverse(*T_stage_base);
  locations->isActive = XR_TRUE;
  for (std::uint32_t i = 0; i < XR_HAND_JOINT_COUNT_EXT; ++i) {
    XrHandJointLocationEXT& out = locations->jointLocations[i];
    out.pose = pose_mul(T_base_stage, (*joints)[i].pose);
    out.radius = (*joints)[i].radius_m;
    out.locationFlags =
        XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
        XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  }
  if (velocities != nullptr) {
    // Linear velocity by a central difference over +-1 ms of the script (angular not reported).
    constexpr XrTime k_dt_ns = 1'000'000;
    const XrTime t0 = locateInfo->time > k_dt_ns ? locateInfo->time - k_dt_ns : locateInfo->time;
    const XrTime t1 = locateInfo->time + k_dt_ns;
    const auto before = joints_in_stage(*s, tracker->hand, t0);
    const auto after = joints_in_stage(*s, tracker->hand, t1);
    const auto base0 = space_in_stage(*s, *base, t0);
    const auto base1 = space_in_stage(*s, *base, t1);
    const float dt_s = static_cast<float>(t1 - t0) / 1e9f;
    for (std::uint32_t i = 0; i < XR_HAND_JOINT_COUNT_EXT; ++i) {
      XrHandJointVelocityEXT& v = velocities->jointVelocities[i];
      v = {0, {}, {}};
      if (!before || !after || !base0 || !base1) continue;
      const XrVector3f a = pose_mul(pose_inverse(*base0), (*before)[i].pose).position;
      const XrVector3f b = pose_mul(pose_inverse(*base1), (*after)[i].pose).position;
      v.linearVelocity = {(b.x - a.x) / dt_s, (b.y - a.y) / dt_s, (b.z - a.z) / dt_s};
      v.velocityFlags = XR_SPACE_VELOCITY_LINEAR_VALID_BIT;
    }
  }
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
