#include "interaction_profiles.hpp"

#include <algorithm>
#include <array>

namespace txr::xrsim {
namespace {

// Sources of one profile: `both` exist on each hand, `left`/`right` only on that hand.
struct ProfileTable {
  std::string_view path;
  std::vector<std::string_view> both;
  std::vector<std::string_view> left;
  std::vector<std::string_view> right;
};

const std::vector<ProfileTable>& tables() {
  static const std::vector<ProfileTable> k_tables{
      {"/interaction_profiles/khr/simple_controller",
       {"input/select/click", "input/menu/click", "input/grip/pose", "input/aim/pose",
        "output/haptic"},
       {},
       {}},
      {"/interaction_profiles/htc/vive_controller",
       {"input/system/click", "input/squeeze/click", "input/menu/click", "input/trigger/click",
        "input/trigger/value", "input/trackpad/x", "input/trackpad/y", "input/trackpad/click",
        "input/trackpad/touch", "input/grip/pose", "input/aim/pose", "output/haptic"},
       {},
       {}},
      {"/interaction_profiles/microsoft/motion_controller",
       {"input/menu/click", "input/squeeze/click", "input/trigger/value", "input/thumbstick/x",
        "input/thumbstick/y", "input/thumbstick/click", "input/trackpad/x", "input/trackpad/y",
        "input/trackpad/click", "input/trackpad/touch", "input/grip/pose", "input/aim/pose",
        "output/haptic"},
       {},
       {}},
      {"/interaction_profiles/oculus/touch_controller",
       {"input/squeeze/value", "input/trigger/value", "input/trigger/touch", "input/thumbstick/x",
        "input/thumbstick/y", "input/thumbstick/click", "input/thumbstick/touch",
        "input/thumbrest/touch", "input/grip/pose", "input/aim/pose", "output/haptic"},
       {"input/x/click", "input/x/touch", "input/y/click", "input/y/touch", "input/menu/click"},
       {"input/a/click", "input/a/touch", "input/b/click", "input/b/touch", "input/system/click"}},
      {"/interaction_profiles/valve/index_controller",
       {"input/system/click",   "input/system/touch",     "input/a/click",
        "input/a/touch",        "input/b/click",          "input/b/touch",
        "input/squeeze/value",  "input/squeeze/force",    "input/trigger/click",
        "input/trigger/value",  "input/trigger/touch",    "input/thumbstick/x",
        "input/thumbstick/y",   "input/thumbstick/click", "input/thumbstick/touch",
        "input/trackpad/x",     "input/trackpad/y",       "input/trackpad/force",
        "input/trackpad/touch", "input/grip/pose",        "input/aim/pose",
        "output/haptic"},
       {},
       {}},
  };
  return k_tables;
}

const ProfileTable* find_table(std::string_view path) {
  for (const auto& t : tables()) {
    if (t.path == path) return &t;
  }
  return nullptr;
}

std::vector<std::string_view> hand_sources(const ProfileTable& t, int hand) {
  std::vector<std::string_view> out = t.both;
  const auto& extra = hand == 0 ? t.left : t.right;
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

bool is_pressed(const HandSample& hand, std::string_view identifier) {
  const std::uint32_t bit = control_from_name(identifier);
  if (bit != 0 && (hand.pressed & bit) != 0) return true;
  if (identifier == "trigger" || identifier == "select") return hand.trigger >= 0.5f;
  if (identifier == "squeeze") return hand.squeeze >= 0.5f;
  return false;
}

bool is_touched(const HandSample& hand, std::string_view identifier) {
  const std::uint32_t bit = control_from_name(identifier);
  if (bit != 0 && (hand.touched & bit) != 0) return true;
  if (identifier == "trigger" && hand.trigger > 0.0f) return true;
  return is_pressed(hand, identifier);
}

float analog_value(const HandSample& hand, std::string_view identifier) {
  if (identifier == "trigger") return hand.trigger;
  if (identifier == "squeeze") return hand.squeeze;
  return is_pressed(hand, identifier) ? 1.0f : 0.0f;
}

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

bool is_known_profile(std::string_view profile_path) { return find_table(profile_path) != nullptr; }

std::vector<std::string> known_profiles() {
  std::vector<std::string> out;
  for (const auto& t : tables()) out.emplace_back(t.path);
  return out;
}

std::optional<BindingSource> parse_binding(std::string_view profile_path,
                                           std::string_view binding_path) {
  const ProfileTable* table = find_table(profile_path);
  if (table == nullptr) return std::nullopt;
  BindingSource source;
  std::string_view rest;
  constexpr std::string_view k_left = "/user/hand/left/";
  constexpr std::string_view k_right = "/user/hand/right/";
  if (binding_path.starts_with(k_left)) {
    source.hand = 0;
    rest = binding_path.substr(k_left.size());
  } else if (binding_path.starts_with(k_right)) {
    source.hand = 1;
    rest = binding_path.substr(k_right.size());
  } else {
    return std::nullopt;
  }
  const auto sources = hand_sources(*table, source.hand);
  if (rest == "output/haptic") {
    if (std::find(sources.begin(), sources.end(), rest) == sources.end()) return std::nullopt;
    source.identifier = "haptic";
    source.output = true;
    return source;
  }
  if (!rest.starts_with("input/")) return std::nullopt;
  const std::string_view after = rest.substr(6);
  const auto slash = after.find('/');
  source.identifier = std::string(after.substr(0, slash));
  if (slash != std::string_view::npos) source.component = std::string(after.substr(slash + 1));
  for (std::string_view s : sources) {
    const std::string prefix = "input/" + source.identifier + "/";
    if (s.starts_with(prefix)) source.siblings.emplace_back(s.substr(prefix.size()));
  }
  if (source.siblings.empty()) return std::nullopt;
  if (!source.component.empty() && !has(source.siblings, source.component)) return std::nullopt;
  // An identifier with a single component (grip -> pose) means that component.
  if (source.component.empty() && source.siblings.size() == 1)
    source.component = source.siblings[0];
  return source;
}

std::vector<std::string> profile_sources(std::string_view profile_path, int hand) {
  std::vector<std::string> out;
  const ProfileTable* table = find_table(profile_path);
  if (table == nullptr) return out;
  const std::string prefix = hand == 0 ? "/user/hand/left/" : "/user/hand/right/";
  for (std::string_view s : hand_sources(*table, hand)) out.push_back(prefix + std::string(s));
  return out;
}

SourceValue read_scalar(const BindingSource& source, const HandSample& hand, bool want_boolean) {
  SourceValue out;
  if (source.output) return out;
  std::string component = source.component;
  if (component.empty()) {
    // A parent path: the runtime picks the component that suits the action type.
    const std::array<std::string_view, 4> bool_order{"click", "value", "force", "touch"};
    const std::array<std::string_view, 4> float_order{"value", "force", "click", "touch"};
    for (std::string_view c : want_boolean ? bool_order : float_order) {
      if (has(source.siblings, c)) {
        component = std::string(c);
        break;
      }
    }
  }
  const std::string_view id = source.identifier;
  if (component == "click") {
    out.value = is_pressed(hand, id) ? 1.0f : 0.0f;
  } else if (component == "touch") {
    out.value = is_touched(hand, id) ? 1.0f : 0.0f;
  } else if (component == "value" || component == "force") {
    out.value = analog_value(hand, id);
    if (want_boolean) out.value = out.value >= 0.5f ? 1.0f : 0.0f;  // threshold conversion
  } else if (component == "x" || component == "y") {
    const auto& axes = id == "thumbstick" ? hand.thumbstick : hand.trackpad;
    out.value = component == "x" ? axes[0] : axes[1];
    if (want_boolean) out.value = out.value >= 0.5f ? 1.0f : 0.0f;
  } else {
    return out;  // pose or unknown: no scalar
  }
  out.available = true;
  return out;
}

SourceValue read_vector2(const BindingSource& source, const HandSample& hand) {
  SourceValue out;
  if (source.output || !source.component.empty()) return out;
  if (!has(source.siblings, "x") || !has(source.siblings, "y")) return out;
  const auto& axes = source.identifier == "thumbstick" ? hand.thumbstick : hand.trackpad;
  out.available = true;
  out.x = axes[0];
  out.y = axes[1];
  return out;
}

}  // namespace txr::xrsim
