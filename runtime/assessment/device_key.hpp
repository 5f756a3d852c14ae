#pragma once
// DeviceKey: this machine's Ed25519 signing key, created on first use.
// Location: the key_dir argument, else $TRADEXR_KEY_DIR, else $XDG_DATA_HOME/tradexr, else
// ~/.local/share/tradexr. The directory is created 0700 and the key file 0600; a key file that
// group or others can read (or a directory they can write) is refused with a message saying how
// to fix it, because a leaked key lets anyone forge a signed record.
#include <array>
#include <filesystem>
#include <span>
#include <string>

#include "core/result.hpp"

namespace txr::assessment {

inline constexpr const char* k_device_key_file = "device-ed25519.key";

class DeviceKey {
 public:
  static std::filesystem::path default_dir();
  // Loads the key in key_dir (empty: default_dir()), creating it if there is none yet.
  static core::Result<DeviceKey> load_or_create(const std::filesystem::path& key_dir = {});

  const std::array<unsigned char, 32>& public_key() const { return public_key_; }
  std::string public_key_hex() const;
  std::array<unsigned char, 64> sign(std::span<const unsigned char> message) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::array<unsigned char, 64> secret_key_{};
  std::array<unsigned char, 32> public_key_{};
  std::filesystem::path path_;
};

bool verify_signature(std::span<const unsigned char> message,
                      std::span<const unsigned char> signature,
                      std::span<const unsigned char> public_key);

}  // namespace txr::assessment
