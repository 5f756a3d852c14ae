#pragma once
// HandJoints: the 26 XR_EXT_hand_tracking joints of a plausible adult hand, derived from a wrist
// pose and a pinch amount (0 open, 1 thumb tip touching the index tip). Joint axes follow the
// extension: +Z points back along the bone (away from the fingertip), +Y out of the back of the
// hand, X by the right-hand rule. Positions lerp between an open and a pinched hand.
#include <array>

#include "xr_headers.hpp"

namespace txr::xrsim {

struct JointPose {
  XrPosef pose{{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f}};  // in the wrist's parent space
  float radius_m = 0.01f;
};

// `hand` 0 left, 1 right (the left hand is the mirror image of the right).
std::array<JointPose, XR_HAND_JOINT_COUNT_EXT> hand_joints(const XrPosef& T_parent_wrist,
                                                           float pinch, int hand);

}  // namespace txr::xrsim
