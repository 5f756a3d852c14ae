#include "upload/outbox.hpp"

#include <sqlite3.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "upload/ids.hpp"
#include "upload/statement_validation.hpp"

namespace txr::upload {
namespace {

using core::Result;

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS statements(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  registration TEXT NOT NULL,
  verb TEXT NOT NULL,
  body BLOB NOT NULL,
  state TEXT NOT NULL CHECK(state IN ('queued','sent','parked')),
  reason TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  created_utc TEXT NOT NULL,
  sent_utc TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS statements_by_state ON statements(state, seq);
CREATE TABLE IF NOT EXISTS attachments(
  statement_id TEXT NOT NULL REFERENCES statements(id),
  part INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY(statement_id, part));
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// A prepared statement that finalizes itself.
class Query {
 public:
  Query(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  bool ok() const { return stmt_ != nullptr; }
  Query& bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind_blob(int i, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p == nullptr
               ? std::string()
               : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string now_utc() { return format_timestamp(Clock::now()); }

}  // namespace

struct Outbox::Impl {
  sqlite3* db = nullptr;
  std::filesystem::path path;
  std::mutex mutex;  // one connection; callers on several threads are serialised

  ~Impl() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
  std::unexpected<core::Error> error(std::string_view what) const {
    return core::fail("outbox " + path.string() + ": " + std::string(what) + ": " +
                      sqlite3_errmsg(db));
  }
  Result<void> exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return core::fail("outbox " + path.string() + ": " + text);
    }
    return {};
  }
  // Runs fn inside BEGIN IMMEDIATE ... COMMIT, rolling back on failure.
  template <class Fn>
  Result<void> transaction(Fn&& fn) {
    if (auto ok = exec("BEGIN IMMEDIATE"); !ok) return ok;
    Result<void> result = fn();
    if (!result) {
      (void)exec("ROLLBACK");
      return result;
    }
    return exec("COMMIT");
  }
  Result<void> insert(const Statement& s) {
    nlohmann::json parsed;
    try {
      parsed = nlohmann::json::parse(s.json);
    } catch (const nlohmann::json::exception& e) {
      return core::fail("statement " + s.id + " is not valid JSON: " + e.what());
    }
    if (auto ok = validate_statement(parsed); !ok) return ok;
    if (parsed["id"] != s.id) return core::fail("statement id does not match its JSON");
    Query q(db,
            "INSERT INTO statements(id, registration, verb, body, state, created_utc) "
            "VALUES(?1, ?2, ?3, ?4, 'queued', ?5)");
    if (!q.ok()) return error("prepare insert");
    q.bind(1, s.id)
        .bind(2, s.registration)
        .bind(3, s.verb_id)
        .bind_blob(4, s.json)
        .bind(5, now_utc());
    if (q.step() != SQLITE_DONE) return error("queue statement " + s.id);
    for (std::size_t i = 0; i < s.attachments.size(); ++i) {
      const StatementAttachment& a = s.attachments[i];
      if (sha256_hex(a.bytes) != a.sha256_hex) {
        return core::fail("attachment " + std::to_string(i) + " of " + s.id + " fails its sha256");
      }
      Query qa(db,
               "INSERT INTO attachments(statement_id, part, content_type, sha256, bytes) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
      qa.bind(1, s.id)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, a.content_type)
          .bind(4, a.sha256_hex)
          .bind_blob(5, a.bytes);
      if (qa.step() != SQLITE_DONE) return error("store attachment of " + s.id);
    }
    return {};
  }
  Result<void> load_attachments(OutboxEntry& e) {
    Query q(
        db,
        "SELECT content_type, sha256, bytes FROM attachments WHERE statement_id=?1 ORDER BY part");
    if (!q.ok()) return error("prepare attachments");
    q.bind(1, e.id);
    while (q.step() == SQLITE_ROW) e.attachments.push_back({q.text(0), q.text(1), q.text(2)});
    return {};
  }
};

std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::queued:
      return "queued";
    case OutboxState::sent:
      return "sent";
    case OutboxState::parked:
      return "parked";
  }
  return "queued";
}

std::optional<OutboxState> parse_outbox_state(std::string_view text) {
  if (text == "queued") return OutboxState::queued;
  if (text == "sent") return OutboxState::sent;
  if (text == "parked") return OutboxState::parked;
  return std::nullopt;
}

Outbox::Outbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;
Outbox::~Outbox() = default;

const std::filesystem::path& Outbox::path() const { return impl_->path; }

Result<Outbox> Outbox::open(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (sqlite3_open_v2(path.c_str(), &impl->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return impl->error("cannot open");
  }
  sqlite3_busy_timeout(impl->db, 10000);
  // WAL: the uploader reads while the app writes; FULL: fsync on every commit (power cuts).
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    if (auto ok = impl->exec(pragma); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = impl->exec(k_schema); !ok) return std::unexpected(ok.error());
  return Outbox(std::move(impl));
}

Result<void> Outbox::enqueue(const Statement& statement) {
  return enqueue_all(std::span<const Statement>(&statement, 1));
}

Result<void> Outbox::enqueue_all(std::span<const Statement> statements) {
  std::lock_guard lock(impl_->mutex);
  return impl_->transaction([&]() -> Result<void> {
    for (const Statement& s : statements) {
      if (auto ok = impl_->insert(s); !ok) return ok;
    }
    return {};
  });
}

Result<std::vector<OutboxEntry>> Outbox::next_batch(std::size_t max_count) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "SELECT seq, id, registration, verb, body, attempts, created_utc FROM statements "
          "WHERE state='queued' ORDER BY seq LIMIT ?1");
  if (!q.ok()) return impl_->error("prepare batch");
  q.bind(1, static_cast<std::int64_t>(max_count));
  std::vector<OutboxEntry> out;
  while (q.step() == SQLITE_ROW) {
    OutboxEntry e;
    e.seq = q.int64(0);
    e.id = q.text(1);
    e.registration = q.text(2);
    e.verb_id = q.text(3);
    e.json = q.text(4);
    e.attempts = static_cast<int>(q.int64(5));
    e.created_utc = q.text(6);
    out.push_back(std::move(e));
  }
  for (OutboxEntry& e : out) {
    if (auto ok = impl_->load_attachments(e); !ok) return std::unexpected(ok.error());
  }
  return out;
}

Result<void> Outbox::mark_sent(std::span<const std::string> ids) {
  std::lock_guard lock(impl_->mutex);
  const std::string now = now_utc();
  return impl_->transaction([&]() -> Result<void> {
    Query q(impl_->db, "UPDATE statements SET state='sent', sent_utc=?2, reason='' WHERE id=?1");
    if (!q.ok()) return impl_->error("prepare mark sent");
    for (const std::string& id : ids) {
      q.bind(1, id).bind(2, now);
      if (q.step() != SQLITE_DONE) return impl_->error("mark sent");
      q.reset();
    }
    return {};
  });
}

Result<void> Outbox::count_attempt(std::span<const std::string> ids) {
  std::lock_guard lock(impl_->mutex);
  return impl_->transaction([&]() -> Result<void> {
    Query q(impl_->db, "UPDATE statements SET attempts=attempts+1 WHERE id=?1");
    if (!q.ok()) return impl_->error("prepare attempt");
    for (const std::string& id : ids) {
      q.bind(1, id);
      if (q.step() != SQLITE_DONE) return impl_->error("count attempt");
      q.reset();
    }
    return {};
  });
}

Result<void> Outbox::park(const std::string& id, const std::string& reason) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "UPDATE statements SET state='parked', reason=?2 WHERE id=?1 AND state='queued'");
  if (!q.ok()) return impl_->error("prepare park");
  q.bind(1, id).bind(2, reason);
  if (q.step() != SQLITE_DONE) return impl_->error("park " + id);
  return {};
}

Result<bool> Outbox::retry(const std::string& id) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "UPDATE statements SET state='queued', reason='' WHERE id=?1 AND state='parked'");
  if (!q.ok()) return impl_->error("prepare retry");
  q.bind(1, id);
  if (q.step() != SQLITE_DONE) return impl_->error("retry " + id);
  return sqlite3_changes(impl_->db) > 0;
}

Result<OutboxCounts> Outbox::counts() {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db, "SELECT state, COUNT(*) FROM statements GROUP BY state");
  if (!q.ok()) return impl_->error("prepare counts");
  OutboxCounts c;
  while (q.step() == SQLITE_ROW) {
    const std::string state = q.text(0);
    if (state == "queued")
      c.queued = q.int64(1);
    else if (state == "sent")
      c.sent = q.int64(1);
    else if (state == "parked")
      c.parked = q.int64(1);
  }
  return c;
}

namespace {
// The columns list() and find() select first, in this order.
OutboxEntry read_entry(Query& q) {
  OutboxEntry e;
  e.seq = q.int64(0);
  e.id = q.text(1);
  e.registration = q.text(2);
  e.verb_id = q.text(3);
  e.state = parse_outbox_state(q.text(4)).value_or(OutboxState::queued);
  e.reason = q.text(5);
  e.attempts = static_cast<int>(q.int64(6));
  e.created_utc = q.text(7);
  e.sent_utc = q.text(8);
  return e;
}
}  // namespace

Result<std::vector<OutboxEntry>> Outbox::list(std::optional<OutboxState> state, std::size_t limit) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "SELECT seq, id, registration, verb, state, reason, attempts, created_utc, sent_utc "
          "FROM statements WHERE ?1='' OR state=?1 ORDER BY seq DESC LIMIT ?2");
  if (!q.ok()) return impl_->error("prepare list");
  // "" (not a null pointer, which SQLite binds as NULL) selects every state.
  q.bind(1, state ? to_string(*state) : std::string_view(""))
      .bind(2, static_cast<std::int64_t>(limit));
  std::vector<OutboxEntry> out;
  while (q.step() == SQLITE_ROW) {
    out.push_back(read_entry(q));
  }
  return out;
}

Result<std::optional<OutboxEntry>> Outbox::find(const std::string& id) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "SELECT seq, id, registration, verb, state, reason, attempts, created_utc, sent_utc, "
          "body FROM statements WHERE id=?1");
  if (!q.ok()) return impl_->error("prepare find");
  q.bind(1, id);
  if (q.step() != SQLITE_ROW) return std::optional<OutboxEntry>();
  OutboxEntry e = read_entry(q);
  e.json = q.text(9);
  if (auto ok = impl_->load_attachments(e); !ok) return std::unexpected(ok.error());
  return std::optional<OutboxEntry>(std::move(e));
}

Result<void> Outbox::set_last_error(const std::string& message) {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db,
          "INSERT INTO meta(key, value) VALUES('last_error', ?1) "
          "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  if (!q.ok()) return impl_->error("prepare last error");
  q.bind(1, message.empty() ? std::string() : now_utc() + " " + message);
  if (q.step() != SQLITE_DONE) return impl_->error("store last error");
  return {};
}

Result<std::string> Outbox::last_error() {
  std::lock_guard lock(impl_->mutex);
  Query q(impl_->db, "SELECT value FROM meta WHERE key='last_error'");
  if (!q.ok()) return impl_->error("prepare last error");
  if (q.step() != SQLITE_ROW) return std::string();
  return q.text(0);
}

}  // namespace txr::upload
