#include "assessment/verifier.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "assessment/device_key.hpp"
#include "assessment/reader.hpp"

namespace txr::assessment {
namespace {

std::string fmt_time(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

std::string describe(const ChainEntry& e) {
  return "chain row seq " + std::to_string(e.seq) + " (" + std::string(to_string(e.kind)) + ", t " +
         fmt_time(e.t_begin_s) + "–" + fmt_time(e.t_end_s) + " s)";
}

Hash32 to_hash(std::span<const unsigned char> blob, bool& ok) {
  Hash32 h{};
  ok = blob.size() == h.size();
  if (ok) std::copy(blob.begin(), blob.end(), h.begin());
  return h;
}

// Recomputes an event batch's content hash from the events table.
core::Result<Hash32> event_batch_hash(Database& db, std::int64_t seq, std::int64_t& rows) {
  auto st = db.prepare(
      "SELECT id,time_s,type,subject,payload FROM events WHERE batch_seq=?1 ORDER BY id");
  if (!st) return std::unexpected(st.error());
  st->bind(1, seq);
  EventBatchHasher hasher;
  rows = 0;
  int rc = 0;
  while ((rc = st->step()) == SQLITE_ROW) {
    hasher.add(st->column_int(0), st->column_double(1), st->column_text(2), st->column_text(3),
               st->column_text(4));
    ++rows;
  }
  if (rc != SQLITE_DONE) return core::fail("events: " + db.last_error());
  return hasher.finish();
}

void verify_into(const std::filesystem::path& path, const VerifyOptions& options, VerifyReport& r) {
  auto reader = Reader::open(path);
  if (!reader) {
    const bool corrupt = reader.error().message.find("malformed") != std::string::npos;
    r.status = corrupt ? VerifyStatus::tampered : VerifyStatus::unreadable;
    r.problems.push_back(reader.error().message);
    return;
  }
  Database& db = reader->database();
  r.header = reader->header();
  auto tampered = [&](std::string what) {
    r.status = VerifyStatus::tampered;
    r.problems.push_back(std::move(what));
  };

  // Structural damage (a flipped byte in a b-tree page) before anything else.
  if (auto qc = db.prepare("PRAGMA quick_check"); qc) {
    int rc = 0;
    while ((rc = qc->step()) == SQLITE_ROW) {
      const std::string line = qc->column_text(0);
      if (line != "ok") tampered("file structure damaged: " + line);
    }
    if (rc != SQLITE_DONE) tampered("file structure damaged: " + db.last_error());
  } else {
    tampered("file structure damaged: " + qc.error().message);
  }
  if (!r.problems.empty()) return;

  const Hash32 hh = header_hash(r.header);
  if (hh != reader->stored_header_hash()) {
    tampered("header: its fields do not match the stored header hash (a header value was changed)");
  }
  auto chain = reader->chain();
  if (!chain) return tampered(chain.error().message);
  r.chain_length = static_cast<std::int64_t>(chain->size());

  // Content of every chain row, then the link from the previous row.
  Hash32 prev = reader->stored_header_hash();
  bool prefix_ok = r.problems.empty();
  bool closed = false;
  std::set<std::int64_t> event_batches, chunk_rows;
  std::int64_t expected_seq = 1;
  for (const auto& e : *chain) {
    std::vector<std::string> row_problems;
    if (e.seq != expected_seq) {
      row_problems.push_back("chain rows " + std::to_string(expected_seq) + ".." +
                             std::to_string(e.seq - 1) + " are missing (deleted)");
    }
    expected_seq = e.seq + 1;
    Hash32 content{};
    bool have_content = true;
    switch (e.kind) {
      case ChainKind::chunk: {
        chunk_rows.insert(e.seq);
        auto st = db.prepare("SELECT data, purged_utc FROM chunks WHERE seq=?1");
        if (!st) return tampered(st.error().message);
        st->bind(1, e.seq);
        if (st->step() != SQLITE_ROW) {
          row_problems.push_back("its stream chunk row is missing (deleted)");
          have_content = false;
        } else if (st->column_is_null(0)) {
          have_content = false;
          if (st->column_is_null(1)) {
            row_problems.push_back("its stream chunk data is missing and not marked as purged");
          } else {
            ++r.purged_chunks;
          }
        } else {
          content = blake2b(st->column_blob(0));
          auto frames = decode_chunk(st->column_blob(0));
          if (!frames) {
            row_problems.push_back("its stream chunk cannot be decoded: " + frames.error().message);
          } else if (static_cast<std::int64_t>(frames->size()) != e.count) {
            row_problems.push_back("its stream chunk decodes to " + std::to_string(frames->size()) +
                                   " frames, the chain says " + std::to_string(e.count));
          }
        }
        r.frames += e.count;
        break;
      }
      case ChainKind::events: {
        event_batches.insert(e.seq);
        std::int64_t rows = 0;
        auto h = event_batch_hash(db, e.seq, rows);
        if (!h) return tampered(h.error().message);
        content = *h;
        if (rows != e.count) {
          row_problems.push_back("holds " + std::to_string(rows) + " events but the chain says " +
                                 std::to_string(e.count) + " (rows deleted or added)");
        }
        r.events += rows;
        break;
      }
      case ChainKind::gap:
      case ChainKind::close:
        content = blake2b({reinterpret_cast<const unsigned char*>(e.meta.data()), e.meta.size()});
        if (e.kind == ChainKind::gap) {
          r.gap_frames += e.count;
          r.notes.push_back("recorder gap: " + std::to_string(e.count) +
                            " frames dropped between t " + fmt_time(e.t_begin_s) + " and " +
                            fmt_time(e.t_end_s) + " s (" + e.meta + ")");
        } else {
          closed = true;
        }
        break;
      default:
        row_problems.push_back("unknown kind " + std::to_string(static_cast<int>(e.kind)));
    }
    if (have_content && content != e.content_hash) {
      row_problems.push_back(
          e.kind == ChainKind::events
              ? "event content does not match its hash (an event was changed, "
                "deleted, added or reordered)"
              : "content does not match its hash (the stored bytes were changed)");
    }
    if (link_hash(prev, e.seq, e.kind, e.t_begin_s, e.t_end_s, e.count, e.content_hash) !=
        e.link_hash) {
      row_problems.push_back(
          "link hash mismatch (the row's times, count or hash were changed, or "
          "an earlier row was removed)");
    }
    prev = e.link_hash;
    for (auto& p : row_problems) tampered(describe(e) + ": " + p);
    if (!row_problems.empty()) prefix_ok = false;
    if (prefix_ok && e.kind != ChainKind::close) {
      r.verified_up_to_s = std::max(r.verified_up_to_s, e.t_end_s);
    }
  }

  // Rows outside the chain: inserted content.
  if (auto st = db.prepare("SELECT id, batch_seq, time_s FROM events ORDER BY id"); st) {
    while (st->step() == SQLITE_ROW) {
      if (!event_batches.contains(st->column_int(1))) {
        tampered("events row id " + std::to_string(st->column_int(0)) + " (t " +
                 fmt_time(st->column_double(2)) + " s) is not covered by the chain (inserted)");
      }
    }
  }
  if (auto st = db.prepare("SELECT seq FROM chunks ORDER BY seq"); st) {
    while (st->step() == SQLITE_ROW) {
      if (!chunk_rows.contains(st->column_int(0))) {
        tampered("chunks row seq " + std::to_string(st->column_int(0)) +
                 " is not covered by the chain (inserted)");
      }
    }
  }
  if (r.purged_chunks > 0) {
    r.notes.push_back("raw streams purged by retention: " + std::to_string(r.purged_chunks) +
                      " stream chunks (their hashes remain in the chain; not tampering)");
  }

  // Signature.
  auto sig = db.prepare(
      "SELECT chain_length, chain_head, public_key, signature FROM signature WHERE id=1");
  if (!sig) return tampered(sig.error().message);
  if (sig->step() != SQLITE_ROW) {
    if (closed) tampered("the record was closed but its signature row is missing (deleted)");
    if (r.status != VerifyStatus::tampered) r.status = VerifyStatus::incomplete;
    return;
  }
  r.is_signed = true;
  const std::int64_t length = sig->column_int(0);
  bool head_ok = false;
  const Hash32 head = to_hash(sig->column_blob(1), head_ok);
  const std::string key_hex = sig->column_text(2);
  if (!closed) tampered("signature present but the chain has no close row (rows removed)");
  if (length != r.chain_length) {
    tampered("signature covers " + std::to_string(length) + " chain rows but the record has " +
             std::to_string(r.chain_length) + " (rows added or removed)");
  }
  if (!head_ok || r.chain_length == 0 || head != chain->back().link_hash) {
    tampered("signature row: chain head does not match the last chain row");
  }
  if (key_hex != r.header.public_key_hex) {
    tampered("signature row: public key differs from the header's device key");
  }
  std::array<unsigned char, 32> pk{};
  const std::string msg = signed_message(reader->stored_header_hash(), length, head);
  if (!from_hex(r.header.public_key_hex, pk) ||
      !verify_signature({reinterpret_cast<const unsigned char*>(msg.data()), msg.size()},
                        sig->column_blob(3), pk)) {
    tampered("signature does not verify with the record's device key " + r.header.public_key_hex);
  }
  if (!options.expected_public_key_hex.empty() &&
      options.expected_public_key_hex != r.header.public_key_hex) {
    tampered("signed by device key " + r.header.public_key_hex + ", expected " +
             options.expected_public_key_hex);
  }
  if (r.status != VerifyStatus::tampered) r.status = VerifyStatus::valid;
}

}  // namespace

std::string_view to_string(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::valid:
      return "valid";
    case VerifyStatus::incomplete:
      return "incomplete";
    case VerifyStatus::tampered:
      return "tampered";
    case VerifyStatus::unreadable:
      return "unreadable";
  }
  return "unknown";
}

int exit_code(VerifyStatus status) {
  switch (status) {
    case VerifyStatus::valid:
      return 0;
    case VerifyStatus::incomplete:
      return 2;
    case VerifyStatus::tampered:
      return 3;
    case VerifyStatus::unreadable:
      return 4;
  }
  return 4;
}

VerifyReport verify_record(const std::filesystem::path& path, const VerifyOptions& options) {
  VerifyReport report;
  report.status = VerifyStatus::unreadable;
  verify_into(path, options, report);
  if (report.status == VerifyStatus::unreadable && report.problems.empty()) {
    report.problems.push_back("unknown failure");
  }
  return report;
}

std::string VerifyReport::to_text() const {
  std::string out;
  switch (status) {
    case VerifyStatus::valid:
      out = "valid: complete and signed, " + fmt_time(verified_up_to_s) + " s of session";
      break;
    case VerifyStatus::incomplete:
      out = "incomplete (not closed: crash or power cut), verified up to t = " +
            fmt_time(verified_up_to_s) + " s";
      break;
    case VerifyStatus::tampered:
      out = "TAMPERED";
      break;
    case VerifyStatus::unreadable:
      out = "unreadable";
      break;
  }
  out += "\n";
  if (status != VerifyStatus::unreadable) {
    out += "  scenario " + header.scenario_id + " " + header.scenario_version + ", trainee " +
           header.trainee_id + ", started " + header.started_utc + "\n";
    out += "  chain rows " + std::to_string(chain_length) + ", frames " + std::to_string(frames) +
           ", events " + std::to_string(events) + ", device key " + header.public_key_hex + "\n";
  }
  for (const auto& p : problems) out += "  problem: " + p + "\n";
  for (const auto& n : notes) out += "  note: " + n + "\n";
  return out;
}

std::string VerifyReport::to_json() const {
  nlohmann::json j;
  j["status"] = std::string(to_string(status));
  j["complete"] = status == VerifyStatus::valid;
  j["signed"] = is_signed;
  j["verified_up_to_s"] = verified_up_to_s;
  j["chain_length"] = chain_length;
  j["frames"] = frames;
  j["events"] = events;
  j["purged_chunks"] = purged_chunks;
  j["gap_frames"] = gap_frames;
  j["problems"] = problems;
  j["notes"] = notes;
  j["header"] = {{"scenario_id", header.scenario_id},
                 {"scenario_version", header.scenario_version},
                 {"scenario_content_hash", header.scenario_content_hash},
                 {"runtime_version", header.runtime_version},
                 {"device", header.device},
                 {"mode", header.mode},
                 {"language", header.language},
                 {"trainee_id", header.trainee_id},
                 {"session_id", header.session_id},
                 {"started_utc", header.started_utc},
                 {"public_key", header.public_key_hex}};
  return j.dump(2);
}

}  // namespace txr::assessment
