// Quad layers (XrCompositionLayerQuad): checked as the spec asks, counted and captured.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

XrResult end_with_quad(XrApp& app, const XrCompositionLayerQuad& quad) {
  auto fs = make<XrFrameState>(XR_TYPE_FRAME_STATE);
  if (const XrResult r = xrWaitFrame(app.session, nullptr, &fs); XR_FAILED(r)) return r;
  if (const XrResult r = xrBeginFrame(app.session, nullptr); XR_FAILED(r)) return r;
  const XrCompositionLayerBaseHeader* layers[] = {
      reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad)};
  auto end = make<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = fs.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  end.layerCount = 1;
  end.layers = layers;
  const XrResult r = xrEndFrame(app.session, &end);
  if (XR_FAILED(r)) {
    // The refused frame is still begun: end it empty so the next one starts clean.
    end.layerCount = 0;
    xrEndFrame(app.session, &end);
  }
  return r;
}

}  // namespace

TEST_CASE("[xr-simulator] quad layers are validated, counted and saved as PNG") {
  // Without the validation layer, so the runtime's own checks answer.
  txr::test::use_simulator(false);
  const auto dir = txr::test::scratch_dir("xrsim-quad");
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", dir.string());
  txr::test::set_env("TRADEXR_XRSIM_LOG", (dir / "log.json").string());
  {
    XrApp app;
    REQUIRE(app.create_instance() == XR_SUCCESS);
    REQUIRE(app.create_vulkan() == XR_SUCCESS);
    REQUIRE(app.create_session() == XR_SUCCESS);
    REQUIRE(app.create_swapchains() == XR_SUCCESS);
    REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
    REQUIRE(XR_SUCCEEDED(app.frame()));  // the left eye's image is cleared and released

    // The left eye's image shown as a 0.4 x 0.4 m panel half a metre ahead.
    auto quad = make<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
    quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    quad.space = app.stage;
    quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
    quad.subImage.swapchain = app.eyes[0].swapchain;
    quad.subImage.imageRect = {{16, 8}, {32, 48}};
    quad.pose.orientation.w = 1.0f;
    quad.pose.position = {0.0f, 1.4f, -0.5f};
    quad.size = {0.4f, 0.4f};

    quad.pose.orientation.w = 0.0f;  // not a unit quaternion
    CHECK(end_with_quad(app, quad) == XR_ERROR_POSE_INVALID);
    quad.pose.orientation.w = 1.0f;
    quad.size = {0.0f, 0.4f};
    CHECK(end_with_quad(app, quad) == XR_ERROR_VALIDATION_FAILURE);
    quad.size = {0.4f, 0.4f};
    quad.subImage.imageRect = {{40, 8}, {32, 48}};  // past the image's right edge
    CHECK(end_with_quad(app, quad) == XR_ERROR_SWAPCHAIN_RECT_INVALID);
    quad.subImage.imageRect = {{16, 8}, {32, 48}};
    CHECK(end_with_quad(app, quad) == XR_SUCCESS);
    app.destroy();
    CHECK(app.vk_messages.empty());
  }
  const auto log = nlohmann::json::parse(txr::test::read_file(dir / "log.json"));
  CHECK(log["layers"]["quad"] == 1);
  std::string name;
  for (const auto& c : log["captures"]) {
    const std::string s = c.get<std::string>();
    if (s.find("_quad.png") != std::string::npos) name = s;
  }
  REQUIRE_MESSAGE(!name.empty(), "no quad capture in the log");
  CHECK(name.find("_layer0_quad.png") != std::string::npos);
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load((dir / name).string().c_str(), &w, &h, &n, 4);
  REQUIRE(pixels != nullptr);
  CHECK(w == 32);  // only the sub-image's rectangle
  CHECK(h == 48);
  // The left eye's clear colour (0.2, 0.4, 0.6, 1) in a UNORM image.
  CHECK(pixels[0] == 51);
  CHECK(pixels[1] == 102);
  CHECK(pixels[2] == 153);
  CHECK(pixels[3] == 255);
  stbi_image_free(pixels);
}
