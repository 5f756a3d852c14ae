#pragma once
// Lifecycle: the session state machine as the OpenXR specification asks an application to
// follow it. Fed every XrEventDataSessionStateChanged, it says what the app must do next
// (begin the session on READY, end it on STOPPING, destroy it on LOSS_PENDING / EXITING) and
// whether frames, rendering and input are allowed. Pure logic, so it is tested on its own.
#include <cstdint>
#include <string_view>
#include <vector>

#include "xr/openxr.hpp"

namespace txr::xr {

enum class LifecycleAction : std::uint8_t {
  none,
  begin_session,    // READY: xrBeginSession, then run the frame loop
  end_session,      // STOPPING: xrEndSession
  destroy_session,  // LOSS_PENDING or EXITING: xrDestroySession (and stop)
};

class Lifecycle {
 public:
  LifecycleAction on_state(XrSessionState state);

  XrSessionState state() const { return state_; }
  // Between xrBeginSession and xrEndSession: the frame loop must run (wait/begin/end frame).
  bool running() const { return running_; }
  bool visible() const {
    return state_ == XR_SESSION_STATE_VISIBLE || state_ == XR_SESSION_STATE_FOCUSED;
  }
  bool focused() const { return state_ == XR_SESSION_STATE_FOCUSED; }
  bool loss_pending() const { return state_ == XR_SESSION_STATE_LOSS_PENDING; }
  bool exiting() const { return state_ == XR_SESSION_STATE_EXITING; }
  // The app asked to stop (xrRequestExitSession) or the runtime did (STOPPING without asking).
  void note_exit_requested() { exit_requested_ = true; }
  bool exit_requested() const { return exit_requested_; }
  bool runtime_requested_exit() const { return runtime_requested_exit_; }
  // Called after xrBeginSession / xrEndSession succeeded.
  void note_session_begun() { running_ = true; }
  void note_session_ended() { running_ = false; }
  // Every state seen, in order (for the record and tests).
  const std::vector<XrSessionState>& history() const { return history_; }

 private:
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool exit_requested_ = false;
  bool runtime_requested_exit_ = false;
  std::vector<XrSessionState> history_;
};

std::string_view state_name(XrSessionState state);

}  // namespace txr::xr
