#pragma once
// Shared helpers for the record tests: a header, synthetic frames and a recorded session.
#include <cmath>
#include <filesystem>
#include <string>

#include "assessment/recorder.hpp"

namespace txr::test {

inline assessment::RecordHeader test_header(std::string trainee_id = "t-0011223344556677") {
  assessment::RecordHeader h;
  h.scenario_id = "electrical/loto-motor";
  h.scenario_version = "1.2.0";
  h.scenario_content_hash = "0123456789abcdef";
  h.device = "lab-pc-03";
  h.mode = "headless";
  h.language = "vi";
  h.trainee_id = std::move(trainee_id);
  return h;
}

// A plausible frame at time t: head swaying, hands reaching, a held tool following the right hand.
inline assessment::RecordedFrame synthetic_frame(std::uint64_t index, double t) {
  assessment::RecordedFrame f;
  f.input.frame_index = index;
  f.input.time_s = t;
  const auto s = static_cast<float>(std::sin(t));
  const auto c = static_cast<float>(std::cos(0.7 * t));
  f.input.T_world_head.position_m = {0.02f * s, 1.6f + 0.01f * c, 0.05f * s};
  f.input.T_world_head.orientation = {0.0f, 0.05f * s, 0.0f, std::sqrt(1.0f - 0.0025f * s * s)};
  for (std::size_t h = 0; h < 2; ++h) {
    auto& hand = f.input.hands[h];
    hand.tracked = true;
    const float side = h == 0 ? -1.0f : 1.0f;
    hand.T_world_grip.position_m = {side * 0.25f + 0.1f * s, 1.1f + 0.05f * c, -0.3f + 0.1f * c};
    hand.T_world_aim = hand.T_world_grip;
    hand.T_world_aim.position_m[2] -= 0.05f;
    hand.trigger = 0.5f + 0.5f * s;
    hand.buttons = t > 3.0 ? 1u : 0u;
  }
  if (index % 200 == 7) {
    f.input.ui.kind = txr::core::UiCommandKind::set_value;
    f.input.ui.object = 4;
    f.input.ui.value = 72.123456f;
  }
  f.tool.held = true;
  f.tool.tool_id = 3;
  f.tool.T_world_tool = f.input.hands[1].T_world_grip;
  f.tool.T_world_tool.position_m[1] -= 0.1f;
  return f;
}

inline assessment::RecorderOptions test_options(const std::filesystem::path& key_dir) {
  assessment::RecorderOptions o;
  o.key_dir = key_dir;
  return o;
}

}  // namespace txr::test
