#include "input/scripted_trainee.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "input/pose_math.hpp"

namespace txr::input {
namespace {

constexpr double k_approach_s = 0.8;  // reach onto a button, handle or tool target
constexpr double k_grip_s = 0.15;     // closing or opening the hand
constexpr double k_dwell_s = 0.1;     // a short pause before a corrective sub-movement
constexpr double k_press_travel_m = 0.01;
constexpr double k_press_approach_m = 0.04;
constexpr double k_retreat_m = 0.08;
constexpr double k_max_miss_m = 0.05;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
// Uniform in [0, 1): 53 random bits, the same on every platform.
double uniform01(std::uint64_t& state) {
  return static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;
}

glm::dvec3 axis_of(const core::Pose& frame) { return rotation_of(frame) * glm::dvec3(0, 0, 1); }

}  // namespace

double minimum_jerk(double tau) {
  const double t = std::clamp(tau, 0.0, 1.0);
  return t * t * t * (10.0 + t * (-15.0 + 6.0 * t));
}

std::vector<core::Error> check_script_targets(const TraineeScript& script,
                                              const WorldQuery& world) {
  std::vector<core::Error> errors;
  for (const auto& a : script.actions) {
    switch (a.kind) {
      case ActionKind::move:
      case ActionKind::grab:
      case ActionKind::place:
      case ActionKind::press:
      case ActionKind::use:
        if (!world.pose_of(a.target)) {
          errors.emplace_back("unknown object, socket or target '" + a.target + "'", a.where);
        }
        break;
      case ActionKind::turn:
        if (!world.pose_of(a.target) || !world.hinge_of(a.target)) {
          errors.emplace_back("'" + a.target + "' is not a turnable object (no hinge)", a.where);
        }
        break;
      case ActionKind::ui:
        if (!a.target.empty() && world.object_index(a.target) < 0) {
          errors.emplace_back("unknown object '" + a.target + "'", a.where);
        }
        break;
      default:
        break;
    }
  }
  return errors;
}

ScriptedTrainee::ScriptedTrainee(TraineeScript script, TraineeStart start)
    : script_(std::move(script)), start_(start), rng_state_(script_.seed) {
  grip(core::Hand::left) = start_.T_world_left_grip;
  grip(core::Hand::right) = start_.T_world_right_grip;
  // Physiological tremor: three components per hand in the 4–12 Hz band with random phases.
  for (auto& freqs : tremor_freq_hz_) {
    for (auto& f : freqs) f = 4.0 + 8.0 * uniform01(rng_state_);
  }
  for (auto& phases : tremor_phase_) {
    for (auto& p : phases) p = 2.0 * std::numbers::pi * uniform01(rng_state_);
  }
}

core::Pose ScriptedTrainee::tremor(core::Hand h, const MotionStyle& style, double t) const {
  core::Pose offset;
  if (style.tremor_mm <= 0.0) return offset;
  const auto i = static_cast<std::size_t>(h);
  // tremor_mm is the RMS of the 3-D displacement: per axis RMS = tremor/√3, and a sum of three
  // unit sines has RMS √1.5.
  const double amplitude_m = style.tremor_mm * 1e-3 / std::sqrt(3.0) / std::sqrt(1.5);
  for (std::size_t axis = 0; axis < 3; ++axis) {
    double sum = 0.0;
    for (std::size_t k = 0; k < 3; ++k) {
      const double phase = tremor_phase_[i][(axis + 2 * k) % 6] + static_cast<double>(axis);
      sum += std::sin(2.0 * std::numbers::pi * tremor_freq_hz_[i][k] * t + phase);
    }
    offset.position_m[axis] = static_cast<float>(amplitude_m * sum);
  }
  return offset;
}

float ScriptedTrainee::planned_squeeze(core::Hand hand) const {
  // The squeeze the hand will have when the segments planned so far are done.
  for (auto it = segments_.rbegin(); it != segments_.rend(); ++it) {
    if (it->hand == hand) return it->squeeze_to;
  }
  return squeeze_[static_cast<std::size_t>(hand)];
}

void ScriptedTrainee::add_hold(core::Hand hand, double& t, double duration, float squeeze_from,
                               float squeeze_to, float trigger) {
  Segment s;
  s.t0 = t;
  s.t1 = t + duration;
  s.hand = hand;
  s.from = s.to = segments_.empty() ? grip(hand) : segments_.back().to;
  if (!segments_.empty() && segments_.back().arc) {
    // The previous segment ended on an arc: its end pose is `from` rotated by the full angle.
    const auto& prev = segments_.back();
    const glm::dquat r = glm::angleAxis(prev.angle_rad, axis_of(prev.axis));
    const glm::dvec3 origin = position_of(prev.axis);
    s.from = s.to =
        make_pose(origin + r * (position_of(prev.from) - origin), r * rotation_of(prev.from));
  }
  s.squeeze_from = squeeze_from;
  s.squeeze_to = squeeze_to;
  s.trigger = trigger;
  segments_.push_back(s);
  t = s.t1;
}

void ScriptedTrainee::add_arc(core::Hand hand, double& t, double duration, const core::Pose& axis,
                              double angle_rad, float squeeze, std::string stop_subject,
                              std::string stop_event) {
  Segment arc;
  arc.t0 = t;
  arc.t1 = t + duration;
  arc.hand = hand;
  arc.from = arc.to = segments_.back().to;
  arc.arc = true;
  arc.axis = axis;
  arc.angle_rad = angle_rad;
  arc.squeeze_from = arc.squeeze_to = squeeze;
  arc.stop_subject = std::move(stop_subject);
  arc.stop_event = std::move(stop_event);
  segments_.push_back(std::move(arc));
  t = segments_.back().t1;
}

void ScriptedTrainee::add_reach(const ScriptAction& action, const core::Pose& target, double& t,
                                double duration) {
  const core::Hand hand = action.hand;
  const float squeeze = planned_squeeze(hand);
  core::Pose from = grip(hand);
  if (!segments_.empty()) {
    double t_end = t;
    add_hold(hand, t_end, 0.0, squeeze, squeeze);  // resolves the end pose of the previous one
    from = segments_.back().to;
    segments_.pop_back();
  }
  const auto& style = action.motion;
  const double d = duration / style.speed;
  auto push = [&](const core::Pose& a, const core::Pose& b, double length_s) {
    Segment s;
    s.t0 = t;
    s.t1 = t + length_s;
    s.hand = hand;
    s.from = a;
    s.to = b;
    s.squeeze_from = s.squeeze_to = squeeze;
    segments_.push_back(s);
    t = s.t1;
  };
  if (style.submovements == 0) {
    push(from, target, d);
    return;
  }
  // Novice reach: the primary movement misses by a fraction of the distance; each corrective
  // sub-movement, after a short dwell, removes most of the remaining error, the last all of it.
  const glm::dvec3 p0 = position_of(from), p1 = position_of(target);
  const double distance = glm::length(p1 - p0);
  glm::dvec3 dir(uniform01(rng_state_) - 0.5, uniform01(rng_state_) - 0.5,
                 uniform01(rng_state_) - 0.5);
  dir = glm::length(dir) > 1e-9 ? glm::normalize(dir) : glm::dvec3(1, 0, 0);
  glm::dvec3 error = dir * std::min(k_max_miss_m, style.miss_fraction * distance);
  core::Pose current = from;
  core::Pose aim = make_pose(p1 + error, rotation_of(target));
  push(current, aim, d);
  current = aim;
  for (std::uint32_t i = 0; i < style.submovements; ++i) {
    push(current, current, k_dwell_s / style.speed);
    error *= (i + 1 == style.submovements) ? 0.0 : 0.25;
    aim = make_pose(p1 + error, rotation_of(target));
    push(current, aim, 0.35 * d);
    current = aim;
  }
}

void ScriptedTrainee::begin_action(const ScriptAction& a, double t, const WorldQuery& world) {
  segments_.clear();
  segment_index_ = 0;
  current_style_ = a.motion;
  const double speed = a.motion.speed;
  double end = t;
  auto warn = [&](std::string message) { warnings_.emplace_back(std::move(message), a.where); };

  switch (a.kind) {
    case ActionKind::wait:
      end = t + a.value;
      break;
    case ActionKind::ui:
      pending_ui_ = core::UiCommand{a.ui_kind, a.target.empty() ? -1 : world.object_index(a.target),
                                    static_cast<float>(a.value)};
      end = t;
      break;
    case ActionKind::release:
      add_hold(a.hand, end, k_grip_s / speed, planned_squeeze(a.hand), 0.0f);
      break;
    case ActionKind::trigger:
      add_hold(a.hand, end, a.hold_s, planned_squeeze(a.hand), planned_squeeze(a.hand),
               static_cast<float>(a.value));
      add_hold(a.hand, end, 0.0, planned_squeeze(a.hand), planned_squeeze(a.hand), 0.0f);
      break;
    case ActionKind::move: {
      const auto target = world.pose_of(a.target);
      if (!target) {
        warn("unknown target '" + a.target + "'");
        break;
      }
      const glm::dvec3 p =
          position_of(*target) + glm::dvec3(a.offset_m[0], a.offset_m[1], a.offset_m[2]);
      add_reach(a, make_pose(p, rotation_of(grip(a.hand))), end, a.over_s);
      break;
    }
    case ActionKind::grab: {
      const auto target = world.pose_of(a.target);
      if (!target) {
        warn("unknown object '" + a.target + "'");
        break;
      }
      add_reach(a, *target, end, a.over_s);
      add_hold(a.hand, end, k_grip_s / speed, planned_squeeze(a.hand), 1.0f);
      add_hold(a.hand, end, k_dwell_s / speed, 1.0f, 1.0f);
      break;
    }
    case ActionKind::place: {
      const auto socket = world.pose_of(a.target);
      const auto held = world.held_object_in_hand(a.hand);
      if (!socket || !held) {
        warn(held ? "unknown socket '" + a.target + "'" : "'place' with an empty hand");
        break;
      }
      add_reach(a, compose(*socket, inverse(*held)), end, a.over_s);
      add_hold(a.hand, end, k_grip_s / speed, planned_squeeze(a.hand), 0.0f);
      const core::Pose placed = segments_.back().to;
      ScriptAction retreat = a;
      retreat.motion.submovements = 0;
      add_reach(retreat,
                make_pose(position_of(placed) + glm::dvec3(0, k_retreat_m, 0), rotation_of(placed)),
                end, 0.4);
      break;
    }
    case ActionKind::press: {
      const auto button = world.pose_of(a.target);
      if (!button) {
        warn("unknown button '" + a.target + "'");
        break;
      }
      const glm::dvec3 normal = axis_of(*button);
      const glm::dquat keep = rotation_of(grip(a.hand));
      const core::Pose approach =
          make_pose(position_of(*button) + normal * k_press_approach_m, keep);
      const core::Pose pushed = make_pose(position_of(*button) - normal * k_press_travel_m, keep);
      add_reach(a, approach, end, a.over_s);
      ScriptAction push = a;
      push.motion.submovements = 0;
      add_reach(push, pushed, end, 0.25);
      add_hold(a.hand, end, a.hold_s, planned_squeeze(a.hand), planned_squeeze(a.hand));
      add_reach(push, approach, end, 0.25);
      break;
    }
    case ActionKind::turn: {
      const auto handle = world.pose_of(a.target);
      const auto hinge = world.hinge_of(a.target);
      const auto angle = world.angle_of(a.target);
      if (!handle || !hinge || !angle) {
        warn("'" + a.target + "' cannot be turned");
        break;
      }
      add_reach(a, *handle, end, k_approach_s);
      add_hold(a.hand, end, k_grip_s / speed, planned_squeeze(a.hand), 1.0f);
      add_arc(a.hand, end, a.over_s / speed, *hinge, (a.value - *angle) * std::numbers::pi / 180.0,
              1.0f, {}, {});
      add_hold(a.hand, end, k_grip_s / speed, 1.0f, 0.0f);
      break;
    }
    case ActionKind::use: {
      const auto target = world.pose_of(a.target);
      const auto held = world.held_object_in_hand(a.hand);
      const auto working_point = world.held_tool_working_point(a.hand);
      if (!target || !held || !working_point) {
        warn(!target ? "unknown tool target '" + a.target + "'" : "'use' without a tool in hand");
        break;
      }
      // T_world_hand = T_world_target · T_workpoint_tool · T_tool_hand; a tilted approach turns
      // the working point about the target's x axis first (a caliper held out of square).
      const core::Pose approach =
          a.tilt_deg == 0.0
              ? *target
              : compose(*target, make_pose(glm::dvec3(0.0),
                                           glm::angleAxis(a.tilt_deg * std::numbers::pi / 180.0,
                                                          glm::dvec3(1, 0, 0))));
      const core::Pose hand_target =
          compose(compose(approach, inverse(*working_point)), inverse(*held));
      add_reach(a, hand_target, end, k_approach_s);
      add_hold(a.hand, end, k_dwell_s / speed, planned_squeeze(a.hand), planned_squeeze(a.hand));
      add_arc(a.hand, end, a.over_s / speed, *target, a.value * std::numbers::pi / 180.0,
              planned_squeeze(a.hand), a.until.empty() ? std::string() : a.target, a.until);
      add_hold(a.hand, end, k_dwell_s / speed, planned_squeeze(a.hand), planned_squeeze(a.hand));
      break;
    }
  }
  action_end_s_ = end;
}

core::InputFrame ScriptedTrainee::next(const WorldQuery& world) {
  const double t = static_cast<double>(frame_index_) / script_.rate_hz;
  core::InputFrame frame;
  frame.frame_index = frame_index_++;
  frame.time_s = t;

  // Start as many actions as are due now (instant ones like `ui` take no time).
  while (!segment_active() && t >= action_end_s_ && action_index_ < script_.actions.size()) {
    begin_action(script_.actions[action_index_++], t, world);
    if (pending_ui_) break;  // one UI command per frame
  }

  // Finish segments whose time is over, carrying their end state into the hand.
  auto evaluate = [](const Segment& s, double at) {
    const double span = s.t1 - s.t0;
    const double tau = span > 0.0 ? (at - s.t0) / span : 1.0;
    const double sj = minimum_jerk(tau);
    if (s.arc) {
      const glm::dquat r = glm::angleAxis(s.angle_rad * sj, axis_of(s.axis));
      const glm::dvec3 origin = position_of(s.axis);
      return make_pose(origin + r * (position_of(s.from) - origin), r * rotation_of(s.from));
    }
    return make_pose(glm::mix(position_of(s.from), position_of(s.to), sj),
                     glm::slerp(rotation_of(s.from), rotation_of(s.to), sj));
  };
  while (segment_active()) {
    Segment& s = segments_[segment_index_];
    const auto h = static_cast<std::size_t>(s.hand);
    const bool stop =
        !s.stop_event.empty() && world.event_since(s.stop_subject, s.stop_event, s.t0);
    if (stop) {
      // The tool reported the event (e.g. the wrench clicked): hold still where the hand is.
      hand_pose_[h] = evaluate(s, t);
      trigger_[h] = 0.0f;
      segments_.resize(segment_index_);
      action_end_s_ = t + k_dwell_s;
      break;
    }
    if (t < s.t1) {
      hand_pose_[h] = evaluate(s, t);
      const double span = s.t1 - s.t0;
      const double tau = span > 0.0 ? std::clamp((t - s.t0) / span, 0.0, 1.0) : 1.0;
      squeeze_[h] = static_cast<float>(s.squeeze_from + (s.squeeze_to - s.squeeze_from) * tau);
      trigger_[h] = s.trigger;
      break;
    }
    hand_pose_[h] = evaluate(s, s.t1);
    squeeze_[h] = s.squeeze_to;
    trigger_[h] = 0.0f;
    ++segment_index_;
  }

  frame.T_world_head = start_.T_world_head;
  for (std::size_t i = 0; i < 2; ++i) {
    const auto hand = static_cast<core::Hand>(i);
    auto& out = frame.hand(hand);
    out.tracked = true;
    const core::Pose shake = tremor(hand, current_style_, t);
    core::Pose p = hand_pose_[i];
    for (std::size_t k = 0; k < 3; ++k) p.position_m[k] += shake.position_m[k];
    out.T_world_grip = p;
    out.T_world_aim = p;
    out.squeeze = squeeze_[i];
    out.trigger = trigger_[i];
  }
  if (pending_ui_) {
    frame.ui = *pending_ui_;
    pending_ui_.reset();
  }
  return frame;
}

}  // namespace txr::input
