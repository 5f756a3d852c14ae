#pragma once
// The `bolted_joint` component: a flange or cover held by fasteners on a bolt circle. It owns the
// joint model (sim::mechanical::BoltedJoint: gap evenness from the elastic interaction between
// bolts) and the tightening procedure check (passes and star order); the mechanical binding
// routes each wrench stroke on one of its bolts here. Format: docs/scenario-format.md.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "scenario/component_schema.hpp"
#include "scenario/scenario.hpp"
#include "scenario/state_table.hpp"
#include "sim/events.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "sim/mechanical/tightening_procedure.hpp"

namespace txr::session {

scenario::ComponentSchema bolted_joint_schema();

class JointBinding {
 public:
  // Reads the component's parameters; its `bolts` must name objects with a `fastener` of one
  // size, nut factor and target torque. Errors name the object and the parameter.
  static core::Result<std::unique_ptr<JointBinding>> create(const scenario::Scenario& scenario,
                                                            const scenario::SceneObject& object,
                                                            const scenario::Component& component,
                                                            const scenario::StateTable& state,
                                                            const sim::EventChannel* events);

  const std::string& object() const { return object_; }
  // Fastener object ids, clockwise.
  const std::vector<std::string>& bolt_ids() const { return bolt_ids_; }
  sim::mechanical::BoltedJoint& model() { return *joint_; }
  const sim::mechanical::BoltedJoint& model() const { return *joint_; }
  const sim::mechanical::TighteningProcedure& procedure() const { return *procedure_; }

  // The wrench puts `torque_nm` on bolt `index` this step (the nut turns when it beats the
  // preload the bolt holds now).
  void tighten(std::size_t index, double torque_nm);
  // A stroke on bolt `index` ended having reached `peak_nm`: the procedure check sees it.
  sim::mechanical::StrokeResult end_stroke(std::size_t index, double peak_nm);
  // Writes the joint's exports (its bolts' own states are written by the mechanical binding).
  void write_state(scenario::StateTable& state) const;

 private:
  JointBinding() = default;

  std::string object_;
  std::vector<std::string> bolt_ids_;
  std::unique_ptr<sim::mechanical::BoltedJoint> joint_;
  std::unique_ptr<sim::mechanical::TighteningProcedure> procedure_;
  struct Slots {
    std::optional<scenario::SlotId> gap_spread, min_gap, max_gap, mean_preload, preload_spread,
        yielded_count, tight_count, max_torque, passes_done, current_pass, sequence_ok,
        sequence_errors, skipped_passes, short_strokes, complete, next_bolt;
  } slots_;
  struct Fields {  // the joint model's fields without a getter (it lives at a fixed address)
    const sim::StateField *min_gap = nullptr, *max_gap = nullptr, *mean_preload = nullptr,
                          *yielded_count = nullptr, *tight_count = nullptr;
  } fields_;
};

}  // namespace txr::session
