// Haptic output: xrApplyHapticFeedback / xrStopHapticFeedback recorded into the simulator log.
#include <algorithm>

#include "action_lookup.hpp"
#include "api.hpp"

namespace txr::xrsim {
namespace {

XrResult haptic_targets(Session& s, const XrHapticActionInfo* info, Action** action,
                        std::vector<std::string>& targets) {
  if (info == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (const XrResult r = session_action(s, info->action, info->subactionPath, action);
      XR_FAILED(r)) {
    return r;
  }
  if ((*action)->action_type != XR_ACTION_TYPE_VIBRATION_OUTPUT) {
    return XR_ERROR_ACTION_TYPE_MISMATCH;
  }
  const Instance& inst = owner(s);
  const int hand = hand_of(inst, info->subactionPath);
  if (const auto* bindings = current_bindings(s)) {
    for (const SuggestedBinding& b : *bindings) {
      if (b.action->id != (*action)->id || !b.source.output) continue;
      if (info->subactionPath != XR_NULL_PATH && b.source.hand != hand) continue;
      targets.push_back(*path_string(inst, b.binding));
    }
  }
  return XR_SUCCESS;
}

}  // namespace

namespace api {

XRAPI_ATTR XrResult XRAPI_CALL xrApplyHapticFeedback(XrSession session,
                                                     const XrHapticActionInfo* hapticActionInfo,
                                                     const XrHapticBaseHeader* hapticFeedback) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (hapticFeedback == nullptr || hapticFeedback->type != XR_TYPE_HAPTIC_VIBRATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* a = nullptr;
  std::vector<std::string> targets;
  if (const XrResult r = haptic_targets(*s, hapticActionInfo, &a, targets); XR_FAILED(r)) return r;
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  const auto* v = reinterpret_cast<const XrHapticVibration*>(hapticFeedback);
  Instance& inst = owner(*s);
  for (const auto& target : targets) {
    HapticRecord rec;
    rec.time_s = script_time_s(inst, session_now(*s));
    rec.action = a->name;
    rec.target = target;
    rec.duration_ns = v->duration;
    rec.frequency_hz = v->frequency;
    rec.amplitude = std::clamp(v->amplitude, 0.0f, 1.0f);
    inst.log.haptics.push_back(rec);
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL xrStopHapticFeedback(XrSession session,
                                                    const XrHapticActionInfo* hapticActionInfo) {
  std::lock_guard lock(api_mutex());
  Session* s = get_session(session);
  if (s == nullptr) return XR_ERROR_HANDLE_INVALID;
  Action* a = nullptr;
  std::vector<std::string> targets;
  if (const XrResult r = haptic_targets(*s, hapticActionInfo, &a, targets); XR_FAILED(r)) return r;
  if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
  Instance& inst = owner(*s);
  for (const auto& target : targets) {
    HapticRecord rec;
    rec.time_s = script_time_s(inst, session_now(*s));
    rec.action = a->name;
    rec.target = target;
    rec.stop = true;
    inst.log.haptics.push_back(rec);
  }
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace txr::xrsim
