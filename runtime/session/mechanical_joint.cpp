#include "session/mechanical_joint.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <string_view>

#include "core/suggest.hpp"
#include "session/trade_binding.hpp"

namespace txr::session {
namespace {

namespace mech = sim::mechanical;

// "bolt_1 bolt_2, bolt_3" → words (spaces and commas separate).
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char ch : text) {
    if (ch == ' ' || ch == ',' || ch == '\t' || ch == '\n') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(ch);
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

const scenario::Component* fastener_of(const scenario::SceneObject& object) {
  for (const auto& c : object.components) {
    if (c.type == "fastener") return &c;
  }
  return nullptr;
}

}  // namespace

scenario::ComponentSchema bolted_joint_schema() {
  using scenario::ValueType;
  scenario::ComponentSchema s;
  s.type = "bolted_joint";
  s.description =
      "gasketed flange or cover held by fasteners on a bolt circle: gap evenness and the "
      "tightening procedure (passes, star order)";
  scenario::ParamSpec order;
  order.name = "check_order";
  order.type = scenario::ParamType::choice;
  order.choices = {"star", "round", "any"};
  order.default_text = "star";
  order.description = "order of the check passes: star, round (clockwise) or any";
  s.params = {
      text_spec("bolts", true, "", "fastener object ids, clockwise, separated by spaces"),
      text_spec("pass_percent", false, "30 70 100",
                "torque of each pass in % of the bolts' target_torque_nm, rising"),
      number_spec("check_passes", false, 0.0, 4.0, 1.0, "passes at 100 % after the last one"),
      order,
      number_spec("tolerance_percent", false, 0.0, 40.0, 10.0,
                  "how far below a pass's torque a stroke may stop and still count"),
      number_spec("gasket_mm", false, 0.1, 50.0, 3.0, "gasket thickness before tightening"),
      number_spec("gasket_stiffness_kn_per_mm", false, 1.0, 1.0e5, 167.0,
                  "gasket stiffness under one bolt"),
      number_spec("bolt_stiffness_kn_per_mm", false, 1.0, 1.0e5, 700.0,
                  "stiffness of one bolt over its grip length (E·A/L)")};
  s.exports = {
      export_spec("gap_spread_mm", ValueType::number, "largest minus smallest gap: unevenness"),
      export_spec("min_gap_mm", ValueType::number, "smallest gap (gasket thickness) at a bolt"),
      export_spec("max_gap_mm", ValueType::number, "largest gap at a bolt"),
      export_spec("mean_preload_kn", ValueType::number, "mean clamp force per bolt"),
      export_spec("preload_spread_kn", ValueType::number, "largest minus smallest clamp force"),
      export_spec("yielded_count", ValueType::number, "bolts stretched past their proof load"),
      export_spec("tight_count", ValueType::number, "bolts holding a clamp force"),
      export_spec("max_torque_nm", ValueType::number, "largest torque any of its bolts took"),
      export_spec("passes_done", ValueType::number, "passes every bolt has had"),
      export_spec("current_pass", ValueType::number, "the pass in progress (1 = first)"),
      export_spec("sequence_ok", ValueType::boolean, "no bolt tightened out of order so far"),
      export_spec("sequence_errors", ValueType::number, "bolts tightened out of order"),
      export_spec("skipped_passes", ValueType::number, "passes jumped over on a bolt"),
      export_spec("short_strokes", ValueType::number,
                  "strokes that stopped short of their pass's torque (wrench set too low)"),
      export_spec("complete", ValueType::boolean, "every pass done on every bolt"),
      export_spec("next_bolt", ValueType::text, "the bolt the star order wants next, or \"\""),
  };
  return s;
}

core::Result<std::unique_ptr<JointBinding>> JointBinding::create(
    const scenario::Scenario& scenario, const scenario::SceneObject& object,
    const scenario::Component& c, const scenario::StateTable& state,
    const sim::EventChannel* events) {
  const std::string where = "object '" + object.id + "': bolted_joint ";
  std::unique_ptr<JointBinding> b(new JointBinding());
  b->object_ = object.id;
  b->bolt_ids_ = split_list(text_param(c, "bolts", ""));
  const std::size_t n = b->bolt_ids_.size();
  if (n < 3 || n > 64) {
    return core::fail(where + "'bolts' lists " + std::to_string(n) +
                      " fasteners; a joint has 3 to 64 (ids separated by spaces, clockwise)");
  }
  std::vector<std::string_view> object_ids;
  for (const auto& o : scenario.objects) object_ids.push_back(o.id);
  const scenario::Component* first = nullptr;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& id = b->bolt_ids_[i];
    if (std::find(b->bolt_ids_.begin(), b->bolt_ids_.begin() + static_cast<long>(i), id) !=
        b->bolt_ids_.begin() + static_cast<long>(i)) {
      return core::fail(where + "'bolts' names '" + id + "' twice");
    }
    const int index = scenario.find_object(id);
    if (index < 0) {
      return core::fail(where + "'bolts' names '" + id + "', which is not an object" +
                        core::did_you_mean(id, object_ids));
    }
    const auto* f = fastener_of(scenario.objects[static_cast<std::size_t>(index)]);
    if (f == nullptr) return core::fail(where + "'" + id + "' has no fastener component");
    if (first == nullptr) {
      first = f;
    } else {
      for (const char* p : {"diameter_mm", "nut_factor", "target_torque_nm"}) {
        if (number_param(*f, p, 0.0) != number_param(*first, p, 0.0)) {
          return core::fail(where + "its fasteners must share one " + p + " ('" + id +
                            "' differs from '" + b->bolt_ids_[0] + "')");
        }
      }
    }
  }

  mech::JointSpec spec;
  spec.bolt_count = n;
  const double d_mm = number_param(*first, "diameter_mm", 12.0);
  const auto thread = mech::metric_coarse("M" + std::to_string(std::lround(d_mm)));
  if (!thread || std::fabs(thread->d_mm - d_mm) > 1e-9) {
    return core::fail(where + "its fasteners' diameter_mm " + std::to_string(d_mm) +
                      " is not an ISO metric coarse size (M6–M24)");
  }
  spec.bolt.thread = *thread;
  spec.bolt.nut_factor = number_param(*first, "nut_factor", 0.2);
  spec.gasket_free_mm = number_param(c, "gasket_mm", 3.0);
  spec.gasket_stiffness_n_per_mm = number_param(c, "gasket_stiffness_kn_per_mm", 167.0) * 1e3;
  spec.bolt_stiffness_n_per_mm = number_param(c, "bolt_stiffness_kn_per_mm", 700.0) * 1e3;
  if (auto ok = mech::validate(spec); !ok) return core::fail(where + ok.error().message);

  mech::TighteningPlan plan;
  const double target_nm = number_param(*first, "target_torque_nm", 0.0);
  plan.pass_torques_nm.clear();
  for (const auto& word : split_list(text_param(c, "pass_percent", "30 70 100"))) {
    double pct = 0.0;
    const auto* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(word.data(), end, pct);
    if (ec != std::errc() || ptr != end || !(pct > 0.0 && pct <= 150.0)) {
      return core::fail(where +
                        "'pass_percent' must list percentages above 0 and at most 150, "
                        "separated by spaces (found '" +
                        word + "')");
    }
    plan.pass_torques_nm.push_back(pct / 100.0 * target_nm);
  }
  plan.check_passes = static_cast<std::size_t>(std::lround(number_param(c, "check_passes", 1.0)));
  plan.check_order = mech::parse_check_order(text_param(c, "check_order", "star"))
                         .value_or(mech::CheckOrder::star);
  plan.tolerance = number_param(c, "tolerance_percent", 10.0) / 100.0;
  if (auto ok = mech::validate(plan); !ok) return core::fail(where + ok.error().message);

  // The joint's bolts report nothing themselves: the binding emits `yielded` under the
  // fastener's own object id.
  b->joint_ = std::make_unique<mech::BoltedJoint>(object.id, spec, nullptr);
  b->procedure_ =
      std::make_unique<mech::TighteningProcedure>(object.id, b->bolt_ids_, plan, events);

  const auto fields = b->joint_->state();
  b->fields_.min_gap = sim::find_field(fields, "min_gap_mm");
  b->fields_.max_gap = sim::find_field(fields, "max_gap_mm");
  b->fields_.mean_preload = sim::find_field(fields, "mean_preload_kn");
  b->fields_.yielded_count = sim::find_field(fields, "yielded_count");
  b->fields_.tight_count = sim::find_field(fields, "tight_count");
  auto slot = [&](const char* field) { return state.find(object.id + "." + field); };
  Slots& s = b->slots_;
  s.gap_spread = slot("gap_spread_mm");
  s.min_gap = slot("min_gap_mm");
  s.max_gap = slot("max_gap_mm");
  s.mean_preload = slot("mean_preload_kn");
  s.preload_spread = slot("preload_spread_kn");
  s.yielded_count = slot("yielded_count");
  s.tight_count = slot("tight_count");
  s.max_torque = slot("max_torque_nm");
  s.passes_done = slot("passes_done");
  s.current_pass = slot("current_pass");
  s.sequence_ok = slot("sequence_ok");
  s.sequence_errors = slot("sequence_errors");
  s.skipped_passes = slot("skipped_passes");
  s.short_strokes = slot("short_strokes");
  s.complete = slot("complete");
  s.next_bolt = slot("next_bolt");
  return b;
}

void JointBinding::tighten(std::size_t index, double torque_nm) {
  if (index < joint_->bolt_count()) joint_->tighten(index, torque_nm);
}

mech::StrokeResult JointBinding::end_stroke(std::size_t index, double peak_nm) {
  return procedure_->stroke(index, peak_nm);
}

void JointBinding::write_state(scenario::StateTable& state) const {
  const auto& j = *joint_;
  const auto& p = *procedure_;
  auto number = [&](const std::optional<scenario::SlotId>& slot, double v) {
    if (slot) state.set_number(*slot, v);
  };
  auto field = [](const sim::StateField* f) { return f ? f->number() : 0.0; };
  number(slots_.gap_spread, j.gap_spread_mm());
  number(slots_.min_gap, field(fields_.min_gap));
  number(slots_.max_gap, field(fields_.max_gap));
  number(slots_.mean_preload, field(fields_.mean_preload));
  number(slots_.preload_spread, j.preload_spread_kn());
  number(slots_.yielded_count, field(fields_.yielded_count));
  number(slots_.tight_count, field(fields_.tight_count));
  double max_torque = 0.0;
  for (std::size_t i = 0; i < j.bolt_count(); ++i) {
    max_torque = std::max(max_torque, j.bolt(i).torque_nm());
  }
  number(slots_.max_torque, max_torque);
  number(slots_.passes_done, static_cast<double>(p.passes_done()));
  number(slots_.current_pass, static_cast<double>(std::min(p.passes_done() + 1, p.total_passes())));
  if (slots_.sequence_ok) state.set_bool(*slots_.sequence_ok, p.sequence_errors() == 0);
  number(slots_.sequence_errors, static_cast<double>(p.sequence_errors()));
  number(slots_.skipped_passes, static_cast<double>(p.skipped_passes()));
  number(slots_.short_strokes, static_cast<double>(p.short_strokes()));
  if (slots_.complete) state.set_bool(*slots_.complete, p.complete());
  if (slots_.next_bolt) {
    const auto next = p.expected_next();
    state.set_text(*slots_.next_bolt, next ? std::string_view(bolt_ids_[*next]) : "");
  }
}

}  // namespace txr::session
