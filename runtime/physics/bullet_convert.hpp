#pragma once
// Conversions between core::Pose / Vec3 and Bullet's math types (internal to physics).
#include <btBulletDynamicsCommon.h>

#include "core/input_frame.hpp"
#include "physics/descriptions.hpp"

namespace txr::physics {

inline btVector3 to_bt(const Vec3& v) { return btVector3(v[0], v[1], v[2]); }
inline Vec3 from_bt(const btVector3& v) { return Vec3{v.x(), v.y(), v.z()}; }

inline btQuaternion to_bt_quat(const std::array<float, 4>& q) {
  btQuaternion out(q[0], q[1], q[2], q[3]);
  return out.normalized();
}

inline btTransform to_bt(const core::Pose& pose) {
  return btTransform(to_bt_quat(pose.orientation), to_bt(pose.position_m));
}

inline core::Pose from_bt(const btTransform& t) {
  core::Pose pose;
  pose.position_m = from_bt(t.getOrigin());
  const btQuaternion q = t.getRotation();
  pose.orientation = {q.x(), q.y(), q.z(), q.w()};
  return pose;
}

}  // namespace txr::physics
