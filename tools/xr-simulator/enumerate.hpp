#pragma once
// The OpenXR two-call idiom: a call with capacity 0 reports the count, a call with room fills.
#include <cstdint>
#include <cstring>
#include <string>

#include "xr_headers.hpp"

namespace txr::xrsim {

// fill(i, out) writes element i; it returns false when `out` has the wrong structure type.
template <class T, class Fill>
XrResult enumerate(std::uint32_t capacity, std::uint32_t* count_out, T* items, std::size_t count,
                   Fill fill) {
  if (count_out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count_out = static_cast<std::uint32_t>(count);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < count) return XR_ERROR_SIZE_INSUFFICIENT;
  if (items == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  for (std::size_t i = 0; i < count; ++i) {
    if (!fill(i, items[i])) return XR_ERROR_VALIDATION_FAILURE;
  }
  return XR_SUCCESS;
}

// Strings count their terminating NUL.
inline XrResult enumerate_string(std::uint32_t capacity, std::uint32_t* count_out, char* buffer,
                                 const std::string& text) {
  if (count_out == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count_out = static_cast<std::uint32_t>(text.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < text.size() + 1) return XR_ERROR_SIZE_INSUFFICIENT;
  if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  std::memcpy(buffer, text.c_str(), text.size() + 1);
  return XR_SUCCESS;
}

}  // namespace txr::xrsim
