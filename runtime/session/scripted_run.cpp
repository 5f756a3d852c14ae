#include "session/scripted_run.hpp"

#include <chrono>
#include <thread>

namespace txr::session {

input::TraineeStart default_trainee_start() {
  input::TraineeStart start;
  start.T_world_head.position_m = {0.0f, 1.6f, 0.55f};
  start.T_world_left_grip.position_m = {-0.2f, 1.1f, 0.35f};
  start.T_world_right_grip.position_m = {0.2f, 1.1f, 0.35f};
  return start;
}

ScriptedRunSummary run_scripted(Session& session, input::ScriptedTrainee& trainee,
                                const ScriptedRunOptions& options) {
  ScriptedRunSummary summary;
  const double limit_s = options.time_limit_s > 0.0 ? options.time_limit_s
                                                    : session.scenario().meta.time_limit_min * 60.0;
  double finished_at_s = -1.0;
  const auto wall_start = std::chrono::steady_clock::now();
  while (!session.ended()) {
    const core::InputFrame frame =
        trainee.next(options.query != nullptr ? *options.query : session.world_query());
    // Frames the session refuses (NaN, absurd poses) are not recorded either, so the replay
    // sees exactly the frames that moved the world.
    if (options.on_frame && core::is_valid(frame)) options.on_frame(frame);
    session.update(frame);
    ++summary.frames;
    summary.session_time_s = frame.time_s;
    if (options.after_frame && !options.after_frame(frame)) {
      summary.stopped = true;
      break;
    }
    if (options.realtime) {
      std::this_thread::sleep_until(wall_start + std::chrono::duration<double>(frame.time_s));
    }
    if (trainee.finished() && finished_at_s < 0.0) finished_at_s = frame.time_s;
    if (finished_at_s >= 0.0 && frame.time_s - finished_at_s >= options.grace_s) {
      summary.script_finished = true;
      break;
    }
    if (limit_s > 0.0 && frame.time_s >= limit_s) {
      summary.time_limit_reached = true;
      break;
    }
  }
  summary.script_finished = summary.script_finished || trainee.finished();
  session.finish();
  return summary;
}

}  // namespace txr::session
