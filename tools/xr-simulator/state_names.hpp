#pragma once
// Enum names from openxr_reflection.h (xrResultToString, xrStructureTypeToString, logs).
#include <string_view>

#include "xr_headers.hpp"

namespace txr::xrsim {

// nullptr when the value has no name in this header version.
const char* result_name(XrResult result);
const char* structure_type_name(XrStructureType type);
std::string_view session_state_name(XrSessionState state);

}  // namespace txr::xrsim
