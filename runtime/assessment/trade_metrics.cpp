#include "assessment/trade_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace txr::assessment {
namespace {

// Which results a metric looks at, how each becomes an error, how errors combine.
enum class Select { final_per_object, every };
enum class ErrorForm { abs_pct, abs, match };
enum class Combine { max, mean };

struct Definition {
  std::string_view name;
  std::string_view quantity;
  Select select;
  ErrorForm form;
  Combine combine;
};

constexpr std::array<Definition, 5> k_definitions{{
    {"torque_error_pct", "torque_nm", Select::final_per_object, ErrorForm::abs_pct, Combine::max},
    {"torque_error_pct_mean", "torque_nm", Select::final_per_object, ErrorForm::abs_pct,
     Combine::mean},
    {"measurement_error_mm", "size_mm", Select::every, ErrorForm::abs, Combine::mean},
    {"measurement_error_mm_max", "size_mm", Select::every, ErrorForm::abs, Combine::max},
    {"judgement_correct", "judgement", Select::final_per_object, ErrorForm::match, Combine::mean},
}};

constexpr std::array<std::string_view, k_definitions.size()> k_names = [] {
  std::array<std::string_view, k_definitions.size()> out{};
  for (std::size_t i = 0; i < k_definitions.size(); ++i) out[i] = k_definitions[i].name;
  return out;
}();

const Definition* find_definition(std::string_view name) {
  for (const auto& d : k_definitions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// A judgement is 1 (accept) or 0 (reject); anything within 0.5 of the right one is that one.
bool judged_right(const TradeResultEvidence& r) { return std::fabs(r.value - r.target) < 0.5; }

}  // namespace

std::vector<TradeResultEvidence> trade_results(std::span<const RecordEvent> events) {
  std::vector<TradeResultEvidence> out;
  for (const auto& e : events) {
    if (e.type != "trade_result") continue;
    const auto payload = nlohmann::json::parse(e.payload_json, nullptr, false);
    if (!payload.is_object()) continue;
    const auto d = payload.find("detail");
    const auto v = payload.find("value");
    const auto t = payload.find("target");
    if (d == payload.end() || !d->is_string() || t == payload.end() || !t->is_number()) continue;
    // The session writes value even when it is 0; an older writer may have left it out.
    const double value = v != payload.end() && v->is_number() ? v->get<double>() : 0.0;
    out.push_back({e.time_s, e.subject, d->get<std::string>(), value, t->get<double>()});
  }
  return out;
}

std::span<const std::string_view> trade_metric_names() { return k_names; }

bool is_trade_metric(std::string_view name) { return find_definition(name) != nullptr; }

TradeMetricValue trade_metric(std::string_view name, std::span<const TradeResultEvidence> results) {
  TradeMetricValue out;
  const Definition* def = find_definition(name);
  if (def == nullptr) {
    out.why_not = "'" + std::string(name) + "' is not a trade metric";
    return out;
  }
  // The results the metric uses, in record order (final: each object's last one, ordered by
  // the object's first appearance so the summary reads in the order things happened).
  std::vector<const TradeResultEvidence*> used;
  if (def->select == Select::every) {
    for (const auto& r : results) {
      if (r.quantity == def->quantity) used.push_back(&r);
    }
  } else {
    std::map<std::string, std::size_t, std::less<>> slot;
    for (const auto& r : results) {
      if (r.quantity != def->quantity) continue;
      auto [it, inserted] = slot.try_emplace(r.object, used.size());
      if (inserted) {
        used.push_back(&r);
      } else {
        used[it->second] = &r;
      }
    }
  }
  if (def->form == ErrorForm::abs_pct) {
    std::erase_if(used, [](const TradeResultEvidence* r) { return r->target == 0.0; });
  }
  if (used.empty()) {
    out.why_not = std::string(name) + " needs trade results of quantity '" +
                  std::string(def->quantity) + "' and the record has none";
    return out;
  }

  double sum = 0.0;
  double worst = -1.0;
  for (const auto* r : used) {
    double e = 0.0;
    switch (def->form) {
      case ErrorForm::abs_pct:
        e = 100.0 * std::fabs(r->value - r->target) / std::fabs(r->target);
        break;
      case ErrorForm::abs:
        e = std::fabs(r->value - r->target);
        break;
      case ErrorForm::match:
        e = judged_right(*r) ? 1.0 : 0.0;
        break;
    }
    sum += e;
    // The decisive result: the largest error, or for judgements the first wrong one.
    const double badness = def->form == ErrorForm::match ? 1.0 - e : e;
    if (badness > worst) {
      worst = badness;
      out.decisive = *r;
    }
    if (!out.summary.empty()) out.summary += ", ";
    out.summary += r->object + " " + num(r->value) + " for " + num(r->target);
    if (def->form == ErrorForm::abs_pct) out.summary += " (" + num(e) + " %)";
    if (def->form == ErrorForm::match) out.summary += e > 0.5 ? " (right)" : " (wrong)";
  }
  out.results_used = used.size();
  out.value = def->combine == Combine::max ? (def->form == ErrorForm::match ? 1.0 - worst : worst)
                                           : sum / static_cast<double>(used.size());
  return out;
}

}  // namespace txr::assessment
