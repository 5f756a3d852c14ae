// Tamper evidence: any change to a closed record's content is detected, untouched ones verify.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <random>

#include "assessment/recorder.hpp"
#include "assessment/retention.hpp"
#include "assessment/verifier.hpp"
#include "record_fixture.hpp"
#include "test_support.hpp"

namespace a = txr::assessment;

namespace {

std::filesystem::path make_record(const std::filesystem::path& dir, int frames = 360) {
  const auto path = dir / "original.txrrec";
  auto rec =
      a::Recorder::open(path, txr::test::test_header(), txr::test::test_options(dir / "keys"));
  REQUIRE(rec.has_value());
  for (int i = 0; i < frames; ++i) {
    const auto f = txr::test::synthetic_frame(static_cast<std::uint64_t>(i), i / 90.0);
    (*rec)->push_frame(f.input, f.tool);
    if (i % 20 == 0) {
      REQUIRE((*rec)->push_event(i / 90.0, "violation", "probe-" + std::to_string(i),
                                 R"({"severity":"minor"})"));
    }
  }
  REQUIRE((*rec)->close());
  return path;
}

// Every row of every table, or "" when the file cannot be read as a database.
std::string logical_dump(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    for (const char* table : {"header", "chain", "events", "chunks", "signature"}) {
      sqlite3_stmt* st = nullptr;
      const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY 1";
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        out.clear();
        break;
      }
      int rc = 0;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
          const void* blob = sqlite3_column_blob(st, c);
          out.append(static_cast<const char*>(blob),
                     static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
          out.push_back('|');
        }
      }
      sqlite3_finalize(st);
      if (rc != SQLITE_DONE) {
        out.clear();
        break;
      }
    }
  }
  sqlite3_close(db);
  return out;
}

std::filesystem::path copy_of(const std::filesystem::path& original, const std::string& name) {
  const auto path = original.parent_path() / (name + ".txrrec");
  std::filesystem::copy_file(original, path, std::filesystem::copy_options::overwrite_existing);
  return path;
}

void run_sql(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql << ": " << (err != nullptr ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("[assessment] an untouched closed record verifies") {
  const auto dir = txr::test::scratch_dir("assessment-untouched");
  const auto path = make_record(dir);
  const auto report = a::verify_record(path);
  INFO(report.to_text());
  CHECK(report.status == a::VerifyStatus::valid);
  CHECK(report.problems.empty());
  CHECK(report.is_signed);
}

TEST_CASE("[assessment] flipping any content byte of a closed record is detected") {
  const auto dir = txr::test::scratch_dir("assessment-flip");
  const auto original = make_record(dir);
  const std::string bytes = txr::test::read_file(original);
  const std::string reference = logical_dump(original);
  REQUIRE_FALSE(reference.empty());
  std::mt19937 rng(2024);
  std::uniform_int_distribution<std::size_t> pos(0, bytes.size() - 1);
  std::uniform_int_distribution<int> bit(0, 7);
  int content_changes = 0;
  for (int trial = 0; trial < 300; ++trial) {
    // Two thirds of the flips land on non-zero bytes (mostly content; fresh slack is zeros).
    std::size_t at = pos(rng);
    while (trial % 3 != 0 && bytes[at] == 0) at = pos(rng);
    std::string mutated = bytes;
    mutated[at] = static_cast<char>(mutated[at] ^ (1 << bit(rng)));
    const auto path = dir / "flipped.txrrec";
    std::filesystem::remove(path);
    std::ofstream(path, std::ios::binary) << mutated;
    const auto report = a::verify_record(path);
    if (logical_dump(path) == reference) {
      // The flip hit unused space (page slack, free bytes): no content changed. The verifier may
      // still notice a damaged page structure (tampered) or see nothing (valid).
      CHECK(report.status != a::VerifyStatus::incomplete);
      continue;
    }
    ++content_changes;
    INFO("byte " << at << " of " << bytes.size() << ": " << report.to_text());
    CHECK((report.status == a::VerifyStatus::tampered ||
           report.status == a::VerifyStatus::unreadable));
  }
  CHECK(content_changes >= 20);  // the sample really exercised content, not only slack
}

TEST_CASE("[assessment] logical edits through SQL are detected and located") {
  const auto dir = txr::test::scratch_dir("assessment-sql-edit");
  const auto original = make_record(dir);
  struct Edit {
    const char* name;
    const char* sql;
    const char* expect;  // a phrase the report must contain
  };
  const Edit edits[] = {
      {"event-value", "UPDATE events SET payload='{\"severity\":\"none\"}' WHERE id=3",
       "event content does not match"},
      {"event-time", "UPDATE events SET time_s=time_s+0.5 WHERE id=4", "event content"},
      {"event-delete", "DELETE FROM events WHERE id=5", "rows deleted or added"},
      {"event-insert",
       "INSERT INTO events(batch_seq,time_s,type,subject,payload) VALUES(999,1.0,'hint','x','{}')",
       "not covered by the chain"},
      {"event-reorder",
       "UPDATE events SET id=-1 WHERE id=1; UPDATE events SET id=1 WHERE id=2;"
       "UPDATE events SET id=2 WHERE id=-1",
       "reordered"},
      {"chunk-delete", "DELETE FROM chunks WHERE seq=(SELECT min(seq) FROM chain WHERE kind=1)",
       "chunk row is missing"},
      {"chunk-bytes",
       "UPDATE chunks SET data=zeroblob(length(data)) WHERE seq=(SELECT max(seq) FROM chunks)",
       "stored bytes were changed"},
      {"chunk-null", "UPDATE chunks SET data=NULL WHERE seq=(SELECT min(seq) FROM chunks)",
       "not marked as purged"},
      {"chain-reorder",
       "UPDATE chain SET seq=-1 WHERE seq=1; UPDATE chain SET seq=1 WHERE seq=2;"
       "UPDATE chain SET seq=2 WHERE seq=-1",
       "link hash mismatch"},
      {"chain-time", "UPDATE chain SET t_end_s=t_end_s+1 WHERE seq=2", "link hash mismatch"},
      {"chain-delete-row", "DELETE FROM chain WHERE seq=3", "missing (deleted)"},
      {"header", "UPDATE header SET trainee_id='t-someone-else'", "header"},
      {"signature-delete", "DELETE FROM signature", "signature row is missing"},
      {"signature-bytes", "UPDATE signature SET signature=zeroblob(64)",
       "signature does not verify"},
  };
  for (const auto& edit : edits) {
    const auto path = copy_of(original, edit.name);
    run_sql(path, edit.sql);
    const auto report = a::verify_record(path);
    INFO(edit.name << ": " << report.to_text());
    CHECK(report.status == a::VerifyStatus::tampered);
    CHECK(report.to_text().find(edit.expect) != std::string::npos);
  }
  // Cutting off the close marker and the signature leaves what a crash leaves: "incomplete",
  // never "valid".
  const auto cut = copy_of(original, "truncated");
  run_sql(cut, "DELETE FROM signature; DELETE FROM chain WHERE seq=(SELECT max(seq) FROM chain)");
  CHECK(a::verify_record(cut).status == a::VerifyStatus::incomplete);
  // A record signed by another device than the one expected.
  a::VerifyOptions options;
  options.expected_public_key_hex = std::string(64, 'a');
  CHECK(a::verify_record(original, options).status == a::VerifyStatus::tampered);
}

TEST_CASE("[assessment] files that are not records are unreadable, not tampered") {
  const auto dir = txr::test::scratch_dir("assessment-unreadable");
  CHECK(a::verify_record(dir / "missing.txrrec").status == a::VerifyStatus::unreadable);
  std::ofstream(dir / "text.txrrec") << "hello, not a database";
  CHECK(a::verify_record(dir / "text.txrrec").status == a::VerifyStatus::unreadable);
  run_sql(dir / "other.db", "CREATE TABLE t(x)");
  const auto other = a::verify_record(dir / "other.db");
  CHECK(other.status == a::VerifyStatus::unreadable);
  CHECK(other.to_text().find("not a TradeXR session record") != std::string::npos);
}

TEST_CASE("[assessment] retention purges raw streams and the record still verifies") {
  const auto dir = txr::test::scratch_dir("assessment-retention");
  const auto path = make_record(dir, 900);
  const auto size_before = std::filesystem::file_size(path);
  CHECK(txr::test::read_file(path).find("\x28\xb5\x2f\xfd") != std::string::npos);
  // Younger than 30 days: nothing to purge.
  auto none = a::purge_raw_streams(path, 30.0);
  REQUIRE(none.has_value());
  CHECK(*none == 0);
  // As if 31 days have passed.
  const auto result = a::apply_retention(dir, 30.0, std::time(nullptr) + 31 * 86400);
  CHECK(result.records_seen == 1);
  CHECK(result.chunks_purged > 5);
  CHECK(result.skipped.empty());
  CHECK(std::filesystem::file_size(path) <= size_before);
  // The compressed motion data is gone from the file itself, not just unlinked (no zstd frames).
  CHECK(txr::test::read_file(path).find("\x28\xb5\x2f\xfd") == std::string::npos);

  const auto report = a::verify_record(path);
  INFO(report.to_text());
  CHECK(report.status == a::VerifyStatus::valid);
  CHECK(report.purged_chunks == result.chunks_purged);
  CHECK(report.events == 45);
  CHECK(report.to_text().find("raw streams purged by retention") != std::string::npos);
}
