#include "assessment/roster.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "assessment/record_format.hpp"

namespace txr::assessment {

core::Result<Roster> Roster::open(const std::filesystem::path& path) {
  if (sodium_init() < 0) return core::fail("libsodium failed to initialise");
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return core::fail(path.string() + ": cannot open roster: " + std::strerror(errno));
  struct stat st {};
  const bool stat_ok = ::fstat(fd, &st) == 0;
  ::close(fd);
  if (!stat_ok || (st.st_mode & 077) != 0) {
    return core::fail(path.string() +
                      ": roster holds trainee names and must be private; run: "
                      "chmod 600 " +
                      path.string());
  }
  auto db = Database::open(path, Database::Mode::read_write);
  if (!db) return std::unexpected(db.error());
  Roster roster;
  roster.db_ = std::move(*db);
  if (auto ok = roster.db_.exec(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;"
          "CREATE TABLE IF NOT EXISTS trainees (trainee_id TEXT PRIMARY KEY, "
          "display_name TEXT NOT NULL, grp TEXT NOT NULL DEFAULT '')");
      !ok) {
    return std::unexpected(ok.error());
  }
  return roster;
}

core::Result<std::string> Roster::add(std::string_view display_name, std::string_view group) {
  if (display_name.empty()) return core::fail("a roster entry needs a display name");
  unsigned char rnd[8];
  randombytes_buf(rnd, sizeof rnd);
  const std::string id = "t-" + to_hex(rnd);
  auto st = db_.prepare("INSERT INTO trainees(trainee_id, display_name, grp) VALUES(?1,?2,?3)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id).bind(2, display_name).bind(3, group);
  if (auto ok = st->run(db_.handle()); !ok) return std::unexpected(ok.error());
  return id;
}

core::Result<void> Roster::rename(std::string_view trainee_id, std::string_view display_name) {
  auto st = db_.prepare("UPDATE trainees SET display_name=?2 WHERE trainee_id=?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, trainee_id).bind(2, display_name);
  if (auto ok = st->run(db_.handle()); !ok) return ok;
  if (sqlite3_changes(db_.handle()) == 0)
    return core::fail("no trainee " + std::string(trainee_id));
  return {};
}

core::Result<void> Roster::remove(std::string_view trainee_id) {
  auto st = db_.prepare("DELETE FROM trainees WHERE trainee_id=?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, trainee_id);
  return st->run(db_.handle());
}

std::optional<std::string> Roster::name_of(std::string_view trainee_id) {
  auto st = db_.prepare("SELECT display_name FROM trainees WHERE trainee_id=?1");
  if (!st) return std::nullopt;
  st->bind(1, trainee_id);
  if (st->step() != SQLITE_ROW) return std::nullopt;
  return st->column_text(0);
}

core::Result<std::vector<RosterEntry>> Roster::list() {
  auto st = db_.prepare("SELECT trainee_id, display_name, grp FROM trainees ORDER BY display_name");
  if (!st) return std::unexpected(st.error());
  std::vector<RosterEntry> out;
  while (st->step() == SQLITE_ROW) {
    out.push_back({st->column_text(0), st->column_text(1), st->column_text(2)});
  }
  return out;
}

}  // namespace txr::assessment
