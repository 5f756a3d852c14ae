#pragma once
// Reader: opens a session record read-only and iterates its header, chain, events and decoded
// frames (for replay, re-scoring and reports). It does not verify; use verify_record() first.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assessment/frame_codec.hpp"
#include "assessment/record_format.hpp"
#include "assessment/sqlite_db.hpp"
#include "core/result.hpp"

namespace txr::assessment {

struct RecordEvent {
  std::int64_t id = 0;
  std::int64_t batch_seq = 0;
  double time_s = 0.0;
  std::string type;
  std::string subject;
  std::string payload_json;
};

struct ChainEntry {
  std::int64_t seq = 0;
  ChainKind kind = ChainKind::chunk;
  double t_begin_s = 0.0;
  double t_end_s = 0.0;
  std::int64_t count = 0;
  Hash32 content_hash{};
  Hash32 link_hash{};
  std::string meta;  // JSON for gap and close entries
};

class Reader {
 public:
  static core::Result<Reader> open(const std::filesystem::path& path);

  const RecordHeader& header() const { return header_; }
  const Hash32& stored_header_hash() const { return stored_header_hash_; }
  bool is_signed();
  core::Result<std::vector<ChainEntry>> chain();
  core::Result<std::vector<RecordEvent>> events();
  // Decodes chunks in chain order and calls visit for each frame until it returns false.
  // Chunks purged by retention are skipped (purged_chunks counts them).
  core::Result<void> for_each_frame(const std::function<bool(const RecordedFrame&)>& visit,
                                    std::size_t* purged_chunks = nullptr);
  core::Result<std::vector<RecordedFrame>> frames();
  Database& database() { return db_; }

 private:
  Database db_;
  RecordHeader header_;
  Hash32 stored_header_hash_{};
};

}  // namespace txr::assessment
