#pragma once
// Identifiers, clocks and digests for statements: random UUIDs, xAPI timestamps and durations,
// SHA-256 for attachments.
#include <chrono>
#include <string>
#include <string_view>

namespace txr::upload {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

// A random (version 4) UUID from libsodium's CSPRNG, lowercase "8-4-4-4-12".
std::string new_uuid();
bool is_uuid(std::string_view text);

// "2026-11-22T04:05:06.789Z" (UTC, millisecond precision).
std::string format_timestamp(TimePoint at);
// ISO 8601 duration with 0.01 s precision: 750.5 -> "PT12M30.5S", 3600 -> "PT1H", 0 -> "PT0S".
// Negative or non-finite input gives "PT0S".
std::string format_duration(double seconds);
// True for the ISO 8601 durations format_duration emits and the xAPI forms LRSs accept.
bool is_iso8601_duration(std::string_view text);

// Lowercase hex SHA-256 of the bytes (libsodium).
std::string sha256_hex(std::string_view bytes);

}  // namespace txr::upload
