#pragma once
// Retention: deletes raw motion streams (stream chunk bytes) older than N days while keeping
// the header, events, chain and signature, so the record still verifies (the verifier reports
// "raw streams purged by retention"). Purged bytes are overwritten on disk (secure_delete +
// VACUUM), not just unlinked from the b-tree.
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace txr::assessment {

struct RetentionResult {
  std::int64_t records_seen = 0;
  std::int64_t chunks_purged = 0;
  std::vector<std::string> skipped;  // records that could not be processed, with the reason
};

// Purges chunks of one record whose wall-clock time (session start + chunk end) is older than
// now - days. days == 0 purges every chunk.
core::Result<std::int64_t> purge_raw_streams(const std::filesystem::path& record, double days,
                                             std::time_t now = std::time(nullptr));
// Applies purge_raw_streams to every *.txrrec file under dir (recursively).
RetentionResult apply_retention(const std::filesystem::path& dir, double days,
                                std::time_t now = std::time(nullptr));

}  // namespace txr::assessment
