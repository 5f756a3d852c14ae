// Swapchain formats, depth layers (XR_KHR_composition_layer_depth) and settings errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

}  // namespace

TEST_CASE("[xr-simulator] depth swapchains are made on the app device and depth layers accepted") {
  txr::test::use_simulator();
  const auto log = txr::test::scratch_dir("xrsim-depth") / "log.json";
  txr::test::set_env("TRADEXR_XRSIM_LOG", log.string());
  {
    XrApp app;
    REQUIRE(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME,
                                 XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME,
                                 XR_EXT_DEBUG_UTILS_EXTENSION_NAME}) == XR_SUCCESS);
    REQUIRE(app.create_vulkan() == XR_SUCCESS);
    REQUIRE(app.create_session() == XR_SUCCESS);
    std::uint32_t count = 0;
    REQUIRE(xrEnumerateSwapchainFormats(app.session, 0, &count, nullptr) == XR_SUCCESS);
    std::vector<std::int64_t> formats(count);
    REQUIRE(xrEnumerateSwapchainFormats(app.session, count, &count, formats.data()) == XR_SUCCESS);
    REQUIRE(!formats.empty());
    CHECK(formats.front() == VK_FORMAT_R8G8B8A8_SRGB);  // sRGB preferred
    CHECK(std::count(formats.begin(), formats.end(), VK_FORMAT_D16_UNORM) == 1);
    REQUIRE(app.create_swapchains() == XR_SUCCESS);

    std::array<XrSwapchain, 2> depth{};
    for (auto& d : depth) {
      auto info = make<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
      info.usageFlags = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
      info.format = VK_FORMAT_D16_UNORM;
      info.sampleCount = 1;
      info.width = info.height = 64;
      info.faceCount = info.arraySize = info.mipCount = 1;
      REQUIRE(xrCreateSwapchain(app.session, &info, &d) == XR_SUCCESS);
    }
    REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
    REQUIRE(XR_SUCCEEDED(app.frame()));  // colour images released once

    auto fs = make<XrFrameState>(XR_TYPE_FRAME_STATE);
    REQUIRE(xrWaitFrame(app.session, nullptr, &fs) == XR_SUCCESS);
    REQUIRE(xrBeginFrame(app.session, nullptr) == XR_SUCCESS);
    std::array<XrCompositionLayerDepthInfoKHR, 2> depth_infos{};
    std::array<XrCompositionLayerProjectionView, 2> views{};
    for (std::size_t e = 0; e < 2; ++e) {
      std::uint32_t index = 0;
      REQUIRE(xrAcquireSwapchainImage(depth[e], nullptr, &index) == XR_SUCCESS);
      auto wait = make<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
      wait.timeout = XR_INFINITE_DURATION;
      REQUIRE(xrWaitSwapchainImage(depth[e], &wait) == XR_SUCCESS);
      REQUIRE(xrReleaseSwapchainImage(depth[e], nullptr) == XR_SUCCESS);
      depth_infos[e].type = XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR;
      depth_infos[e].subImage.swapchain = depth[e];
      depth_infos[e].subImage.imageRect = {{0, 0}, {64, 64}};
      depth_infos[e].minDepth = 0.0f;
      depth_infos[e].maxDepth = 1.0f;
      depth_infos[e].nearZ = 0.05f;
      depth_infos[e].farZ = 100.0f;
      views[e].type = XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW;
      views[e].next = &depth_infos[e];
      views[e].pose.orientation.w = 1.0f;
      views[e].fov = {-0.7f, 0.7f, 0.7f, -0.7f};
      views[e].subImage.swapchain = app.eyes[e].swapchain;
      views[e].subImage.imageRect = {{0, 0}, {64, 64}};
    }
    auto layer = make<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    layer.space = app.stage;
    layer.viewCount = 2;
    layer.views = views.data();
    const XrCompositionLayerBaseHeader* layers[] = {
        reinterpret_cast<XrCompositionLayerBaseHeader*>(&layer)};
    auto end = make<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    end.displayTime = fs.predictedDisplayTime;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    end.layerCount = 1;
    end.layers = layers;
    // A rectangle outside the image is refused before the frame is accepted.
    views[1].subImage.imageRect = {{32, 0}, {64, 64}};
    CHECK(xrEndFrame(app.session, &end) == XR_ERROR_SWAPCHAIN_RECT_INVALID);
    views[1].subImage.imageRect = {{0, 0}, {64, 64}};
    REQUIRE(xrEndFrame(app.session, &end) == XR_SUCCESS);
    for (auto d : depth) xrDestroySwapchain(d);
    app.destroy();
    for (const auto& m : app.vk_messages) INFO(m);
    CHECK(app.vk_messages.empty());
  }
  const auto j = nlohmann::json::parse(txr::test::read_file(log));
  CHECK(j["layers"]["depth_infos"] == 2);
  CHECK(j["layers"]["projection"].get<int>() >= 2);
}

TEST_CASE("[xr-simulator] bad settings or a broken script stop instance creation") {
  const auto dir = txr::test::scratch_dir("xrsim-bad");
  const std::pair<const char*, std::string> cases[] = {
      {"TRADEXR_XRSIM_RESOLUTION", "wide"},
      {"TRADEXR_XRSIM_REFRESH_HZ", "0"},
      {"TRADEXR_XRSIM_PROFILE", "/interaction_profiles/acme/glove"},
      {"TRADEXR_XRSIM_CAPTURE_FRAMES", "every:0"},
  };
  for (const auto& [name, value] : cases) {
    INFO(name << "=" << value);
    txr::test::use_simulator(false);
    txr::test::set_env(name, value);
    XrApp app;
    CHECK(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_ERROR_RUNTIME_FAILURE);
  }
  for (const char* text : {R"({"keyframes": [{"t": 0, "head": {"position": [0, 1]}}]})",
                           R"({"keyframes": [{"t": 1}, {"t": 0.5}]})",
                           R"({"events": [{"t": 1, "event": "explode"}]})", "{ not json"}) {
    INFO(text);
    txr::test::use_simulator(false);
    const auto path = dir / "bad.json";
    std::ofstream(path) << text;
    txr::test::set_env("TRADEXR_XRSIM_SCRIPT", path.string());
    XrApp app;
    CHECK(app.create_instance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}) == XR_ERROR_RUNTIME_FAILURE);
  }
  txr::test::use_simulator(false);
  XrApp app;
  CHECK(app.create_instance({"XR_FB_not_here"}) == XR_ERROR_EXTENSION_NOT_PRESENT);
}
