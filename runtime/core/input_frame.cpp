#include "core/input_frame.hpp"

#include <cmath>

namespace txr::core {
namespace {
constexpr float k_max_abs_position_m = 1000.0f;
constexpr float k_unit_quat_tolerance = 1e-2f;

bool finite_in(float v, float limit) { return std::isfinite(v) && std::fabs(v) <= limit; }
}  // namespace

bool is_valid(const Pose& pose) {
  for (float p : pose.position_m) {
    if (!finite_in(p, k_max_abs_position_m)) return false;
  }
  float norm2 = 0.0f;
  for (float q : pose.orientation) {
    if (!std::isfinite(q)) return false;
    norm2 += q * q;
  }
  return std::fabs(norm2 - 1.0f) <= k_unit_quat_tolerance;
}

bool is_valid(const InputFrame& frame) {
  if (!std::isfinite(frame.time_s) || frame.time_s < 0.0) return false;
  if (!is_valid(frame.T_world_head)) return false;
  for (const auto& hand : frame.hands) {
    if (!hand.tracked) continue;
    if (!is_valid(hand.T_world_grip) || !is_valid(hand.T_world_aim)) return false;
    for (float v : {hand.trigger, hand.squeeze, hand.thumbstick[0], hand.thumbstick[1]}) {
      if (!std::isfinite(v) || v < -1.0f || v > 1.0f) return false;
    }
  }
  return std::isfinite(frame.ui.value) && static_cast<std::uint16_t>(frame.ui.kind) <=
                                              static_cast<std::uint16_t>(UiCommandKind::confirm);
}

}  // namespace txr::core
