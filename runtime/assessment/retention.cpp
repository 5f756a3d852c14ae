#include "assessment/retention.hpp"

#include "assessment/sqlite_db.hpp"

namespace txr::assessment {

core::Result<std::int64_t> purge_raw_streams(const std::filesystem::path& record, double days,
                                             std::time_t now) {
  if (!(days >= 0.0)) return core::fail("retention days must be >= 0");
  auto db = Database::open(record, Database::Mode::read_write);
  if (!db) return std::unexpected(db.error());
  if (!db->table_exists("chunks") || !db->table_exists("header")) {
    return core::fail(record.string() + ": not a TradeXR session record");
  }
  if (auto ok = db->exec("PRAGMA secure_delete=ON"); !ok) return std::unexpected(ok.error());
  const double cutoff_unix_s = static_cast<double>(now) - days * 86400.0;
  char purged_at[32];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(purged_at, sizeof purged_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  auto st = db->prepare(
      "UPDATE chunks SET data = NULL, purged_utc = ?1 WHERE data IS NOT NULL AND seq IN ("
      "SELECT chain.seq FROM chain, header WHERE chain.kind = 1 AND "
      "header.started_unix_s + chain.t_end_s <= ?2)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, std::string_view(purged_at)).bind(2, cutoff_unix_s);
  if (auto ok = st->run(db->handle()); !ok) return std::unexpected(ok.error());
  const auto changed = static_cast<std::int64_t>(sqlite3_changes(db->handle()));
  if (changed > 0) {
    // Rewrite the file so the purged motion data is not left in free pages or the WAL.
    if (auto ok = db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); !ok)
      return std::unexpected(ok.error());
    if (auto ok = db->exec("VACUUM"); !ok) return std::unexpected(ok.error());
    if (auto ok = db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); !ok)
      return std::unexpected(ok.error());
  }
  return changed;
}

RetentionResult apply_retention(const std::filesystem::path& dir, double days, std::time_t now) {
  RetentionResult result;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".txrrec") continue;
    ++result.records_seen;
    auto purged = purge_raw_streams(it->path(), days, now);
    if (purged) {
      result.chunks_purged += *purged;
    } else {
      result.skipped.push_back(it->path().string() + ": " + purged.error().message);
    }
  }
  if (ec) result.skipped.push_back(dir.string() + ": " + ec.message());
  return result;
}

}  // namespace txr::assessment
