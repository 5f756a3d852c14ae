#include "assessment/frame_codec.hpp"

#include <zstd.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace txr::assessment {
namespace {

constexpr std::uint8_t k_codec_version = 2;
constexpr std::size_t k_pose_cols = 7;
constexpr std::size_t k_hand_cols = 1 + 2 * k_pose_cols + 2 + 2 + 1;  // 20
constexpr std::size_t k_head_base = 2;
constexpr std::size_t k_hand_base = k_head_base + k_pose_cols;      // 9
constexpr std::size_t k_tool_base = k_hand_base + 2 * k_hand_cols;  // 49
constexpr std::size_t k_ui_base = k_tool_base + 2 + k_pose_cols;    // 58
constexpr std::size_t k_columns = k_ui_base + 3;                    // 61
constexpr std::size_t k_max_chunk_frames = 1u << 20;

std::int64_t q(double value, double step) {
  if (!std::isfinite(value)) return 0;
  const double scaled = value / step;
  constexpr double k_limit = 1e15;
  if (scaled > k_limit) return static_cast<std::int64_t>(k_limit);
  if (scaled < -k_limit) return -static_cast<std::int64_t>(k_limit);
  return std::llround(scaled);
}
float dq(std::int64_t value, double step) {
  return static_cast<float>(static_cast<double>(value) * step);
}

void put_pose(std::int64_t* row, const core::Pose& pose) {
  for (std::size_t i = 0; i < 3; ++i) row[i] = q(pose.position_m[i], k_position_step_m);
  for (std::size_t i = 0; i < 4; ++i) row[3 + i] = q(pose.orientation[i], k_unit_step);
}
core::Pose get_pose(const std::int64_t* row) {
  core::Pose pose;
  for (std::size_t i = 0; i < 3; ++i) pose.position_m[i] = dq(row[i], k_position_step_m);
  for (std::size_t i = 0; i < 4; ++i) pose.orientation[i] = dq(row[3 + i], k_unit_step);
  return pose;
}

// Flattens a frame into k_columns integers (aim relative to grip, see the header).
void to_row(const RecordedFrame& f, std::int64_t* row) {
  row[0] = q(f.input.time_s, k_time_step_s);
  row[1] = static_cast<std::int64_t>(f.input.frame_index);
  put_pose(row + k_head_base, f.input.T_world_head);
  for (std::size_t h = 0; h < 2; ++h) {
    const auto& hand = f.input.hands[h];
    std::int64_t* r = row + k_hand_base + h * k_hand_cols;
    r[0] = hand.tracked ? 1 : 0;
    put_pose(r + 1, hand.T_world_grip);
    put_pose(r + 8, hand.T_world_aim);
    for (std::size_t i = 0; i < k_pose_cols; ++i) r[8 + i] -= r[1 + i];
    r[15] = q(hand.trigger, k_unit_step);
    r[16] = q(hand.squeeze, k_unit_step);
    r[17] = q(hand.thumbstick[0], k_unit_step);
    r[18] = q(hand.thumbstick[1], k_unit_step);
    r[19] = static_cast<std::int64_t>(hand.buttons);
  }
  std::int64_t* t = row + k_tool_base;
  t[0] = f.tool.held ? 1 : 0;
  t[1] = static_cast<std::int64_t>(f.tool.tool_id);
  put_pose(t + 2, f.tool.T_world_tool);
  // UI command value kept bit-exact: it is a decision (e.g. a torque setting), not a measurement.
  std::int64_t* u = row + k_ui_base;
  u[0] = static_cast<std::int64_t>(f.input.ui.kind);
  u[1] = f.input.ui.object;
  u[2] = static_cast<std::int64_t>(std::bit_cast<std::uint32_t>(f.input.ui.value));
}

RecordedFrame from_row(const std::int64_t* row) {
  RecordedFrame f;
  f.input.time_s = static_cast<double>(row[0]) * k_time_step_s;
  f.input.frame_index = static_cast<std::uint64_t>(row[1]);
  f.input.T_world_head = get_pose(row + k_head_base);
  for (std::size_t h = 0; h < 2; ++h) {
    auto& hand = f.input.hands[h];
    const std::int64_t* r = row + k_hand_base + h * k_hand_cols;
    hand.tracked = r[0] != 0;
    hand.T_world_grip = get_pose(r + 1);
    std::int64_t aim[k_pose_cols];
    for (std::size_t i = 0; i < k_pose_cols; ++i) aim[i] = r[8 + i] + r[1 + i];
    hand.T_world_aim = get_pose(aim);
    hand.trigger = dq(r[15], k_unit_step);
    hand.squeeze = dq(r[16], k_unit_step);
    hand.thumbstick = {dq(r[17], k_unit_step), dq(r[18], k_unit_step)};
    hand.buttons = static_cast<std::uint32_t>(r[19]);
  }
  const std::int64_t* t = row + k_tool_base;
  f.tool.held = t[0] != 0;
  f.tool.tool_id = static_cast<std::uint32_t>(t[1]);
  f.tool.T_world_tool = get_pose(t + 2);
  const std::int64_t* u = row + k_ui_base;
  f.input.ui.kind = static_cast<core::UiCommandKind>(u[0]);
  f.input.ui.object = static_cast<std::int32_t>(u[1]);
  f.input.ui.value = std::bit_cast<float>(static_cast<std::uint32_t>(u[2]));
  return f;
}

void put_varint(std::vector<unsigned char>& out, std::int64_t value) {
  auto z = (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
  while (z >= 0x80) {
    out.push_back(static_cast<unsigned char>(z | 0x80));
    z >>= 7;
  }
  out.push_back(static_cast<unsigned char>(z));
}

bool get_varint(std::span<const unsigned char> in, std::size_t& pos, std::int64_t& value) {
  std::uint64_t z = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= in.size()) return false;
    const unsigned char b = in[pos++];
    z |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      value = static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
      return true;
    }
  }
  return false;
}

// Residual of order 0 (raw), 1 (delta) or 2 (delta of delta) at index i of a column; wrapping
// arithmetic keeps it exact for any input.
std::int64_t residual(const std::int64_t* c, std::size_t i, int order) {
  auto u = [&](std::size_t k) { return static_cast<std::uint64_t>(c[k]); };
  if (order == 0 || i == 0) return c[i];
  if (order == 1 || i == 1) return static_cast<std::int64_t>(u(i) - u(i - 1));
  return static_cast<std::int64_t>(u(i) - 2 * u(i - 1) + u(i - 2));
}

}  // namespace

RecordedFrame quantise(const RecordedFrame& frame) {
  std::int64_t row[k_columns];
  to_row(frame, row);
  return from_row(row);
}

FrameEncoder::FrameEncoder(std::size_t max_frames, int zstd_level)
    : max_frames_(max_frames == 0 ? 1 : max_frames), zstd_level_(zstd_level) {
  values_.resize(k_columns * max_frames_);
  raw_.reserve(k_columns * max_frames_ * 3 + 64);
  cctx_ = ZSTD_createCCtx();
}

FrameEncoder::~FrameEncoder() { ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_)); }

void FrameEncoder::append(const RecordedFrame& frame) {
  if (full()) return;
  std::int64_t row[k_columns];
  to_row(frame, row);
  for (std::size_t c = 0; c < k_columns; ++c) values_[c * max_frames_ + count_] = row[c];
  // Chunk times as decoded (on the 1 µs grid), so the chain's times match the frames exactly.
  const double t = static_cast<double>(row[0]) * k_time_step_s;
  if (count_ == 0) first_time_s_ = t;
  last_time_s_ = t;
  ++count_;
}

core::Result<void> FrameEncoder::finish(std::vector<unsigned char>& out) {
  auto col_at = [&](std::size_t c) { return values_.data() + c * max_frames_; };
  // A held tool mostly moves with one hand: store its pose relative to the grip of whichever
  // hand (or none) makes the residuals smallest in this chunk.
  int tool_ref = 0;
  {
    double best_cost = std::numeric_limits<double>::infinity();
    for (int ref = 0; ref <= 2; ++ref) {
      double cost = 0.0;
      for (std::size_t k = 0; k < k_pose_cols; ++k) {
        const std::int64_t* tool = col_at(k_tool_base + 2 + k);
        const std::int64_t* hand =
            ref == 0
                ? nullptr
                : col_at(k_hand_base + static_cast<std::size_t>(ref - 1) * k_hand_cols + 1 + k);
        for (std::size_t i = 2; i < count_; ++i) {
          auto v = [&](std::size_t j) { return tool[j] - (hand != nullptr ? hand[j] : 0); };
          cost += std::fabs(static_cast<double>(v(i) - 2 * v(i - 1) + v(i - 2)));
        }
      }
      if (cost < best_cost) {
        best_cost = cost;
        tool_ref = ref;
      }
    }
    if (tool_ref != 0) {
      for (std::size_t k = 0; k < k_pose_cols; ++k) {
        std::int64_t* tool = col_at(k_tool_base + 2 + k);
        const std::int64_t* hand =
            col_at(k_hand_base + static_cast<std::size_t>(tool_ref - 1) * k_hand_cols + 1 + k);
        for (std::size_t i = 0; i < count_; ++i) tool[i] -= hand[i];
      }
    }
  }
  raw_.clear();
  raw_.push_back(k_codec_version);
  put_varint(raw_, static_cast<std::int64_t>(count_));
  put_varint(raw_, static_cast<std::int64_t>(k_columns));
  raw_.push_back(static_cast<unsigned char>(tool_ref));
  const std::size_t orders_at = raw_.size();
  raw_.resize(raw_.size() + k_columns);
  for (std::size_t c = 0; c < k_columns; ++c) {
    const std::int64_t* col = col_at(c);
    // Pick the order with the smallest total magnitude for this column in this chunk.
    int best = 0;
    double best_cost = std::numeric_limits<double>::infinity();
    for (int order = 0; order <= 2; ++order) {
      double cost = 0.0;
      for (std::size_t i = 1; i < count_; ++i) {
        cost += std::fabs(static_cast<double>(residual(col, i, order)));
      }
      if (cost < best_cost) {
        best_cost = cost;
        best = order;
      }
    }
    raw_[orders_at + c] = static_cast<unsigned char>(best);
    for (std::size_t i = 0; i < count_; ++i) put_varint(raw_, residual(col, i, best));
  }
  out.resize(ZSTD_compressBound(raw_.size()));
  const std::size_t size = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(cctx_), out.data(), out.size(),
                                             raw_.data(), raw_.size(), zstd_level_);
  count_ = 0;
  if (ZSTD_isError(size) != 0) {
    out.clear();
    return core::fail(std::string("zstd: ") + ZSTD_getErrorName(size));
  }
  out.resize(size);
  return {};
}

core::Result<std::vector<RecordedFrame>> decode_chunk(std::span<const unsigned char> blob) {
  const unsigned long long raw_size = ZSTD_getFrameContentSize(blob.data(), blob.size());
  if (raw_size == ZSTD_CONTENTSIZE_ERROR || raw_size == ZSTD_CONTENTSIZE_UNKNOWN ||
      raw_size > k_max_chunk_frames * k_columns * 10) {
    return core::fail("stream chunk is not a valid zstd frame");
  }
  std::vector<unsigned char> raw(static_cast<std::size_t>(raw_size));
  const std::size_t got = ZSTD_decompress(raw.data(), raw.size(), blob.data(), blob.size());
  if (ZSTD_isError(got) != 0 || got != raw.size()) {
    return core::fail("stream chunk does not decompress");
  }
  std::span<const unsigned char> in(raw);
  std::size_t pos = 1;
  std::int64_t count = 0;
  std::int64_t cols = 0;
  if (raw.empty() || raw[0] != k_codec_version) return core::fail("unknown stream codec version");
  if (!get_varint(in, pos, count) || !get_varint(in, pos, cols) || count < 0 ||
      static_cast<std::size_t>(count) > k_max_chunk_frames ||
      cols != static_cast<std::int64_t>(k_columns) || pos + 1 + k_columns > in.size() ||
      in[pos] > 2) {
    return core::fail("stream chunk header is malformed");
  }
  const int tool_ref = in[pos++];
  const auto n = static_cast<std::size_t>(count);
  const std::size_t orders_at = pos;
  pos += k_columns;
  std::vector<std::int64_t> values(k_columns * n);
  for (std::size_t c = 0; c < k_columns; ++c) {
    const int order = in[orders_at + c];
    if (order > 2) return core::fail("stream chunk column order is malformed");
    std::int64_t* col = values.data() + c * n;
    for (std::size_t i = 0; i < n; ++i) {
      std::int64_t r = 0;
      if (!get_varint(in, pos, r)) return core::fail("stream chunk is truncated");
      auto u = [&](std::size_t k) { return static_cast<std::uint64_t>(col[k]); };
      std::uint64_t v = static_cast<std::uint64_t>(r);
      if (order == 1 || (order == 2 && i == 1)) {
        if (i >= 1) v += u(i - 1);
      } else if (order == 2 && i >= 2) {
        v += 2 * u(i - 1) - u(i - 2);
      }
      col[i] = static_cast<std::int64_t>(v);
    }
  }
  if (pos != in.size()) return core::fail("stream chunk has trailing bytes");
  if (tool_ref != 0) {
    for (std::size_t k = 0; k < k_pose_cols; ++k) {
      std::int64_t* tool = values.data() + (k_tool_base + 2 + k) * n;
      const std::int64_t* hand =
          values.data() +
          (k_hand_base + static_cast<std::size_t>(tool_ref - 1) * k_hand_cols + 1 + k) * n;
      for (std::size_t i = 0; i < n; ++i) tool[i] += hand[i];
    }
  }
  std::vector<RecordedFrame> frames;
  frames.reserve(n);
  std::int64_t row[k_columns];
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t c = 0; c < k_columns; ++c) row[c] = values[c * n + i];
    frames.push_back(from_row(row));
  }
  return frames;
}

}  // namespace txr::assessment
