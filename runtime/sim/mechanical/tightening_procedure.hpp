#pragma once
// The tightening procedure of a bolted joint: the passes a trainee takes the bolts through and
// the order in which they do it, checked stroke by stroke against the plan.
//
// Practice (trades-and-metrics.md; ASME PCC-1 Appendix F "legacy" pattern): tighten the bolts
// in a star (criss-cross) order in passes of rising torque, e.g. 30 % → 70 % → 100 % of the
// target, then go over them again at 100 % (check pass). A pass is one stroke per bolt.
//  - A stroke is one wrench application on one bolt, reduced to the peak torque it reached.
//  - The stroke is the bolt's next pass m = pass_count + 1 when it reached that pass's torque
//    within the tolerance. A stroke falling short of it (the wrench left at an earlier pass's
//    setting) does not count: `short_strokes`. One reaching a later pass's torque skips the
//    passes in between (`pass_skipped`, `skipped_passes`); the bolt is then at that later pass.
//  - A second stroke on the bolt just tightened, no higher than the pass it has, is a repeat
//    (re-clicking to be sure) and changes nothing.
//  - Order: a pass starts at any bolt; from there the plan expects the star sequence rotated to
//    that bolt (BoltedJoint::star_sequence), each time the first bolt of it not yet done in this
//    pass. Check passes follow `check_order` (star, round = clockwise, any). A stroke on another
//    bolt, or on a bolt that is already ahead of the pass in progress, is a `sequence_error`.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sim/events.hpp"
#include "sim/state_field.hpp"

namespace txr::sim::mechanical {

enum class CheckOrder : std::uint8_t { star, round, any };
std::string_view to_string(CheckOrder order);
core::Result<CheckOrder> parse_check_order(std::string_view text);  // "star", "round", "any"

struct TighteningPlan {
  std::vector<double> pass_torques_nm{21.6, 50.4, 72.0};  // the star passes, rising
  std::size_t check_passes = 1;                           // then at the last torque
  CheckOrder check_order = CheckOrder::star;
  // A stroke counts for a pass when its peak reaches (1 − tolerance) × the pass torque.
  double tolerance = 0.10;
};

// 1–8 rising passes (> 0), 0–4 check passes, tolerance in [0, 0.5) and small enough that the
// passes' bands do not overlap.
core::Result<void> validate(const TighteningPlan& plan);

enum class StrokeResult : std::uint8_t {
  touch,    // below every pass: the wrench was put on without a real pull
  counted,  // the bolt's next pass
  skipped,  // counted, but it jumped over one or more passes
  short_of_pass,
  repeat,  // again on the bolt just tightened, nothing more reached
  extra,   // the bolt had every pass of the plan already
};

class TighteningProcedure {
 public:
  // `bolt_names` clockwise; they are the `detail` of the events and must be 3–64.
  TighteningProcedure(std::string id, std::vector<std::string> bolt_names,
                      const TighteningPlan& plan, const EventChannel* events = nullptr);
  TighteningProcedure(const TighteningProcedure&) = delete;
  TighteningProcedure& operator=(const TighteningProcedure&) = delete;

  // One stroke on bolt `index` (0-based, clockwise) that reached `peak_nm`.
  StrokeResult stroke(std::size_t index, double peak_nm);

  std::size_t bolt_count() const { return pass_count_.size(); }
  std::size_t pass_count(std::size_t index) const { return pass_count_[index]; }
  std::size_t passes_done() const { return passes_done_; }
  std::size_t total_passes() const { return plan_.pass_torques_nm.size() + plan_.check_passes; }
  bool complete() const { return passes_done_ >= total_passes(); }
  // The torque pass `pass` (1-based) asks for.
  double pass_torque_nm(std::size_t pass) const;
  // The bolt the plan expects next (none before a pass has started, when any order is fine, or
  // when the plan is complete).
  std::optional<std::size_t> expected_next() const;
  std::size_t sequence_errors() const { return sequence_errors_; }
  std::size_t skipped_passes() const { return skipped_passes_; }
  std::size_t short_strokes() const { return short_strokes_; }
  const TighteningPlan& plan() const { return plan_; }
  std::span<const StateField> state() const { return fields_.span(); }

 private:
  std::size_t level_reached(double peak_nm) const;  // highest pass (1-based) reached, 0: none
  std::vector<std::size_t> order_for(std::size_t pass, std::size_t anchor) const;
  void refresh();

  std::string id_;
  std::vector<std::string> names_;
  TighteningPlan plan_;
  const EventChannel* events_;
  std::vector<std::size_t> star_;
  std::vector<std::size_t> pass_count_;
  std::size_t passes_done_ = 0;
  std::optional<std::size_t> anchor_;     // first bolt of the pass in progress
  std::optional<std::size_t> last_bolt_;  // of the last stroke that reached a pass
  std::size_t sequence_errors_ = 0;
  std::size_t skipped_passes_ = 0;
  std::size_t short_strokes_ = 0;
  double passes_done_f_ = 0.0, sequence_errors_f_ = 0.0, skipped_f_ = 0.0, short_f_ = 0.0;
  bool sequence_ok_ = true;
  bool complete_ = false;
  StateFields<6> fields_;
};

}  // namespace txr::sim::mechanical
