#pragma once
// Outbox: the durable queue of statements waiting for the LRS (SQLite, WAL, synchronous=FULL so
// a committed statement survives a power cut). A statement is validated and stored once, at its
// event; the uploader later sends exactly those bytes, in insertion order (which keeps the order
// within each registration). States: queued -> sent, or queued -> parked (with the reason the
// LRS gave) -> queued again by `retry`.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "upload/statement.hpp"

namespace txr::upload {

enum class OutboxState { queued, sent, parked };
std::string_view to_string(OutboxState state);
std::optional<OutboxState> parse_outbox_state(std::string_view text);

struct OutboxEntry {
  std::int64_t seq = 0;  // insertion order
  std::string id;
  std::string registration;
  std::string verb_id;
  OutboxState state = OutboxState::queued;
  std::string reason;  // why it was parked
  int attempts = 0;
  std::string created_utc;
  std::string sent_utc;
  std::string json;
  std::vector<StatementAttachment> attachments;
};

struct OutboxCounts {
  std::int64_t queued = 0;
  std::int64_t sent = 0;
  std::int64_t parked = 0;
};

class Outbox {
 public:
  // Opens (creating if needed) the database; each thread should open its own Outbox.
  static core::Result<Outbox> open(const std::filesystem::path& path);
  Outbox(Outbox&&) noexcept;
  Outbox& operator=(Outbox&&) noexcept;
  ~Outbox();

  const std::filesystem::path& path() const;

  // Validates and commits (durably) before returning. An id already present is an error.
  core::Result<void> enqueue(const Statement& statement);
  // All or nothing, in one transaction.
  core::Result<void> enqueue_all(std::span<const Statement> statements);

  // Up to max_count queued statements in insertion order, with their attachments.
  core::Result<std::vector<OutboxEntry>> next_batch(std::size_t max_count);
  core::Result<void> mark_sent(std::span<const std::string> ids);
  core::Result<void> count_attempt(std::span<const std::string> ids);
  core::Result<void> park(const std::string& id, const std::string& reason);
  // Parked -> queued. False when no parked statement has that id.
  core::Result<bool> retry(const std::string& id);

  core::Result<OutboxCounts> counts();
  // Newest first within the state filter (all states when nullopt); no bodies.
  core::Result<std::vector<OutboxEntry>> list(std::optional<OutboxState> state, std::size_t limit);
  core::Result<std::optional<OutboxEntry>> find(const std::string& id);

  // The last upload problem, kept in the database so `tradexr outbox status` can show it.
  core::Result<void> set_last_error(const std::string& message);  // empty clears
  core::Result<std::string> last_error();

 private:
  struct Impl;
  explicit Outbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace txr::upload
