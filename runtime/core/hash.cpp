#include "core/hash.hpp"

namespace txr::core {

std::string to_hex(std::uint64_t value) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = k_digits[value & 0xf];
    value >>= 4;
  }
  return out;
}

}  // namespace txr::core
