#include "render/image_compare.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>

#include "assets/image_loader.hpp"

namespace txr::render {

core::Result<void> write_png(const std::filesystem::path& path, const assets::Image& image) {
  if (image.width == 0 || image.height == 0 ||
      image.rgba8.size() != std::size_t{image.width} * image.height * 4) {
    return core::fail("cannot write " + path.string() + ": the image has no pixels");
  }
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const int ok = stbi_write_png(path.string().c_str(), static_cast<int>(image.width),
                                static_cast<int>(image.height), 4, image.rgba8.data(),
                                static_cast<int>(image.width * 4));
  if (ok == 0) return core::fail("cannot write " + path.string());
  return {};
}

core::Result<assets::Image> read_png(const std::filesystem::path& path) {
  return assets::load_image_file(path);
}

ImageDiff compare_images(const assets::Image& expected, const assets::Image& actual,
                         int tolerance) {
  ImageDiff out;
  out.same_size = expected.width == actual.width && expected.height == actual.height &&
                  expected.rgba8.size() == actual.rgba8.size();
  if (!out.same_size) return out;
  out.diff = expected;
  out.max_channel_difference = 0;
  const std::size_t pixels = std::size_t{expected.width} * expected.height;
  for (std::size_t p = 0; p < pixels; ++p) {
    int worst = 0;
    for (std::size_t c = 0; c < 4; ++c) {
      worst =
          std::max(worst, std::abs(int{expected.rgba8[p * 4 + c]} - int{actual.rgba8[p * 4 + c]}));
    }
    out.max_channel_difference = std::max(out.max_channel_difference, worst);
    std::uint8_t* d = &out.diff.rgba8[p * 4];
    if (worst > tolerance) {
      ++out.differing_pixels;
      d[0] = 255;
      d[1] = 0;
      d[2] = 0;
    } else {
      for (int c = 0; c < 3; ++c) d[c] = static_cast<std::uint8_t>(d[c] / 3);
    }
    d[3] = 255;
  }
  out.differing_fraction =
      pixels == 0 ? 0.0 : static_cast<double>(out.differing_pixels) / static_cast<double>(pixels);
  return out;
}

bool within(const ImageDiff& diff, const GoldenTolerance& tolerance) {
  return diff.same_size && diff.differing_fraction <= tolerance.max_differing_fraction;
}

}  // namespace txr::render
