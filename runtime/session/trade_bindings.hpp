#pragma once
// Trade bindings: the trade models (runtime/sim) attached to scene objects through their
// `components:`, fed from interaction each physics step and written to the state table.
// Mechanical so far: `fastener` (a bolt: torque–preload, yield) and `torque_wrench` (a click
// wrench whose handle torque comes from how far the trainee turns it on a bolt).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "physics/interaction_types.hpp"
#include "scenario/component_schema.hpp"
#include "scenario/scenario.hpp"
#include "scenario/state_table.hpp"
#include "sim/events.hpp"

namespace txr::session {

// The scenario module's generic schemas plus the ones the trade bindings add (torque_wrench).
// `tradexr check` and `tradexr run` both validate against this registry.
const scenario::ComponentRegistry& trade_components();

// How hard a trainee pulls, from how far past engagement they turned the wrench: the hand acts
// as a torsion spring (N·m per rad of turn), so a slow turn loads the wrench slowly and a jerk
// loads it fast — the overshoot the wrench model then produces.
inline constexpr double k_pull_nm_per_rad = 150.0;

class TradeBindings : private sim::EventSink {
 public:
  // Builds the models of every component; errors name the object and the parameter.
  static core::Result<std::unique_ptr<TradeBindings>> create(const scenario::Scenario& scenario,
                                                             scenario::StateTable& state);
  ~TradeBindings() override;

  // One physics step (after the world stepped): tool engagement drives wrenches and bolts;
  // exported state is written to the table.
  void step(double time_s, double dt_s, const physics::InteractionState& interaction);
  // A HUD command aimed at an object (e.g. set_value on a torque wrench). True when handled.
  bool apply_ui(const core::UiCommand& command, const std::string& object_id);

  // Every trade-model event (click, yielded, ...) with the object that emitted it.
  void set_event_callback(std::function<void(const sim::SimEvent&, const std::string& target)> cb) {
    on_event_ = std::move(cb);
  }

 private:
  struct Bolt;
  struct Wrench;
  TradeBindings(const scenario::Scenario& scenario, scenario::StateTable& state);
  void on_event(const sim::SimEvent& event) override;

  const scenario::Scenario& scenario_;
  scenario::StateTable& state_;
  sim::EventChannel channel_;
  std::vector<std::unique_ptr<Bolt>> bolts_;
  std::vector<std::unique_ptr<Wrench>> wrenches_;
  std::function<void(const sim::SimEvent&, const std::string&)> on_event_;
  std::string current_target_;  // the target a wrench is engaged on while it emits
};

}  // namespace txr::session
