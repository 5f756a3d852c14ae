#pragma once
// XrHaptics: decides which haptic cues a frame of the session produced — the torque wrench's
// click, a part snapping into a socket, an electric shock (from the session's events) and a
// held part or a hand striking something with an impulse above a threshold (from the physics
// contacts). Each cue goes to the hand it concerns (the one holding the part or tool).
#include <cstddef>
#include <set>
#include <utility>
#include <vector>

#include "core/input_frame.hpp"
#include "session/session.hpp"
#include "xr/haptic_cue.hpp"

namespace txr::session {

struct HapticRequest {
  xr::HapticCue cue = xr::HapticCue::impact;
  core::Hand hand = core::Hand::right;
  float strength = 1.0f;  // 0..1 (impacts)
};

class XrHaptics {
 public:
  explicit XrHaptics(float impact_threshold_n_s = 1.5f) : threshold_n_s_(impact_threshold_n_s) {}

  // Looks at the events appended since the last call and the current contacts.
  std::vector<HapticRequest> update(const Session& session);

 private:
  float threshold_n_s_;
  std::size_t events_seen_ = 0;
  std::set<std::pair<std::uint32_t, std::uint32_t>> hard_contacts_;  // above threshold last frame
};

}  // namespace txr::session
