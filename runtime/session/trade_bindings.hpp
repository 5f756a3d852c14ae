#pragma once
// Trade bindings: the trade models (runtime/sim) attached to scene objects through their
// `components:`, fed from interaction each physics step and written to the state table. Each
// trade is a TradeBinding in its own file (trade_binding.hpp); this owns them all.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "session/trade_binding.hpp"

namespace txr::session {

// The scenario module's generic schemas plus the ones the trade bindings add (torque_wrench, ...).
// `tradexr check` and `tradexr run` both validate against this registry.
const scenario::ComponentRegistry& trade_components();

class TradeBindings : private sim::EventSink {
 public:
  // Builds the models of every component; errors name the object and the parameter.
  static core::Result<std::unique_ptr<TradeBindings>> create(const scenario::Scenario& scenario,
                                                             scenario::StateTable& state);
  ~TradeBindings() override;

  // One physics step (after the world stepped), every trade in a fixed order.
  void step(double time_s, double dt_s, const physics::InteractionState& interaction);
  // A HUD command aimed at an object (e.g. set_value on a torque wrench). True when handled.
  bool apply_ui(const core::UiCommand& command, const std::string& object_id);

  // Every trade-model event (click, yielded, ...) with the target the tool was on, if any.
  void set_event_callback(std::function<void(const sim::SimEvent&, const std::string& target)> cb) {
    on_event_ = std::move(cb);
  }
  // Every graded trade result as it is recorded (trade_results.hpp).
  void set_result_callback(TradeResults::Callback cb) { results_.set_callback(std::move(cb)); }
  // The attempt ended: record the lasting results not recorded yet (their final values).
  void flush_results() { results_.flush(); }

 private:
  TradeBindings() : channel_(this) {}
  void on_event(const sim::SimEvent& event) override;

  sim::EventChannel channel_;
  std::string event_target_;
  TradeResults results_;
  std::vector<std::unique_ptr<TradeBinding>> trades_;
  std::function<void(const sim::SimEvent&, const std::string&)> on_event_;
};

}  // namespace txr::session
