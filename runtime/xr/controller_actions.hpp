#pragma once
// ControllerActions: one action set for both hands (grip and aim poses, trigger, squeeze,
// thumbstick, primary / secondary / menu / thumbstick buttons, haptic output) with suggested
// bindings for the Khronos simple controller, Oculus Touch, Valve Index, HTC Vive and Microsoft
// motion controllers. sync() reads the current state of both hands in the app's space.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "xr/haptic_cue.hpp"
#include "xr/headset.hpp"

namespace txr::xr {

// One hand as the runtime reports it, in the headset's app space (STAGE or LOCAL).
struct ControllerHand {
  bool grip_valid = false;
  bool aim_valid = false;
  XrPosef grip{{0, 0, 0, 1}, {0, 0, 0}};
  XrPosef aim{{0, 0, 0, 1}, {0, 0, 0}};
  float trigger = 0.0f;
  float squeeze = 0.0f;
  std::array<float, 2> thumbstick{0.0f, 0.0f};
  std::uint32_t buttons = 0;  // core::InputButton bits
};

// A profile and the bindings it was suggested (for tests and the docs).
struct ProfileBindings {
  std::string profile;
  std::vector<std::string> paths;
  bool accepted = false;
  std::string error;  // when the runtime refused them
};

class ControllerActions {
 public:
  // Creates the actions, suggests bindings for every supported profile (a profile the runtime
  // refuses is logged and skipped), attaches the set and creates the pose spaces.
  static core::Result<std::unique_ptr<ControllerActions>> create(Headset& headset);
  ~ControllerActions();
  ControllerActions(const ControllerActions&) = delete;
  ControllerActions& operator=(const ControllerActions&) = delete;

  // xrSyncActions and the state of both hands at `time` (call only while focused).
  core::Result<void> sync(XrTime time);
  const ControllerHand& hand(core::Hand h) const { return hands_[static_cast<std::size_t>(h)]; }
  // Plays a pulse on that hand's controller.
  core::Result<void> vibrate(core::Hand h, const HapticPulse& pulse);
  // The profile the runtime bound for that hand ("" when none), refreshed on profile changes.
  std::string current_profile(core::Hand h) const;
  const std::vector<ProfileBindings>& profiles() const { return profiles_; }

 private:
  explicit ControllerActions(Headset& headset) : headset_(headset) {}
  core::Result<void> init();
  core::Result<XrAction> make_action(const char* name, const char* localized, XrActionType type);
  XrPath path(const std::string& text) const;

  Headset& headset_;
  XrActionSet set_ = XR_NULL_HANDLE;
  std::array<XrPath, 2> hand_paths_{};
  XrAction grip_ = XR_NULL_HANDLE, aim_ = XR_NULL_HANDLE, trigger_ = XR_NULL_HANDLE,
           squeeze_ = XR_NULL_HANDLE, thumbstick_ = XR_NULL_HANDLE, primary_ = XR_NULL_HANDLE,
           secondary_ = XR_NULL_HANDLE, menu_ = XR_NULL_HANDLE, thumb_click_ = XR_NULL_HANDLE,
           haptic_ = XR_NULL_HANDLE;
  std::array<XrSpace, 2> grip_spaces_{};
  std::array<XrSpace, 2> aim_spaces_{};
  std::array<ControllerHand, 2> hands_{};
  std::vector<ProfileBindings> profiles_;
};

}  // namespace txr::xr
