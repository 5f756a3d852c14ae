#pragma once
// Session: one training attempt. Owns the built scene (physics + interaction), the attempt's
// state table and step engine, and turns each display frame's InputFrame into fixed physics
// steps, object state, step-engine evaluation and a stream of events.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "input/world_query.hpp"
#include "physics/events.hpp"
#include "scenario/package_loader.hpp"
#include "scenario/scenario.hpp"
#include "scenario/step_engine.hpp"
#include "session/scene_builder.hpp"
#include "session/session_world_query.hpp"
#include "session/trade_bindings.hpp"

namespace txr::session {

// Loads a package validating its components against trade_components() (what sessions run).
scenario::LoadResult load_scenario(const std::filesystem::path& package_dir);

struct SessionOptions {
  scenario::Mode mode = scenario::Mode::assessment;
  double physics_hz = 240.0;
  bool desktop_aim_ray = false;
  // A reminder to take a break after this much session time, and again after each further
  // interval (a `break_reminder` event; desktop shows it, XR also pulses both controllers).
  // 0: never.
  double break_reminder_s = 20.0 * 60.0;
};

// Everything that happened, in one ordered list (physics interaction events, step-engine events,
// UI commands), for the recorder, the HUD and `tradexr run --json`.
struct SessionEvent {
  double time_s = 0.0;
  std::string type;     // e.g. "step_completed", "grabbed", "rule_violated"
  std::string subject;  // step, rule or object id
  std::string detail;   // e.g. severity, socket id, target id; a trade_result's quantity
  double value = 0.0;
  std::optional<double> target = std::nullopt;  // trade_result: what the scenario asked for
};

class Session : private physics::EventListener, private scenario::EventListener {
 public:
  static core::Result<std::unique_ptr<Session>> create(const scenario::Scenario& scenario,
                                                       const SessionOptions& options);
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One display frame. Invalid frames are rejected by the interaction layer (counted).
  void update(const core::InputFrame& frame);

  bool ended() const { return engine_->outcome() != scenario::Outcome::running; }
  // The run stops (script done, trainee quit): records the trade results' latest values that
  // are not in the record yet, so an unfinished attempt is assessed on where it stopped.
  void finish() { trade_->flush_results(); }
  // Ends a still-running attempt (the trainee stopped, or the script ran out): the outcome stays
  // `running` in the engine and is reported as "incomplete".
  const scenario::StepEngine& engine() const { return *engine_; }
  const scenario::Scenario& scenario() const { return scenario_; }
  const scenario::StateTable& state() const { return state_; }
  const input::WorldQuery& world_query() const { return query_; }
  const BuiltScene& scene() const { return scene_; }
  // The object in a hand (the right one first) and its pose now, for the record's tool stream
  // (tool-technique bands are scored from it). tool_id is the object's index + 1.
  assessment::ToolSample held_tool_sample() const;
  std::uint64_t physics_hash() const;
  std::uint64_t physics_steps() const;
  double sim_time_s() const;
  // True for a minute after a break reminder (what the HUD shows).
  bool break_reminder_showing() const {
    return last_break_reminder_s_ >= 0.0 && sim_time_s() - last_break_reminder_s_ < 60.0;
  }
  const std::vector<SessionEvent>& events() const { return events_; }
  std::uint64_t frames_rejected() const;

  // Called for every event as it happens (after it is appended to events()).
  void set_event_callback(std::function<void(const SessionEvent&)> callback) {
    on_event_ = std::move(callback);
  }

 private:
  void check_break_reminder();
  double last_break_reminder_s_ = -1.0;
  static core::Result<std::unique_ptr<Session>> create_unlocated(const scenario::Scenario& scenario,
                                                                 const SessionOptions& options);
  Session(const scenario::Scenario& scenario, const SessionOptions& options, BuiltScene scene);
  core::Result<void> bind_object_state();
  void write_object_state();
  void push_event(SessionEvent event);

  // physics::EventListener
  void on_interaction(const physics::InteractionEvent& event) override;
  void on_step(std::uint64_t step, double sim_time_s, std::uint64_t hash) override;
  // scenario::EventListener
  void on_event(const scenario::Event& event) override;

  struct ObjectSlots;
  const scenario::Scenario& scenario_;
  SessionOptions options_;
  BuiltScene scene_;
  scenario::StateTable state_;
  std::unique_ptr<TradeBindings> trade_;
  std::unique_ptr<scenario::StepEngine> engine_;
  std::vector<SubjectEvent> subject_events_;
  SessionWorldQuery query_;
  std::vector<SessionEvent> events_;
  std::vector<ObjectSlots> object_slots_;
  std::vector<std::pair<std::string, scenario::SlotId>> socket_occupant_slots_;
  std::function<void(const SessionEvent&)> on_event_;
  double step_dt_s_ = 0.0;
};

}  // namespace txr::session
