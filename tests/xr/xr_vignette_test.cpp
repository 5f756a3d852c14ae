// The comfort vignette on the XR path: while the trainee turns smoothly with the thumbstick, the
// eye images the runtime receives are darker at the border than the same frame without the
// vignette, the centre is untouched; without turning nothing is darkened. Tolerance-based (mean
// brightness of regions), both validation layers on.
#include <doctest/doctest.h>

#include <cmath>

#include "render/image_compare.hpp"
#include "test_support.hpp"
#include "xr_sim_support.hpp"

using namespace txr;

namespace {

struct Brightness {
  double centre = 0.0;  // mean of r, g, b (0..255) within 0.3 of the half-size from the centre
  double border = 0.0;  // beyond 0.85 of the half-size (edges and corners)
};

Brightness measure(const assets::Image& image) {
  double sums[2] = {0.0, 0.0};
  int counts[2] = {0, 0};
  const double hw = image.width / 2.0, hh = image.height / 2.0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const double r = std::hypot((x + 0.5 - hw) / hw, (y + 0.5 - hh) / hh);
      const int region = r < 0.3 ? 0 : r > 0.85 ? 1 : -1;
      if (region < 0) continue;
      const std::size_t i = (std::size_t{y} * image.width + x) * 4;
      sums[region] += (image.rgba8[i] + image.rgba8[i + 1] + image.rgba8[i + 2]) / 3.0;
      ++counts[region];
    }
  }
  return {sums[0] / counts[0], sums[1] / counts[1]};
}

struct Eyes {
  std::array<Brightness, 2> eye;
  std::uint64_t vignette_frames = 0;
};

// 30 frames looking at the bench, the right thumbstick held at `stick_x` (smooth turning);
// frame 25 of each eye is measured.
Eyes run(const std::string& name, float stick_x, bool vignette) {
  const auto dir = test::scratch_dir(name);
  test::use_xr_simulator("64x64");
  test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", dir.string());
  test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "25");
  test::set_env(
      "TRADEXR_XRSIM_SCRIPT",
      test::write_sim_script(dir, R"({"profile": "/interaction_profiles/oculus/touch_controller",
                  "keyframes": [{"t": 0,
                  "head": {"position": [0, 1.6, 0], "orientation": [-0.258819, 0, 0, 0.965926]},
                  "right": {"thumbstick": [)" +
                                      std::to_string(stick_x) + R"(, 0]}}]})")
          .string());
  test::IntroRun intro;
  session::XrRunOptions options;
  options.validation = true;
  options.max_frames = 30;
  options.comfort.turn = xr::TurnMode::smooth;
  options.vignette.enabled = vignette;
  auto summary = session::run_xr(*intro.session, nullptr, options);
  REQUIRE_MESSAGE(summary.has_value(), summary.error().to_string());
  CHECK(summary->validation_messages == 0);
  CHECK(summary->xr_messages == 0);
  Eyes out;
  out.vignette_frames = summary->vignette_frames;
  for (int e = 0; e < 2; ++e) {
    auto image = render::read_png(dir / ("frame_000025_eye" + std::to_string(e) + ".png"));
    REQUIRE_MESSAGE(image.has_value(), "the runtime did not capture frame 25");
    out.eye[static_cast<std::size_t>(e)] = measure(*image);
  }
  return out;
}

}  // namespace

TEST_CASE("[xr] smooth turning darkens the border of both eyes, not the centre") {
  const Eyes with = run("xr-vignette-on", 1.0f, true);
  const Eyes without = run("xr-vignette-off", 1.0f, false);  // the same turn, no vignette
  CHECK(with.vignette_frames > 20);
  CHECK(without.vignette_frames == 0);
  for (std::size_t e = 0; e < 2; ++e) {
    CAPTURE(e);
    const Brightness& a = with.eye[e];
    const Brightness& b = without.eye[e];
    CHECK(b.border > 20.0);  // there is something to darken
    CHECK(a.border < 0.6 * b.border);
    CHECK(a.centre == doctest::Approx(b.centre).epsilon(0.05));
    CHECK(a.border / a.centre < 0.6 * (b.border / b.centre));
  }
}

TEST_CASE("[xr] without artificial turning the vignette never shows") {
  const Eyes still = run("xr-vignette-still", 0.0f, true);
  const Eyes plain = run("xr-vignette-plain", 0.0f, false);
  CHECK(still.vignette_frames == 0);
  for (std::size_t e = 0; e < 2; ++e) {
    CAPTURE(e);
    CHECK(still.eye[e].border == doctest::Approx(plain.eye[e].border).epsilon(0.02));
    CHECK(still.eye[e].centre == doctest::Approx(plain.eye[e].centre).epsilon(0.02));
  }
}
