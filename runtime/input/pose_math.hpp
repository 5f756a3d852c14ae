#pragma once
// core::Pose <-> GLM conversions and the few rigid-transform operations the input sources need.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/input_frame.hpp"

namespace txr::input {

inline glm::dvec3 position_of(const core::Pose& p) {
  return {p.position_m[0], p.position_m[1], p.position_m[2]};
}
inline glm::dquat rotation_of(const core::Pose& p) {
  return glm::dquat(p.orientation[3], p.orientation[0], p.orientation[1], p.orientation[2]);
}
inline core::Pose make_pose(const glm::dvec3& t, const glm::dquat& q_in) {
  const glm::dquat q = glm::normalize(q_in);
  core::Pose p;
  p.position_m = {static_cast<float>(t.x), static_cast<float>(t.y), static_cast<float>(t.z)};
  p.orientation = {static_cast<float>(q.x), static_cast<float>(q.y), static_cast<float>(q.z),
                   static_cast<float>(q.w)};
  return p;
}
// a * b: the pose b expressed in a's parent frame (T_world_b = T_world_a * T_a_b).
inline core::Pose compose(const core::Pose& a, const core::Pose& b) {
  const glm::dquat qa = rotation_of(a);
  return make_pose(position_of(a) + qa * position_of(b), qa * rotation_of(b));
}
inline core::Pose inverse(const core::Pose& a) {
  const glm::dquat qi = glm::inverse(rotation_of(a));
  return make_pose(-(qi * position_of(a)), qi);
}

}  // namespace txr::input
