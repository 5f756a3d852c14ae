#include "assessment/reader.hpp"

#include <algorithm>

namespace txr::assessment {
namespace {
Hash32 to_hash(std::span<const unsigned char> blob) {
  Hash32 h{};
  std::copy_n(blob.begin(), std::min(blob.size(), h.size()), h.begin());
  return h;
}
}  // namespace

core::Result<Reader> Reader::open(const std::filesystem::path& path) {
  auto db = Database::open(path, Database::Mode::read_only);
  if (!db) return std::unexpected(db.error());
  Reader reader;
  reader.db_ = std::move(*db);
  for (const char* table : {"header", "chain", "events", "chunks", "signature"}) {
    if (!reader.db_.table_exists(table)) {
      return core::fail(path.string() + ": not a TradeXR session record (no '" +
                        std::string(table) + "' table: " + reader.db_.last_error() + ")");
    }
  }
  auto st = reader.db_.prepare(
      "SELECT format_version,scenario_id,scenario_version,scenario_content_hash,runtime_version,"
      "device,mode,language,trainee_id,session_id,started_utc,started_unix_s,public_key,"
      "header_hash FROM header WHERE id=1");
  if (!st) return std::unexpected(st.error());
  if (st->step() != SQLITE_ROW) return core::fail(path.string() + ": record has no header row");
  if (st->column_int(0) != k_record_format_version) {
    return core::fail(path.string() + ": record format version " +
                      std::to_string(st->column_int(0)) + " is not supported");
  }
  auto& h = reader.header_;
  h.scenario_id = st->column_text(1);
  h.scenario_version = st->column_text(2);
  h.scenario_content_hash = st->column_text(3);
  h.runtime_version = st->column_text(4);
  h.device = st->column_text(5);
  h.mode = st->column_text(6);
  h.language = st->column_text(7);
  h.trainee_id = st->column_text(8);
  h.session_id = st->column_text(9);
  h.started_utc = st->column_text(10);
  h.started_unix_s = st->column_int(11);
  h.public_key_hex = st->column_text(12);
  reader.stored_header_hash_ = to_hash(st->column_blob(13));
  return reader;
}

bool Reader::is_signed() {
  auto st = db_.prepare("SELECT 1 FROM signature WHERE id=1");
  return st && st->step() == SQLITE_ROW;
}

core::Result<std::vector<ChainEntry>> Reader::chain() {
  auto st = db_.prepare(
      "SELECT seq,kind,t_begin_s,t_end_s,count,content_hash,link_hash,meta FROM chain ORDER BY "
      "seq");
  if (!st) return std::unexpected(st.error());
  std::vector<ChainEntry> out;
  int rc = 0;
  while ((rc = st->step()) == SQLITE_ROW) {
    ChainEntry e;
    e.seq = st->column_int(0);
    e.kind = static_cast<ChainKind>(st->column_int(1));
    e.t_begin_s = st->column_double(2);
    e.t_end_s = st->column_double(3);
    e.count = st->column_int(4);
    e.content_hash = to_hash(st->column_blob(5));
    e.link_hash = to_hash(st->column_blob(6));
    e.meta = st->column_text(7);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return core::fail("reading chain: " + db_.last_error());
  return out;
}

core::Result<std::vector<RecordEvent>> Reader::events() {
  auto st = db_.prepare(
      "SELECT id,batch_seq,time_s,type,subject,payload FROM events ORDER BY batch_seq,id");
  if (!st) return std::unexpected(st.error());
  std::vector<RecordEvent> out;
  int rc = 0;
  while ((rc = st->step()) == SQLITE_ROW) {
    out.push_back({st->column_int(0), st->column_int(1), st->column_double(2), st->column_text(3),
                   st->column_text(4), st->column_text(5)});
  }
  if (rc != SQLITE_DONE) return core::fail("reading events: " + db_.last_error());
  return out;
}

core::Result<void> Reader::for_each_frame(const std::function<bool(const RecordedFrame&)>& visit,
                                          std::size_t* purged_chunks) {
  auto st = db_.prepare(
      "SELECT chain.seq, chunks.data FROM chain JOIN chunks ON chunks.seq = chain.seq "
      "WHERE chain.kind = 1 ORDER BY chain.seq");
  if (!st) return std::unexpected(st.error());
  if (purged_chunks != nullptr) *purged_chunks = 0;
  int rc = 0;
  while ((rc = st->step()) == SQLITE_ROW) {
    if (st->column_is_null(1)) {
      if (purged_chunks != nullptr) ++*purged_chunks;
      continue;
    }
    auto frames = decode_chunk(st->column_blob(1));
    if (!frames) {
      return core::fail("stream chunk seq " + std::to_string(st->column_int(0)) + ": " +
                        frames.error().message);
    }
    for (const auto& f : *frames) {
      if (!visit(f)) return {};
    }
  }
  if (rc != SQLITE_DONE) return core::fail("reading stream chunks: " + db_.last_error());
  return {};
}

core::Result<std::vector<RecordedFrame>> Reader::frames() {
  std::vector<RecordedFrame> out;
  auto ok = for_each_frame([&](const RecordedFrame& f) {
    out.push_back(f);
    return true;
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace txr::assessment
