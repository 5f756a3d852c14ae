// Package loading: the rubric (criteria, how each maps to points, the pass rule).
#include <algorithm>
#include <cmath>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {

void PackageLoader::read_rubric(const YAML::Node& node) {
  if (!r_.check_map(node, "rubric", {"require_no_critical", "criteria"}, {"criteria"})) return;
  s_.rubric.require_no_critical = r_.boolean(node, "require_no_critical", "rubric").value_or(true);
  const YAML::Node list = node["criteria"];
  if (!list || !r_.check_list(list, "'criteria' in rubric")) return;
  if (list.size() == 0) {
    r_.error(list, "the rubric has no criteria");
    return;
  }
  double total = 0.0;
  bool all_read = true;
  bool seen_kind[6] = {false, false, false, false, false, false};
  for (const auto& cn : list) {
    if (!cn.IsMap() || !cn["kind"]) {
      r_.error(cn,
               "each rubric criterion needs a 'kind' (step_completion, order, time, safety, hints "
               "or metric)");
      all_read = false;
      continue;
    }
    auto kind =
        r_.choice(cn, "kind", {"step_completion", "order", "time", "safety", "hints", "metric"},
                  "a rubric criterion");
    if (!kind) {
      all_read = false;
      continue;
    }
    Criterion c;
    std::vector<std::string_view> allowed{"id", "kind", "title", "points"};
    std::vector<std::string_view> required;
    if (*kind == "step_completion") {
      c.kind = CriterionKind::step_completion;
      c.scoring = Scoring::fraction;
      required = {"id", "title", "points"};
    } else if (*kind == "order" || *kind == "hints") {
      c.kind = *kind == "order" ? CriterionKind::order : CriterionKind::hints;
      c.scoring = Scoring::per_occurrence;
      allowed.push_back("deduct_per_occurrence");
      required = {"id", "title", "points", "deduct_per_occurrence"};
    } else if (*kind == "safety") {
      c.kind = CriterionKind::safety;
      c.scoring = Scoring::per_occurrence;
      allowed.push_back("deduct");
      required = {"id", "title", "points", "deduct"};
    } else if (*kind == "time") {
      c.kind = CriterionKind::time;
      c.scoring = Scoring::linear;
      allowed.push_back("full_at_s");
      allowed.push_back("zero_at_s");
      required = {"id", "title", "points", "full_at_s", "zero_at_s"};
    } else {
      c.kind = CriterionKind::metric;
      c.scoring = Scoring::linear;
      allowed.push_back("metric");
      allowed.push_back("full_at");
      allowed.push_back("zero_at");
      required = {"id", "title", "points", "metric", "full_at", "zero_at"};
    }
    if (!r_.check_map(cn,
                      "rubric criterion '" +
                          (cn["id"] && cn["id"].IsScalar() ? cn["id"].Scalar() : *kind) + "'",
                      allowed, required)) {
      all_read = false;
      continue;
    }
    auto id = r_.id(cn, "id", "the rubric criterion");
    if (!id || !claim_name(cn["id"], "criterion:" + *id, "rubric criterion")) {
      all_read = false;
      continue;
    }
    c.id = *id;
    const std::string what = "rubric criterion '" + c.id + "'";
    const auto k = static_cast<std::size_t>(c.kind);
    if (c.kind != CriterionKind::metric && seen_kind[k]) {
      r_.error(cn["kind"], "there is already a '" + *kind + "' criterion; use one per kind");
    }
    seen_kind[k] = true;
    c.title_key = text_key(cn, "title", what, false).value_or("");
    auto points = r_.number(cn, "points", {0.0, 100.0, true}, what);
    if (!points) all_read = false;
    c.points = points.value_or(0.0);
    total += c.points;
    if (c.kind == CriterionKind::order || c.kind == CriterionKind::hints) {
      c.deduct = r_.number(cn, "deduct_per_occurrence", {0.0, 100.0, true}, what).value_or(0.0);
      if (c.deduct > c.points && points) {
        r_.warning(cn["deduct_per_occurrence"], "one occurrence already takes all " +
                                                    format_number(c.points) + " points of " + what);
      }
    } else if (c.kind == CriterionKind::safety) {
      const YAML::Node d = cn["deduct"];
      if (r_.check_map(d, "'deduct' of " + what, {"warning", "major", "critical"},
                       {"warning", "major", "critical"})) {
        const char* names[3] = {"warning", "major", "critical"};
        for (std::size_t i = 0; i < 3; ++i) {
          c.deduct_by_severity[i] =
              r_.number(d, names[i], {0.0, 100.0}, "'deduct' of " + what).value_or(0.0);
        }
        if (c.deduct_by_severity[0] > c.deduct_by_severity[1] ||
            c.deduct_by_severity[1] > c.deduct_by_severity[2]) {
          r_.error(
              d, "'deduct' of " + what + " must not take more points for a less severe violation");
        }
      }
      if (s_.rules.empty())
        r_.warning(cn["kind"], what + " scores safety, but the scenario has no safety rules");
    } else if (c.kind == CriterionKind::time) {
      auto full = r_.number(cn, "full_at_s", {0.0, 36000.0}, what);
      auto zero = r_.number(cn, "zero_at_s", {0.0, 36000.0, true}, what);
      c.full_at = full.value_or(0.0);
      c.zero_at = zero.value_or(0.0);
      if (full && zero && c.full_at >= c.zero_at) {
        r_.error(cn["zero_at_s"],
                 "zero_at_s (" + format_number(c.zero_at) + ") must be later than full_at_s (" +
                     format_number(c.full_at) + "): finishing sooner cannot score less");
      }
      if (zero && s_.meta.time_limit_min > 0 && c.full_at > s_.meta.time_limit_min * 60.0) {
        r_.warning(cn["full_at_s"],
                   "full_at_s is after the time limit, so full points are always given");
      }
    } else if (c.kind == CriterionKind::metric) {
      const YAML::Node mn = cn["metric"];
      const std::string_view k_band = "technique.";
      if (mn && mn.IsScalar() && mn.Scalar().starts_with(k_band)) {
        // A technique band's metric: the band must be declared under `technique:`.
        const std::string band = mn.Scalar().substr(k_band.size());
        const bool known = std::any_of(s_.technique.begin(), s_.technique.end(),
                                       [&](const TechniqueBand& b) { return b.id == band; });
        if (!known) {
          std::vector<std::string_view> ids;
          for (const auto& b : s_.technique) ids.push_back(b.id);
          r_.error(mn, "metric '" + mn.Scalar() + "' names no band under 'technique:'" +
                           core::did_you_mean(band, ids));
        }
        c.metric = mn.Scalar();
      } else {
        auto metric = r_.id(cn, "metric", what);
        c.metric = metric.value_or("");
      }
      auto full = r_.number(cn, "full_at", {-1e9, 1e9}, what);
      auto zero = r_.number(cn, "zero_at", {-1e9, 1e9}, what);
      c.full_at = full.value_or(0.0);
      c.zero_at = zero.value_or(0.0);
      if (full && zero && c.full_at == c.zero_at) {
        r_.error(cn["zero_at"], "full_at and zero_at of " + what +
                                    " are equal; points cannot change between them");
      }
    }
    s_.rubric.criteria.push_back(std::move(c));
  }
  if (all_read && std::fabs(total - 100.0) > 1e-6) {
    r_.error(list,
             "the rubric's points add up to " + format_number(total) + "; they must add up to 100");
  }
  if (s_.meta.mastery_score > 0 &&
      !seen_kind[static_cast<std::size_t>(CriterionKind::step_completion)]) {
    r_.warning(list, "the rubric does not score step completion");
  }
}

}  // namespace txr::scenario
