// The simulator through the real loader: discovery, the session state machine, frame capture.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::XrApp;

std::string write_script(const std::string& name, const std::string& text) {
  const auto path = txr::test::scratch_dir("xrsim-script") / name;
  std::ofstream(path) << text;
  return path.string();
}

void check_clean(const XrApp& app) {
  for (const auto& m : app.xr_messages) INFO("openxr: " << m);
  for (const auto& m : app.vk_messages) INFO("vulkan: " << m);
  CHECK(app.xr_messages.empty());
  CHECK(app.vk_messages.empty());
}

}  // namespace

TEST_CASE("[xr-simulator] the loader finds the simulator and lists its extensions") {
  txr::test::use_simulator();
  std::uint32_t count = 0;
  REQUIRE(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr) == XR_SUCCESS);
  std::vector<XrExtensionProperties> props(
      count, txr::test::make<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  REQUIRE(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()) ==
          XR_SUCCESS);
  std::vector<std::string> names;
  for (const auto& p : props) names.emplace_back(p.extensionName);
  CHECK(std::find(names.begin(), names.end(), "XR_KHR_vulkan_enable2") != names.end());
  CHECK(std::find(names.begin(), names.end(), "XR_KHR_vulkan_enable") != names.end());
  CHECK(std::find(names.begin(), names.end(), "XR_KHR_composition_layer_depth") != names.end());

  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  auto ip = txr::test::make<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
  REQUIRE(xrGetInstanceProperties(app.instance, &ip) == XR_SUCCESS);
  CHECK(std::string(ip.runtimeName) == "TradeXR XR simulator");
  std::uint32_t views = 0;
  REQUIRE(xrEnumerateViewConfigurationViews(app.instance, app.system,
                                            XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &views,
                                            nullptr) == XR_SUCCESS);
  REQUIRE(views == 2);
  std::vector<XrViewConfigurationView> v(
      2, txr::test::make<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
  // Two-call idiom: too small a buffer is refused, not overrun.
  CHECK(xrEnumerateViewConfigurationViews(app.instance, app.system,
                                          XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, &views,
                                          v.data()) == XR_ERROR_SIZE_INSUFFICIENT);
  REQUIRE(xrEnumerateViewConfigurationViews(app.instance, app.system,
                                            XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &views,
                                            v.data()) == XR_SUCCESS);
  CHECK(v[0].recommendedImageRectWidth == 64);  // TRADEXR_XRSIM_RESOLUTION=64x64
  CHECK(v[1].recommendedImageRectHeight == 64);
  auto handheld = txr::test::make<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  handheld.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
  XrSystemId sys = XR_NULL_SYSTEM_ID;
  CHECK(xrGetSystem(app.instance, &handheld, &sys) == XR_ERROR_FORM_FACTOR_UNSUPPORTED);
  check_clean(app);
}

TEST_CASE("[xr-simulator] a session goes through every state and exits when the script asks") {
  txr::test::use_simulator();
  const auto capture = txr::test::scratch_dir("xrsim-capture");
  const auto log = capture / "log.json";
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script("exit.json", R"({"events": [
                       {"t": 0.05, "event": "focus_lost"},
                       {"t": 0.10, "event": "focus_gained"},
                       {"t": 0.20, "event": "request_exit"}]})"));
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", capture.string());
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "2");
  txr::test::set_env("TRADEXR_XRSIM_LOG", log.string());
  {
    XrApp app;
    REQUIRE(app.create_instance() == XR_SUCCESS);
    REQUIRE(app.create_vulkan() == XR_SUCCESS);
    REQUIRE(app.create_session() == XR_SUCCESS);
    REQUIRE(app.create_swapchains() == XR_SUCCESS);
    REQUIRE(app.run_until(XR_SESSION_STATE_EXITING, 200));
    const std::vector<XrSessionState> expected{
        XR_SESSION_STATE_IDLE,     XR_SESSION_STATE_READY,   XR_SESSION_STATE_SYNCHRONIZED,
        XR_SESSION_STATE_VISIBLE,  XR_SESSION_STATE_FOCUSED, XR_SESSION_STATE_VISIBLE,
        XR_SESSION_STATE_FOCUSED,  XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED,
        XR_SESSION_STATE_STOPPING, XR_SESSION_STATE_IDLE,    XR_SESSION_STATE_EXITING};
    CHECK(app.states == expected);
    app.destroy();
    check_clean(app);
  }
  // The capture of frame 2 holds each eye's clear colour (R8G8B8A8_UNORM, so exact bytes).
  for (int eye = 0; eye < 2; ++eye) {
    const auto png = capture / ("frame_000002_eye" + std::to_string(eye) + ".png");
    int w = 0, h = 0, n = 0;
    unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 4);
    REQUIRE(pixels != nullptr);
    CHECK(w == 64);
    CHECK(h == 64);
    const int expected[2][3] = {{51, 102, 153}, {204, 153, 51}};
    const unsigned char* mid = pixels + (32 * 64 + 32) * 4;
    CHECK(mid[0] == expected[eye][0]);
    CHECK(mid[1] == expected[eye][1]);
    CHECK(mid[2] == expected[eye][2]);
    stbi_image_free(pixels);
  }
  const auto j = nlohmann::json::parse(txr::test::read_file(log));
  CHECK(j["frames"]["ended"].get<int>() > 10);
  CHECK(j["frames"]["ended"] == j["frames"]["begun"]);
  CHECK(j["layers"]["projection"].get<int>() > 0);
  CHECK(j["captures"].size() == 2);
}

TEST_CASE("[xr-simulator] loss pending is reported and a new session can start") {
  txr::test::use_simulator();
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script("loss.json", R"({"events": [
                       {"t": 0.05, "event": "loss_pending"},
                       {"t": 0.50, "event": "request_exit"}]})"));
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.create_swapchains() == XR_SUCCESS);
  REQUIRE(app.run_until(XR_SESSION_STATE_LOSS_PENDING, 100));
  auto fs = txr::test::make<XrFrameState>(XR_TYPE_FRAME_STATE);
  CHECK(xrWaitFrame(app.session, nullptr, &fs) == XR_SESSION_LOSS_PENDING);
  auto begin = txr::test::make<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  CHECK(xrBeginSession(app.session, &begin) == XR_ERROR_SESSION_LOST);
  app.destroy_session();
  // The instance survives: a fresh session starts at IDLE/READY and later exits normally.
  app.states.clear();
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.create_swapchains() == XR_SUCCESS);
  REQUIRE(app.run_until(XR_SESSION_STATE_EXITING, 200));
  CHECK(app.states.front() == XR_SESSION_STATE_IDLE);
  CHECK(app.states[1] == XR_SESSION_STATE_READY);
  app.destroy();
  check_clean(app);
}

TEST_CASE("[xr-simulator] an app-requested exit stops the session and ends in EXITING") {
  txr::test::use_simulator();
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.create_swapchains() == XR_SUCCESS);
  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 20));
  CHECK(xrEndSession(app.session) == XR_ERROR_SESSION_NOT_STOPPING);
  REQUIRE(xrRequestExitSession(app.session) == XR_SUCCESS);
  REQUIRE(app.run_until(XR_SESSION_STATE_EXITING, 20));
  CHECK(xrRequestExitSession(app.session) == XR_ERROR_SESSION_NOT_RUNNING);
  app.destroy();
  check_clean(app);
}

TEST_CASE("[xr-simulator] paced frames are predicted one refresh period apart") {
  txr::test::use_simulator();
  txr::test::set_env("TRADEXR_XRSIM_UNPACED", "");
  txr::test::set_env("TRADEXR_XRSIM_REFRESH_HZ", "120");
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
  auto a = txr::test::make<XrFrameState>(XR_TYPE_FRAME_STATE);
  auto b = a;
  REQUIRE(XR_SUCCEEDED(app.frame(&a)));
  REQUIRE(XR_SUCCEEDED(app.frame(&b)));
  CHECK(a.predictedDisplayPeriod == 8333333);
  // A later frame lands on a later display slot of the same grid.
  CHECK(b.predictedDisplayTime > a.predictedDisplayTime);
  CHECK((b.predictedDisplayTime - a.predictedDisplayTime) % a.predictedDisplayPeriod == 0);
  app.destroy();
  check_clean(app);
}

TEST_CASE("[xr-simulator] events of a destroyed session are not delivered") {
  txr::test::use_simulator();
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);  // queues IDLE and READY
  app.destroy_session();
  CHECK(app.poll() == XR_SESSION_STATE_UNKNOWN);
  CHECK(app.states.empty());
  app.destroy();
  check_clean(app);
}
