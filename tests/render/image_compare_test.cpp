#include <doctest/doctest.h>

#include "render/image_compare.hpp"
#include "test_support.hpp"

using namespace txr::render;

namespace {
txr::assets::Image solid(std::uint32_t w, std::uint32_t h, std::uint8_t v) {
  txr::assets::Image img;
  img.width = w;
  img.height = h;
  img.rgba8.assign(std::size_t{w} * h * 4, v);
  return img;
}
}  // namespace

TEST_CASE("[render] identical images compare equal") {
  const auto a = solid(8, 4, 100);
  const auto d = compare_images(a, a, 0);
  CHECK(d.same_size);
  CHECK(d.differing_pixels == 0);
  CHECK(d.max_channel_difference == 0);
  CHECK(within(d, {0, 0.0}));
}

TEST_CASE("[render] small differences within the per-pixel tolerance are ignored") {
  const auto a = solid(8, 4, 100);
  const auto b = solid(8, 4, 105);
  CHECK(compare_images(a, b, 8).differing_pixels == 0);
  CHECK(compare_images(a, b, 4).differing_pixels == 32);
}

TEST_CASE("[render] the differing fraction decides pass or fail and the diff marks pixels red") {
  const auto a = solid(10, 10, 50);
  auto b = a;
  b.rgba8[0] = 250;  // one pixel of 100
  const auto d = compare_images(a, b, 8);
  CHECK(d.differing_pixels == 1);
  CHECK(d.differing_fraction == doctest::Approx(0.01));
  CHECK(within(d, {8, 0.01}));
  CHECK_FALSE(within(d, {8, 0.005}));
  CHECK(d.diff.rgba8[0] == 255);
  CHECK(d.diff.rgba8[1] == 0);
  CHECK(d.diff.rgba8[4] < 50);  // other pixels dimmed
}

TEST_CASE("[render] images of different sizes never match") {
  const auto d = compare_images(solid(4, 4, 0), solid(4, 5, 0), 255);
  CHECK_FALSE(d.same_size);
  CHECK_FALSE(within(d, {255, 1.0}));
}

TEST_CASE("[render] a PNG written and read back keeps its pixels") {
  auto img = solid(3, 2, 0);
  for (std::size_t i = 0; i < img.rgba8.size(); ++i)
    img.rgba8[i] = static_cast<std::uint8_t>(i * 10);
  for (std::size_t i = 3; i < img.rgba8.size(); i += 4) img.rgba8[i] = 255;
  const auto path = txr::test::scratch_dir("png") / "roundtrip.png";
  REQUIRE(write_png(path, img).has_value());
  auto back = read_png(path);
  REQUIRE(back.has_value());
  CHECK(back->rgba8 == img.rgba8);
  CHECK_FALSE(write_png("/proc/no-such-dir/x.png", img).has_value());
  CHECK_FALSE(read_png(path.parent_path() / "absent.png").has_value());
}
