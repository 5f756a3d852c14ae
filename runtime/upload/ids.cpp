#include "upload/ids.hpp"

#include <sodium.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <regex>

namespace txr::upload {
namespace {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init only fails without an entropy source; randombytes then falls back to its
    // own initialisation, so the result needs no handling beyond noting it.
    if (sodium_init() < 0) return;
  });
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(k_digits[data[i] >> 4]);
    out.push_back(k_digits[data[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string new_uuid() {
  ensure_sodium();
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string h = hex(b, sizeof b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string format_timestamp(TimePoint at) {
  const auto ms_total =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ms_total / 1000);
  auto ms = static_cast<int>(ms_total % 1000);
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds <= 0.0) return "PT0S";
  const auto centis = static_cast<long long>(std::llround(seconds * 100.0));
  const long long hours = centis / 360000;
  const long long minutes = (centis / 6000) % 60;
  const long long sec_centis = centis % 6000;
  std::string out = "PT";
  if (hours > 0) out += std::to_string(hours) + "H";
  if (minutes > 0) out += std::to_string(minutes) + "M";
  if (sec_centis > 0 || (hours == 0 && minutes == 0)) {
    out += std::to_string(sec_centis / 100);
    const long long frac = sec_centis % 100;
    if (frac != 0) {
      out += '.';
      out += static_cast<char>('0' + frac / 10);
      if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    }
    out += 'S';
  }
  return out;
}

bool is_iso8601_duration(std::string_view text) {
  static const std::regex k_pattern(
      R"(^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$)");
  return std::regex_match(text.begin(), text.end(), k_pattern);
}

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex(digest, sizeof digest);
}

}  // namespace txr::upload
