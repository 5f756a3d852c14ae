// Reference and action spaces; xrLocateSpace and xrLocateViews from the scripted poses.
#include <algorithm>
#include <cmath>

#include "api.hpp"
#include "enumerate.hpp"
#include "pose_math.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

constexpr XrReferenceSpaceType k_reference_spaces[] = {
    XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL, XR_REFERENCE_SPACE_TYPE_STAGE};
constexpr float k_half_fov_rad = 0.785398f;  // 90 degrees per eye
constexpr float k_stage_half_extent_m = 1.0f;

bool pose_valid(const XrPosef& p) {
  return quat_is_unit(p.orientation) && std::isfinite(p.position.x) &&
         std::isfinite(p.position.y) && std::isfinite(p.position.z);
}

// LOCAL sits where the head starts, gravity-aligned (yaw only), as on a real headset.
XrPosef T_stage_local(const Instance& inst) {
  const XrPosef head = inst.script.sample_at(0.0).head;
  const XrQuaternionf& q = head.orientation;
  const float yaw =
      std::atan2(2.0f * (q.w * q.y + q.x * q.z), 1.0f - 2.0f * (q.y * q.y + q.x * q.x));
  return {{0.0f, std::sin(yaw / 2.0f), 0.0f, std::cos(yaw / 2.0f)}, head.position};
}

}  // namespace

std::optional<XrPosef> space_in_stage(const Session& session, const Space& space, XrTime time) {
  const Instance& inst = owner(session);
  const DeviceSample sample = inst.script.sample_at(script_time_s(inst, time));
  XrPosef base = pose_identity();
  if (space.is_action) {
    const auto pose = action_pose(session, space, sample);
    if (!pose) return std::nullopt;
    base = *pose;
  } else if (space.reference_type == XR_REFERENCE_SPACE_TYPE_VIEW) {
    base = sample.head;
  } else if (space.reference_type == XR_REFERENCE_SPACE_TYPE_LOCAL) {
    base = T_stage_local(inst);
  }
  return pose_mul(base, space.pose_in_space);
}

namespace {

std::optional<XrPosef> relative(const Session& s, const Space& space, const Space& base,
                                XrTime time) {
  const auto a = space_in_stage(s, space, time);
  const auto b = space_in_stage(s, base, time);
  if (!a || !b) return std::nullopt;
  return pose_mul(pose_inverse(*b), *a);
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateReferenceSpaces(XrSession session,
                                                          uint32_t spaceCapacityInput,
                                                          uint32_t* spaceCountOutput,
                                                          XrReferenceSpaceType* spaces) {
  std::lock_guard lock(api_mutex());
  if (get_session(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
  return enumerate(spaceCapacityInput, spaceCountOutput, spaces, std::size(k_reference_spaces),
                   [](std::size_t i, XrReferenceSpaceType& out) {
                     out = k_reference_spaces[i];
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateReferenceSpace(XrSession session,
                                                      const XrReferenceSpaceCreateInfo* createInfo,
                                                      XrSpace* space) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || space == nullptr ||
      createInfo->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  bool known = false;
  for (auto t : k_reference_spaces) known = known || t == createInfo->referenceSpaceType;
  if (!known) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  if (!pose_valid(createInfo->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
  auto sp = std::make_shared<Space>();
  sp->instance_id = s->instance_id;
  sp->session_id = s->id;
  sp->reference_type = createInfo->referenceSpaceType;
  sp->pose_in_space = createInfo->poseInReferenceSpace;
  sp->pose_in_space.orientation = quat_normalize(sp->pose_in_space.orientation);
  const std::uint64_t id = register_object(sp);
  s->spaces.push_back(id);
  *space = handle_of<XrSpace>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetReferenceSpaceBoundsRect(
    XrSession session, XrReferenceSpaceType referenceSpaceType, XrExtent2Df* bounds) {
  std::lock_guard lock(api_mutex());
  if (get_session(session) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  bool known = false;
  for (auto t : k_reference_spaces) known = known || t == referenceSpaceType;
  if (!known) return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  if (referenceSpaceType != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0.0f, 0.0f};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = {2.0f * k_stage_half_extent_m, 2.0f * k_stage_half_extent_m};
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrCreateActionSpace(XrSession session,
                                                   const XrActionSpaceCreateInfo* createInfo,
                                                   XrSpace* space) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (createInfo == nullptr || space == nullptr ||
      createInfo->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  auto action_object = find_object(id_of(createInfo->action));
  if (!action_object || action_object->type != ObjectType::action ||
      action_object->instance_id != s->instance_id) {
    return XR_ERROR_HANDLE_INVALID;
  }
  auto action = std::static_pointer_cast<Action>(action_object);
  if (action->action_type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (createInfo->subactionPath != XR_NULL_PATH) {
    const auto& subs = action->subaction_paths;
    if (std::find(subs.begin(), subs.end(), createInfo->subactionPath) == subs.end()) {
      return XR_ERROR_PATH_UNSUPPORTED;
    }
  }
  if (!pose_valid(createInfo->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
  auto sp = std::make_shared<Space>();
  sp->instance_id = s->instance_id;
  sp->session_id = s->id;
  sp->is_action = true;
  sp->action = action;
  sp->subaction = createInfo->subactionPath;
  sp->pose_in_space = createInfo->poseInActionSpace;
  sp->pose_in_space.orientation = quat_normalize(sp->pose_in_space.orientation);
  const std::uint64_t id = register_object(sp);
  s->spaces.push_back(id);
  *space = handle_of<XrSpace>(id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrDestroySpace(XrSpace space) {
  std::lock_guard lock(api_mutex());
  const Space* sp = get_space(space);
  if (sp == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (Session* s = lookup<Session>(sp->session_id, ObjectType::session)) {
    std::erase(s->spaces, sp->id);
  }
  unregister_object(sp->id);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrLocateSpace(XrSpace space, XrSpace baseSpace, XrTime time,
                                             XrSpaceLocation* location) {
  std::lock_guard lock(api_mutex());
  const Space* sp = get_space(space);
  const Space* base = get_space(baseSpace);
  if (sp == nullptr || base == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (sp->session_id != base->session_id) return XR_ERROR_VALIDATION_FAILURE;
  if (location == nullptr || location->type != XR_TYPE_SPACE_LOCATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  const Session* s = lookup<Session>(sp->session_id, ObjectType::session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  XrSpaceVelocity* velocity = nullptr;
  for (auto* n = static_cast<XrBaseOutStructure*>(location->next); n != nullptr; n = n->next) {
    if (n->type == XR_TYPE_SPACE_VELOCITY) velocity = reinterpret_cast<XrSpaceVelocity*>(n);
  }
  const auto pose = relative(*s, *sp, *base, time);
  if (!pose) {
    location->locationFlags = 0;
    location->pose = pose_identity();
    if (velocity != nullptr) velocity->velocityFlags = 0;
    return XR_SUCCESS;
  }
  location->pose = *pose;
  location->locationFlags =
      XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
      XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  if (velocity != nullptr) {
    // Central difference over +-1 ms of the scripted motion, expressed in the base space.
    constexpr XrTime k_dt_ns = 1'000'000;
    const auto before = relative(*s, *sp, *base, time > k_dt_ns ? time - k_dt_ns : time);
    const auto after = relative(*s, *sp, *base, time + k_dt_ns);
    velocity->velocityFlags = 0;
    if (before && after) {
      const float dt_s =
          static_cast<float>(time + k_dt_ns - (time > k_dt_ns ? time - k_dt_ns : time)) / 1e9f;
      velocity->linearVelocity = {(after->position.x - before->position.x) / dt_s,
                                  (after->position.y - before->position.y) / dt_s,
                                  (after->position.z - before->position.z) / dt_s};
      XrQuaternionf dq = quat_mul(after->orientation, quat_conjugate(before->orientation));
      if (dq.w < 0.0f) dq = {-dq.x, -dq.y, -dq.z, -dq.w};
      const float angle = 2.0f * std::acos(std::fmin(1.0f, dq.w));
      const float s_half = std::sqrt(std::fmax(0.0f, 1.0f - dq.w * dq.w));
      if (s_half > 1e-6f) {
        const float k = angle / (s_half * dt_s);
        velocity->angularVelocity = {dq.x * k, dq.y * k, dq.z * k};
      } else {
        velocity->angularVelocity = {0.0f, 0.0f, 0.0f};
      }
      velocity->velocityFlags =
          XR_SPACE_VELOCITY_LINEAR_VALID_BIT | XR_SPACE_VELOCITY_ANGULAR_VALID_BIT;
    }
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrLocateViews(XrSession session,
                                             const XrViewLocateInfo* viewLocateInfo,
                                             XrViewState* viewState, uint32_t viewCapacityInput,
                                             uint32_t* viewCountOutput, XrView* views) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (viewLocateInfo == nullptr || viewLocateInfo->type != XR_TYPE_VIEW_LOCATE_INFO ||
      viewState == nullptr || viewState->type != XR_TYPE_VIEW_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (viewLocateInfo->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (viewLocateInfo->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  const Space* base = get_space(viewLocateInfo->space);
  if (base == nullptr || base->session_id != s->id) return XR_ERROR_HANDLE_INVALID;
  const Instance& inst = owner(*s);
  const DeviceSample sample =
      inst.script.sample_at(script_time_s(inst, viewLocateInfo->displayTime));
  const auto T_stage_base = space_in_stage(*s, *base, viewLocateInfo->displayTime);
  const XrResult r =
      enumerate(viewCapacityInput, viewCountOutput, views, 2, [&](std::size_t i, XrView& out) {
        if (out.type != XR_TYPE_VIEW) return false;
        const float side = i == 0 ? -0.5f : 0.5f;
        const XrPosef T_head_eye{{0.0f, 0.0f, 0.0f, 1.0f}, {side * inst.config.ipd_m, 0.0f, 0.0f}};
        const XrPosef T_stage_eye = pose_mul(sample.head, T_head_eye);
        out.pose =
            T_stage_base ? pose_mul(pose_inverse(*T_stage_base), T_stage_eye) : pose_identity();
        out.fov = {-k_half_fov_rad, k_half_fov_rad, k_half_fov_rad, -k_half_fov_rad};
        return true;
      });
  if (XR_SUCCEEDED(r)) {
    viewState->viewStateFlags =
        T_stage_base ? (XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                        XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT)
                     : 0;
  }
  return r;
}

}  // namespace api
}  // namespace txr::xrsim
