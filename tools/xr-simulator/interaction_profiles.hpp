#pragma once
// The interaction profiles the simulator knows (OpenXR 1.0 spec, "Interaction Profiles") and the
// validation of binding paths against them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "script.hpp"

namespace txr::xrsim {

// One input/output source a binding names, e.g. /user/hand/left/input/trigger/value.
struct BindingSource {
  int hand = 0;            // 0 left, 1 right
  std::string identifier;  // "trigger", "grip", "haptic", ...
  std::string component;   // "click", "value", "x", "pose", ... empty for the parent path
  bool output = false;     // output/haptic
  std::vector<std::string> siblings;  // components the identifier has (click, value, x, ...)
};

bool is_known_profile(std::string_view profile_path);
std::vector<std::string> known_profiles();

// Parses and validates a binding path for a profile: nullopt when the profile has no such
// source (the app then gets XR_ERROR_PATH_UNSUPPORTED).
std::optional<BindingSource> parse_binding(std::string_view profile_path,
                                           std::string_view binding_path);

// Every full source path of a profile for one hand (used to enumerate bound sources).
std::vector<std::string> profile_sources(std::string_view profile_path, int hand);

// Values read from a simulated controller for one source.
struct SourceValue {
  bool available = false;  // the source produces a value of this kind
  float value = 0.0f;      // boolean sources give 0 or 1
  float x = 0.0f, y = 0.0f;
};

// Reads a scalar (click/touch/value/force, or a parent that has one) from the hand state.
SourceValue read_scalar(const BindingSource& source, const HandSample& hand, bool want_boolean);
// Reads a 2-axis parent (thumbstick, trackpad).
SourceValue read_vector2(const BindingSource& source, const HandSample& hand);

}  // namespace txr::xrsim
