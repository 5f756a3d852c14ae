#include "hand_joints.hpp"

#include <algorithm>
#include <cmath>

#include "pose_math.hpp"

namespace txr::xrsim {
namespace {

using Joints = std::array<XrVector3f, XR_HAND_JOINT_COUNT_EXT>;

// A right hand in its wrist frame (metres): palm down (+Y is the back of the hand), fingers
// along -Z, thumb towards -X. Index order is XrHandJointEXT.
constexpr Joints k_open{{
    {0.0f, 0.0f, -0.05f},         // palm: middle of the middle finger's metacarpal
    {0.0f, 0.0f, 0.0f},           // wrist
    {-0.025f, -0.01f, -0.02f},    // thumb metacarpal
    {-0.045f, -0.015f, -0.045f},  // thumb proximal
    {-0.06f, -0.015f, -0.07f},    // thumb distal
    {-0.07f, -0.015f, -0.09f},    // thumb tip
    {-0.01f, 0.0f, -0.01f},       // index metacarpal
    {-0.025f, 0.0f, -0.09f},      // index proximal
    {-0.028f, 0.0f, -0.13f},      // index intermediate
    {-0.03f, 0.0f, -0.155f},      // index distal
    {-0.031f, 0.0f, -0.175f},     // index tip
    {0.0f, 0.0f, -0.01f},         // middle metacarpal
    {-0.003f, 0.0f, -0.092f},     // middle proximal
    {-0.004f, 0.0f, -0.137f},     // middle intermediate
    {-0.005f, 0.0f, -0.165f},     // middle distal
    {-0.005f, 0.0f, -0.187f},     // middle tip
    {0.01f, 0.0f, -0.01f},        // ring metacarpal
    {0.018f, 0.0f, -0.087f},      // ring proximal
    {0.022f, 0.0f, -0.127f},      // ring intermediate
    {0.024f, 0.0f, -0.153f},      // ring distal
    {0.025f, 0.0f, -0.173f},      // ring tip
    {0.02f, 0.0f, -0.01f},        // little metacarpal
    {0.038f, -0.003f, -0.08f},    // little proximal
    {0.045f, -0.004f, -0.11f},    // little intermediate
    {0.049f, -0.005f, -0.128f},   // little distal
    {0.052f, -0.005f, -0.145f},   // little tip
}};

// The same hand pinching: the index curls down and the thumb comes across to meet its tip
// (tips about 6 mm apart, i.e. touching pads). The other fingers stay as they are.
Joints pinched_hand() {
  Joints j = k_open;
  j[XR_HAND_JOINT_THUMB_METACARPAL_EXT] = {-0.025f, -0.012f, -0.02f};
  j[XR_HAND_JOINT_THUMB_PROXIMAL_EXT] = {-0.045f, -0.03f, -0.05f};
  j[XR_HAND_JOINT_THUMB_DISTAL_EXT] = {-0.045f, -0.05f, -0.09f};
  j[XR_HAND_JOINT_THUMB_TIP_EXT] = {-0.04f, -0.062f, -0.134f};
  j[XR_HAND_JOINT_INDEX_INTERMEDIATE_EXT] = {-0.028f, -0.023f, -0.123f};
  j[XR_HAND_JOINT_INDEX_DISTAL_EXT] = {-0.033f, -0.046f, -0.134f};
  j[XR_HAND_JOINT_INDEX_TIP_EXT] = {-0.036f, -0.066f, -0.137f};
  return j;
}

XrVector3f sub(const XrVector3f& a, const XrVector3f& b) {
  return {a.x - b.x, a.y - b.y, a.z - b.z};
}
XrVector3f cross(const XrVector3f& a, const XrVector3f& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
float dot(const XrVector3f& a, const XrVector3f& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
XrVector3f normalized(const XrVector3f& v) {
  const float n = std::sqrt(dot(v, v));
  return n > 1e-9f ? XrVector3f{v.x / n, v.y / n, v.z / n} : XrVector3f{0.0f, 0.0f, 1.0f};
}

// The rotation whose columns are the axes x, y, z (orthonormal, right-handed).
XrQuaternionf from_axes(const XrVector3f& x, const XrVector3f& y, const XrVector3f& z) {
  const float trace = x.x + y.y + z.z;
  XrQuaternionf q{};
  if (trace > 0.0f) {
    const float s = std::sqrt(trace + 1.0f) * 2.0f;
    q = {(y.z - z.y) / s, (z.x - x.z) / s, (x.y - y.x) / s, 0.25f * s};
  } else if (x.x > y.y && x.x > z.z) {
    const float s = std::sqrt(1.0f + x.x - y.y - z.z) * 2.0f;
    q = {0.25f * s, (y.x + x.y) / s, (z.x + x.z) / s, (y.z - z.y) / s};
  } else if (y.y > z.z) {
    const float s = std::sqrt(1.0f + y.y - x.x - z.z) * 2.0f;
    q = {(y.x + x.y) / s, 0.25f * s, (z.y + y.z) / s, (z.x - x.z) / s};
  } else {
    const float s = std::sqrt(1.0f + z.z - x.x - y.y) * 2.0f;
    q = {(z.x + x.z) / s, (z.y + y.z) / s, 0.25f * s, (x.y - y.x) / s};
  }
  return quat_normalize(q);
}

// A bone from `from` towards `to`: +Z points back (to -> from), X stays as close to the hand's
// X as the bone allows, Y = Z x X (out of the nail for a straight finger).
XrQuaternionf bone_orientation(const XrVector3f& from, const XrVector3f& to) {
  const XrVector3f z = normalized(sub(from, to));
  XrVector3f x_hint{1.0f, 0.0f, 0.0f};
  if (std::fabs(dot(x_hint, z)) > 0.95f) x_hint = {0.0f, 1.0f, 0.0f};
  const XrVector3f y = normalized(cross(z, x_hint));
  const XrVector3f x = cross(y, z);
  return from_axes(x, y, z);
}

// Each joint's child along its finger (tips: none, they take the distal joint's orientation).
int child_of(int joint) {
  if (joint == XR_HAND_JOINT_PALM_EXT || joint == XR_HAND_JOINT_WRIST_EXT) return -1;
  const bool thumb = joint <= XR_HAND_JOINT_THUMB_TIP_EXT;
  const bool tip = thumb ? joint == XR_HAND_JOINT_THUMB_TIP_EXT
                         : (joint - XR_HAND_JOINT_INDEX_METACARPAL_EXT) % 5 == 4;
  return tip ? -1 : joint + 1;
}

float radius_of(int joint) {
  if (joint == XR_HAND_JOINT_PALM_EXT || joint == XR_HAND_JOINT_WRIST_EXT) return 0.02f;
  const int in_finger = joint <= XR_HAND_JOINT_THUMB_TIP_EXT
                            ? joint - XR_HAND_JOINT_THUMB_METACARPAL_EXT
                            : (joint - XR_HAND_JOINT_INDEX_METACARPAL_EXT) % 5;
  constexpr float k_radii[5] = {0.012f, 0.01f, 0.009f, 0.008f, 0.007f};
  return k_radii[std::clamp(in_finger, 0, 4)];
}

}  // namespace

std::array<JointPose, XR_HAND_JOINT_COUNT_EXT> hand_joints(const XrPosef& T_parent_wrist,
                                                           float pinch, int hand) {
  static const Joints k_pinched = pinched_hand();
  const float t = std::clamp(pinch, 0.0f, 1.0f);
  const float mirror = hand == 0 ? -1.0f : 1.0f;
  Joints local{};
  for (std::size_t i = 0; i < local.size(); ++i) {
    local[i] = vec_lerp(k_open[i], k_pinched[i], t);
    local[i].x *= mirror;
  }
  std::array<XrQuaternionf, XR_HAND_JOINT_COUNT_EXT> rotation{};
  for (int i = 0; i < XR_HAND_JOINT_COUNT_EXT; ++i) {
    const auto index = static_cast<std::size_t>(i);
    const int child = child_of(i);
    if (child >= 0) {
      rotation[index] = bone_orientation(local[index], local[static_cast<std::size_t>(child)]);
    } else if (i == XR_HAND_JOINT_PALM_EXT || i == XR_HAND_JOINT_WRIST_EXT) {
      rotation[index] = {0.0f, 0.0f, 0.0f, 1.0f};
    } else {
      rotation[index] = rotation[index - 1];  // a tip points like its distal bone
    }
  }
  std::array<JointPose, XR_HAND_JOINT_COUNT_EXT> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].pose = pose_mul(T_parent_wrist, XrPosef{rotation[i], local[i]});
    out[i].radius_m = radius_of(static_cast<int>(i));
  }
  return out;
}

}  // namespace txr::xrsim
