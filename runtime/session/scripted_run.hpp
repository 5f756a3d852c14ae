#pragma once
// Drives a Session with a scripted trainee until the attempt ends, the script has run out (plus
// a short grace period for things to settle), or the scenario's time limit passes.
#include <cstdint>
#include <functional>

#include "input/scripted_trainee.hpp"
#include "session/session.hpp"

namespace txr::session {

struct ScriptedRunOptions {
  double grace_s = 1.0;       // keep simulating after the last action
  double time_limit_s = 0.0;  // 0: the scenario's time limit
  // Called with every valid frame before the session consumes it (the recorder's hook); frames
  // the session refuses (NaN, absurd poses) are not passed on.
  std::function<void(const core::InputFrame&)> on_frame;
  // Called after the session consumed each frame (e.g. to render it); false stops the run.
  std::function<bool(const core::InputFrame&)> after_frame;
  // What the trainee asks of the world; null: the session's own view (tests substitute one).
  const input::WorldQuery* query = nullptr;
  // Paces frames to wall-clock time (demos, crash drills) instead of running flat out.
  bool realtime = false;
};

struct ScriptedRunSummary {
  std::uint64_t frames = 0;
  double session_time_s = 0.0;
  bool script_finished = false;
  bool time_limit_reached = false;
  bool stopped = false;  // after_frame asked to stop
};

ScriptedRunSummary run_scripted(Session& session, input::ScriptedTrainee& trainee,
                                const ScriptedRunOptions& options = {});

// Where the trainee's head and hands start: half a metre in front of the scene's origin, at a
// standing height, hands either side below the head.
input::TraineeStart default_trainee_start();

}  // namespace txr::session
