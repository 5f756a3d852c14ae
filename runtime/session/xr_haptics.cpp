#include "session/xr_haptics.hpp"

#include <algorithm>

#include "physics/interaction.hpp"

namespace txr::session {
namespace {

// The hand holding `body` (or a tool engaged through it); the right hand when none does.
core::Hand hand_holding(const Session& session, const std::string& body) {
  const auto& hands = session.scene().interaction->state().hands;
  for (std::size_t h = 0; h < hands.size(); ++h) {
    if (!body.empty() && hands[h].held_body == body) return static_cast<core::Hand>(h);
  }
  for (std::size_t h = 0; h < hands.size(); ++h) {
    if (!hands[h].held_body.empty()) return static_cast<core::Hand>(h);
  }
  return core::Hand::right;
}

}  // namespace

std::vector<HapticRequest> XrHaptics::update(const Session& session) {
  std::vector<HapticRequest> out;
  const auto& events = session.events();
  for (; events_seen_ < events.size(); ++events_seen_) {
    const SessionEvent& e = events[events_seen_];
    if (e.type == "click") {
      out.push_back({xr::HapticCue::torque_click, hand_holding(session, e.subject), 1.0f});
    } else if (e.type == "snapped") {
      out.push_back({xr::HapticCue::socket_snap, hand_holding(session, e.subject), 1.0f});
    } else if (e.type == "shock") {
      out.push_back({xr::HapticCue::shock, core::Hand::left, 1.0f});
      out.push_back({xr::HapticCue::shock, core::Hand::right, 1.0f});
    } else if (e.type == "break_reminder") {
      out.push_back({xr::HapticCue::break_reminder, core::Hand::left, 1.0f});
      out.push_back({xr::HapticCue::break_reminder, core::Hand::right, 1.0f});
    }
  }

  // Impacts: a contact of a hand, or of what a hand holds, whose impulse crosses the threshold
  // (once per crossing, not every frame the pair stays pressed together).
  const auto& world = *session.scene().world;
  const auto& hands = session.scene().interaction->state().hands;
  std::set<std::pair<std::uint32_t, std::uint32_t>> hard;
  for (const auto& c : world.contacts()) {
    if (c.impulse_n_s < threshold_n_s_) continue;
    const auto key = std::make_pair(c.body_a, c.body_b);
    hard.insert(key);
    if (hard_contacts_.contains(key)) continue;
    const std::string& a = world.body_id(c.body_a);
    const std::string& b = world.body_id(c.body_b);
    for (std::size_t h = 0; h < hands.size(); ++h) {
      const char* hand_body = physics::Interaction::hand_body_id(static_cast<core::Hand>(h));
      const std::string& held = hands[h].held_body;
      const bool involved =
          a == hand_body || b == hand_body || (!held.empty() && (a == held || b == held));
      if (!involved) continue;
      // Full strength at four times the threshold.
      const float strength = std::min(1.0f, c.impulse_n_s / (4.0f * threshold_n_s_));
      out.push_back({xr::HapticCue::impact, static_cast<core::Hand>(h), strength});
    }
  }
  hard_contacts_ = std::move(hard);
  return out;
}

}  // namespace txr::session
