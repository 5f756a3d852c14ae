#pragma once
// Turns a trainee script into one InputFrame per display frame. Deterministic: the same script,
// seed and world give the same frames, so scripted runs replay to the same physics hash.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "input/trainee_script.hpp"
#include "input/world_query.hpp"

namespace txr::input {

struct TraineeStart {
  core::Pose T_world_head;
  core::Pose T_world_left_grip;
  core::Pose T_world_right_grip;
};

// Names in the script the world does not know, one error per action (file:line:column).
std::vector<core::Error> check_script_targets(const TraineeScript& script, const WorldQuery& world);

class ScriptedTrainee {
 public:
  ScriptedTrainee(TraineeScript script, TraineeStart start);

  // The frame for display frame `frame_index` (time = index / rate_hz). Must be called with
  // consecutive indices; the world is queried when an action begins.
  core::InputFrame next(const WorldQuery& world);

  bool finished() const { return action_index_ >= script_.actions.size() && !segment_active(); }
  double frame_dt_s() const { return 1.0 / script_.rate_hz; }
  // Problems met while running (e.g. "place" with an empty hand), with the action's location.
  const std::vector<core::Error>& warnings() const { return warnings_; }

 private:
  struct Segment {
    double t0 = 0.0, t1 = 0.0;
    core::Hand hand = core::Hand::right;
    core::Pose from, to;  // linear (min-jerk) move when !arc
    bool arc = false;     // rotate `from` about an axis by `angle_rad`
    core::Pose axis;      // hinge frame: origin on the axis, +Z along it
    double angle_rad = 0.0;
    float squeeze_from = 0, squeeze_to = 0;
    float trigger = 0;
    std::string stop_subject, stop_event;  // stop early when this event is seen
  };

  void begin_action(const ScriptAction& action, double t, const WorldQuery& world);
  void add_reach(const ScriptAction& action, const core::Pose& target, double& t, double duration);
  // Rotates the hand (holding with `squeeze`) about `axis` (+Z) by angle_rad, min-jerk; stops
  // early when the world reports `stop_event` on `stop_subject`.
  void add_arc(core::Hand hand, double& t, double duration, const core::Pose& axis,
               double angle_rad, float squeeze, std::string stop_subject, std::string stop_event);
  void add_hold(core::Hand hand, double& t, double duration, float squeeze_from, float squeeze_to,
                float trigger = 0.0f);
  float planned_squeeze(core::Hand hand) const;
  bool segment_active() const { return segment_index_ < segments_.size(); }
  core::Pose& grip(core::Hand h) { return hand_pose_[static_cast<std::size_t>(h)]; }
  core::Pose tremor(core::Hand h, const MotionStyle& style, double t) const;

  TraineeScript script_;
  TraineeStart start_;
  std::uint64_t frame_index_ = 0;
  std::size_t action_index_ = 0;
  std::vector<Segment> segments_;
  std::size_t segment_index_ = 0;
  double action_end_s_ = 0.0;
  MotionStyle current_style_;
  std::array<core::Pose, 2> hand_pose_{};
  std::array<float, 2> squeeze_{0.0f, 0.0f};
  std::array<float, 2> trigger_{0.0f, 0.0f};
  std::array<std::array<double, 6>, 2> tremor_phase_{};
  std::array<std::array<double, 3>, 2> tremor_freq_hz_{};
  std::optional<core::UiCommand> pending_ui_;
  std::vector<core::Error> warnings_;
  std::uint64_t rng_state_;
};

// Minimum-jerk position profile s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ (Flash & Hogan 1985), τ clamped to [0,1].
double minimum_jerk(double tau);

}  // namespace txr::input
