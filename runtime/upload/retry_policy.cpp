#include "upload/retry_policy.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <limits>
#include <string>

namespace txr::upload {

std::optional<long> parse_retry_after_ms(std::string_view value, TimePoint now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::numeric_limits<long>::max() / 2;  // the caller clamps
    return std::stol(std::string(value)) * 1000L;
  }
  const std::string text(value);
  const time_t at = curl_getdate(text.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  const auto target = Clock::from_time_t(at);
  const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(target - now).count();
  return std::max<long>(0L, static_cast<long>(wait_ms));
}

long backoff_delay_ms(int attempt, long initial_ms, long max_ms, double random01) {
  double delay = static_cast<double>(initial_ms);
  for (int i = 0; i < attempt && delay < static_cast<double>(max_ms); ++i) delay *= 2.0;
  delay = std::min(delay, static_cast<double>(max_ms));
  const double jittered = delay * (0.5 + 0.5 * std::clamp(random01, 0.0, 1.0));
  return std::max<long>(1L, static_cast<long>(jittered));
}

double random_unit() {
  if (sodium_init() < 0) return 0.5;
  return static_cast<double>(randombytes_uniform(1000000)) / 1000000.0;
}

}  // namespace txr::upload
