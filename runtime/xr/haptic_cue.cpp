#include "xr/haptic_cue.hpp"

#include <algorithm>

namespace txr::xr {

HapticPulse pulse_for(HapticCue cue, float strength) {
  constexpr std::int64_t k_ms = 1'000'000;
  switch (cue) {
    case HapticCue::torque_click:
      return {0.9f, 20 * k_ms, 0.0f};
    case HapticCue::socket_snap:
      return {0.6f, 40 * k_ms, 0.0f};
    case HapticCue::shock:
      return {1.0f, 300 * k_ms, 0.0f};
    case HapticCue::impact:
      // Never so faint it is missed, never full strength for a bump.
      return {0.3f + 0.6f * std::clamp(strength, 0.0f, 1.0f), 30 * k_ms, 0.0f};
    case HapticCue::break_reminder:
      return {0.35f, 400 * k_ms, 0.0f};
  }
  return {};
}

std::string_view cue_name(HapticCue cue) {
  switch (cue) {
    case HapticCue::torque_click:
      return "torque_click";
    case HapticCue::socket_snap:
      return "socket_snap";
    case HapticCue::shock:
      return "shock";
    case HapticCue::impact:
      return "impact";
    case HapticCue::break_reminder:
      return "break_reminder";
  }
  return "unknown";
}

}  // namespace txr::xr
