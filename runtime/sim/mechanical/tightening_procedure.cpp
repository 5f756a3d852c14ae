#include "sim/mechanical/tightening_procedure.hpp"

#include <algorithm>
#include <cmath>

#include "sim/mechanical/bolted_joint.hpp"

namespace txr::sim::mechanical {

std::string_view to_string(CheckOrder order) {
  switch (order) {
    case CheckOrder::star:
      return "star";
    case CheckOrder::round:
      return "round";
    case CheckOrder::any:
      return "any";
  }
  return "?";
}

core::Result<CheckOrder> parse_check_order(std::string_view text) {
  if (text == "star") return CheckOrder::star;
  if (text == "round") return CheckOrder::round;
  if (text == "any") return CheckOrder::any;
  return core::fail("check order '" + std::string(text) + "' must be star, round or any");
}

core::Result<void> validate(const TighteningPlan& plan) {
  const auto& t = plan.pass_torques_nm;
  if (t.empty() || t.size() > 8) return core::fail("tightening plan: 1 to 8 passes");
  if (plan.check_passes > 4) return core::fail("tightening plan: at most 4 check passes");
  if (!(plan.tolerance >= 0.0 && plan.tolerance < 0.5)) {
    return core::fail("tightening plan: tolerance must be from 0 to 0.5");
  }
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (!(std::isfinite(t[k]) && t[k] > 0.0)) {
      return core::fail("tightening plan: pass torques must be more than 0");
    }
    // Neighbouring passes must stay apart even at the ends of their bands, or a stroke at one
    // pass's torque could count as the next one.
    if (k > 0 && !((1.0 - plan.tolerance) * t[k] > (1.0 + plan.tolerance) * t[k - 1])) {
      return core::fail("tightening plan: pass " + std::to_string(k + 1) +
                        " must be clearly above pass " + std::to_string(k) +
                        " (more than the tolerance apart)");
    }
  }
  return {};
}

TighteningProcedure::TighteningProcedure(std::string id, std::vector<std::string> bolt_names,
                                         const TighteningPlan& plan, const EventChannel* events)
    : id_(std::move(id)),
      names_(std::move(bolt_names)),
      plan_(plan),
      events_(events),
      star_(BoltedJoint::star_sequence(names_.size())),
      pass_count_(names_.size(), 0) {
  fields_.add("passes_done", &passes_done_f_);
  fields_.add("sequence_errors", &sequence_errors_f_);
  fields_.add("skipped_passes", &skipped_f_);
  fields_.add("short_strokes", &short_f_);
  fields_.add("sequence_ok", &sequence_ok_);
  fields_.add("complete", &complete_);
}

double TighteningProcedure::pass_torque_nm(std::size_t pass) const {
  const auto& t = plan_.pass_torques_nm;
  if (pass == 0 || t.empty()) return 0.0;
  return t[std::min(pass, t.size()) - 1];
}

std::size_t TighteningProcedure::level_reached(double peak_nm) const {
  std::size_t level = 0;
  const auto& t = plan_.pass_torques_nm;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (peak_nm >= (1.0 - plan_.tolerance) * t[k]) level = k + 1;
  }
  return level;
}

std::vector<std::size_t> TighteningProcedure::order_for(std::size_t pass,
                                                        std::size_t anchor) const {
  const std::size_t n = pass_count_.size();
  std::vector<std::size_t> order;
  const bool check = pass > plan_.pass_torques_nm.size();
  if (check && plan_.check_order == CheckOrder::any) return order;
  for (std::size_t k = 0; k < n; ++k) {
    // Star from `anchor`: the pattern turned so it starts there (the circle is symmetric).
    const std::size_t from_anchor = check && plan_.check_order == CheckOrder::round ? k : star_[k];
    order.push_back((from_anchor + anchor) % n);
  }
  return order;
}

std::optional<std::size_t> TighteningProcedure::expected_next() const {
  if (complete() || !anchor_) return std::nullopt;
  const std::size_t pass = passes_done_ + 1;
  for (std::size_t b : order_for(pass, *anchor_)) {
    if (pass_count_[b] < pass) return b;
  }
  return std::nullopt;
}

StrokeResult TighteningProcedure::stroke(std::size_t index, double peak_nm) {
  if (index >= pass_count_.size()) return StrokeResult::touch;
  const std::size_t level = level_reached(peak_nm);
  if (level == 0) return StrokeResult::touch;
  const std::size_t star_passes = plan_.pass_torques_nm.size();
  const std::size_t had = pass_count_[index];
  const bool again = last_bolt_ == index;  // straight after a stroke on this same bolt
  last_bolt_ = index;
  if (again && level <= std::min(had, star_passes)) return StrokeResult::repeat;
  if (had >= total_passes()) return StrokeResult::extra;
  const std::size_t pass = had + 1;  // the pass this stroke is for
  if (level < std::min(pass, star_passes)) {
    ++short_strokes_;
    refresh();
    return StrokeResult::short_of_pass;
  }

  // Order, against the pass in progress.
  const std::size_t current = passes_done_ + 1;
  std::optional<std::size_t> wanted;
  bool out_of_order = false;
  if (pass > current) {
    out_of_order = true;  // back on a bolt before the pass in progress went round
    wanted = expected_next();
  } else if (!anchor_) {
    anchor_ = index;  // the first bolt of a pass sets where its pattern starts
  } else {
    wanted = expected_next();
    out_of_order = wanted.has_value() && *wanted != index;
  }
  if (out_of_order) {
    ++sequence_errors_;
    const double wanted_number = wanted ? static_cast<double>(*wanted + 1) : 0.0;
    emit_to(events_, EventKind::sequence_error, id_, wanted_number, names_[index]);
  }

  StrokeResult result = StrokeResult::counted;
  if (pass <= star_passes && level > pass) {
    for (std::size_t p = pass; p < level; ++p) {
      emit_to(events_, EventKind::pass_skipped, id_, static_cast<double>(p), names_[index]);
    }
    skipped_passes_ += level - pass;
    pass_count_[index] = level;
    result = StrokeResult::skipped;
  } else {
    pass_count_[index] = pass;
  }

  const std::size_t all_have = *std::min_element(pass_count_.begin(), pass_count_.end());
  while (passes_done_ < std::min(all_have, total_passes())) {
    ++passes_done_;
    anchor_.reset();
    emit_to(events_, EventKind::pass_completed, id_, static_cast<double>(passes_done_));
  }
  refresh();
  return result;
}

void TighteningProcedure::refresh() {
  passes_done_f_ = static_cast<double>(passes_done_);
  sequence_errors_f_ = static_cast<double>(sequence_errors_);
  skipped_f_ = static_cast<double>(skipped_passes_);
  short_f_ = static_cast<double>(short_strokes_);
  sequence_ok_ = sequence_errors_ == 0;
  complete_ = complete();
}

}  // namespace txr::sim::mechanical
