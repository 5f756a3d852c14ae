// Bound-source queries: which physical inputs an action is bound to and their display names.
#include <algorithm>
#include <cctype>

#include "api.hpp"
#include "enumerate.hpp"
#include "runtime.hpp"

namespace txr::xrsim {
namespace {

// "trigger" -> "Trigger", "thumbstick" -> "Thumbstick", "a" -> "A".
std::string title(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  for (auto& c : word) {
    if (c == '_') c = ' ';
  }
  return word;
}

std::string profile_display_name(const std::string& profile) {
  // /interaction_profiles/<vendor>/<name> -> "<Name>" with words capitalised.
  const auto slash = profile.rfind('/');
  std::string name = profile.substr(slash + 1);
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('_', start), name.size());
    if (!out.empty()) out += ' ';
    out += title(name.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrEnumerateBoundSourcesForAction(
    XrSession session, const XrBoundSourcesForActionEnumerateInfo* enumerateInfo,
    uint32_t sourceCapacityInput, uint32_t* sourceCountOutput, XrPath* sources) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (enumerateInfo == nullptr ||
      enumerateInfo->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const Action* a = get_action(enumerateInfo->action);
  if (a == nullptr || a->instance_id != s->instance_id) return XR_ERROR_HANDLE_INVALID;
  const bool attached = std::any_of(s->attached_sets.begin(), s->attached_sets.end(),
                                    [&](const auto& set) { return set->id == a->set_id; });
  if (!attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  std::vector<XrPath> found;
  const Instance& inst = owner(*s);
  const auto it = inst.suggestions.find(s->current_profile);
  if (s->current_profile != XR_NULL_PATH && it != inst.suggestions.end()) {
    for (const SuggestedBinding& b : it->second) {
      if (b.action->id == a->id &&
          std::find(found.begin(), found.end(), b.binding) == found.end()) {
        found.push_back(b.binding);
      }
    }
  }
  return enumerate(sourceCapacityInput, sourceCountOutput, sources, found.size(),
                   [&](std::size_t i, XrPath& out) {
                     out = found[i];
                     return true;
                   });
}

XRAPI_ATTR XrResult XRAPI_CALL xrGetInputSourceLocalizedName(
    XrSession session, const XrInputSourceLocalizedNameGetInfo* getInfo,
    uint32_t bufferCapacityInput, uint32_t* bufferCountOutput, char* buffer) {
  std::lock_guard lock(api_mutex());
  const Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (getInfo == nullptr || getInfo->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO ||
      getInfo->whichComponents == 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  const Instance& inst = owner(*s);
  const std::string* path = path_string(inst, getInfo->sourcePath);
  if (path == nullptr) return XR_ERROR_PATH_INVALID;
  if (!s->attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const bool left = path->starts_with("/user/hand/left/");
  if (!left && !path->starts_with("/user/hand/right/")) return XR_ERROR_PATH_UNSUPPORTED;
  std::vector<std::string> parts;
  if (getInfo->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT) {
    parts.emplace_back(left ? "Left Hand" : "Right Hand");
  }
  if ((getInfo->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT) &&
      s->current_profile != XR_NULL_PATH) {
    parts.push_back(profile_display_name(*path_string(inst, s->current_profile)));
  }
  if (getInfo->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) {
    // /user/hand/left/input/trigger/value -> "Trigger Value"
    const std::string rest = path->substr(left ? 16 : 17);
    std::string component;
    std::size_t start = rest.find('/');
    start = start == std::string::npos ? rest.size() : start + 1;
    while (start < rest.size()) {
      const auto end = std::min(rest.find('/', start), rest.size());
      if (!component.empty()) component += ' ';
      component += title(rest.substr(start, end - start));
      start = end + 1;
    }
    if (rest.starts_with("output/")) component = "Haptic";
    parts.push_back(component);
  }
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : " ") + p;
  return enumerate_string(bufferCapacityInput, bufferCountOutput, buffer, text);
}

}  // namespace api
}  // namespace txr::xrsim
