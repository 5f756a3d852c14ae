#include "session/trade_results.hpp"

#include <algorithm>
#include <cmath>

namespace txr::session {
namespace {

// Changes below this (relative) are rounding, not a new result.
bool differs(double a, double b) {
  return std::fabs(a - b) > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

void TradeResults::report(const TradeResult& result) {
  if (on_result_) on_result_(time_s_, result);
}

void TradeResults::track(const TradeResult& result) {
  auto [it, inserted] = tracked_.try_emplace({result.object, result.quantity});
  Tracked& t = it->second;
  if (inserted || differs(t.latest.value, result.value) ||
      differs(t.latest.target, result.target)) {
    t.latest = result;
    t.changed_at_s = time_s_;
    t.pending = true;
  }
}

void TradeResults::end_step() {
  for (auto& [key, t] : tracked_) {
    if (t.pending && time_s_ - t.changed_at_s >= k_settle_s - 1e-9) emit(t);
  }
}

void TradeResults::flush() {
  for (auto& [key, t] : tracked_) {
    if (t.pending) emit(t);
  }
}

void TradeResults::emit(Tracked& tracked) {
  tracked.pending = false;
  if (on_result_) on_result_(time_s_, tracked.latest);
}

}  // namespace txr::session
