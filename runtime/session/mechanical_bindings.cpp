// Mechanical trade: `fastener` (a bolt: torque–preload, yield), `torque_wrench` (a click
// wrench whose handle torque comes from how far the trainee turns it on a bolt) and
// `bolted_joint` (a flange whose fasteners the wrench tightens through the joint model; see
// mechanical_joint.hpp).
#include <algorithm>
#include <cmath>

#include "session/mechanical_joint.hpp"
#include "session/trade_binding.hpp"
#include "sim/mechanical/bolt.hpp"
#include "sim/mechanical/torque_wrench.hpp"

namespace txr::session {
namespace {

// How hard a trainee pulls, from how far past engagement they turned the wrench: the hand acts
// as a torsion spring (N·m per rad of turn), so a slow turn loads the wrench slowly and a jerk
// loads it fast — the overshoot the wrench model then produces.
constexpr double k_pull_nm_per_rad = 150.0;

struct BoltBinding {
  std::string object;
  double target_torque_nm = 0.0;               // the scenario's specified torque (assessed against)
  std::unique_ptr<sim::mechanical::Bolt> own;  // a bolt on its own; in a joint, the joint's
  sim::mechanical::Bolt* model = nullptr;
  JointBinding* joint = nullptr;
  std::size_t joint_index = 0;
  double strokes = 0.0;  // on its own: strokes that reached a quarter of its target torque
  std::optional<scenario::SlotId> torque, seated, yielded, in_socket, preload, pass_count;
};

struct WrenchBinding {
  std::string object;
  std::unique_ptr<sim::mechanical::TorqueWrench> model;
  std::optional<scenario::SlotId> set_torque, clicked, click_count, peak;
  double handle_nm = 0.0;
  double stroke_peak_nm = 0.0;  // largest torque put on the engaged bolt since engaging it
  std::string engaged_target;
  BoltBinding* engaged_bolt = nullptr;
};

class MechanicalBinding final : public TradeBinding {
 public:
  explicit MechanicalBinding(const TradeContext& context) : context_(context) {}

  core::Result<void> add_bolt(const scenario::SceneObject& object, const scenario::Component& c);
  core::Result<void> add_wrench(const scenario::SceneObject& object, const scenario::Component& c);
  // After every bolt: the joint takes over its fasteners' models.
  core::Result<void> add_joint(const scenario::SceneObject& object, const scenario::Component& c);
  bool empty() const { return bolts_.empty() && wrenches_.empty(); }

  void step(const TradeStep& step) override;
  bool apply_ui(const core::UiCommand& command, const std::string& object_id) override;

 private:
  BoltBinding* bolt_under(const std::string& target);
  void put_torque(BoltBinding& bolt, double torque_nm);
  void end_stroke(WrenchBinding& wrench);
  std::optional<scenario::SlotId> slot(const scenario::SceneObject& object,
                                       const char* field) const {
    return context_.state.find(object.id + "." + field);
  }

  TradeContext context_;
  std::vector<std::unique_ptr<BoltBinding>> bolts_;
  std::vector<std::unique_ptr<WrenchBinding>> wrenches_;
  std::vector<std::unique_ptr<JointBinding>> joints_;
};

core::Result<void> MechanicalBinding::add_bolt(const scenario::SceneObject& object,
                                               const scenario::Component& c) {
  const double d_mm = number_param(c, "diameter_mm", 12.0);
  const auto thread = sim::mechanical::metric_coarse("M" + std::to_string(std::lround(d_mm)));
  if (!thread || std::fabs(thread->d_mm - d_mm) > 1e-9) {
    return core::fail("object '" + object.id + "': fastener diameter_mm " + std::to_string(d_mm) +
                      " is not an ISO metric coarse size (M6–M24)");
  }
  sim::mechanical::BoltSpec spec;
  spec.thread = *thread;
  spec.nut_factor = number_param(c, "nut_factor", 0.2);
  if (auto ok = sim::mechanical::validate(spec); !ok) {
    return core::fail("object '" + object.id + "': " + ok.error().message);
  }
  auto bolt = std::make_unique<BoltBinding>();
  bolt->object = object.id;
  bolt->target_torque_nm = number_param(c, "target_torque_nm", 0.0);
  bolt->own = std::make_unique<sim::mechanical::Bolt>(object.id, spec, &context_.channel);
  bolt->model = bolt->own.get();
  bolt->torque = slot(object, "torque_nm");
  bolt->seated = slot(object, "seated");
  bolt->yielded = slot(object, "yielded");
  bolt->in_socket = slot(object, "in_socket");
  bolt->preload = slot(object, "preload_kn");
  bolt->pass_count = slot(object, "pass_count");
  bolts_.push_back(std::move(bolt));
  return {};
}

core::Result<void> MechanicalBinding::add_wrench(const scenario::SceneObject& object,
                                                 const scenario::Component& c) {
  sim::mechanical::WrenchSpec spec;
  spec.min_nm = number_param(c, "min_nm", 20.0);
  spec.max_nm = number_param(c, "max_nm", 100.0);
  if (auto ok = sim::mechanical::validate(spec); !ok) {
    return core::fail("object '" + object.id + "': " + ok.error().message);
  }
  auto wrench = std::make_unique<WrenchBinding>();
  wrench->object = object.id;
  wrench->model = std::make_unique<sim::mechanical::TorqueWrench>(
      object.id, spec, static_cast<std::uint64_t>(number_param(c, "seed", 1.0)), &context_.channel);
  if (const double set = number_param(c, "set_nm", 0.0); set > 0.0) {
    if (auto ok = wrench->model->set_torque_nm(set); !ok) {
      return core::fail("object '" + object.id + "': " + ok.error().message);
    }
  }
  wrench->set_torque = slot(object, "set_torque_nm");
  wrench->clicked = slot(object, "clicked");
  wrench->click_count = slot(object, "click_count");
  wrench->peak = slot(object, "peak_torque_nm");
  wrenches_.push_back(std::move(wrench));
  return {};
}

core::Result<void> MechanicalBinding::add_joint(const scenario::SceneObject& object,
                                                const scenario::Component& c) {
  auto joint =
      JointBinding::create(context_.scenario, object, c, context_.state, &context_.channel);
  if (!joint) return std::unexpected(joint.error());
  const auto& ids = (*joint)->bolt_ids();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    for (auto& b : bolts_) {
      if (b->object != ids[i]) continue;
      if (b->joint != nullptr) {
        return core::fail("object '" + object.id + "': fastener '" + b->object +
                          "' already belongs to joint '" + b->joint->object() + "'");
      }
      b->joint = joint->get();
      b->joint_index = i;
      b->model = &(*joint)->model().bolt(i);
      b->own.reset();
    }
  }
  joints_.push_back(std::move(*joint));
  return {};
}

// A joint's bolt turns through the joint (its neighbours feel it); the binding emits the
// bolt's `yielded` under the fastener's id, as a bolt on its own does.
void MechanicalBinding::put_torque(BoltBinding& bolt, double torque_nm) {
  if (bolt.joint == nullptr) {
    bolt.model->apply_torque(torque_nm);
    return;
  }
  const bool was_yielded = bolt.model->yielded();
  bolt.joint->tighten(bolt.joint_index, torque_nm);
  if (!was_yielded && bolt.model->yielded()) {
    context_.channel.emit(sim::EventKind::yielded, bolt.object,
                          bolt.model->spec().preload_for_torque_n(torque_nm) * 1e-3);
  }
}

// A stroke ends when the wrench comes off the bolt or the pull is let go: its peak is what the
// procedure check (a joint's passes and order) or a lone bolt's pass count sees.
void MechanicalBinding::end_stroke(WrenchBinding& w) {
  BoltBinding* bolt = w.engaged_bolt;
  const double peak_nm = w.stroke_peak_nm;
  w.stroke_peak_nm = 0.0;
  if (bolt == nullptr || peak_nm <= 0.0) return;
  if (bolt->joint != nullptr) {
    bolt->joint->end_stroke(bolt->joint_index, peak_nm);
  } else if (peak_nm >= 0.25 * bolt->target_torque_nm) {
    bolt->strokes += 1.0;
  }
}

// The bolt a tool target belongs to: the target's host object.
BoltBinding* MechanicalBinding::bolt_under(const std::string& target) {
  for (const auto& object : context_.scenario.objects) {
    for (const auto& in : object.interactions) {
      for (const auto& t : in.targets) {
        if (t.id != target) continue;
        for (auto& bolt : bolts_) {
          if (bolt->object == t.object) return bolt.get();
        }
      }
    }
  }
  return nullptr;
}

void MechanicalBinding::step(const TradeStep& step) {
  auto& state = context_.state;
  for (auto& w : wrenches_) {
    double rotation_rad = 0.0;
    std::string target;
    for (const auto& tool : step.interaction.tools) {
      if (tool.tool == w->object) {
        target = tool.target;
        rotation_rad = tool.rotation_rad;
      }
    }
    if (target != w->engaged_target) {
      end_stroke(*w);
      w->engaged_target = target;
      w->engaged_bolt = target.empty() ? nullptr : bolt_under(target);
    }
    // Tightening a right-hand thread is clockwise seen from the head: negative rotation about
    // the target's axis (which points out of the head).
    const double pull_nm = target.empty() ? 0.0 : k_pull_nm_per_rad * std::max(0.0, -rotation_rad);
    // The arm and the handle are compliant: a first-order lag (50 ms) turns the step-to-step
    // jitter of tracked rotation into the smooth loading a real pull has, so the wrench's
    // loading rate (and its overshoot) reflects how the trainee pulls, not tracking noise.
    constexpr double k_arm_lag_s = 0.05;
    w->handle_nm += (pull_nm - w->handle_nm) * (step.dt_s / (k_arm_lag_s + step.dt_s));
    if (target.empty()) w->handle_nm = 0.0;
    context_.event_target = target;
    const double out_nm = w->model->update(step.dt_s, w->handle_nm);
    if (w->engaged_bolt != nullptr && out_nm > 0.0) put_torque(*w->engaged_bolt, out_nm);
    context_.event_target.clear();
    if (out_nm > 0.0) {
      w->stroke_peak_nm = std::max(w->stroke_peak_nm, out_nm);
    } else if (w->stroke_peak_nm > 0.0) {
      end_stroke(*w);  // let go of the pull while still on the bolt
    }
    if (w->set_torque) state.set_number(*w->set_torque, w->model->set_torque_nm());
    if (w->clicked) state.set_bool(*w->clicked, w->model->clicked());
    if (w->click_count) {
      state.set_number(*w->click_count, w->model->click_count());
    }
    if (w->peak) state.set_number(*w->peak, w->model->peak_torque_nm());
  }
  for (const auto& j : joints_) j->write_state(state);
  for (auto& b : bolts_) {
    if (b->torque) state.set_number(*b->torque, b->model->torque_nm());
    if (b->yielded) state.set_bool(*b->yielded, b->model->yielded());
    if (b->seated && b->in_socket) state.set_bool(*b->seated, !state.text(*b->in_socket).empty());
    if (b->preload) state.set_number(*b->preload, b->model->preload_n() * 1e-3);
    if (b->pass_count) {
      state.set_number(*b->pass_count,
                       b->joint
                           ? static_cast<double>(b->joint->procedure().pass_count(b->joint_index))
                           : b->strokes);
    }
    // The torque the bolt ends with, against its specification: torque_error_pct.
    if (b->target_torque_nm > 0.0) {
      context_.results.track(
          {b->object, k_result_torque_nm, b->model->torque_nm(), b->target_torque_nm});
    }
  }
}

bool MechanicalBinding::apply_ui(const core::UiCommand& command, const std::string& object_id) {
  if (command.kind != core::UiCommandKind::set_value) return false;
  for (auto& w : wrenches_) {
    if (w->object == object_id) return w->model->set_torque_nm(command.value).has_value();
  }
  return false;
}

}  // namespace

void add_mechanical_components(scenario::ComponentRegistry& registry) {
  scenario::ComponentSchema wrench;
  wrench.type = "torque_wrench";
  wrench.description = "click-type torque wrench (ISO 6789 type II); set it with the HUD";
  wrench.params = {
      number_spec("min_nm", false, 1.0, 1000.0, 20.0, "lowest settable torque"),
      number_spec("max_nm", false, 2.0, 2000.0, 100.0, "highest settable torque"),
      number_spec("set_nm", false, 0.0, 2000.0, 0.0, "value dialled at the start (0: not set)"),
      number_spec("seed", false, 0.0, 1.0e9, 1.0, "calibration error draw")};
  using scenario::ValueType;
  wrench.exports = {
      export_spec("set_torque_nm", ValueType::number, "value dialled on the scale"),
      export_spec("clicked", ValueType::boolean, "released since it was last re-armed"),
      export_spec("click_count", ValueType::number, "clicks so far"),
      export_spec("peak_torque_nm", ValueType::number, "largest torque transmitted"),
  };
  (void)registry.add(std::move(wrench));
  (void)registry.add(bolted_joint_schema());
}

core::Result<std::unique_ptr<TradeBinding>> make_mechanical_binding(const TradeContext& context) {
  auto binding = std::make_unique<MechanicalBinding>(context);
  for (const auto& object : context.scenario.objects) {
    for (const auto& c : object.components) {
      core::Result<void> added;
      if (c.type == "fastener") added = binding->add_bolt(object, c);
      if (c.type == "torque_wrench") added = binding->add_wrench(object, c);
      if (!added) return std::unexpected(added.error());
    }
  }
  for (const auto& object : context.scenario.objects) {
    for (const auto& c : object.components) {
      if (c.type != "bolted_joint") continue;
      if (auto added = binding->add_joint(object, c); !added) {
        return std::unexpected(added.error());
      }
    }
  }
  if (binding->empty()) return std::unique_ptr<TradeBinding>();
  return std::unique_ptr<TradeBinding>(std::move(binding));
}

}  // namespace txr::session
