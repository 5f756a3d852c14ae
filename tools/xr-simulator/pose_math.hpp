#pragma once
// Small rigid-transform helpers on XrPosef (metres, unit quaternions).
#include <cmath>

#include "xr_headers.hpp"

namespace txr::xrsim {

inline XrQuaternionf quat_mul(const XrQuaternionf& a, const XrQuaternionf& b) {
  return {
      a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y, a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
      a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w, a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z};
}

inline XrQuaternionf quat_conjugate(const XrQuaternionf& q) { return {-q.x, -q.y, -q.z, q.w}; }

inline XrVector3f quat_rotate(const XrQuaternionf& q, const XrVector3f& v) {
  const XrQuaternionf p{v.x, v.y, v.z, 0.0f};
  const XrQuaternionf r = quat_mul(quat_mul(q, p), quat_conjugate(q));
  return {r.x, r.y, r.z};
}

inline XrQuaternionf quat_normalize(const XrQuaternionf& q) {
  const float n = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
  if (n <= 0.0f) return {0.0f, 0.0f, 0.0f, 1.0f};
  return {q.x / n, q.y / n, q.z / n, q.w / n};
}

inline bool quat_is_unit(const XrQuaternionf& q) {
  const float n2 = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return std::isfinite(n2) && std::fabs(n2 - 1.0f) < 0.01f;
}

inline XrQuaternionf quat_slerp(XrQuaternionf a, XrQuaternionf b, float t) {
  float dot = a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w;
  if (dot < 0.0f) {  // take the short way round
    b = {-b.x, -b.y, -b.z, -b.w};
    dot = -dot;
  }
  if (dot > 0.9995f) {
    return quat_normalize({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t,
                           a.w + (b.w - a.w) * t});
  }
  const float theta = std::acos(dot);
  const float s = std::sin(theta);
  const float wa = std::sin((1.0f - t) * theta) / s;
  const float wb = std::sin(t * theta) / s;
  return {wa * a.x + wb * b.x, wa * a.y + wb * b.y, wa * a.z + wb * b.z, wa * a.w + wb * b.w};
}

inline XrVector3f vec_add(const XrVector3f& a, const XrVector3f& b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline XrVector3f vec_lerp(const XrVector3f& a, const XrVector3f& b, float t) {
  return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t};
}

// T_a_c = T_a_b * T_b_c
inline XrPosef pose_mul(const XrPosef& T_a_b, const XrPosef& T_b_c) {
  return {quat_normalize(quat_mul(T_a_b.orientation, T_b_c.orientation)),
          vec_add(T_a_b.position, quat_rotate(T_a_b.orientation, T_b_c.position))};
}

inline XrPosef pose_inverse(const XrPosef& T) {
  const XrQuaternionf qi = quat_conjugate(T.orientation);
  const XrVector3f p = quat_rotate(qi, T.position);
  return {qi, {-p.x, -p.y, -p.z}};
}

inline XrPosef pose_identity() { return {{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f}}; }

inline XrPosef pose_lerp(const XrPosef& a, const XrPosef& b, float t) {
  return {quat_slerp(a.orientation, b.orientation, t), vec_lerp(a.position, b.position, t)};
}

}  // namespace txr::xrsim
