// Scripted head motion seen through xrLocateViews / xrLocateSpace, and capture colour order.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <cmath>
#include <fstream>

#include "test_support.hpp"
#include "xr_app.hpp"

namespace {

using txr::test::make;
using txr::test::XrApp;

std::string write_script(const std::string& text) {
  const auto path = txr::test::scratch_dir("xrsim-views") / "script.json";
  std::ofstream(path) << text;
  return path.string();
}

XrSpace reference_space(XrApp& app, XrReferenceSpaceType type) {
  auto info = make<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  info.referenceSpaceType = type;
  info.poseInReferenceSpace.orientation.w = 1.0f;
  XrSpace space = XR_NULL_HANDLE;
  REQUIRE(xrCreateReferenceSpace(app.session, &info, &space) == XR_SUCCESS);
  return space;
}

}  // namespace

TEST_CASE("[xr-simulator] eyes follow the scripted head with the configured IPD") {
  txr::test::use_simulator();
  txr::test::set_env("TRADEXR_XRSIM_IPD_MM", "70");
  // Turned 90 degrees left (about +y) and walking along +x at 1 m/s.
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", write_script(R"({"keyframes": [
    {"t": 0,  "head": {"position": [0, 1.6, 0], "orientation": [0, 0.70710678, 0, 0.70710678]}},
    {"t": 10, "head": {"position": [10, 1.6, 0]}}]})"));
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  XrSpace view = reference_space(app, XR_REFERENCE_SPACE_TYPE_VIEW);
  XrSpace local = reference_space(app, XR_REFERENCE_SPACE_TYPE_LOCAL);
  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));

  auto fs1 = make<XrFrameState>(XR_TYPE_FRAME_STATE);
  auto fs2 = fs1;
  REQUIRE(XR_SUCCEEDED(app.frame(&fs1)));
  REQUIRE(XR_SUCCEEDED(app.frame(&fs2)));
  auto a = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  auto b = a;
  REQUIRE(xrLocateSpace(view, app.stage, fs1.predictedDisplayTime, &a) == XR_SUCCESS);
  REQUIRE(xrLocateSpace(view, app.stage, fs2.predictedDisplayTime, &b) == XR_SUCCESS);
  // Unpaced: one frame is exactly one 90 Hz period of script time, i.e. 1/90 m of walking.
  CHECK(b.pose.position.x - a.pose.position.x == doctest::Approx(1.0 / 90.0).epsilon(1e-3));
  CHECK(a.pose.position.y == doctest::Approx(1.6f));
  auto velocity = make<XrSpaceVelocity>(XR_TYPE_SPACE_VELOCITY);
  auto with_velocity = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  with_velocity.next = &velocity;
  REQUIRE(xrLocateSpace(view, app.stage, fs2.predictedDisplayTime, &with_velocity) == XR_SUCCESS);
  CHECK((velocity.velocityFlags & XR_SPACE_VELOCITY_LINEAR_VALID_BIT) != 0);
  CHECK(velocity.linearVelocity.x == doctest::Approx(1.0f).epsilon(1e-2));

  // LOCAL starts where the head started, turned like it: the head is straight ahead in it.
  auto in_local = make<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  REQUIRE(xrLocateSpace(view, local, fs2.predictedDisplayTime, &in_local) == XR_SUCCESS);
  CHECK(std::fabs(in_local.pose.orientation.w) == doctest::Approx(1.0f));

  auto locate = make<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  locate.displayTime = fs2.predictedDisplayTime;
  locate.space = app.stage;
  auto state = make<XrViewState>(XR_TYPE_VIEW_STATE);
  std::array<XrView, 2> views{make<XrView>(XR_TYPE_VIEW), make<XrView>(XR_TYPE_VIEW)};
  std::uint32_t count = 0;
  REQUIRE(xrLocateViews(app.session, &locate, &state, 2, &count, views.data()) == XR_SUCCESS);
  REQUIRE(count == 2);
  CHECK((state.viewStateFlags & XR_VIEW_STATE_POSITION_TRACKED_BIT) != 0);
  // Facing -x after the turn, the left eye is 35 mm towards +z, the right one towards -z.
  CHECK(views[0].pose.position.z == doctest::Approx(0.035f));
  CHECK(views[1].pose.position.z == doctest::Approx(-0.035f));
  CHECK(views[0].pose.position.x == doctest::Approx(b.pose.position.x));
  CHECK(views[0].fov.angleLeft < 0.0f);
  CHECK(views[0].fov.angleRight > 0.0f);
  xrDestroySpace(view);
  xrDestroySpace(local);
  app.destroy();
  CHECK(app.xr_messages.empty());
  CHECK(app.vk_messages.empty());
}

TEST_CASE("[xr-simulator] captures of BGRA swapchains keep their colours") {
  txr::test::use_simulator();
  const auto dir = txr::test::scratch_dir("xrsim-bgra");
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", dir.string());
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "1");
  XrApp app;
  REQUIRE(app.create_instance() == XR_SUCCESS);
  REQUIRE(app.create_vulkan() == XR_SUCCESS);
  REQUIRE(app.create_session() == XR_SUCCESS);
  REQUIRE(app.create_swapchains(VK_FORMAT_B8G8R8A8_UNORM) == XR_SUCCESS);
  app.clear_colors[0] = {1.0f, 0.0f, 0.0f, 1.0f};  // red, so a swapped order shows as blue
  REQUIRE(app.run_until(XR_SESSION_STATE_FOCUSED, 10));
  REQUIRE(XR_SUCCEEDED(app.frame()));
  app.destroy();
  int w = 0, h = 0, n = 0;
  unsigned char* pixels =
      stbi_load((dir / "frame_000001_eye0.png").string().c_str(), &w, &h, &n, 4);
  REQUIRE(pixels != nullptr);
  CHECK(pixels[0] == 255);
  CHECK(pixels[1] == 0);
  CHECK(pixels[2] == 0);
  stbi_image_free(pixels);
  CHECK(app.vk_messages.empty());
}
