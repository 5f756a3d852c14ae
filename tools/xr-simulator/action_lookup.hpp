#pragma once
// Lookups shared by the action entry points (actions.cpp, haptics.cpp).
#include <vector>

#include "runtime.hpp"

namespace txr::xrsim {

// 0 for /user/hand/left, 1 for /user/hand/right, -1 for anything else.
int hand_of(const Instance& inst, XrPath path);
// Bindings the app suggested for the session's current interaction profile, or nullptr.
const std::vector<SuggestedBinding>* current_bindings(const Session& s);
// Validates an action used with a session (handle, attached, subaction path) and returns it.
XrResult session_action(const Session& s, XrAction handle, XrPath subaction, Action** out);

}  // namespace txr::xrsim
