#pragma once
// PNG files and golden-image comparison (per-pixel tolerance + allowed fraction of differing
// pixels), used by the screenshot path, the golden tests and tools/golden.
#include <cstdint>
#include <filesystem>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace txr::render {

core::Result<void> write_png(const std::filesystem::path& path, const assets::Image& image);
core::Result<assets::Image> read_png(const std::filesystem::path& path);

struct ImageDiff {
  bool same_size = false;
  std::uint64_t differing_pixels = 0;  // any channel differs by more than the tolerance
  double differing_fraction = 1.0;
  int max_channel_difference = 255;
  assets::Image diff;  // differing pixels in red over a dimmed copy of `expected`
};

struct GoldenTolerance {
  int per_channel = 8;                   // 0..255
  double max_differing_fraction = 0.01;  // of all pixels
};

ImageDiff compare_images(const assets::Image& expected, const assets::Image& actual,
                         int per_channel_tolerance);
bool within(const ImageDiff& diff, const GoldenTolerance& tolerance);

}  // namespace txr::render
