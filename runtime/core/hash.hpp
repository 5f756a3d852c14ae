#pragma once
// Stable 64-bit hashing (FNV-1a): the same bytes give the same hash on every run and machine,
// unlike std::hash. Used for physics state hashes and content ids, not for security.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace txr::core {

class StableHasher {
 public:
  StableHasher& add_bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      state_ ^= p[i];
      state_ *= k_prime;
    }
    return *this;
  }
  StableHasher& add(std::uint64_t v) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(v >> (8 * i));
    return add_bytes(bytes, 8);  // fixed little-endian order: same hash on any host
  }
  StableHasher& add(std::int64_t v) { return add(static_cast<std::uint64_t>(v)); }
  StableHasher& add(std::uint32_t v) { return add(static_cast<std::uint64_t>(v)); }
  // Floats hash by bit pattern; -0 is folded into +0 so equal values hash equally.
  StableHasher& add(double v) { return add(std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v)); }
  StableHasher& add(float v) {
    return add(static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(v == 0.0f ? 0.0f : v)));
  }
  StableHasher& add(std::string_view s) {
    add(static_cast<std::uint64_t>(s.size()));
    return add_bytes(s.data(), s.size());
  }
  std::uint64_t value() const { return state_; }

 private:
  static constexpr std::uint64_t k_offset = 0xcbf29ce484222325ull;
  static constexpr std::uint64_t k_prime = 0x100000001b3ull;
  std::uint64_t state_ = k_offset;
};

inline std::uint64_t stable_hash(std::string_view s) {
  return StableHasher().add_bytes(s.data(), s.size()).value();
}

// 16 lowercase hex digits, for printing hashes.
std::string to_hex(std::uint64_t value);

}  // namespace txr::core
