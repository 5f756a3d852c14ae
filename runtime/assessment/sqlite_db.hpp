#pragma once
// Small RAII wrappers over the SQLite C API shared by the recorder, reader, verifier, roster and
// retention (internal to the assessment module).
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace txr::assessment {

class Statement;

class Database {
 public:
  enum class Mode { read_only, read_write, create };

  Database() = default;
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  static core::Result<Database> open(const std::filesystem::path& path, Mode mode);

  core::Result<void> exec(std::string_view sql);
  core::Result<Statement> prepare(std::string_view sql);
  std::string last_error() const;
  sqlite3* handle() const { return db_; }
  bool table_exists(std::string_view name);

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binders take 1-based indices like SQLite; text and blobs are copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const unsigned char> bytes);
  Statement& bind_null(int index);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();
  // Runs to completion; error message on failure.
  core::Result<void> run(sqlite3* db);
  void reset();

  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  std::span<const unsigned char> column_blob(int col) const;
  bool column_is_null(int col) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace txr::assessment
