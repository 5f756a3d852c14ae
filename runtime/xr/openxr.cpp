#include "xr/openxr.hpp"

#include <openxr/openxr_reflection.h>

namespace txr::xr {

#define TXR_XR_RESULT_CASE(name, value) \
  case name:                            \
    return #name;
std::string result_name(XrResult result) {
  switch (result) { XR_LIST_ENUM_XrResult(TXR_XR_RESULT_CASE) default : break; }
  return "XR_UNKNOWN_" + std::to_string(static_cast<int>(result));
}
#undef TXR_XR_RESULT_CASE

core::Error call_error(const char* call, XrResult result) {
  std::string name(call);
  if (const auto paren = name.find('('); paren != std::string::npos) name.resize(paren);
  return core::Error(name + " failed: " + result_name(result));
}

}  // namespace txr::xr
