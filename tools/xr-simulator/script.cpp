#include "script.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pose_math.hpp"

namespace txr::xrsim {
namespace {

using nlohmann::json;

struct ParseError {
  std::string message;
};

const std::array<std::pair<std::string_view, std::uint32_t>, 12> k_controls{{
    {"select", k_control_select},
    {"menu", k_control_menu},
    {"system", k_control_system},
    {"a", k_control_a},
    {"b", k_control_b},
    {"x", k_control_x},
    {"y", k_control_y},
    {"trigger", k_control_trigger},
    {"squeeze", k_control_squeeze},
    {"thumbstick", k_control_thumbstick},
    {"trackpad", k_control_trackpad},
    {"thumbrest", k_control_thumbrest},
}};

float read_number(const json& j, const std::string& where) {
  if (!j.is_number()) throw ParseError{where + ": expected a number"};
  const double v = j.get<double>();
  if (!std::isfinite(v)) throw ParseError{where + ": expected a finite number"};
  return static_cast<float>(v);
}

float read_unit(const json& j, const std::string& where, float lo) {
  const float v = read_number(j, where);
  if (v < lo || v > 1.0f) {
    throw ParseError{where + ": expected a value in [" + std::to_string(static_cast<int>(lo)) +
                     ", 1]"};
  }
  return v;
}

std::array<float, 2> read_axis2(const json& j, const std::string& where) {
  if (!j.is_array() || j.size() != 2) throw ParseError{where + ": expected [x, y]"};
  return {read_unit(j[0], where + "[0]", -1.0f), read_unit(j[1], where + "[1]", -1.0f)};
}

void read_pose(const json& j, const std::string& where, XrPosef& pose) {
  if (!j.is_object()) throw ParseError{where + ": expected {\"position\": [...], ...}"};
  for (const auto& [key, value] : j.items()) {
    if (key == "position") {
      if (!value.is_array() || value.size() != 3) {
        throw ParseError{where + ".position: expected [x, y, z] in metres"};
      }
      pose.position = {read_number(value[0], where + ".position[0]"),
                       read_number(value[1], where + ".position[1]"),
                       read_number(value[2], where + ".position[2]")};
    } else if (key == "orientation") {
      if (!value.is_array() || value.size() != 4) {
        throw ParseError{where + ".orientation: expected a quaternion [x, y, z, w]"};
      }
      const XrQuaternionf q{read_number(value[0], where + ".orientation[0]"),
                            read_number(value[1], where + ".orientation[1]"),
                            read_number(value[2], where + ".orientation[2]"),
                            read_number(value[3], where + ".orientation[3]")};
      if (!quat_is_unit(q)) throw ParseError{where + ".orientation: not a unit quaternion"};
      pose.orientation = quat_normalize(q);
    } else {
      throw ParseError{where + ": unknown key \"" + key + "\" (position, orientation)"};
    }
  }
}

std::uint32_t read_controls(const json& j, const std::string& where) {
  if (!j.is_array()) throw ParseError{where + ": expected a list of control names"};
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string item = where + "[" + std::to_string(i) + "]";
    if (!j[i].is_string()) throw ParseError{item + ": expected a control name"};
    const std::uint32_t bit = control_from_name(j[i].get<std::string>());
    if (bit == 0) {
      throw ParseError{item + ": unknown control \"" + j[i].get<std::string>() +
                       "\" (select, menu, system, a, b, x, y, trigger, squeeze, thumbstick, "
                       "trackpad, thumbrest)"};
    }
    bits |= bit;
  }
  return bits;
}

void read_articulated(const json& j, const std::string& where, ArticulatedHand& hand) {
  if (!j.is_object()) throw ParseError{where + ": expected {\"wrist\": {...}, \"pinch\": 0..1}"};
  hand.tracked = true;  // describing the hand tracks it unless "tracked": false says otherwise
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "." + key;
    if (key == "tracked") {
      if (!value.is_boolean()) throw ParseError{at + ": expected true or false"};
      hand.tracked = value.get<bool>();
    } else if (key == "wrist") {
      read_pose(value, at, hand.wrist);
    } else if (key == "pinch") {
      hand.pinch = read_unit(value, at, 0.0f);
    } else {
      throw ParseError{at + ": unknown key (tracked, wrist, pinch)"};
    }
  }
}

void read_hand(const json& j, const std::string& where, HandSample& hand) {
  if (!j.is_object()) throw ParseError{where + ": expected an object"};
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "." + key;
    if (key == "tracked") {
      if (!value.is_boolean()) throw ParseError{at + ": expected true or false"};
      hand.tracked = value.get<bool>();
    } else if (key == "grip") {
      read_pose(value, at, hand.grip);
    } else if (key == "aim") {
      read_pose(value, at, hand.aim);
    } else if (key == "trigger") {
      hand.trigger = read_unit(value, at, 0.0f);
    } else if (key == "squeeze") {
      hand.squeeze = read_unit(value, at, 0.0f);
    } else if (key == "thumbstick") {
      hand.thumbstick = read_axis2(value, at);
    } else if (key == "trackpad") {
      hand.trackpad = read_axis2(value, at);
    } else if (key == "buttons") {
      hand.pressed = read_controls(value, at);
    } else if (key == "touched") {
      hand.touched = read_controls(value, at);
    } else if (key == "hand") {
      read_articulated(value, at, hand.articulated);
    } else {
      throw ParseError{at +
                       ": unknown key (tracked, grip, aim, trigger, squeeze, thumbstick, "
                       "trackpad, buttons, touched, hand)"};
    }
  }
}

ScriptEventKind read_event_kind(const json& j, const std::string& where) {
  static const std::array<std::pair<std::string_view, ScriptEventKind>, 5> kinds{{
      {"request_exit", ScriptEventKind::request_exit},
      {"loss_pending", ScriptEventKind::loss_pending},
      {"focus_lost", ScriptEventKind::focus_lost},
      {"focus_gained", ScriptEventKind::focus_gained},
      {"interaction_profile", ScriptEventKind::interaction_profile},
  }};
  if (j.is_string()) {
    for (const auto& [name, kind] : kinds) {
      if (j.get<std::string>() == name) return kind;
    }
  }
  throw ParseError{where +
                   ": expected one of request_exit, loss_pending, focus_lost, "
                   "focus_gained, interaction_profile"};
}

double read_time(const json& obj, const std::string& where) {
  if (!obj.contains("t")) throw ParseError{where + ": missing \"t\" (seconds)"};
  const float t = read_number(obj["t"], where + ".t");
  if (t < 0.0f) throw ParseError{where + ".t: time must not be negative"};
  return obj["t"].get<double>();
}

Script parse_json(const json& root) {
  if (!root.is_object()) throw ParseError{"the script must be a JSON object"};
  Script script = default_script();
  for (const auto& [key, value] : root.items()) {
    if (key != "keyframes" && key != "events" && key != "profile") {
      throw ParseError{"unknown top-level key \"" + key + "\" (keyframes, events, profile)"};
    }
  }
  if (root.contains("profile")) {
    if (!root["profile"].is_string()) throw ParseError{"profile: expected a path string"};
    script.profile = root["profile"].get<std::string>();
  }
  if (root.contains("keyframes")) {
    const json& frames = root["keyframes"];
    if (!frames.is_array() || frames.empty()) {
      throw ParseError{"keyframes: expected a non-empty list"};
    }
    DeviceSample current = script.keyframes.front().sample;
    script.keyframes.clear();
    double last_t = -1.0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const std::string where = "keyframes[" + std::to_string(i) + "]";
      const json& f = frames[i];
      if (!f.is_object()) throw ParseError{where + ": expected an object"};
      Keyframe key_frame;
      key_frame.t_s = read_time(f, where);
      if (key_frame.t_s <= last_t) throw ParseError{where + ".t: times must increase"};
      last_t = key_frame.t_s;
      for (const auto& [k, v] : f.items()) {
        if (k == "t") continue;
        if (k == "head") {
          read_pose(v, where + ".head", current.head);
        } else if (k == "left") {
          read_hand(v, where + ".left", current.hands[0]);
        } else if (k == "right") {
          read_hand(v, where + ".right", current.hands[1]);
        } else {
          throw ParseError{where + ": unknown key \"" + k + "\" (t, head, left, right)"};
        }
      }
      key_frame.sample = current;
      script.keyframes.push_back(key_frame);
    }
  }
  if (root.contains("events")) {
    const json& events = root["events"];
    if (!events.is_array()) throw ParseError{"events: expected a list"};
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::string where = "events[" + std::to_string(i) + "]";
      const json& e = events[i];
      if (!e.is_object()) throw ParseError{where + ": expected an object"};
      ScriptEvent event;
      event.t_s = read_time(e, where);
      if (!e.contains("event")) throw ParseError{where + ": missing \"event\""};
      event.kind = read_event_kind(e["event"], where + ".event");
      if (event.kind == ScriptEventKind::interaction_profile) {
        if (!e.contains("profile") || !e["profile"].is_string()) {
          throw ParseError{where +
                           ": interaction_profile needs \"profile\": \"/interaction_"
                           "profiles/...\""};
        }
        event.profile = e["profile"].get<std::string>();
      }
      script.events.push_back(event);
    }
    std::stable_sort(script.events.begin(), script.events.end(),
                     [](const ScriptEvent& a, const ScriptEvent& b) { return a.t_s < b.t_s; });
  }
  return script;
}

HandSample lerp_hand(const HandSample& a, const HandSample& b, float t) {
  HandSample out = a;  // discrete state holds from the earlier keyframe
  out.grip = pose_lerp(a.grip, b.grip, t);
  out.aim = pose_lerp(a.aim, b.aim, t);
  out.trigger = a.trigger + (b.trigger - a.trigger) * t;
  out.squeeze = a.squeeze + (b.squeeze - a.squeeze) * t;
  out.articulated.wrist = pose_lerp(a.articulated.wrist, b.articulated.wrist, t);
  out.articulated.pinch = a.articulated.pinch + (b.articulated.pinch - a.articulated.pinch) * t;
  for (std::size_t i = 0; i < 2; ++i) {
    out.thumbstick[i] = a.thumbstick[i] + (b.thumbstick[i] - a.thumbstick[i]) * t;
    out.trackpad[i] = a.trackpad[i] + (b.trackpad[i] - a.trackpad[i]) * t;
  }
  return out;
}

}  // namespace

std::uint32_t control_from_name(std::string_view name) {
  for (const auto& [n, bit] : k_controls) {
    if (n == name) return bit;
  }
  return 0;
}

DeviceSample Script::sample_at(double t_s) const {
  if (keyframes.size() == 1 || t_s <= keyframes.front().t_s) return keyframes.front().sample;
  if (t_s >= keyframes.back().t_s) return keyframes.back().sample;
  const auto next = std::upper_bound(keyframes.begin(), keyframes.end(), t_s,
                                     [](double t, const Keyframe& k) { return t < k.t_s; });
  const Keyframe& b = *next;
  const Keyframe& a = *(next - 1);
  const float f = static_cast<float>((t_s - a.t_s) / (b.t_s - a.t_s));
  DeviceSample out;
  out.head = pose_lerp(a.sample.head, b.sample.head, f);
  for (std::size_t h = 0; h < 2; ++h)
    out.hands[h] = lerp_hand(a.sample.hands[h], b.sample.hands[h], f);
  return out;
}

Script default_script() {
  Script script;
  Keyframe k;
  k.sample.head = {{0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 1.6f, 0.0f}};
  for (std::size_t h = 0; h < 2; ++h) {
    const float side = h == 0 ? -0.2f : 0.2f;
    k.sample.hands[h].grip = {{0.0f, 0.0f, 0.0f, 1.0f}, {side, 1.3f, -0.3f}};
    k.sample.hands[h].aim = k.sample.hands[h].grip;
  }
  script.keyframes.push_back(k);
  return script;
}

std::expected<Script, std::string> parse_script(const std::string& text, const std::string& name) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    // Turn the byte offset into the line:column an editor shows.
    std::size_t line = 1, column = 1;
    const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string what = e.what();
    const auto pos = what.find("parse error");
    if (pos != std::string::npos) what = what.substr(pos);
    return std::unexpected(name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                           what);
  }
  try {
    return parse_json(root);
  } catch (const ParseError& e) {
    return std::unexpected(name + ": " + e.message);
  }
}

std::expected<Script, std::string> load_script(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(path + ": cannot open the script file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_script(text.str(), path);
}

}  // namespace txr::xrsim
