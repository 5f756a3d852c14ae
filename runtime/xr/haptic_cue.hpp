#pragma once
// HapticCue: the things in a training run a trainee should feel in the hand, and the pulse each
// one plays. Kept apart from the OpenXR calls so the mapping is tested without a runtime.
#include <cstdint>
#include <string_view>

namespace txr::xr {

enum class HapticCue : std::uint8_t {
  torque_click,    // the torque wrench reached its setting (a short sharp click)
  socket_snap,     // a part snapped into its socket
  shock,           // an electric shock (long, strong)
  impact,          // a held part hit something hard (strength from the impulse)
  break_reminder,  // time for a break (a soft, long pulse: noticed, not alarming)
};

struct HapticPulse {
  float amplitude = 0.0f;        // 0..1
  std::int64_t duration_ns = 0;  // > 0
  float frequency_hz = 0.0f;     // 0: the runtime's choice (XR_FREQUENCY_UNSPECIFIED)
};

// `strength` (0..1) scales impacts; the other cues are fixed.
HapticPulse pulse_for(HapticCue cue, float strength = 1.0f);
std::string_view cue_name(HapticCue cue);

}  // namespace txr::xr
