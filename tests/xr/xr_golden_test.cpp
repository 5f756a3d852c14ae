// Both eyes of the reference scenario as the simulated runtime receives them, for a fixed head
// pose, against approved PNGs (per-channel tolerance 8, at most 0.5 % of pixels differ). On
// failure <build>/golden-out/ gets the actual and diff images; tools/golden/approve.sh copies
// actual over expected (xr-* names go to tests/xr/golden/).
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "render/image_compare.hpp"
#include "test_support.hpp"
#include "xr_sim_support.hpp"

using namespace txr;

TEST_CASE("[xr] both eyes of the bolt-torque scene match their golden images") {
  const auto dir = test::scratch_dir("xr-golden");
  test::use_xr_simulator("128x128");
  test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", dir.string());
  test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "2");
  // Standing at the start, looking 30 degrees down at the bench.
  test::set_env("TRADEXR_XRSIM_SCRIPT", test::write_sim_script(dir, R"({"keyframes": [{"t": 0,
                  "head": {"position": [0, 1.6, 0], "orientation": [-0.258819, 0, 0, 0.965926]}}]})")
                                            .string());
  test::IntroRun run;
  session::XrRunOptions options;
  options.validation = true;
  options.max_frames = 3;
  auto summary = session::run_xr(*run.session, nullptr, options);
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);

  const auto out_dir = std::filesystem::path(TXR_BINARY_DIR) / "golden-out";
  std::filesystem::create_directories(out_dir);
  for (int eye = 0; eye < 2; ++eye) {
    const std::string name = "xr-bolt-torque-intro-eye" + std::to_string(eye);
    CAPTURE(name);
    auto actual = render::read_png(dir / ("frame_000002_eye" + std::to_string(eye) + ".png"));
    REQUIRE_MESSAGE(actual.has_value(), "the runtime did not capture frame 2");
    const auto actual_path = out_dir / (name + ".actual.png");
    const auto diff_path = out_dir / (name + ".diff.png");
    std::filesystem::remove(actual_path);
    std::filesystem::remove(diff_path);
    const auto expected_path = test::source_dir() / "tests/xr/golden" / (name + ".png");
    auto expected = render::read_png(expected_path);
    if (!expected) {
      REQUIRE(render::write_png(actual_path, *actual).has_value());
      FAIL("no golden image at " << expected_path.string() << "; review " << actual_path.string()
                                 << " and approve it with tools/golden/approve.sh");
    }
    const render::GoldenTolerance tolerance{8, 0.005};
    const auto diff = render::compare_images(*expected, *actual, tolerance.per_channel);
    if (!render::within(diff, tolerance)) {
      REQUIRE(render::write_png(actual_path, *actual).has_value());
      if (diff.same_size) REQUIRE(render::write_png(diff_path, diff.diff).has_value());
      std::cerr << "golden mismatch: actual " << actual_path.string() << "\n  diff "
                << diff_path.string() << "\n";
    }
    CHECK(render::within(diff, tolerance));
  }
}
