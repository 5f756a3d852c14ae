#include "scenario/component_schema.hpp"

#include <algorithm>
#include <cctype>

namespace txr::scenario {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || !std::islower(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

core::Result<void> ComponentRegistry::add(ComponentSchema schema) {
  if (!valid_name(schema.type)) {
    return core::fail("component type '" + schema.type + "' must be snake_case");
  }
  if (find(schema.type))
    return core::fail("component type '" + schema.type + "' is registered twice");
  for (std::size_t i = 0; i < schema.params.size(); ++i) {
    const auto& p = schema.params[i];
    if (!valid_name(p.name))
      return core::fail(schema.type + ": parameter '" + p.name + "' must be snake_case");
    for (std::size_t j = 0; j < i; ++j) {
      if (schema.params[j].name == p.name)
        return core::fail(schema.type + ": parameter '" + p.name + "' twice");
    }
    if (p.type == ParamType::number && !p.required &&
        (p.default_number < p.min || p.default_number > p.max)) {
      return core::fail(schema.type + ": default of '" + p.name + "' is outside its range");
    }
    if (p.type == ParamType::choice &&
        (p.choices.empty() || (!p.required && std::find(p.choices.begin(), p.choices.end(),
                                                        p.default_text) == p.choices.end()))) {
      return core::fail(schema.type + ": choice parameter '" + p.name +
                        "' needs choices and a default among them");
    }
  }
  for (std::size_t i = 0; i < schema.exports.size(); ++i) {
    const auto& e = schema.exports[i];
    if (!valid_name(e.name))
      return core::fail(schema.type + ": export '" + e.name + "' must be snake_case");
    for (std::size_t j = 0; j < i; ++j) {
      if (schema.exports[j].name == e.name)
        return core::fail(schema.type + ": export '" + e.name + "' twice");
    }
  }
  schemas_.push_back(std::move(schema));
  return {};
}

const ComponentSchema* ComponentRegistry::find(std::string_view type) const {
  for (const auto& s : schemas_) {
    if (s.type == type) return &s;
  }
  return nullptr;
}

std::vector<std::string_view> ComponentRegistry::type_names() const {
  std::vector<std::string_view> out;
  for (const auto& s : schemas_) out.push_back(s.type);
  return out;
}

ComponentRegistry builtin_components() {
  // Generic schemas: they declare names and types only. Whatever simulation implements them
  // writes the values; until one does, the states keep their initial 0 / false / "".
  ComponentRegistry r;
  auto number = [](std::string name, bool required, double min, double max, double def,
                   std::string description) {
    ParamSpec p;
    p.name = std::move(name);
    p.required = required;
    p.min = min;
    p.max = max;
    p.default_number = def;
    p.description = std::move(description);
    return p;
  };
  auto out = [](std::string name, ValueType type, std::string description,
                std::vector<std::string> choices = {}) {
    return ExportSpec{std::move(name), type, std::move(choices), std::move(description)};
  };
  (void)r.add({"fastener",
               "A threaded fastener tightened to a torque (bolt, nut, screw).",
               {number("diameter_mm", true, 1.0, 100.0, 0.0, "nominal thread diameter"),
                number("target_torque_nm", true, 0.1, 5000.0, 0.0, "specified tightening torque"),
                number("nut_factor", false, 0.05, 0.5, 0.2, "K in T = K F d (0.2 dry steel)")},
               {out("torque_nm", ValueType::number, "torque applied so far"),
                out("seated", ValueType::boolean, "the head/nut touches the joint"),
                out("yielded", ValueType::boolean, "tightened past proof load (scrapped)"),
                out("preload_kn", ValueType::number, "clamp force the bolt holds now"),
                out("pass_count", ValueType::number, "tightening passes it has had")}});
  auto text = [](std::string name, std::string description) {
    ParamSpec p;
    p.name = std::move(name);
    p.type = ParamType::text;
    p.description = std::move(description);
    return p;
  };
  {
    // The electrical binding (runtime/session) wires the poles into the panel's circuit, follows
    // the handle and takes locks and tags placed into the named sockets.
    ParamSpec start_closed;
    start_closed.name = "start_closed";
    start_closed.type = ParamType::boolean;
    start_closed.default_bool = true;
    start_closed.description = "closed at the start when it has no handle";
    (void)r.add(
        {"isolator",
         "A switch or breaker that can isolate a circuit and take a lock and a tag.",
         {number("rated_current_a", false, 0.1, 1000.0, 16.0, "rated current"),
          text("line_in", "line pole, supply-side terminal"),
          text("line_out", "line pole, load-side terminal"),
          text("neutral_in", "neutral pole, supply-side terminal ('' for a 1-pole isolator)"),
          text("neutral_out", "neutral pole, load-side terminal"),
          text("handle", "object with a turn interaction that operates it"),
          number("on_deg", false, -3600.0, 3600.0, 0.0, "handle angle of the ON position"),
          number("off_deg", false, -3600.0, 3600.0, -90.0, "handle angle of the OFF position"),
          start_closed, text("lock_socket", "socket where a padlock goes"),
          text("tag_socket", "socket where a danger tag goes")},
         {out("closed", ValueType::boolean, "contacts closed (circuit live)"),
          out("locked", ValueType::boolean, "a lock is applied"),
          out("tagged", ValueType::boolean, "a tag is applied"),
          out("state", ValueType::text, "open, closed or locked (open)",
              {"open", "closed", "locked"})}});
  }
  {
    ParamSpec range;
    range.name = "start_mode";
    range.type = ParamType::choice;
    range.choices = {"off", "volts_ac", "volts_dc", "amps", "ohms"};
    range.default_text = "off";
    range.description = "selector position at the start";
    (void)r.add({"multimeter",
                 "A digital multimeter with a mode selector and two probes.",
                 {range},
                 {out("mode", ValueType::text, "selector position",
                      {"off", "volts_ac", "volts_dc", "amps", "ohms"}),
                  out("reading", ValueType::number, "displayed value in the mode's unit"),
                  out("probes_on_circuit", ValueType::boolean, "both probes touch conductors"),
                  out("display", ValueType::text, "what the display shows (digits, OL, LIVE)"),
                  out("fuse_blown", ValueType::boolean, "the current jack's fuse has blown"),
                  out("live_warning", ValueType::boolean, "ohms mode found a voltage"),
                  out("red_on", ValueType::text, "terminal object the red probe touches"),
                  out("black_on", ValueType::text, "terminal object the black probe touches")}});
  }
  {
    ParamSpec digital;
    digital.name = "digital";
    digital.type = ParamType::boolean;
    digital.description = "digital display instead of a vernier scale";
    (void)r.add(
        {"caliper",
         "A vernier or digital caliper.",
         {number("resolution_mm", false, 0.001, 1.0, 0.02, "smallest readable step"),
          number("range_mm", false, 1.0, 2000.0, 150.0, "measuring range"), digital,
          number("zero_error_mm", false, -1.0, 1.0, 0.0, "reading when closed, until zeroed"),
          number("seat_deg", false, 0.0, 10.0, 1.5, "tilt it rocks square by itself")},
         {out("reading_mm", ValueType::number, "current reading"),
          out("zeroed", ValueType::boolean, "zero checked since it was picked up"),
          out("jaw", ValueType::text, "jaw in use", {"outside", "inside", "depth"}),
          out("force_n", ValueType::number, "measuring force now"),
          out("tilt_deg", ValueType::number, "tilt left in the measurement"),
          out("excess_force", ValueType::boolean, "closed harder than 1.5 x its force"),
          out("recorded_count", ValueType::number, "readings recorded with it"),
          out("unzeroed_readings", ValueType::number, "readings recorded before zeroing")}});
  }
  return r;
}

ComponentRegistry& default_components() {
  static ComponentRegistry registry = builtin_components();
  return registry;
}

}  // namespace txr::scenario
