// The reference workshop on lavapipe at a fixed size and camera against an approved PNG.
// On failure the actual and diff images are written under <build>/golden-out/ (paths printed);
// tools/golden/approve.sh copies actual over expected when a change is intended.
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "gpu_fixture.hpp"
#include "render/image_compare.hpp"
#include "render/offscreen_target.hpp"
#include "test_support.hpp"

using namespace txr;

TEST_CASE("[render] the reference workshop matches its golden image") {
  constexpr std::uint32_t k_width = 320, k_height = 240;
  const auto expected_path =
      test::source_dir() / "tests/render/golden/reference-workshop-320x240.png";
  const auto out_dir = std::filesystem::path(TXR_BINARY_DIR) / "golden-out";
  test::ValidationWatch watch;
  assets::Image actual;
  {
    auto ctx = render::VulkanContext::create(test::validated_options());
    REQUIRE(ctx.has_value());
    auto renderer = render::Renderer::create(**ctx);
    REQUIRE(renderer.has_value());
    assets::ModelCache cache;
    render::SceneLoader loader(**renderer, cache);
    const auto placements = test::reference_scene_placements();
    auto loaded = loader.load(placements);
    REQUIRE(loaded.has_value());
    auto target = render::OffscreenTarget::create(**ctx, {k_width, k_height});
    REQUIRE(target.has_value());
    const render::View view = test::reference_view(k_width, k_height);
    render::FrameOptions options;
    options.capture = true;
    REQUIRE((*renderer)->render(**target, loaded->scene, {&view, 1}, options).has_value());
    auto img = (*renderer)->take_capture();
    REQUIRE(img.has_value());
    actual = std::move(*img);
  }
  CHECK(watch.count() == 0);

  const auto actual_path = out_dir / "reference-workshop-320x240.actual.png";
  const auto diff_path = out_dir / "reference-workshop-320x240.diff.png";
  std::filesystem::remove(actual_path);
  std::filesystem::remove(diff_path);
  auto expected = render::read_png(expected_path);
  if (!expected) {
    REQUIRE(render::write_png(actual_path, actual).has_value());
    FAIL("no golden image at " << expected_path.string() << "; review " << actual_path.string()
                               << " and approve it with tools/golden/approve.sh");
  }
  const render::GoldenTolerance tolerance{8, 0.005};
  const auto diff = render::compare_images(*expected, actual, tolerance.per_channel);
  if (!render::within(diff, tolerance)) {
    REQUIRE(render::write_png(actual_path, actual).has_value());
    if (diff.same_size) REQUIRE(render::write_png(diff_path, diff.diff).has_value());
    std::cerr << "golden mismatch: actual " << actual_path.string() << "\n                 diff   "
              << diff_path.string() << "\n";
  }
  CHECK(diff.same_size);
  CHECK_MESSAGE(diff.differing_fraction <= tolerance.max_differing_fraction,
                diff.differing_pixels << " pixels differ by more than " << tolerance.per_channel
                                      << " (max " << diff.max_channel_difference << "); see "
                                      << actual_path.string() << " and " << diff_path.string());
}
