#pragma once
// Verifier: checks a session record's hash chain and device signature and says precisely what
// is wrong (which table, row and session time, what mismatched).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "assessment/record_format.hpp"

namespace txr::assessment {

enum class VerifyStatus {
  valid,       // chain intact and signed by the key stored in the record
  incomplete,  // chain intact but never closed (crash, power cut): verified up to a time
  tampered,    // content, chain or signature does not match (or the file structure is damaged)
  unreadable,  // missing file, not a record, unsupported version
};
std::string_view to_string(VerifyStatus status);
// Process exit code used by `tradexr verify`: 0 valid, 2 incomplete, 3 tampered, 4 unreadable.
int exit_code(VerifyStatus status);

struct VerifyOptions {
  // When set (64 hex digits), the record must be signed by this device key.
  std::string expected_public_key_hex;
};

struct VerifyReport {
  VerifyStatus status = VerifyStatus::unreadable;
  std::vector<std::string> problems;  // why it is tampered / unreadable
  std::vector<std::string> notes;     // e.g. raw streams purged by retention, recorded gaps
  double verified_up_to_s = 0.0;      // session time covered by the verified chain prefix
  std::int64_t chain_length = 0;
  std::int64_t frames = 0;  // per chain (including purged chunks)
  std::int64_t events = 0;
  std::int64_t purged_chunks = 0;
  std::int64_t gap_frames = 0;
  bool is_signed = false;
  RecordHeader header;

  std::string to_text() const;
  std::string to_json() const;
};

VerifyReport verify_record(const std::filesystem::path& path, const VerifyOptions& options = {});

}  // namespace txr::assessment
