#pragma once
// How long to wait before trying again: Retry-After (seconds or an HTTP date) and exponential
// backoff with jitter, so many lab PCs coming back online do not hit the LRS in lockstep.
#include <cstdint>
#include <optional>
#include <string_view>

#include "upload/ids.hpp"

namespace txr::upload {

// Milliseconds to wait for a Retry-After value ("120" or "Wed, 21 Oct 2026 07:28:00 GMT"),
// never negative; nullopt when the value is neither.
std::optional<long> parse_retry_after_ms(std::string_view value, TimePoint now);

// attempt 0, 1, 2...: min(max_ms, initial_ms * 2^attempt), then a uniformly random point in its
// upper half ("equal jitter"), so the wait grows but never collapses to zero. random01 in [0, 1).
long backoff_delay_ms(int attempt, long initial_ms, long max_ms, double random01);
// A random number in [0, 1) from libsodium.
double random_unit();

}  // namespace txr::upload
