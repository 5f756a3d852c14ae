#pragma once
// XR mode: the session on a headset through OpenXR. Each display frame the runtime paces
// (xrWaitFrame) turns into one InputFrame — from the controllers, or from a trainee script,
// which then drives the session exactly as headless mode does while the whole XR path still
// runs (frames, swapchains, stereo rendering, lifecycle) — and the scene is rendered for both
// eyes into the runtime's swapchains.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "input/scripted_trainee.hpp"
#include "session/session.hpp"
#include "session/xr_haptics.hpp"
#include "session/xr_hud.hpp"
#include "xr/comfort.hpp"
#include "xr/comfort_vignette.hpp"
#include "xr/frame_timing.hpp"

namespace txr::session {

struct XrRunOptions {
  bool validation = false;       // Vulkan validation layer (tests)
  std::uint64_t max_frames = 0;  // 0: until the attempt ends, the trainee or runtime stops
  double grace_s = 1.0;          // keep showing the end this long
  bool depth_layer = true;       // submit depth (XR_KHR_composition_layer_depth) when offered
  bool hand_tracking = true;  // XR_EXT_hand_tracking when offered: pinch-grab without controllers
  xr::ComfortOptions comfort;
  xr::VignetteOptions vignette;  // darkened periphery while turning artificially (on)
  float impact_threshold_n_s = 1.5f;
  bool hud = true;           // the trainee HUD on a quad layer, operated with the controller ray
  XrHudOptions hud_options;  // its language, size and place
  std::function<void(const core::InputFrame&)> on_frame;  // the recorder's hook
  std::function<void(const HapticRequest&)> on_haptic;    // every pulse sent (tests)
};

struct XrRunSummary {
  std::uint64_t frames = 0;     // InputFrames the session consumed
  std::uint64_t xr_frames = 0;  // frames run with the runtime (wait/begin/end)
  std::uint64_t rendered_frames = 0;
  double session_time_s = 0.0;
  std::uint64_t validation_messages = 0;  // Vulkan validation
  std::uint64_t xr_messages = 0;          // OpenXR runtime / validation layer
  xr::FrameTimingSummary timing;
  std::string timing_json;          // for the record
  std::vector<std::string> states;  // every session state, in order
  bool session_lost = false;        // LOSS_PENDING: the session was destroyed
  bool runtime_requested_exit = false;
  std::uint32_t haptic_pulses = 0;
  std::vector<std::string> accepted_profiles;
  std::string runtime_name;
  bool depth_submitted = false;
  bool hand_tracking = false;         // hand trackers were created
  std::uint64_t hand_frames = 0;      // InputFrames with a hand driven by hand tracking
  std::uint64_t vignette_frames = 0;  // frames drawn with the comfort vignette
  std::uint64_t hud_frames = 0;       // HUD images submitted as quad layers
  std::uint32_t hud_clicks = 0;       // HUD buttons the trainee pressed with the ray
};

// `trainee` null: the controllers drive the hands. Fails (without touching the session) when no
// OpenXR runtime, headset or Vulkan device can be had, naming the cause.
core::Result<XrRunSummary> run_xr(Session& session, input::ScriptedTrainee* trainee,
                                  const XrRunOptions& options);

}  // namespace txr::session
