#pragma once
// FrameCodec: the compact, lossless-on-grid encoding of recorded frames (one chunk ≈ 1 s).
//
// Values are quantised to a fixed grid (positions 0.1 mm, quaternion components and analog
// inputs 1e-4, time 1 µs); frames already on the grid round-trip bit-exactly, so a session
// that runs on quantise()d input replays to the same state. Each value becomes a column of
// integers; a column stores its first value, then first or second differences (whichever is
// smaller for that chunk) as zig-zag varints, and the chunk is zstd-compressed. Aim poses are
// stored relative to the grip pose (in XR they move rigidly together, so the residuals vanish).
// UI commands (kind, object, value) are stored exactly.
#include <cstdint>
#include <span>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"

namespace txr::assessment {

// The pose of the tool a hand holds, sampled at display rate with the input frame.
struct ToolSample {
  bool held = false;
  std::uint32_t tool_id = 0;  // scenario-defined tool number; 0 = none
  core::Pose T_world_tool;
};

struct RecordedFrame {
  core::InputFrame input;
  ToolSample tool;
};

inline constexpr double k_position_step_m = 1e-4;  // 0.1 mm
inline constexpr double k_unit_step = 1e-4;        // quaternion components, triggers, sticks
inline constexpr double k_time_step_s = 1e-6;

// Snaps every value to the recording grid (idempotent). Non-finite values become 0.
RecordedFrame quantise(const RecordedFrame& frame);

class FrameEncoder {
 public:
  // Preallocates for max_frames so steady-state appends do not allocate.
  explicit FrameEncoder(std::size_t max_frames, int zstd_level = 6);
  ~FrameEncoder();
  FrameEncoder(const FrameEncoder&) = delete;
  FrameEncoder& operator=(const FrameEncoder&) = delete;

  void append(const RecordedFrame& frame);
  std::size_t frame_count() const { return count_; }
  bool full() const { return count_ >= max_frames_; }
  double first_time_s() const { return first_time_s_; }
  double last_time_s() const { return last_time_s_; }
  // Compresses the frames appended since the last finish() into `out` and clears the encoder.
  core::Result<void> finish(std::vector<unsigned char>& out);

 private:
  std::size_t max_frames_;
  int zstd_level_;
  std::size_t count_ = 0;
  double first_time_s_ = 0.0;
  double last_time_s_ = 0.0;
  std::vector<std::int64_t> values_;  // column-major: values_[col * max_frames_ + frame]
  std::vector<unsigned char> raw_;    // varint stream before compression
  void* cctx_ = nullptr;              // ZSTD_CCtx, reused
};

// Decodes one chunk produced by FrameEncoder::finish. Errors name what is malformed.
core::Result<std::vector<RecordedFrame>> decode_chunk(std::span<const unsigned char> blob);

}  // namespace txr::assessment
