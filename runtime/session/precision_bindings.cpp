// Precision trade: `caliper` and `micrometer` (hand-held instruments: physics tools whose
// targets sit on a part) and `measured_part` (a turned shaft whose true diameters are drawn from
// a manufacturing process, with one or two toleranced diameters).
//
// While an instrument is engaged on a target of a measured part its faces rest on the part at
// that target: the reading comes from the part's true local diameter there, the instrument's
// zero error (until zeroed), the tilt left after the instrument seats itself, and the measuring
// force from how far the trainee turns it closed (thimble, ratchet or caliper thumb roll).
// Taken off the part, it keeps showing its last reading (as a real one does). The trainee zeroes
// it (HUD `confirm` while holding it free), records the reading (`record_reading`) and judges
// the part (`judge_accept` / `judge_reject`).
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "session/trade_binding.hpp"
#include "sim/precision/instrument.hpp"
#include "sim/precision/iso286.hpp"
#include "sim/precision/measurement_record.hpp"
#include "sim/precision/part.hpp"

namespace txr::session {
namespace {

using sim::EventKind;
namespace precision = sim::precision;

constexpr double k_deg = std::numbers::pi / 180.0;
// Closing turn (thimble or thumb roll) past first contact that loads the faces to the nominal
// measuring force; force grows in proportion beyond it (the screw and frame act as a spring).
constexpr double k_contact_rad = 20.0 * k_deg;
// Force above this multiple of the nominal measuring force counts as excess.
constexpr double k_excess_factor = 1.5;

struct Feature {
  std::unique_ptr<precision::TurnedShaft> shaft;
  double from_mm = 0.0;  // extent along the part axis, in the object's frame
  double to_mm = 0.0;
};

struct PartBinding {
  std::string object;
  int axis = 0;  // the part axis in the object's frame: 0 x, 1 y, 2 z
  std::vector<Feature> features;
  bool conforms = false;  // the truth: every feature inside its tolerance everywhere
  double readings = 0.0;
  std::array<double, 2> feature_readings{0.0, 0.0};
  double last_mm = 0.0, error_mm = 0.0, max_error_mm = 0.0;
  bool all_in = true;
  precision::Judgement declared = precision::Judgement::none;
  std::optional<scenario::SlotId> s_count, s_diameter, s_step, s_last, s_error, s_max_error,
      s_judgement, s_correct, s_readings_judgement, s_conforms;
};

// One of an instrument's targets that sits on a measured part.
struct MeasureTarget {
  std::string id;
  PartBinding* part = nullptr;
  std::size_t feature = 0;
  double axial_mm = 0.0;  // from the start of the feature
  double angle_rad = 0.0;
  double tolerance_rad = 0.0;  // beyond it the faces no longer bear on the part
};

struct InstrumentBinding {
  std::string object;
  std::unique_ptr<precision::Instrument> model;
  bool ratchet = false;  // micrometer: turned by the ratchet stop
  double seat_rad = 0.0;
  double range_mm = 0.0;
  std::vector<MeasureTarget> targets;
  // Live state.
  bool held = false;
  std::string engaged;
  const MeasureTarget* on = nullptr;    // engaged now
  const MeasureTarget* last = nullptr;  // where the shown reading was taken (null: closed)
  double true_mm = 0.0;                 // true size where the shown reading was taken
  double tilt_rad = 0.0, force_n = 0.0;
  bool excess = false, slipped = false;
  double recorded = 0.0, unzeroed = 0.0;
  std::uint64_t measured_seq = 0;  // when it last measured (to find "the" instrument of a part)
  std::optional<scenario::SlotId> s_reading, s_zeroed, s_jaw, s_force, s_tilt, s_excess, s_recorded,
      s_unzeroed, s_ratchet;
};

class PrecisionBinding final : public TradeBinding {
 public:
  explicit PrecisionBinding(const TradeContext& context) : context_(context) {
    text_accept_ = context_.state.intern("accept");
    text_reject_ = context_.state.intern("reject");
    text_outside_ = context_.state.intern("outside");
  }

  core::Result<void> add_part(const scenario::SceneObject& object, const scenario::Component& c);
  core::Result<void> add_instrument(const scenario::SceneObject& object,
                                    const scenario::Component& c, bool micrometer);
  core::Result<void> resolve_targets();
  bool empty() const { return parts_.empty() && instruments_.empty(); }

  void step(const TradeStep& step) override;
  bool apply_ui(const core::UiCommand& command, const std::string& object_id) override;

 private:
  std::optional<scenario::SlotId> slot(const std::string& object, const char* field) const {
    return context_.state.find(object + "." + field);
  }
  InstrumentBinding* instrument(const std::string& id);
  PartBinding* part(const std::string& id);
  void measure(InstrumentBinding& inst, const physics::EngagementState& tool);
  bool record(const std::string& object_id);
  bool judge(const std::string& object_id, precision::Judgement judgement);
  void write_state();
  scenario::TextId judgement_text(precision::Judgement j) const {
    return j == precision::Judgement::accept   ? text_accept_
           : j == precision::Judgement::reject ? text_reject_
                                               : scenario::TextId{0};
  }

  TradeContext context_;
  std::vector<std::unique_ptr<PartBinding>> parts_;
  std::vector<std::unique_ptr<InstrumentBinding>> instruments_;
  std::vector<std::pair<InstrumentBinding*, const scenario::SceneObject*>> pending_;
  std::uint64_t seq_ = 0;
  scenario::TextId text_accept_ = 0, text_reject_ = 0, text_outside_ = 0;
};

core::Result<void> PrecisionBinding::add_part(const scenario::SceneObject& object,
                                              const scenario::Component& c) {
  auto p = std::make_unique<PartBinding>();
  p->object = object.id;
  const std::string axis = text_param(c, "axis", "x");
  p->axis = axis == "y" ? 1 : axis == "z" ? 2 : 0;
  precision::ProcessSpec process;
  process.mean_offset_mm = number_param(c, "offset_mm", 0.0);
  process.sd_mm = number_param(c, "sd_mm", 0.004);
  process.taper_sd_mm = number_param(c, "taper_sd_mm", 0.002);
  process.ovality_sd_mm = number_param(c, "ovality_sd_mm", 0.002);
  if (auto ok = precision::validate(process); !ok) {
    return core::fail("object '" + object.id + "': " + ok.error().message);
  }
  const auto seed = static_cast<std::uint64_t>(number_param(c, "seed", 1.0));
  // The main diameter, then an optional second one (a step) drawn with the next seed.
  for (const std::string prefix : {"", "step_"}) {
    const double d_mm = number_param(c, prefix + "diameter_mm", 0.0);
    if (d_mm <= 0.0) continue;
    const std::string code = text_param(c, prefix + "tolerance", "h7");
    auto zone = precision::iso286_zone(d_mm, code);
    if (!zone) {
      return core::fail("object '" + object.id + "': " + prefix + "tolerance '" + code +
                        "': " + zone.error().message);
    }
    Feature f;
    f.from_mm = number_param(c, prefix + "from_mm", 0.0);
    f.to_mm = number_param(c, prefix + "to_mm", 0.0);
    if (f.to_mm < f.from_mm) {
      return core::fail("object '" + object.id + "': " + prefix + "to_mm must not be less than " +
                        prefix + "from_mm");
    }
    const double length_mm = std::max(1.0, f.to_mm - f.from_mm);
    f.shaft = std::make_unique<precision::TurnedShaft>(object.id, *zone, length_mm, process,
                                                       seed + p->features.size());
    p->features.push_back(std::move(f));
  }
  p->conforms = std::all_of(p->features.begin(), p->features.end(),
                            [](const Feature& f) { return f.shaft->conforms(); });
  p->s_count = slot(object.id, "readings_count");
  p->s_diameter = slot(object.id, "diameter_readings");
  p->s_step = slot(object.id, "step_readings");
  p->s_last = slot(object.id, "last_reading_mm");
  p->s_error = slot(object.id, "reading_error_mm");
  p->s_max_error = slot(object.id, "max_reading_error_mm");
  p->s_judgement = slot(object.id, "judgement");
  p->s_correct = slot(object.id, "judgement_correct");
  p->s_readings_judgement = slot(object.id, "readings_judgement");
  p->s_conforms = slot(object.id, "conforms");
  parts_.push_back(std::move(p));
  return {};
}

core::Result<void> PrecisionBinding::add_instrument(const scenario::SceneObject& object,
                                                    const scenario::Component& c, bool micrometer) {
  precision::InstrumentSpec spec = micrometer ? precision::Instrument::outside_micrometer()
                                              : precision::Instrument::vernier_caliper();
  if (!micrometer && c.type == "caliper") {
    const auto* digital = find_param(c, "digital");
    if (digital != nullptr && digital->boolean) {
      spec.resolution_mm = 0.01;
      spec.parallax_scale = 0.0;  // a display has no parallax
    }
  }
  if (const auto* res = find_param(c, "resolution_mm"); res != nullptr && res->written) {
    spec.resolution_mm = res->number;
  }
  if (auto ok = precision::validate(spec); !ok) {
    return core::fail("object '" + object.id + "': " + ok.error().message);
  }
  auto inst = std::make_unique<InstrumentBinding>();
  inst->object = object.id;
  inst->model = std::make_unique<precision::Instrument>(object.id, spec,
                                                        number_param(c, "zero_error_mm", 0.0));
  const auto* ratchet = find_param(c, "ratchet");
  inst->ratchet = micrometer && (ratchet == nullptr || ratchet->boolean);
  inst->range_mm = number_param(c, "range_mm", micrometer ? 25.0 : 150.0);
  inst->seat_rad = number_param(c, "seat_deg", 1.5) * k_deg;
  inst->model->measure_size(0.0, {});  // closed: shows its zero error
  inst->s_reading = slot(object.id, "reading_mm");
  inst->s_zeroed = slot(object.id, "zeroed");
  inst->s_jaw = slot(object.id, "jaw");
  inst->s_force = slot(object.id, "force_n");
  inst->s_tilt = slot(object.id, "tilt_deg");
  inst->s_excess = slot(object.id, "excess_force");
  inst->s_recorded = slot(object.id, "recorded_count");
  inst->s_unzeroed = slot(object.id, "unzeroed_readings");
  inst->s_ratchet = slot(object.id, "ratchet");
  pending_.emplace_back(inst.get(), &object);
  instruments_.push_back(std::move(inst));
  return {};
}

// Instruments' targets on measured parts: where along the feature and round it each one is.
core::Result<void> PrecisionBinding::resolve_targets() {
  for (auto& [inst, object] : pending_) {
    for (const auto& in : object->interactions) {
      for (const auto& t : in.targets) {
        PartBinding* p = part(t.object);
        if (p == nullptr) continue;
        const auto a = static_cast<std::size_t>(p->axis);
        const double axial_mm = t.point_m[a] * 1000.0;
        MeasureTarget m;
        m.id = t.id;
        m.part = p;
        bool found = false;
        for (std::size_t i = 0; i < p->features.size() && !found; ++i) {
          const Feature& f = p->features[i];
          const bool whole = f.from_mm == 0.0 && f.to_mm == 0.0;
          if (whole || (axial_mm >= f.from_mm && axial_mm <= f.to_mm)) {
            m.feature = i;
            m.axial_mm = whole ? 0.5 * f.shaft->length_mm() : axial_mm - f.from_mm;
            found = true;
          }
        }
        if (!found) {
          return core::fail("tool target '" + t.id + "' on '" + p->object + "' is at " +
                            std::to_string(axial_mm) +
                            " mm along the part, outside every measured diameter");
        }
        // The diameter measured lies along the target axis, square to the part axis.
        const double u = t.axis[(a + 1) % 3], v = t.axis[(a + 2) % 3];
        const double norm = std::hypot(t.axis[0], t.axis[1], t.axis[2]);
        if (norm <= 0.0 || std::hypot(u, v) < 0.7 * norm) {
          return core::fail("tool target '" + t.id + "' on '" + p->object +
                            "': its axis must lie across the part (square to its axis)");
        }
        m.angle_rad = std::atan2(v, u);
        m.tolerance_rad = t.tolerance_deg * k_deg;
        const double nominal_mm = p->features[m.feature].shaft->zone().nominal_mm;
        if (nominal_mm > inst->range_mm) {
          return core::fail("object '" + inst->object + "' (range " +
                            std::to_string(inst->range_mm) + " mm) cannot measure the " +
                            std::to_string(nominal_mm) + " mm diameter at tool target '" + t.id +
                            "'");
        }
        inst->targets.push_back(std::move(m));
      }
    }
  }
  pending_.clear();
  return {};
}

InstrumentBinding* PrecisionBinding::instrument(const std::string& id) {
  for (auto& i : instruments_) {
    if (i->object == id) return i.get();
  }
  return nullptr;
}

PartBinding* PrecisionBinding::part(const std::string& id) {
  for (auto& p : parts_) {
    if (p->object == id) return p.get();
  }
  return nullptr;
}

void PrecisionBinding::measure(InstrumentBinding& inst, const physics::EngagementState& tool) {
  const MeasureTarget& m = *inst.on;
  const precision::InstrumentSpec& spec = inst.model->spec();
  // Closing turn past contact (clockwise, as tightening a right-hand screw: negative rotation).
  const double closing_rad = std::max(0.0, -static_cast<double>(tool.rotation_rad));
  double force_n = spec.nominal_force_n * closing_rad / k_contact_rad;
  const bool by_ratchet = spec.micrometer && inst.ratchet;
  if (by_ratchet && force_n >= spec.nominal_force_n) {
    force_n = spec.nominal_force_n;  // the ratchet slips: the force stays at its setting
    if (!inst.slipped) {
      inst.slipped = true;
      context_.event_target = m.id;
      context_.channel.emit(EventKind::click, inst.object, force_n, "ratchet");
      context_.event_target.clear();
    }
  }
  // A hand-held instrument rocks square under the measuring force within its seating angle;
  // beyond, the tilt stays and the faces bridge the part at a slant (cosine error).
  inst.tilt_rad = std::max(0.0, static_cast<double>(tool.angle_error_rad) - inst.seat_rad);
  inst.force_n = force_n;
  precision::MeasureAction action;
  action.axial_mm = m.axial_mm;
  action.angle_rad = m.angle_rad;
  action.tilt_rad = inst.tilt_rad;
  action.force_n = force_n;
  action.use_ratchet = by_ratchet;
  inst.true_mm = m.part->features[m.feature].shaft->local_diameter_mm(m.axial_mm, m.angle_rad);
  inst.model->measure_size(inst.true_mm, action);
  inst.last = &m;
  inst.measured_seq = ++seq_;
  const bool excess = force_n > k_excess_factor * spec.nominal_force_n;
  if (excess && !inst.excess) {
    context_.event_target = m.id;
    context_.channel.emit(EventKind::excess_force, inst.object, force_n);
    context_.event_target.clear();
  }
  inst.excess = excess;
}

void PrecisionBinding::step(const TradeStep& step) {
  for (auto& inst : instruments_) {
    inst->held = false;
    for (const auto& hand : step.interaction.hands) {
      inst->held = inst->held || hand.held_body == inst->object;
    }
    const physics::EngagementState* engagement = nullptr;
    for (const auto& tool : step.interaction.tools) {
      if (tool.tool == inst->object) engagement = &tool;
    }
    const std::string_view target =
        engagement != nullptr ? std::string_view(engagement->target) : std::string_view();
    if (target != inst->engaged) {
      inst->engaged = target;
      inst->on = nullptr;
      inst->slipped = false;
      for (const auto& m : inst->targets) {
        if (m.id == inst->engaged) inst->on = &m;
      }
    }
    // Coming on or going off the part the faces are not bearing yet: the reading holds.
    if (inst->on != nullptr &&
        static_cast<double>(engagement->angle_error_rad) <= inst->on->tolerance_rad) {
      measure(*inst, *engagement);
    } else {
      inst->force_n = 0.0;
      inst->excess = false;
    }
  }
  write_state();
}

void PrecisionBinding::write_state() {
  auto& state = context_.state;
  for (const auto& inst : instruments_) {
    if (inst->s_reading) state.set_number(*inst->s_reading, inst->model->last().value_mm);
    if (inst->s_zeroed) state.set_bool(*inst->s_zeroed, inst->model->zeroed());
    if (inst->s_jaw) state.set_text_id(*inst->s_jaw, text_outside_);
    if (inst->s_force) state.set_number(*inst->s_force, inst->force_n);
    if (inst->s_tilt) state.set_number(*inst->s_tilt, inst->tilt_rad / k_deg);
    if (inst->s_excess) state.set_bool(*inst->s_excess, inst->excess);
    if (inst->s_recorded) state.set_number(*inst->s_recorded, inst->recorded);
    if (inst->s_unzeroed) state.set_number(*inst->s_unzeroed, inst->unzeroed);
    if (inst->s_ratchet) state.set_bool(*inst->s_ratchet, inst->ratchet);
  }
  for (const auto& p : parts_) {
    if (p->s_count) state.set_number(*p->s_count, p->readings);
    if (p->s_diameter) state.set_number(*p->s_diameter, p->feature_readings[0]);
    if (p->s_step) state.set_number(*p->s_step, p->feature_readings[1]);
    if (p->s_last) state.set_number(*p->s_last, p->last_mm);
    if (p->s_error) state.set_number(*p->s_error, p->error_mm);
    if (p->s_max_error) state.set_number(*p->s_max_error, p->max_error_mm);
    if (p->s_judgement) state.set_text_id(*p->s_judgement, judgement_text(p->declared));
    const bool correct = p->declared != precision::Judgement::none &&
                         (p->declared == precision::Judgement::accept) == p->conforms;
    if (p->s_correct) state.set_bool(*p->s_correct, correct);
    const auto from_readings = p->readings == 0.0 ? precision::Judgement::none
                               : p->all_in        ? precision::Judgement::accept
                                                  : precision::Judgement::reject;
    if (p->s_readings_judgement) {
      state.set_text_id(*p->s_readings_judgement, judgement_text(from_readings));
    }
    if (p->s_conforms) state.set_bool(*p->s_conforms, p->conforms);
  }
}

// record_reading on an instrument, or on a part (then the instrument that measured it last).
bool PrecisionBinding::record(const std::string& object_id) {
  InstrumentBinding* inst = instrument(object_id);
  if (inst == nullptr) {
    for (auto& i : instruments_) {
      if (i->last != nullptr && i->last->part->object == object_id &&
          (inst == nullptr || i->measured_seq > inst->measured_seq)) {
        inst = i.get();
      }
    }
  }
  if (inst == nullptr || inst->last == nullptr) return false;
  const MeasureTarget& m = *inst->last;
  PartBinding& p = *m.part;
  const double value_mm = inst->model->last().value_mm;
  p.readings += 1.0;
  p.feature_readings[std::min<std::size_t>(m.feature, 1)] += 1.0;
  p.last_mm = value_mm;
  p.error_mm = value_mm - inst->true_mm;
  p.max_error_mm = std::max(p.max_error_mm, std::fabs(p.error_mm));
  p.all_in = p.all_in && p.features[m.feature].shaft->zone().contains(value_mm);
  inst->recorded += 1.0;
  context_.channel.emit(EventKind::reading_recorded, p.object, value_mm, inst->object);
  if (!inst->model->zeroed()) {
    inst->unzeroed += 1.0;
    context_.channel.emit(EventKind::not_zeroed, inst->object, value_mm);
  }
  if (inst->tilt_rad > 0.0) {
    context_.channel.emit(EventKind::tilted, inst->object, inst->tilt_rad / k_deg);
  }
  // Graded for the assessment's accuracy metrics: the reading against the true size there.
  context_.results.report({p.object, k_result_size_mm, value_mm, inst->true_mm});
  write_state();
  return true;
}

// judge_* on a part, or on an instrument (then the part it measured last).
bool PrecisionBinding::judge(const std::string& object_id, precision::Judgement judgement) {
  PartBinding* p = part(object_id);
  if (p == nullptr) {
    const InstrumentBinding* inst = instrument(object_id);
    if (inst != nullptr && inst->last != nullptr) p = inst->last->part;
  }
  if (p == nullptr) return false;
  p->declared = judgement;
  const bool accept = judgement == precision::Judgement::accept;
  context_.channel.emit(EventKind::judgement_made, p->object, accept == p->conforms ? 1.0 : 0.0,
                        precision::to_string(judgement));
  context_.results.report(
      {p->object, k_result_judgement, accept ? 1.0 : 0.0, p->conforms ? 1.0 : 0.0});
  write_state();
  return true;
}

bool PrecisionBinding::apply_ui(const core::UiCommand& command, const std::string& object_id) {
  switch (command.kind) {
    case core::UiCommandKind::record_reading:
      return record(object_id);
    case core::UiCommandKind::judge_accept:
      return judge(object_id, precision::Judgement::accept);
    case core::UiCommandKind::judge_reject:
      return judge(object_id, precision::Judgement::reject);
    case core::UiCommandKind::set_value: {
      // Micrometer: 1 turns it by the ratchet stop, 0 by the thimble directly.
      InstrumentBinding* inst = instrument(object_id);
      if (inst == nullptr || !inst->model->spec().micrometer) return false;
      inst->ratchet = command.value >= 0.5f;
      write_state();
      return true;
    }
    case core::UiCommandKind::confirm: {
      // Zeroing: the trainee holds the instrument closed with nothing between the faces.
      InstrumentBinding* inst = instrument(object_id);
      if (inst == nullptr || !inst->held || inst->on != nullptr) return false;
      const double found_mm = inst->model->zero_error_mm();
      inst->model->zero();
      inst->model->measure_size(0.0, {});
      inst->last = nullptr;
      context_.channel.emit(EventKind::zeroed, inst->object, found_mm);
      write_state();
      return true;
    }
    default:
      return false;
  }
}

}  // namespace

void add_precision_components(scenario::ComponentRegistry& registry) {
  using scenario::ValueType;
  scenario::ComponentSchema mic;
  mic.type = "micrometer";
  mic.description = "outside micrometer (0.01 mm) with a ratchet stop";
  scenario::ParamSpec ratchet;
  ratchet.name = "ratchet";
  ratchet.type = scenario::ParamType::boolean;
  ratchet.default_bool = true;
  ratchet.description = "turned by the ratchet stop at the start (HUD set_value 1/0 changes it)";
  mic.params = {
      number_spec("resolution_mm", false, 0.001, 0.1, 0.01, "smallest readable step"),
      number_spec("range_mm", false, 1.0, 1000.0, 25.0, "largest size it measures"),
      number_spec("zero_error_mm", false, -1.0, 1.0, 0.0, "what it reads closed, until zeroed"),
      number_spec("seat_deg", false, 0.0, 10.0, 1.5, "tilt it rocks square by itself"), ratchet};
  mic.exports = {
      export_spec("reading_mm", ValueType::number, "what the scale shows"),
      export_spec("zeroed", ValueType::boolean, "zero checked"),
      export_spec("force_n", ValueType::number, "measuring force now"),
      export_spec("tilt_deg", ValueType::number, "tilt left in the measurement"),
      export_spec("excess_force", ValueType::boolean, "closed harder than 1.5 x its force"),
      export_spec("recorded_count", ValueType::number, "readings recorded with it"),
      export_spec("unzeroed_readings", ValueType::number, "readings recorded before zeroing"),
      export_spec("ratchet", ValueType::boolean, "turned by the ratchet stop"),
  };
  (void)registry.add(std::move(mic));

  scenario::ComponentSchema part;
  part.type = "measured_part";
  part.description = "turned shaft with toleranced diameters (ISO 286) drawn from a process";
  scenario::ParamSpec axis;
  axis.name = "axis";
  axis.type = scenario::ParamType::choice;
  axis.choices = {"x", "y", "z"};
  axis.default_text = "x";
  axis.description = "the part's axis in its own frame";
  part.params = {
      number_spec("diameter_mm", true, 1.0, 50.0, 0.0, "nominal diameter"),
      text_spec("tolerance", true, "", "ISO 286 tolerance class, e.g. h7"),
      number_spec("from_mm", false, -10000.0, 10000.0, 0.0, "start of the diameter along axis"),
      number_spec("to_mm", false, -10000.0, 10000.0, 0.0, "end (from = to = 0: whole part)"),
      number_spec("step_diameter_mm", false, 0.0, 50.0, 0.0, "second diameter (0: none)"),
      text_spec("step_tolerance", false, "h11", "its tolerance class"),
      number_spec("step_from_mm", false, -10000.0, 10000.0, 0.0, "its start along the axis"),
      number_spec("step_to_mm", false, -10000.0, 10000.0, 0.0, "its end along the axis"),
      axis,
      number_spec("seed", false, 0.0, 1.0e9, 1.0, "which part comes off the machine"),
      number_spec("offset_mm", false, -1.0, 1.0, 0.0, "process mean from the middle of the zone"),
      number_spec("sd_mm", false, 0.0, 0.5, 0.004, "diameter standard deviation"),
      number_spec("taper_sd_mm", false, 0.0, 0.5, 0.002, "taper end to end (sd)"),
      number_spec("ovality_sd_mm", false, 0.0, 0.5, 0.002, "out-of-roundness (sd)")};
  part.exports = {
      export_spec("readings_count", ValueType::number, "readings recorded"),
      export_spec("diameter_readings", ValueType::number, "readings of the main diameter"),
      export_spec("step_readings", ValueType::number, "readings of the step diameter"),
      export_spec("last_reading_mm", ValueType::number, "last recorded reading"),
      export_spec("reading_error_mm", ValueType::number, "last reading minus the true size"),
      export_spec("max_reading_error_mm", ValueType::number, "largest |reading error|"),
      export_spec("judgement", ValueType::text, "the trainee's decision"),
      export_spec("judgement_correct", ValueType::boolean, "the decision fits the part"),
      export_spec("readings_judgement", ValueType::text, "what the recorded readings say"),
      export_spec("conforms", ValueType::boolean, "the part is truly within tolerance"),
  };
  for (auto& e : part.exports) {
    if (e.type == ValueType::text) e.choices = {"", "accept", "reject"};
  }
  (void)registry.add(std::move(part));
}

core::Result<std::unique_ptr<TradeBinding>> make_precision_binding(const TradeContext& context) {
  auto binding = std::make_unique<PrecisionBinding>(context);
  // Parts first: instruments' targets refer to them.
  for (const auto& object : context.scenario.objects) {
    for (const auto& c : object.components) {
      if (c.type != "measured_part") continue;
      if (auto added = binding->add_part(object, c); !added) return std::unexpected(added.error());
    }
  }
  for (const auto& object : context.scenario.objects) {
    for (const auto& c : object.components) {
      if (c.type != "caliper" && c.type != "micrometer") continue;
      if (auto added = binding->add_instrument(object, c, c.type == "micrometer"); !added) {
        return std::unexpected(added.error());
      }
    }
  }
  if (auto resolved = binding->resolve_targets(); !resolved) {
    return std::unexpected(resolved.error());
  }
  if (binding->empty()) return std::unique_ptr<TradeBinding>();
  return std::unique_ptr<TradeBinding>(std::move(binding));
}

}  // namespace txr::session
