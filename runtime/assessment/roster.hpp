#pragma once
// Roster: the school's local mapping from opaque trainee ids to names, for the instructor's
// display only. It is a separate SQLite file created 0600; names never enter a session record
// (the recorder only ever receives the opaque id).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "assessment/sqlite_db.hpp"
#include "core/result.hpp"

namespace txr::assessment {

struct RosterEntry {
  std::string trainee_id;
  std::string display_name;
  std::string group;  // class / cohort label, optional
};

class Roster {
 public:
  // Opens or creates the roster file (0600; refuses one readable by group or others).
  static core::Result<Roster> open(const std::filesystem::path& path);
  // Adds a trainee and returns a new random opaque id ("t-" + 16 hex digits).
  core::Result<std::string> add(std::string_view display_name, std::string_view group = {});
  core::Result<void> rename(std::string_view trainee_id, std::string_view display_name);
  core::Result<void> remove(std::string_view trainee_id);
  std::optional<std::string> name_of(std::string_view trainee_id);
  core::Result<std::vector<RosterEntry>> list();

 private:
  Database db_;
};

}  // namespace txr::assessment
