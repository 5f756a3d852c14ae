#pragma once
// One trade's models attached to scene objects. Each trade (mechanical, electrical, precision)
// lives in its own file and registers a factory in trade_bindings.cpp; TradeBindings steps them
// all in a fixed order after each physics step.
#include <memory>
#include <string>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "physics/interaction_types.hpp"
#include "scenario/component_schema.hpp"
#include "scenario/scenario.hpp"
#include "scenario/state_table.hpp"
#include "session/trade_results.hpp"
#include "sim/events.hpp"

namespace txr::session {

// What a trade's binding is built from. `event_target` names the target a tool is acting on
// while a model emits (so a wrench click is also attributed to the bolt it is on); a binding
// sets it around the model call and clears it afterwards. `results` takes the graded outcomes
// the assessment's accuracy metrics use (trade_results.hpp): `track()` a lasting one every step
// (a bolt's torque against its target), `report()` a discrete one when it happens (a reading
// against the true size, a judgement against the right one).
struct TradeContext {
  const scenario::Scenario& scenario;
  scenario::StateTable& state;
  const sim::EventChannel& channel;
  std::string& event_target;
  TradeResults& results;
};

struct TradeStep {
  double time_s = 0.0;
  double dt_s = 0.0;
  const physics::InteractionState& interaction;
};

class TradeBinding {
 public:
  virtual ~TradeBinding() = default;
  // One physics step (after the world stepped): feed the models from interaction and write
  // their exported state to the table.
  virtual void step(const TradeStep& step) = 0;
  // A HUD command aimed at an object (set_value, record_reading, judge_*). True when handled.
  virtual bool apply_ui(const core::UiCommand& command, const std::string& object_id) {
    (void)command;
    (void)object_id;
    return false;
  }
};

// A trade's factory: builds the models of the components it knows (nullptr when the scenario
// has none); errors name the object and the parameter.
using TradeFactory = core::Result<std::unique_ptr<TradeBinding>> (*)(const TradeContext& context);

// Helpers shared by the trades' factories.
const scenario::ParamValue* find_param(const scenario::Component& component, std::string_view name);
double number_param(const scenario::Component& component, std::string_view name, double fallback);
std::string text_param(const scenario::Component& component, std::string_view name,
                       std::string fallback);
scenario::ParamSpec number_spec(std::string name, bool required, double lo, double hi, double def,
                                std::string description);
scenario::ParamSpec text_spec(std::string name, bool required, std::string def,
                              std::string description);
scenario::ParamSpec bool_spec(std::string name, bool def, std::string description);
scenario::ExportSpec export_spec(std::string name, scenario::ValueType type,
                                 std::string description);

// Mechanical: `fastener` and `torque_wrench` (mechanical_bindings.cpp).
void add_mechanical_components(scenario::ComponentRegistry& registry);
core::Result<std::unique_ptr<TradeBinding>> make_mechanical_binding(const TradeContext& context);

// Electrical: one circuit from `mains_supply`, `isolator`, `fuse`, `fuse_link`, `push_button`,
// `contactor`, `lamp`, `motor`, `terminal`, `multimeter` and `meter_probe`
// (electrical_components.cpp, electrical_panel.cpp, electrical_bindings.cpp).
void add_electrical_components(scenario::ComponentRegistry& registry);
core::Result<std::unique_ptr<TradeBinding>> make_electrical_binding(const TradeContext& context);

// Precision: `caliper`, `micrometer` and `measured_part` (precision_bindings.cpp).
void add_precision_components(scenario::ComponentRegistry& registry);
core::Result<std::unique_ptr<TradeBinding>> make_precision_binding(const TradeContext& context);

}  // namespace txr::session
