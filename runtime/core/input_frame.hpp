#pragma once
// InputFrame: everything a trainee did in one display frame, whatever the source (xr, desktop,
// script, replay). The recorder stores these; replaying them reproduces the session exactly.
#include <array>
#include <cstdint>

namespace txr::core {

// A rigid transform in metres; rotation as a unit quaternion (x, y, z, w).
struct Pose {
  std::array<float, 3> position_m{0.0f, 0.0f, 0.0f};
  std::array<float, 4> orientation{0.0f, 0.0f, 0.0f, 1.0f};
};

enum class Hand : std::uint8_t { left = 0, right = 1 };

struct HandInput {
  bool tracked = false;  // false: the pose is stale and must not move anything
  Pose T_world_grip;     // where the hand holds things
  Pose T_world_aim;      // the pointing ray (desktop: the mouse ray)
  float trigger = 0.0f;  // 0..1
  float squeeze = 0.0f;  // 0..1 (grab)
  std::array<float, 2> thumbstick{0.0f, 0.0f};
  std::uint32_t buttons = 0;  // bit set of InputButton
};

enum InputButton : std::uint32_t {
  k_button_primary = 1u << 0,    // A / X / left mouse "use"
  k_button_secondary = 1u << 1,  // B / Y
  k_button_menu = 1u << 2,
  k_button_thumbstick = 1u << 3,
};

// A HUD/menu action taken this frame (desktop click, XR ray click, or a script's `ui:` action).
// Recorded like every other input so replays reproduce decisions, not only motion.
enum class UiCommandKind : std::uint16_t {
  none = 0,
  request_hint,    // trainee asks for the current step's hint (practice mode)
  record_reading,  // record the held instrument's current reading
  judge_accept,    // judge the measured part as within tolerance
  judge_reject,    // judge the measured part as out of tolerance
  set_value,       // set an object's adjustable value (e.g. a torque wrench's scale), `value`
  confirm,         // confirm a prompt (e.g. "I have notified the supervisor")
};

struct UiCommand {
  UiCommandKind kind = UiCommandKind::none;
  std::int32_t object = -1;  // index of the scene object it applies to, -1 for none
  float value = 0.0f;
};

struct InputFrame {
  std::uint64_t frame_index = 0;
  double time_s = 0.0;  // session time when the frame's input was sampled
  Pose T_world_head;
  std::array<HandInput, 2> hands{};  // indexed by Hand
  UiCommand ui;

  HandInput& hand(Hand h) { return hands[static_cast<std::size_t>(h)]; }
  const HandInput& hand(Hand h) const { return hands[static_cast<std::size_t>(h)]; }
};

// True when every number is finite, quaternions are near unit length and positions are within
// a sane workspace (1 km); sources reject frames that fail this before they reach physics.
bool is_valid(const Pose& pose);
bool is_valid(const InputFrame& frame);

}  // namespace txr::core
