#include "assessment/record_format.hpp"

#include <sodium.h>

#include <bit>
#include <cctype>
#include <cstring>

namespace txr::assessment {
namespace {

static_assert(sizeof(crypto_generichash_state) <= 384, "grow EventBatchHasher::state_");

void put_u64(crypto_generichash_state* st, std::uint64_t v) {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
  crypto_generichash_update(st, b, 8);
}
void put_str(crypto_generichash_state* st, std::string_view s) {
  put_u64(st, s.size());
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}
void put_f64(crypto_generichash_state* st, double v) {
  put_u64(st, std::bit_cast<std::uint64_t>(v));
}

}  // namespace

std::string_view to_string(ChainKind kind) {
  switch (kind) {
    case ChainKind::chunk:
      return "stream chunk";
    case ChainKind::events:
      return "event batch";
    case ChainKind::gap:
      return "gap";
    case ChainKind::close:
      return "close";
  }
  return "unknown";
}

core::Result<void> validate_trainee_id(std::string_view id) {
  if (id.empty() || id.size() > 64) {
    return core::fail("trainee id must be 1 to 64 characters (an opaque id from the roster)");
  }
  if (id.find('@') != std::string_view::npos) {
    return core::fail("trainee id '" + std::string(id) +
                      "' looks like an e-mail address; records hold opaque ids only "
                      "(see docs/telemetry-and-privacy.md)");
  }
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0 && c != '-' && c != '_' && c != '.') {
      return core::fail("trainee id '" + std::string(id) +
                        "' may only contain letters, digits, '-', '_' and '.' (an opaque id, "
                        "never a name)");
    }
  }
  return {};
}

core::Result<void> validate_header(const RecordHeader& header) {
  if (auto ok = validate_trainee_id(header.trainee_id); !ok) return ok;
  if (header.scenario_id.empty()) return core::fail("record header needs a scenario id");
  for (const std::string* field : {&header.device, &header.scenario_id, &header.mode}) {
    if (field->find('@') != std::string::npos) {
      return core::fail("record header field '" + *field +
                        "' looks like an e-mail address; personal data is not recorded");
    }
  }
  return {};
}

Hash32 header_hash(const RecordHeader& h) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  put_str(&st, "txr-header-v1");
  put_u64(&st, static_cast<std::uint64_t>(k_record_format_version));
  for (const std::string* field :
       {&h.scenario_id, &h.scenario_version, &h.scenario_content_hash, &h.runtime_version,
        &h.device, &h.mode, &h.language, &h.trainee_id, &h.session_id, &h.started_utc,
        &h.public_key_hex}) {
    put_str(&st, *field);
  }
  put_u64(&st, static_cast<std::uint64_t>(h.started_unix_s));
  Hash32 out{};
  crypto_generichash_final(&st, out.data(), out.size());
  return out;
}

Hash32 blake2b(std::span<const unsigned char> bytes) {
  Hash32 out{};
  crypto_generichash(out.data(), out.size(), bytes.data(), bytes.size(), nullptr, 0);
  return out;
}

Hash32 link_hash(const Hash32& prev, std::int64_t seq, ChainKind kind, double t_begin_s,
                 double t_end_s, std::int64_t count, const Hash32& content_hash) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  put_str(&st, "txr-chain-v1");
  crypto_generichash_update(&st, prev.data(), prev.size());
  put_u64(&st, static_cast<std::uint64_t>(seq));
  put_u64(&st, static_cast<std::uint64_t>(kind));
  put_f64(&st, t_begin_s);
  put_f64(&st, t_end_s);
  put_u64(&st, static_cast<std::uint64_t>(count));
  crypto_generichash_update(&st, content_hash.data(), content_hash.size());
  Hash32 out{};
  crypto_generichash_final(&st, out.data(), out.size());
  return out;
}

std::string signed_message(const Hash32& header, std::int64_t chain_length, const Hash32& head) {
  std::string msg = "txr-session-signature-v1";
  msg.append(reinterpret_cast<const char*>(header.data()), header.size());
  for (int i = 0; i < 8; ++i) {
    msg.push_back(static_cast<char>(static_cast<std::uint64_t>(chain_length) >> (8 * i)));
  }
  msg.append(reinterpret_cast<const char*>(head.data()), head.size());
  return msg;
}

EventBatchHasher::EventBatchHasher() {
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  crypto_generichash_init(st, nullptr, 0, 32);
  put_str(st, "txr-events-v1");
}

void EventBatchHasher::add(std::int64_t id, double time_s, std::string_view type,
                           std::string_view subject, std::string_view payload_json) {
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  put_u64(st, static_cast<std::uint64_t>(id));
  put_f64(st, time_s);
  put_str(st, type);
  put_str(st, subject);
  put_str(st, payload_json);
}

Hash32 EventBatchHasher::finish() {
  Hash32 out{};
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_), out.data(),
                           out.size());
  return out;
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static const char* k_digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(k_digits[b >> 4]);
    out.push_back(k_digits[b & 15]);
  }
  return out;
}

bool from_hex(std::string_view hex, std::span<unsigned char> out) {
  if (hex.size() != out.size() * 2) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

const char* const k_record_schema_sql = R"sql(
CREATE TABLE header (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  format_version INTEGER NOT NULL,
  scenario_id TEXT NOT NULL, scenario_version TEXT NOT NULL, scenario_content_hash TEXT NOT NULL,
  runtime_version TEXT NOT NULL, device TEXT NOT NULL, mode TEXT NOT NULL, language TEXT NOT NULL,
  trainee_id TEXT NOT NULL, session_id TEXT NOT NULL, started_utc TEXT NOT NULL,
  started_unix_s INTEGER NOT NULL, public_key TEXT NOT NULL, header_hash BLOB NOT NULL);
CREATE TABLE chain (
  seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, t_begin_s REAL NOT NULL, t_end_s REAL NOT NULL,
  count INTEGER NOT NULL, content_hash BLOB NOT NULL, link_hash BLOB NOT NULL, meta TEXT);
CREATE TABLE events (
  id INTEGER PRIMARY KEY, batch_seq INTEGER NOT NULL, time_s REAL NOT NULL, type TEXT NOT NULL,
  subject TEXT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX events_by_batch ON events(batch_seq, id);
CREATE TABLE chunks (
  seq INTEGER PRIMARY KEY, data BLOB, purged_utc TEXT);
CREATE TABLE signature (
  id INTEGER PRIMARY KEY CHECK (id = 1), chain_length INTEGER NOT NULL, chain_head BLOB NOT NULL,
  public_key TEXT NOT NULL, signature BLOB NOT NULL);
)sql";

}  // namespace txr::assessment
