#include "session/trade_bindings.hpp"

#include <algorithm>
#include <cmath>

#include "sim/mechanical/bolt.hpp"
#include "sim/mechanical/torque_wrench.hpp"

namespace txr::session {
namespace {

const scenario::ParamValue* param(const scenario::Component& c, std::string_view name) {
  for (const auto& p : c.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

double number(const scenario::Component& c, std::string_view name, double fallback) {
  const auto* p = param(c, name);
  return p ? p->number : fallback;
}

scenario::ComponentRegistry make_registry() {
  scenario::ComponentRegistry registry = scenario::builtin_components();
  scenario::ComponentSchema wrench;
  wrench.type = "torque_wrench";
  wrench.description = "click-type torque wrench (ISO 6789 type II); set it with the HUD";
  auto number_param = [](std::string name, bool required, double lo, double hi, double def,
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
  };
  wrench.params = {
      number_param("min_nm", false, 1.0, 1000.0, 20.0, "lowest settable torque"),
      number_param("max_nm", false, 2.0, 2000.0, 100.0, "highest settable torque"),
      number_param("set_nm", false, 0.0, 2000.0, 0.0, "value dialled at the start (0: not set)"),
      number_param("seed", false, 0.0, 1.0e9, 1.0, "calibration error draw")};
  auto out = [](std::string name, scenario::ValueType type, std::string description) {
    scenario::ExportSpec e;
    e.name = std::move(name);
    e.type = type;
    e.description = std::move(description);
    return e;
  };
  wrench.exports = {
      out("set_torque_nm", scenario::ValueType::number, "value dialled on the scale"),
      out("clicked", scenario::ValueType::boolean, "released since it was last re-armed"),
      out("click_count", scenario::ValueType::number, "clicks so far"),
      out("peak_torque_nm", scenario::ValueType::number, "largest torque transmitted"),
  };
  (void)registry.add(std::move(wrench));
  return registry;
}

}  // namespace

const scenario::ComponentRegistry& trade_components() {
  static const scenario::ComponentRegistry registry = make_registry();
  return registry;
}

struct TradeBindings::Bolt {
  std::string object;
  std::unique_ptr<sim::mechanical::Bolt> model;
  std::optional<scenario::SlotId> torque, seated, yielded, in_socket;
};

struct TradeBindings::Wrench {
  std::string object;
  std::unique_ptr<sim::mechanical::TorqueWrench> model;
  std::optional<scenario::SlotId> set_torque, clicked, click_count, peak;
  double clicks = 0.0;
  double handle_nm = 0.0;
  std::string engaged_target;
  Bolt* engaged_bolt = nullptr;
};

TradeBindings::TradeBindings(const scenario::Scenario& scenario, scenario::StateTable& state)
    : scenario_(scenario), state_(state), channel_(this) {}

TradeBindings::~TradeBindings() = default;

core::Result<std::unique_ptr<TradeBindings>> TradeBindings::create(
    const scenario::Scenario& scenario, scenario::StateTable& state) {
  std::unique_ptr<TradeBindings> b(new TradeBindings(scenario, state));
  for (const auto& object : scenario.objects) {
    auto slot = [&](const char* field) { return state.find(object.id + "." + field); };
    for (const auto& c : object.components) {
      if (c.type == "fastener") {
        const double d_mm = number(c, "diameter_mm", 12.0);
        const auto thread = sim::mechanical::metric_coarse("M" + std::to_string(std::lround(d_mm)));
        if (!thread || std::fabs(thread->d_mm - d_mm) > 1e-9) {
          return core::fail("object '" + object.id + "': fastener diameter_mm " +
                            std::to_string(d_mm) + " is not an ISO metric coarse size (M6–M24)");
        }
        sim::mechanical::BoltSpec spec;
        spec.thread = *thread;
        spec.nut_factor = number(c, "nut_factor", 0.2);
        if (auto ok = sim::mechanical::validate(spec); !ok) {
          return core::fail("object '" + object.id + "': " + ok.error().message);
        }
        auto bolt = std::make_unique<Bolt>();
        bolt->object = object.id;
        bolt->model = std::make_unique<sim::mechanical::Bolt>(object.id, spec, &b->channel_);
        bolt->torque = slot("torque_nm");
        bolt->seated = slot("seated");
        bolt->yielded = slot("yielded");
        bolt->in_socket = slot("in_socket");
        b->bolts_.push_back(std::move(bolt));
      } else if (c.type == "torque_wrench") {
        sim::mechanical::WrenchSpec spec;
        spec.min_nm = number(c, "min_nm", 20.0);
        spec.max_nm = number(c, "max_nm", 100.0);
        if (auto ok = sim::mechanical::validate(spec); !ok) {
          return core::fail("object '" + object.id + "': " + ok.error().message);
        }
        auto wrench = std::make_unique<Wrench>();
        wrench->object = object.id;
        wrench->model = std::make_unique<sim::mechanical::TorqueWrench>(
            object.id, spec, static_cast<std::uint64_t>(number(c, "seed", 1.0)), &b->channel_);
        if (const double set = number(c, "set_nm", 0.0); set > 0.0) {
          if (auto ok = wrench->model->set_torque_nm(set); !ok) {
            return core::fail("object '" + object.id + "': " + ok.error().message);
          }
        }
        wrench->set_torque = slot("set_torque_nm");
        wrench->clicked = slot("clicked");
        wrench->click_count = slot("click_count");
        wrench->peak = slot("peak_torque_nm");
        b->wrenches_.push_back(std::move(wrench));
      }
    }
  }
  return b;
}

void TradeBindings::step(double time_s, double dt_s, const physics::InteractionState& interaction) {
  channel_.set_time_s(time_s);
  for (auto& w : wrenches_) {
    // Which bolt the wrench is on: the target's host object.
    double rotation_rad = 0.0;
    std::string target;
    for (const auto& tool : interaction.tools) {
      if (tool.tool == w->object) {
        target = tool.target;
        rotation_rad = tool.rotation_rad;
      }
    }
    if (target != w->engaged_target) {
      w->engaged_target = target;
      w->engaged_bolt = nullptr;
      for (const auto& object : scenario_.objects) {
        for (const auto& in : object.interactions) {
          for (const auto& t : in.targets) {
            if (t.id != target) continue;
            for (auto& bolt : bolts_) {
              if (bolt->object == t.object) w->engaged_bolt = bolt.get();
            }
          }
        }
      }
    }
    // Tightening a right-hand thread is clockwise seen from the head: negative rotation about
    // the target's axis (which points out of the head).
    const double pull_nm = target.empty() ? 0.0 : k_pull_nm_per_rad * std::max(0.0, -rotation_rad);
    // The arm and the handle are compliant: a first-order lag (50 ms) turns the step-to-step
    // jitter of tracked rotation into the smooth loading a real pull has, so the wrench's
    // loading rate (and its overshoot) reflects how the trainee pulls, not tracking noise.
    constexpr double k_arm_lag_s = 0.05;
    w->handle_nm += (pull_nm - w->handle_nm) * (dt_s / (k_arm_lag_s + dt_s));
    if (target.empty()) w->handle_nm = 0.0;
    const double handle_nm = w->handle_nm;
    current_target_ = target;
    const double out_nm = w->model->update(dt_s, handle_nm);
    if (w->engaged_bolt != nullptr && out_nm > 0.0) w->engaged_bolt->model->apply_torque(out_nm);
    current_target_.clear();
    if (w->set_torque) state_.set_number(*w->set_torque, w->model->set_torque_nm());
    if (w->clicked) state_.set_bool(*w->clicked, w->model->clicked());
    if (w->click_count) state_.set_number(*w->click_count, w->clicks);
    if (w->peak) state_.set_number(*w->peak, w->model->peak_torque_nm());
  }
  for (auto& b : bolts_) {
    if (b->torque) state_.set_number(*b->torque, b->model->torque_nm());
    if (b->yielded) state_.set_bool(*b->yielded, b->model->yielded());
    if (b->seated && b->in_socket) {
      state_.set_bool(*b->seated, !state_.text(*b->in_socket).empty());
    }
  }
}

bool TradeBindings::apply_ui(const core::UiCommand& command, const std::string& object_id) {
  if (command.kind != core::UiCommandKind::set_value) return false;
  for (auto& w : wrenches_) {
    if (w->object == object_id) return w->model->set_torque_nm(command.value).has_value();
  }
  return false;
}

void TradeBindings::on_event(const sim::SimEvent& event) {
  if (event.kind == sim::EventKind::click) {
    for (auto& w : wrenches_) {
      if (w->object == event.source) w->clicks += 1.0;
    }
  }
  if (on_event_) on_event_(event, current_target_);
}

}  // namespace txr::session
