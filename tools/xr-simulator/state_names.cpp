#include "state_names.hpp"

#include <openxr/openxr_reflection.h>

namespace txr::xrsim {

#define TXR_XRSIM_CASE(name, value) \
  case name:                        \
    return #name;

const char* result_name(XrResult result) {
  switch (result) { XR_LIST_ENUM_XrResult(TXR_XRSIM_CASE) default : return nullptr; }
}

const char* structure_type_name(XrStructureType type) {
  switch (type) { XR_LIST_ENUM_XrStructureType(TXR_XRSIM_CASE) default : return nullptr; }
}

std::string_view session_state_name(XrSessionState state) {
  switch (state) {
    XR_LIST_ENUM_XrSessionState(TXR_XRSIM_CASE) default : return "XR_SESSION_STATE_UNKNOWN";
  }
}

#undef TXR_XRSIM_CASE

}  // namespace txr::xrsim
