#pragma once
// ComponentSchema registry: what a trade-model component bound to a scene object accepts as
// parameters and which state it exports. The validator checks `components:` entries against it
// and declares the exported state as slots `<object>.<export>`; the simulation that implements
// the component writes those slots. Trade models register their own schemas at start-up.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "scenario/state_table.hpp"

namespace txr::scenario {

enum class ParamType { number, boolean, text, choice };

struct ParamSpec {
  std::string name;  // snake_case with a unit suffix where it has one (target_torque_nm)
  ParamType type = ParamType::number;
  bool required = false;
  double min = -std::numeric_limits<double>::infinity();  // numbers: inclusive bounds
  double max = std::numeric_limits<double>::infinity();
  double default_number = 0.0;
  bool default_bool = false;
  std::string default_text;          // text and choice
  std::vector<std::string> choices;  // choice: the allowed values
  std::string description;
};

struct ExportSpec {
  std::string name;  // becomes the state `<object>.<name>`
  ValueType type = ValueType::number;
  std::vector<std::string> choices;  // text: the values it can take, when known
  std::string description;
};

struct ComponentSchema {
  std::string type;  // the `type:` written in scenario files
  std::string description;
  std::vector<ParamSpec> params;
  std::vector<ExportSpec> exports;
};

class ComponentRegistry {
 public:
  // Fails on a duplicate type name, a malformed name, or inconsistent parameter specs.
  core::Result<void> add(ComponentSchema schema);
  const ComponentSchema* find(std::string_view type) const;
  std::vector<std::string_view> type_names() const;
  const std::vector<ComponentSchema>& schemas() const { return schemas_; }

 private:
  std::vector<ComponentSchema> schemas_;
};

// A registry with the generic schemas that ship with the scenario module (fastener, isolator,
// multimeter, caliper); trade models add theirs on top.
ComponentRegistry builtin_components();

// The process-wide registry the loader uses when LoadOptions::components is null: the built-in
// schemas plus whatever trade-model bindings add at start-up, before any package is loaded
// (not synchronised: register from one thread, then only read).
ComponentRegistry& default_components();

}  // namespace txr::scenario
