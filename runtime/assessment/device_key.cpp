#include "assessment/device_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "assessment/record_format.hpp"

namespace txr::assessment {
namespace {

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

core::Result<void> ensure_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return core::fail("cannot create key directory " + dir.string() + ": " +
                        std::strerror(errno));
    }
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return core::fail("key directory " + dir.string() + " is not a directory");
  }
  if ((st.st_mode & 022) != 0) {
    return core::fail("key directory " + dir.string() + " is writable by group or others (mode " +
                      octal_mode(st.st_mode) + "); run: chmod 700 " + dir.string());
  }
  return {};
}

core::Result<void> read_key(const std::filesystem::path& path, std::array<unsigned char, 64>& sk) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return core::fail("cannot open device key " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return core::fail("device key " + path.string() + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return core::fail("device key " + path.string() + " is readable by group or others (mode " +
                      octal_mode(st.st_mode) + "); refusing to use it. Run: chmod 600 " +
                      path.string() + " (and treat the key as leaked if others could read it)");
  }
  char hex[129] = {};
  const ssize_t n = ::read(fd, hex, 128);
  ::close(fd);
  if (n != 128 || !from_hex(std::string_view(hex, 128), sk)) {
    return core::fail("device key " + path.string() + " is malformed (expected 128 hex digits)");
  }
  return {};
}

}  // namespace

std::filesystem::path DeviceKey::default_dir() {
  if (const char* env = std::getenv("TRADEXR_KEY_DIR"); env != nullptr && *env != '\0') return env;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "tradexr";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "tradexr";
}

core::Result<DeviceKey> DeviceKey::load_or_create(const std::filesystem::path& key_dir) {
  if (sodium_init() < 0) return core::fail("libsodium failed to initialise");
  const auto dir = key_dir.empty() ? default_dir() : key_dir;
  if (auto ok = ensure_dir(dir); !ok) return std::unexpected(ok.error());
  DeviceKey key;
  key.path_ = dir / k_device_key_file;
  if (!std::filesystem::exists(key.path_)) {
    // Write a temporary file 0600 and link it into place: two processes racing both end up with
    // the same (first) key, and a crash never leaves a half-written key behind.
    std::array<unsigned char, 64> sk{};
    std::array<unsigned char, 32> pk{};
    crypto_sign_keypair(pk.data(), sk.data());
    const auto tmp = dir / (std::string(k_device_key_file) + ".tmp." + std::to_string(::getpid()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      return core::fail("cannot create device key in " + dir.string() + ": " +
                        std::strerror(errno));
    const std::string hex = to_hex(sk);
    const bool written =
        ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(sk.data(), sk.size());
    if (!written) {
      ::unlink(tmp.c_str());
      return core::fail("cannot write device key " + tmp.string());
    }
    if (::link(tmp.c_str(), key.path_.c_str()) != 0 && errno != EEXIST) {
      ::unlink(tmp.c_str());
      return core::fail("cannot install device key " + key.path_.string() + ": " +
                        std::strerror(errno));
    }
    ::unlink(tmp.c_str());
  }
  if (auto ok = read_key(key.path_, key.secret_key_); !ok) return std::unexpected(ok.error());
  crypto_sign_ed25519_sk_to_pk(key.public_key_.data(), key.secret_key_.data());
  return key;
}

std::string DeviceKey::public_key_hex() const { return to_hex(public_key_); }

std::array<unsigned char, 64> DeviceKey::sign(std::span<const unsigned char> message) const {
  std::array<unsigned char, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_key_.data());
  return sig;
}

bool verify_signature(std::span<const unsigned char> message,
                      std::span<const unsigned char> signature,
                      std::span<const unsigned char> public_key) {
  if (sodium_init() < 0) return false;
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

}  // namespace txr::assessment
