#pragma once
// Script: timed keyframes of head and controller state plus session events, read from a JSON
// file (format in README.md) and sampled at a frame's predicted display time.
#include <array>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "xr_headers.hpp"

namespace txr::xrsim {

// Physical controls a simulated controller can press or touch (a bit set in HandSample).
enum Control : std::uint32_t {
  k_control_select = 1u << 0,
  k_control_menu = 1u << 1,
  k_control_system = 1u << 2,
  k_control_a = 1u << 3,
  k_control_b = 1u << 4,
  k_control_x = 1u << 5,
  k_control_y = 1u << 6,
  k_control_trigger = 1u << 7,
  k_control_squeeze = 1u << 8,
  k_control_thumbstick = 1u << 9,
  k_control_trackpad = 1u << 10,
  k_control_thumbrest = 1u << 11,
};

// The control bit for an identifier name ("menu", "a", "thumbstick"...), 0 when unknown.
std::uint32_t control_from_name(std::string_view name);

// XR_EXT_hand_tracking: the tracked hand itself (independent of the controller in it), given as
// a wrist pose and how far thumb and index close (0 open .. 1 pinched); hand_joints.hpp derives
// the 26 joints from it.
struct ArticulatedHand {
  bool tracked = false;
  XrPosef wrist{{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, 0.0f}};
  float pinch = 0.0f;
};

struct HandSample {
  bool tracked = true;  // the controller
  XrPosef grip{};
  XrPosef aim{};
  float trigger = 0.0f;
  float squeeze = 0.0f;
  std::array<float, 2> thumbstick{0.0f, 0.0f};
  std::array<float, 2> trackpad{0.0f, 0.0f};
  std::uint32_t pressed = 0;  // Control bits held down
  std::uint32_t touched = 0;  // Control bits touched (pressed implies touched)
  ArticulatedHand articulated;
};

struct DeviceSample {
  XrPosef head{};
  std::array<HandSample, 2> hands{};  // 0 left, 1 right
};

struct Keyframe {
  double t_s = 0.0;
  DeviceSample sample;
};

enum class ScriptEventKind {
  request_exit,
  loss_pending,
  focus_lost,
  focus_gained,
  interaction_profile
};

struct ScriptEvent {
  double t_s = 0.0;
  ScriptEventKind kind = ScriptEventKind::request_exit;
  std::string profile;  // for interaction_profile
};

struct Script {
  std::vector<Keyframe> keyframes;  // sorted by time, at least one
  std::vector<ScriptEvent> events;  // sorted by time
  std::string profile;              // interaction profile to simulate; empty: keep the default

  // Interpolated state at t_s: poses slerp/lerp, analog values lerp, buttons and tracking
  // step (held from the earlier keyframe). Before the first / after the last keyframe: clamped.
  DeviceSample sample_at(double t_s) const;
};

// The pose a headset user stands in when no script is given: head 1.6 m up, hands in front.
Script default_script();

// Reads and validates a script; errors read "file:line:column: message" or "file: message".
std::expected<Script, std::string> load_script(const std::string& path);
std::expected<Script, std::string> parse_script(const std::string& text, const std::string& name);

}  // namespace txr::xrsim
