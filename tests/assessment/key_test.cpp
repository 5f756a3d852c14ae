// The device signing key: created once, private, refused when it is not.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "assessment/device_key.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;

namespace {
unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("[assessment] the device key is created 0600 in a 0700 directory and reused") {
  const auto dir = txr::test::scratch_dir("assessment-key") / "nested" / "keys";
  auto key = a::DeviceKey::load_or_create(dir);
  REQUIRE_MESSAGE(key.has_value(), (key ? "" : key.error().message));
  CHECK(mode_of(dir) == 0700);
  CHECK(mode_of(dir / a::k_device_key_file) == 0600);
  auto again = a::DeviceKey::load_or_create(dir);
  REQUIRE(again.has_value());
  CHECK(again->public_key() == key->public_key());
  const std::string msg = "hello";
  const auto sig = key->sign({reinterpret_cast<const unsigned char*>(msg.data()), msg.size()});
  CHECK(a::verify_signature({reinterpret_cast<const unsigned char*>(msg.data()), msg.size()}, sig,
                            again->public_key()));
}

TEST_CASE("[assessment] a device key readable by others is refused with a clear message") {
  const auto dir = txr::test::scratch_dir("assessment-key-perm") / "keys";
  REQUIRE(a::DeviceKey::load_or_create(dir).has_value());
  ::chmod((dir / a::k_device_key_file).c_str(), 0644);
  auto key = a::DeviceKey::load_or_create(dir);
  REQUIRE_FALSE(key.has_value());
  CHECK(key.error().message.find("readable by group or others") != std::string::npos);
  CHECK(key.error().message.find("chmod 600") != std::string::npos);

  ::chmod((dir / a::k_device_key_file).c_str(), 0600);
  ::chmod(dir.c_str(), 0777);
  auto open_dir = a::DeviceKey::load_or_create(dir);
  REQUIRE_FALSE(open_dir.has_value());
  CHECK(open_dir.error().message.find("chmod 700") != std::string::npos);
  ::chmod(dir.c_str(), 0700);
  CHECK(a::DeviceKey::load_or_create(dir).has_value());
}

TEST_CASE("[assessment] TRADEXR_KEY_DIR chooses the key directory") {
  const auto dir = txr::test::scratch_dir("assessment-key-env") / "from-env";
  const char* old = std::getenv("TRADEXR_KEY_DIR");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("TRADEXR_KEY_DIR", dir.c_str(), 1);
  CHECK(a::DeviceKey::default_dir() == dir);
  auto key = a::DeviceKey::load_or_create();
  REQUIRE(key.has_value());
  CHECK(key->path() == dir / a::k_device_key_file);
  if (old != nullptr) {
    ::setenv("TRADEXR_KEY_DIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TRADEXR_KEY_DIR");
  }
}
