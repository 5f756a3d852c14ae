#pragma once
// Recorder: writes one session to one SQLite file, crash-safe and tamper-evident.
//
// The frame thread calls push_frame(), which only copies the frame into a preallocated
// single-producer ring (no I/O, no allocation, no lock). A background writer thread encodes
// ~chunk_s of frames, zstd-compresses them and commits the chunk together with pending events in
// one WAL transaction with synchronous=FULL, so a crash or power cut loses at most the last
// second and never damages what was committed. If the writer falls behind and the ring fills,
// frames are dropped (the frame thread never blocks) and the drop is committed as a counted
// `gap` chain entry with its time range — never silently. close() commits the rest, a close
// marker and the Ed25519 signature over the header and chain head.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "assessment/frame_codec.hpp"
#include "assessment/record_format.hpp"
#include "core/input_frame.hpp"
#include "core/result.hpp"

namespace txr::assessment {

struct RecorderOptions {
  std::filesystem::path key_dir;    // empty: DeviceKey::default_dir() (TRADEXR_KEY_DIR, XDG...)
  double chunk_s = 0.9;             // frame time per chunk; < 1 s so a crash loses ≤ 1 s
  std::size_t queue_frames = 4096;  // ring capacity (≈ 45 s at 90 Hz, ≈ 1 MB)
  std::size_t max_pending_events = 16384;
  int zstd_level = 19;
};

struct RecorderStats {
  std::uint64_t frames_pushed = 0;
  std::uint64_t frames_dropped = 0;  // ring full; each run of drops is a `gap` chain entry
  std::uint64_t frames_written = 0;
  std::uint64_t events_written = 0;
  std::uint64_t events_dropped = 0;
  std::uint64_t chunks_written = 0;
  std::uint64_t chunk_bytes = 0;  // compressed stream bytes committed
  std::uint64_t write_errors = 0;
};

class Recorder {
 public:
  // Creates `path` (refuses to overwrite), writes the header and starts the writer thread.
  // header.session_id/started_*/public_key_hex are filled in; trainee_id must be opaque.
  static core::Result<std::unique_ptr<Recorder>> open(const std::filesystem::path& path,
                                                      RecordHeader header,
                                                      const RecorderOptions& options = {});
  ~Recorder();  // closes (and signs) if close() was not called
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Frame thread: copies the frame into the ring. False when the frame was dropped (ring full).
  bool push_frame(const core::InputFrame& frame, const ToolSample& tool = {}) noexcept;
  // Any thread: an event at session time time_s; payload must be a JSON value.
  core::Result<void> push_event(double time_s, std::string_view type, std::string_view subject,
                                std::string_view payload_json = "{}");
  // Commits everything, writes the close marker and the signature. Idempotent.
  core::Result<RecorderStats> close();

  RecorderStats stats() const;
  // Frames waiting in the ring for the writer (for back-pressure in tools and benchmarks).
  std::size_t queue_depth() const;
  const RecordHeader& header() const;
  const std::filesystem::path& path() const;

  struct Impl;

 private:
  explicit Recorder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace txr::assessment
