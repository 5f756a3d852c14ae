#pragma once
// The session record's on-disk format: schema, header, chain entry kinds and the hashes that
// make it tamper-evident. Shared by Recorder, Reader, Verifier and retention.
//
// Every committed batch (a ~1 s stream chunk, a batch of events, a gap, the close marker) is one
// row of `chain`. Its link hash is BLAKE2b-256(prev_link || seq || kind || t_begin || t_end ||
// count || content_hash); the first row's prev_link is the header hash. content_hash covers the
// batch's content (compressed chunk bytes, canonical event rows, or the meta JSON), so a chunk's
// bytes can be purged by retention while its content hash — and the chain — stay verifiable.
// On close the device key signs (header_hash || chain length || chain head).
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace txr::assessment {

inline constexpr int k_record_format_version = 1;
using Hash32 = std::array<unsigned char, 32>;

enum class ChainKind : std::int64_t { chunk = 1, events = 2, gap = 3, close = 4 };
std::string_view to_string(ChainKind kind);

// Who, what and where of a session. trainee_id is an opaque id from the roster, never a name.
struct RecordHeader {
  std::string scenario_id;
  std::string scenario_version;
  std::string scenario_content_hash;
  std::string runtime_version;  // empty: this build's TXR_VERSION
  std::string device;           // e.g. "lab-pc-03 / Quest 3 via link"
  std::string mode;             // xr | desktop | headless
  std::string language;         // e.g. vi, en
  std::string trainee_id;
  // Filled in by the recorder:
  std::string session_id;   // 32 random hex digits
  std::string started_utc;  // ISO 8601
  std::int64_t started_unix_s = 0;
  std::string public_key_hex;  // Ed25519 device key (64 hex digits)
};

// Opaque-id rule: 1–64 characters of [A-Za-z0-9._-]; anything with '@' or whitespace is refused
// (an e-mail address or a name must never become a trainee id).
core::Result<void> validate_trainee_id(std::string_view id);
core::Result<void> validate_header(const RecordHeader& header);

Hash32 header_hash(const RecordHeader& header);
Hash32 blake2b(std::span<const unsigned char> bytes);
Hash32 link_hash(const Hash32& prev, std::int64_t seq, ChainKind kind, double t_begin_s,
                 double t_end_s, std::int64_t count, const Hash32& content_hash);
// The bytes the device key signs when a session is closed.
std::string signed_message(const Hash32& header_hash, std::int64_t chain_length,
                           const Hash32& chain_head);

// Canonical event content hash: id and length-prefixed fields of each row in id order.
class EventBatchHasher {
 public:
  EventBatchHasher();
  void add(std::int64_t id, double time_s, std::string_view type, std::string_view subject,
           std::string_view payload_json);
  Hash32 finish();

 private:
  alignas(64) unsigned char state_[384];
};

std::string to_hex(std::span<const unsigned char> bytes);
bool from_hex(std::string_view hex, std::span<unsigned char> out);

// SQL that creates an empty record (WAL journal is set separately).
extern const char* const k_record_schema_sql;

}  // namespace txr::assessment
