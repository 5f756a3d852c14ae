#include "session/trade_bindings.hpp"

#include <array>

namespace txr::session {
namespace {

// Every trade, in the order they step. A new trade adds its factory and its schemas here.
constexpr std::array k_trade_factories = {&make_mechanical_binding, &make_electrical_binding,
                                          &make_precision_binding};

scenario::ComponentRegistry make_registry() {
  scenario::ComponentRegistry registry = scenario::builtin_components();
  add_mechanical_components(registry);
  add_electrical_components(registry);
  add_precision_components(registry);
  return registry;
}

}  // namespace

const scenario::ParamValue* find_param(const scenario::Component& component,
                                       std::string_view name) {
  for (const auto& p : component.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

double number_param(const scenario::Component& component, std::string_view name, double fallback) {
  const auto* p = find_param(component, name);
  return p ? p->number : fallback;
}

std::string text_param(const scenario::Component& component, std::string_view name,
                       std::string fallback) {
  const auto* p = find_param(component, name);
  return p ? p->text : fallback;
}

scenario::ParamSpec number_spec(std::string name, bool required, double lo, double hi, double def,
                                std::string description) {
  scenario::ParamSpec p;
  p.name = std::move(name);
  p.type = scenario::ParamType::number;
  p.required = required;
  p.min = lo;
  p.max = hi;
  p.default_number = def;
  p.description = std::move(description);
  return p;
}

scenario::ParamSpec text_spec(std::string name, bool required, std::string def,
                              std::string description) {
  scenario::ParamSpec p;
  p.name = std::move(name);
  p.type = scenario::ParamType::text;
  p.required = required;
  p.default_text = std::move(def);
  p.description = std::move(description);
  return p;
}

scenario::ParamSpec bool_spec(std::string name, bool def, std::string description) {
  scenario::ParamSpec p;
  p.name = std::move(name);
  p.type = scenario::ParamType::boolean;
  p.default_bool = def;
  p.description = std::move(description);
  return p;
}

scenario::ExportSpec export_spec(std::string name, scenario::ValueType type,
                                 std::string description) {
  scenario::ExportSpec e;
  e.name = std::move(name);
  e.type = type;
  e.description = std::move(description);
  return e;
}

const scenario::ComponentRegistry& trade_components() {
  static const scenario::ComponentRegistry registry = make_registry();
  return registry;
}

TradeBindings::~TradeBindings() = default;

core::Result<std::unique_ptr<TradeBindings>> TradeBindings::create(
    const scenario::Scenario& scenario, scenario::StateTable& state) {
  std::unique_ptr<TradeBindings> b(new TradeBindings());
  const TradeContext context{scenario, state, b->channel_, b->event_target_, b->results_};
  for (const auto factory : k_trade_factories) {
    auto trade = factory(context);
    if (!trade) return std::unexpected(trade.error());
    if (*trade) b->trades_.push_back(std::move(*trade));
  }
  return b;
}

void TradeBindings::step(double time_s, double dt_s, const physics::InteractionState& interaction) {
  channel_.set_time_s(time_s);
  results_.set_time_s(time_s);
  const TradeStep step{time_s, dt_s, interaction};
  for (auto& trade : trades_) trade->step(step);
  results_.end_step();
}

bool TradeBindings::apply_ui(const core::UiCommand& command, const std::string& object_id) {
  for (auto& trade : trades_) {
    if (trade->apply_ui(command, object_id)) return true;
  }
  return false;
}

void TradeBindings::on_event(const sim::SimEvent& event) {
  if (on_event_) on_event_(event, event_target_);
}

}  // namespace txr::session
