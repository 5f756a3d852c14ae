#include "xr/lifecycle.hpp"

namespace txr::xr {

LifecycleAction Lifecycle::on_state(XrSessionState state) {
  state_ = state;
  history_.push_back(state);
  switch (state) {
    case XR_SESSION_STATE_READY:
      return running_ ? LifecycleAction::none : LifecycleAction::begin_session;
    case XR_SESSION_STATE_STOPPING:
      // Stopping that the app did not ask for is the runtime (or the user) ending the session.
      if (!exit_requested_) runtime_requested_exit_ = true;
      return running_ ? LifecycleAction::end_session : LifecycleAction::none;
    case XR_SESSION_STATE_LOSS_PENDING:
    case XR_SESSION_STATE_EXITING:
      return LifecycleAction::destroy_session;
    default:
      return LifecycleAction::none;
  }
}

std::string_view state_name(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_IDLE:
      return "idle";
    case XR_SESSION_STATE_READY:
      return "ready";
    case XR_SESSION_STATE_SYNCHRONIZED:
      return "synchronized";
    case XR_SESSION_STATE_VISIBLE:
      return "visible";
    case XR_SESSION_STATE_FOCUSED:
      return "focused";
    case XR_SESSION_STATE_STOPPING:
      return "stopping";
    case XR_SESSION_STATE_LOSS_PENDING:
      return "loss_pending";
    case XR_SESSION_STATE_EXITING:
      return "exiting";
    default:
      return "unknown";
  }
}

}  // namespace txr::xr
