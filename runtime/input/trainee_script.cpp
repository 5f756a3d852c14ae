#include "input/trainee_script.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>

#include "core/suggest.hpp"

namespace txr::input {
namespace {

constexpr std::size_t k_max_script_bytes = 4u << 20;
constexpr double k_max_duration_s = 4.0 * 3600.0;

constexpr std::array<std::string_view, 10> k_action_keys = {
    "wait", "move", "grab", "release", "place", "press", "turn", "use", "trigger", "ui"};
constexpr std::array<std::string_view, 11> k_modifier_keys = {
    "hand",     "over_s", "hold_s", "offset_m", "motion",  "to_deg",
    "turn_deg", "until",  "object", "value",    "tilt_deg"};
constexpr std::array<std::string_view, 4> k_top_keys = {"rate_hz", "seed", "motion", "actions"};
constexpr std::array<std::string_view, 4> k_motion_keys = {"tremor_mm", "submovements",
                                                           "miss_fraction", "speed"};
constexpr std::array<std::string_view, 6> k_ui_commands = {
    "request_hint", "record_reading", "judge_accept", "judge_reject", "set_value", "confirm"};

class Parser {
 public:
  explicit Parser(std::string path) : path_(std::move(path)) {}

  core::SourceLocation at(const YAML::Node& node) const {
    const auto mark = node.Mark();
    if (mark.is_null()) return {path_, 0, 0};
    return {path_, static_cast<std::uint32_t>(mark.line + 1),
            static_cast<std::uint32_t>(mark.column + 1)};
  }
  void error(const YAML::Node& node, std::string message) {
    errors.emplace_back(std::move(message), at(node));
  }

  // A finite number within [lo, hi]; reports and returns false otherwise.
  bool number(const YAML::Node& node, std::string_view key, double lo, double hi, double& out) {
    double v = 0.0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v) || !std::isfinite(v)) {
      error(node, "'" + std::string(key) + "' must be a number");
      return false;
    }
    if (v < lo || v > hi) {
      std::ostringstream msg;
      msg << "'" << key << "' is " << v << ", expected a value from " << lo << " to " << hi;
      error(node, msg.str());
      return false;
    }
    out = v;
    return true;
  }

  bool name(const YAML::Node& node, std::string_view key, std::string& out) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, "'" + std::string(key) + "' must name an object, socket or target");
      return false;
    }
    out = node.Scalar();
    return true;
  }

  void motion(const YAML::Node& node, MotionStyle& style) {
    if (!node.IsMap()) {
      error(node, "'motion' must be a mapping of tremor_mm, submovements, miss_fraction, speed");
      return;
    }
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      double v = 0.0;
      if (key == "tremor_mm") {
        if (number(kv.second, key, 0.0, 50.0, v)) style.tremor_mm = v;
      } else if (key == "submovements") {
        if (number(kv.second, key, 0.0, 8.0, v)) style.submovements = static_cast<std::uint32_t>(v);
      } else if (key == "miss_fraction") {
        if (number(kv.second, key, 0.0, 0.5, v)) style.miss_fraction = v;
      } else if (key == "speed") {
        if (number(kv.second, key, 0.1, 10.0, v)) style.speed = v;
      } else {
        error(kv.first, "unknown motion key '" + key + "'" +
                            core::did_you_mean(key, k_motion_keys) +
                            "; expected one of tremor_mm, submovements, miss_fraction, speed");
      }
    }
  }

  void action(const YAML::Node& node, const MotionStyle& defaults, TraineeScript& script) {
    if (!node.IsMap()) {
      error(node, "an action must be a mapping such as 'grab: wrench'");
      return;
    }
    ScriptAction a;
    a.motion = defaults;
    a.where = at(node);
    YAML::Node verb_value;  // a handle: copies share the node
    std::string verb;
    const std::size_t errors_before = errors.size();
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      bool is_action = false;
      for (auto k : k_action_keys) is_action = is_action || key == k;
      if (is_action) {
        if (!verb.empty()) {
          error(kv.first, "one action per list item: found '" + key + "' after '" + verb + "'");
          continue;
        }
        verb = key;
        verb_value = kv.second;
        a.where = at(kv.first);
        continue;
      }
      bool is_modifier = false;
      for (auto k : k_modifier_keys) is_modifier = is_modifier || key == k;
      if (!is_modifier) {
        std::array<std::string_view, k_action_keys.size() + k_modifier_keys.size()> all{};
        std::size_t i = 0;
        for (auto k : k_action_keys) all[i++] = k;
        for (auto k : k_modifier_keys) all[i++] = k;
        error(kv.first, "unknown key '" + key + "'" + core::did_you_mean(key, all));
      }
    }
    if (verb.empty()) {
      if (errors.size() > errors_before) return;  // a misspelt verb was already reported
      error(node,
            "action has no verb; expected one of wait, move, grab, release, place, press, "
            "turn, use, trigger, ui");
      return;
    }
    const YAML::Node& v = verb_value;
    const bool ok = verb_body(verb, v, node, a);
    modifiers(node, a);
    if (ok) script.actions.push_back(std::move(a));
  }

  bool verb_body(const std::string& verb, const YAML::Node& v, const YAML::Node& node,
                 ScriptAction& a) {
    if (verb == "wait") {
      a.kind = ActionKind::wait;
      return number(v, "wait", 0.0, k_max_duration_s, a.value);
    }
    if (verb == "release") {
      a.kind = ActionKind::release;
      return true;
    }
    if (verb == "trigger") {
      a.kind = ActionKind::trigger;
      return number(v, "trigger", 0.0, 1.0, a.value);
    }
    if (verb == "ui") {
      a.kind = ActionKind::ui;
      const std::string cmd = v.IsScalar() ? v.Scalar() : std::string();
      for (std::size_t i = 0; i < k_ui_commands.size(); ++i) {
        if (cmd == k_ui_commands[i]) a.ui_kind = static_cast<core::UiCommandKind>(i + 1);
      }
      if (a.ui_kind == core::UiCommandKind::none) {
        error(v, "unknown ui command '" + cmd + "'" + core::did_you_mean(cmd, k_ui_commands) +
                     "; expected request_hint, record_reading, judge_accept, judge_reject, "
                     "set_value or confirm");
        return false;
      }
      if (a.ui_kind == core::UiCommandKind::set_value && (!node["object"] || !node["value"])) {
        error(v, "'ui: set_value' needs 'object' and 'value'");
        return false;
      }
      return true;
    }
    static constexpr std::array<std::pair<std::string_view, ActionKind>, 6> k_targeted = {{
        {"move", ActionKind::move},
        {"grab", ActionKind::grab},
        {"place", ActionKind::place},
        {"press", ActionKind::press},
        {"turn", ActionKind::turn},
        {"use", ActionKind::use},
    }};
    for (const auto& [key, kind] : k_targeted) {
      if (verb == key) a.kind = kind;
    }
    if (!name(v, verb, a.target)) return false;
    if (a.kind == ActionKind::turn && !node["to_deg"]) {
      error(v, "'turn' needs 'to_deg' (the angle to turn the handle to)");
      return false;
    }
    if (a.kind == ActionKind::use && !node["turn_deg"]) {
      error(v, "'use' needs 'turn_deg' (how far to turn the tool; with 'until' the most)");
      return false;
    }
    return true;
  }

  void modifiers(const YAML::Node& node, ScriptAction& a) {
    if (const auto n = node["hand"]) {
      if (n.IsScalar() && n.Scalar() == "left") {
        a.hand = core::Hand::left;
      } else if (n.IsScalar() && n.Scalar() == "right") {
        a.hand = core::Hand::right;
      } else {
        error(n, "'hand' must be left or right");
      }
    }
    if (const auto n = node["over_s"]) number(n, "over_s", 0.05, 600.0, a.over_s);
    if (const auto n = node["hold_s"]) number(n, "hold_s", 0.0, 600.0, a.hold_s);
    if (const auto n = node["to_deg"]) number(n, "to_deg", -3600.0, 3600.0, a.value);
    if (const auto n = node["turn_deg"]) number(n, "turn_deg", -3600.0, 3600.0, a.value);
    if (const auto n = node["value"]) number(n, "value", -1.0e6, 1.0e6, a.value);
    if (const auto n = node["object"]) name(n, "object", a.target);
    if (const auto n = node["until"]) name(n, "until", a.until);
    if (const auto n = node["tilt_deg"]) number(n, "tilt_deg", -45.0, 45.0, a.tilt_deg);
    if (const auto n = node["motion"]) motion(n, a.motion);
    if (const auto n = node["offset_m"]) {
      if (!n.IsSequence() || n.size() != 3) {
        error(n, "'offset_m' must be a list of three numbers [x, y, z] in metres");
      } else {
        for (std::size_t i = 0; i < 3; ++i) {
          double v = 0.0;
          if (number(n[i], "offset_m", -10.0, 10.0, v)) a.offset_m[i] = static_cast<float>(v);
        }
      }
    }
  }

  void document(const YAML::Node& root, TraineeScript& script) {
    if (!root.IsMap()) {
      error(root, "a trainee script must be a mapping with an 'actions' list");
      return;
    }
    MotionStyle defaults;
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      bool known = false;
      for (auto k : k_top_keys) known = known || key == k;
      if (!known) {
        error(kv.first, "unknown key '" + key + "'" + core::did_you_mean(key, k_top_keys) +
                            "; expected rate_hz, seed, motion or actions");
      }
    }
    if (const auto n = root["rate_hz"]) number(n, "rate_hz", 10.0, 1000.0, script.rate_hz);
    if (const auto n = root["seed"]) {
      double v = 0.0;
      if (number(n, "seed", 0.0, 9.0e15, v)) script.seed = static_cast<std::uint64_t>(v);
    }
    if (const auto n = root["motion"]) motion(n, defaults);
    const auto actions = root["actions"];
    if (!actions) {
      error(root, "missing 'actions': the list of what the trainee does");
      return;
    }
    if (!actions.IsSequence()) {
      error(actions, "'actions' must be a list");
      return;
    }
    for (const auto& item : actions) action(item, defaults, script);
    if (script.actions.empty() && errors.empty()) error(actions, "'actions' is empty");
  }

  std::string path_;
  std::vector<core::Error> errors;
};

}  // namespace

ScriptLoad parse_trainee_script(const std::string& text, const std::string& display_path) {
  ScriptLoad load;
  load.script.path = display_path;
  Parser parser(display_path);
  if (text.find('\0') != std::string::npos) {
    load.errors.emplace_back("not a text file (contains NUL bytes)",
                             core::SourceLocation{display_path, 0, 0});
    return load;
  }
  try {
    const YAML::Node root = YAML::Load(text);
    parser.document(root, load.script);
  } catch (const YAML::Exception& e) {
    load.errors.emplace_back(
        "YAML syntax error: " + e.msg,
        core::SourceLocation{display_path, static_cast<std::uint32_t>(e.mark.line + 1),
                             static_cast<std::uint32_t>(e.mark.column + 1)});
    return load;
  }
  load.errors = std::move(parser.errors);
  return load;
}

ScriptLoad load_trainee_script(const std::filesystem::path& path) {
  ScriptLoad load;
  const std::string display = path.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    load.errors.emplace_back("cannot read trainee script: " + ec.message(),
                             core::SourceLocation{display, 0, 0});
    return load;
  }
  if (size > k_max_script_bytes) {
    load.errors.emplace_back("trainee script is larger than 4 MiB",
                             core::SourceLocation{display, 0, 0});
    return load;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_trainee_script(text.str(), display);
}

}  // namespace txr::input
