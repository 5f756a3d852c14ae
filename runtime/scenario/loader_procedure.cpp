// Package loading: procedure steps and groups, safety rules, condition compilation and the
// step dependency graph (cycles and steps that can never start).
#include <algorithm>
#include <functional>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {
namespace {

constexpr std::size_t k_max_steps = 2000;
constexpr std::size_t k_max_rules = 1000;

}  // namespace

void PackageLoader::read_procedure(const YAML::Node& node) {
  if (!r_.check_list(node, "the procedure")) return;
  if (node.size() == 0) {
    r_.error(node, "the procedure has no steps");
    return;
  }
  std::vector<int> previous;
  for (const auto& entry : node) {
    if (s_.steps.size() >= k_max_steps) {
      r_.error(entry, "too many steps (the limit is " + std::to_string(k_max_steps) + ")");
      break;
    }
    std::vector<int> current;
    if (entry.IsMap() && entry["group"]) {
      if (!r_.check_map(entry, "a group", {"group", "title", "steps"}, {"group", "steps"}))
        continue;
      auto gid = r_.id_value(entry["group"], "group id");
      if (!gid) continue;
      if (!claim_name(entry["group"], "step:" + *gid, "group")) continue;
      StepGroup g;
      g.id = *gid;
      g.title_key = text_key(entry, "title", "group '" + g.id + "'", false).value_or("");
      const int gi = static_cast<int>(s_.groups.size());
      group_ids_[g.id] = gi;
      s_.groups.push_back(g);
      const YAML::Node steps = entry["steps"];
      if (!steps || !r_.check_list(steps, "'steps' of group '" + g.id + "'")) continue;
      if (steps.size() == 0) r_.error(steps, "group '" + g.id + "' has no steps");
      for (const auto& sn : steps) {
        if (s_.steps.size() >= k_max_steps) break;
        read_step(sn, gi, previous, current);
      }
    } else {
      read_step(entry, -1, previous, current);
    }
    if (!current.empty()) previous = std::move(current);
  }
}

void PackageLoader::read_step(const YAML::Node& node, int group,
                              std::vector<int>& previous_required,
                              std::vector<int>& entry_required) {
  const bool named = node.IsMap() && node["id"] && node["id"].IsScalar();
  if (!r_.check_map(node, named ? "step '" + node["id"].Scalar() + "'" : std::string("a step"),
                    {"id", "instruction", "hint", "done_when", "requires", "after", "time_budget_s",
                     "optional"},
                    {"id", "instruction", "done_when"})) {
    return;
  }
  auto id = r_.id(node, "id", "the step");
  if (!id) return;
  // Steps and groups share one namespace, separate from scene names.
  if (!claim_name(node["id"], "step:" + *id, "step")) return;
  Step st;
  st.id = *id;
  const std::string what = "step '" + st.id + "'";
  st.group = group;
  st.instruction_key = text_key(node, "instruction", what, false).value_or("");
  st.hint_key = text_key(node, "hint", what, false).value_or("");
  st.time_budget_s = r_.number(node, "time_budget_s", {0.0, 36000.0, true}, what).value_or(0.0);
  st.optional = r_.boolean(node, "optional", what).value_or(false);
  st.depends_on = previous_required;
  std::vector<YAML::Node> after;
  if (const auto a = node["after"]) {
    if (r_.check_list(a, "'after' of " + what)) {
      for (const auto& item : a) {
        if (r_.id_value(item, "'after' entry")) after.push_back(item);
      }
    }
  }
  auto& table = s_.initial_state;
  st.done_slot = *table.declare(step_done_slot(st.id), ValueType::boolean);
  st.active_slot = *table.declare(step_active_slot(st.id), ValueType::boolean);
  st.time_slot = *table.declare(step_time_slot(st.id), ValueType::number);
  const int index = static_cast<int>(s_.steps.size());
  if (node["done_when"]) {
    pending_.push_back({node["done_when"], index, PendingCondition::Target::done_when, index});
  }
  if (node["requires"]) {
    pending_.push_back({node["requires"], index, PendingCondition::Target::precondition, index});
  }
  if (group >= 0) s_.groups[static_cast<std::size_t>(group)].steps.push_back(index);
  if (!st.optional) entry_required.push_back(index);
  s_.steps.push_back(std::move(st));
  step_nodes_.push_back(node);
  after_nodes_.push_back(std::move(after));
}

void PackageLoader::read_safety(const YAML::Node& node) {
  if (!r_.check_list(node, "safety")) return;
  for (const auto& rn : node) {
    if (s_.rules.size() >= k_max_rules) {
      r_.error(rn, "too many safety rules (the limit is " + std::to_string(k_max_rules) + ")");
      break;
    }
    const bool named = rn.IsMap() && rn["id"] && rn["id"].IsScalar();
    if (!r_.check_map(
            rn, named ? "safety rule '" + rn["id"].Scalar() + "'" : std::string("a safety rule"),
            {"id", "when", "severity", "message"}, {"id", "when", "severity", "message"})) {
      continue;
    }
    auto id = r_.id(rn, "id", "the safety rule");
    if (!id || !claim_name(rn["id"], "rule:" + *id, "safety rule")) continue;
    SafetyRule rule;
    rule.id = *id;
    const std::string what = "safety rule '" + rule.id + "'";
    if (auto sev = r_.choice(rn, "severity", {"warning", "major", "critical"}, what)) {
      rule.severity = *sev == "warning" ? Severity::warning
                      : *sev == "major" ? Severity::major
                                        : Severity::critical;
    }
    rule.message_key = text_key(rn, "message", what, false).value_or("");
    const int index = static_cast<int>(s_.rules.size());
    pending_.push_back({rn["when"], -1, PendingCondition::Target::rule, index});
    s_.rules.push_back(std::move(rule));
  }
}

void PackageLoader::compile_conditions() {
  for (const auto& p : pending_) {
    if (!p.node.IsScalar() || p.node.Scalar().empty()) {
      r_.error(p.node,
               "a condition must be written as text, e.g. \"valve.angle_deg > 80\"; found " +
                   describe_node(p.node));
      continue;
    }
    CompileScope scope;
    scope.text_choices = &text_choices_;
    if (p.step >= 0) scope.time_in_step = s_.steps[static_cast<std::size_t>(p.step)].time_slot;
    auto compiled = compile_condition(p.node.Scalar(), s_.initial_state, scope);
    if (!compiled) {
      diag_.error(r_.at_offset(p.node, compiled.error().offset), compiled.error().message);
      continue;
    }
    Condition& c = compiled->condition;
    const bool always_false = c.is_constant() && c.evaluate(s_.initial_state) != 1.0;
    const bool always_true = c.is_constant() && c.evaluate(s_.initial_state) == 1.0;
    if (p.target == PendingCondition::Target::rule) {
      SafetyRule& rule = s_.rules[static_cast<std::size_t>(p.index)];
      if (always_true)
        r_.error(p.node,
                 "this condition is always true, so '" + rule.id + "' is violated all the time");
      if (always_false)
        r_.warning(p.node,
                   "this condition is never true, so '" + rule.id + "' can never be violated");
      rule.when = std::move(c);
      continue;
    }
    Step& st = s_.steps[static_cast<std::size_t>(p.index)];
    if (always_false) {
      r_.error(p.node,
               "this condition is never true, so step '" + st.id + "' can never be completed");
    }
    if (always_true && p.target == PendingCondition::Target::done_when) {
      r_.warning(p.node, "this condition is always true, so step '" + st.id +
                             "' completes as soon as it starts");
    }
    for (const auto& ref : compiled->steps_referenced) {
      const int dep = s_.find_step(ref);
      if (dep == p.index) {
        r_.error(p.node, "step '" + st.id + "' cannot wait for itself");
      } else if (dep >= 0) {
        st.depends_on.push_back(dep);
      }
    }
    if (p.target == PendingCondition::Target::done_when) {
      st.done_when = std::move(c);
    } else {
      st.precondition = std::move(c);
    }
  }
}

void PackageLoader::check_dependencies() {
  std::vector<std::string_view> names;
  for (const auto& s : s_.steps) names.push_back(s.id);
  for (const auto& g : s_.groups) names.push_back(g.id);
  for (std::size_t i = 0; i < s_.steps.size(); ++i) {
    Step& st = s_.steps[i];
    for (const auto& a : after_nodes_[i]) {
      const std::string& id = a.Scalar();
      if (id == st.id) {
        r_.error(a, "step '" + st.id + "' cannot wait for itself");
      } else if (const int dep = s_.find_step(id); dep >= 0) {
        st.depends_on.push_back(dep);
      } else if (auto g = group_ids_.find(id); g != group_ids_.end()) {
        for (int gs : s_.groups[static_cast<std::size_t>(g->second)].steps) {
          if (gs == static_cast<int>(i)) {
            r_.error(a, "step '" + st.id + "' cannot wait for its own group '" + id + "'");
          } else if (!s_.steps[static_cast<std::size_t>(gs)].optional) {
            st.depends_on.push_back(gs);
          }
        }
      } else {
        r_.error(a, "step '" + st.id + "' waits for '" + id +
                        "', but there is no such step or group" + core::did_you_mean(id, names));
      }
    }
    std::sort(st.depends_on.begin(), st.depends_on.end());
    st.depends_on.erase(std::unique(st.depends_on.begin(), st.depends_on.end()),
                        st.depends_on.end());
    st.depends_on.erase(
        std::remove(st.depends_on.begin(), st.depends_on.end(), static_cast<int>(i)),
        st.depends_on.end());
  }
  // Cycles: depth-first search; a back edge closes a circle of steps waiting for each other.
  const std::size_t n = s_.steps.size();
  std::vector<int> color(n, 0);  // 0 new, 1 on the path, 2 finished
  std::vector<int> path;
  std::vector<bool> in_cycle(n, false);
  std::function<void(int)> visit = [&](int v) {
    color[static_cast<std::size_t>(v)] = 1;
    path.push_back(v);
    for (int d : s_.steps[static_cast<std::size_t>(v)].depends_on) {
      if (color[static_cast<std::size_t>(d)] == 1) {
        auto start = std::find(path.begin(), path.end(), d);
        // path[k] waits for path[k + 1]; the last one waits for d, closing the circle.
        std::vector<std::string> circle_ids;
        bool already = true;
        for (auto it = start; it != path.end(); ++it) {
          circle_ids.push_back(s_.steps[static_cast<std::size_t>(*it)].id);
          if (!in_cycle[static_cast<std::size_t>(*it)]) already = false;
          in_cycle[static_cast<std::size_t>(*it)] = true;
        }
        circle_ids.push_back(s_.steps[static_cast<std::size_t>(d)].id);
        std::string circle = "'" + circle_ids[0] + "' waits for '" + circle_ids[1] + "'";
        for (std::size_t k = 2; k < circle_ids.size(); ++k)
          circle += ", which waits for '" + circle_ids[k] + "'";
        if (!already) {
          r_.error(
              step_nodes_[static_cast<std::size_t>(d)]["id"],
              "steps wait for each other in a circle, so none of them can ever start: " + circle);
        }
      } else if (color[static_cast<std::size_t>(d)] == 0) {
        visit(d);
      }
    }
    path.pop_back();
    color[static_cast<std::size_t>(v)] = 2;
  };
  // The recursion depth is bounded by k_max_steps.
  for (std::size_t i = 0; i < n; ++i) {
    if (color[i] == 0) visit(static_cast<int>(i));
  }
  // Steps outside a circle that wait (directly or not) for a step in one can never start.
  std::vector<int> blocked_by(n, -1);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (in_cycle[i] || blocked_by[i] >= 0) continue;
      for (int d : s_.steps[i].depends_on) {
        if (in_cycle[static_cast<std::size_t>(d)] || blocked_by[static_cast<std::size_t>(d)] >= 0) {
          blocked_by[i] =
              in_cycle[static_cast<std::size_t>(d)] ? d : blocked_by[static_cast<std::size_t>(d)];
          changed = true;
          break;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (blocked_by[i] >= 0) {
      r_.error(step_nodes_[i]["id"], "step '" + s_.steps[i].id +
                                         "' can never start: it waits for '" +
                                         s_.steps[static_cast<std::size_t>(blocked_by[i])].id +
                                         "', which is in a circle of steps waiting for each other");
    }
  }
  double budget_s = 0.0;
  for (const auto& st : s_.steps) budget_s += st.time_budget_s;
  if (s_.meta.time_limit_min > 0 && budget_s > s_.meta.time_limit_min * 60.0 &&
      file_.root["procedure"]) {
    r_.warning(file_.root["procedure"], "the steps' time budgets add up to " +
                                            format_number(budget_s) +
                                            " s, more than the time limit of " +
                                            format_number(s_.meta.time_limit_min * 60.0) + " s");
  }
}

}  // namespace txr::scenario
