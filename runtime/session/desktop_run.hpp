#pragma once
// Desktop mode: the session in a window — the scene rendered from the trainee's camera with the
// HUD on top. Input comes from the mouse and keyboard, or from a trainee script (the
// instructor's spectator view of a scripted run, paced at wall-clock speed).
#include <cstdint>
#include <functional>
#include <string>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "input/scripted_trainee.hpp"
#include "session/session.hpp"

namespace txr::session {

struct DesktopRunOptions {
  std::string language = "vi";
  std::string gpu;
  bool validation = false;       // Vulkan validation layer (tests)
  std::uint64_t max_frames = 0;  // 0: until the window closes or the attempt ends
  std::string screenshot;        // save the last frame here (PNG)
  double grace_s = 1.0;          // scripted runs: keep showing the end this long
  bool realtime = true;          // scripted runs: pace at the script's frame rate
  std::function<void(const core::InputFrame&)> on_frame;  // the recorder's hook
};

struct DesktopRunSummary {
  std::uint64_t frames = 0;
  double session_time_s = 0.0;
  std::uint64_t validation_messages = 0;
  bool window_closed = false;
};

// `trainee` null: mouse and keyboard drive the right hand. Fails (without touching the
// session) when no window or Vulkan device can be had, naming the cause.
core::Result<DesktopRunSummary> run_desktop(Session& session, input::ScriptedTrainee* trainee,
                                            const DesktopRunOptions& options);

}  // namespace txr::session
