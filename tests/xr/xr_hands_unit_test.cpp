// Hand-tracking logic that needs no runtime: pinch with hysteresis, the grip pose from the palm.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "xr/hand_tracking.hpp"
#include "xr/pinch_detector.hpp"

using namespace txr;

TEST_CASE("[xr] a pinch starts below 1.5 cm and only ends once the tips part beyond 2.5 cm") {
  xr::PinchDetector pinch;
  CHECK_FALSE(pinch.update(0.08f));  // open hand
  CHECK_FALSE(pinch.update(0.016f));
  CHECK(pinch.update(0.014f));  // closed: grab
  // Tracking noise around the threshold does not let go.
  CHECK(pinch.update(0.016f));
  CHECK(pinch.update(0.024f));
  CHECK(pinch.update(0.012f));
  CHECK_FALSE(pinch.update(0.026f));  // opened: release
  // Back in the band between the thresholds: still released.
  CHECK_FALSE(pinch.update(0.02f));
  CHECK(pinch.update(0.01f));
  pinch.reset();  // hand lost
  CHECK_FALSE(pinch.pinching());
  CHECK_FALSE(pinch.update(std::numeric_limits<float>::quiet_NaN()));
  xr::PinchDetector custom({0.01f, 0.03f});
  CHECK_FALSE(custom.update(0.012f));
  CHECK(custom.update(0.009f));
  CHECK(custom.update(0.029f));
  CHECK_FALSE(custom.update(0.031f));
}

TEST_CASE("[xr] the grip pose of a tracked hand has a controller's axes") {
  // Palm facing left (right hand held as around a handle): its back (+Y) points to +X.
  const float s = std::sqrt(0.5f);
  const XrPosef palm{{0.0f, 0.0f, -s, s}, {0.1f, 1.2f, -0.3f}};  // -90 degrees about Z
  const XrPosef right = xr::HandTracking::grip_from_palm(palm, core::Hand::right);
  CHECK(right.position.x == doctest::Approx(0.1f));
  // Rotating +X by the grip orientation: for the right hand, +X goes into the palm = world +X.
  const auto rotate_x = [](const XrQuaternionf& q) {
    // First column of the rotation matrix.
    return std::array<float, 3>{1.0f - 2.0f * (q.y * q.y + q.z * q.z),
                                2.0f * (q.x * q.y + q.w * q.z), 2.0f * (q.x * q.z - q.w * q.y)};
  };
  const auto x_right = rotate_x(right.orientation);
  CHECK(x_right[0] == doctest::Approx(1.0f).epsilon(1e-4));
  // The left hand, mirrored (palm facing right, its back to -X): +X away from the palm = +X.
  const XrPosef left_palm{{0.0f, 0.0f, s, s}, {-0.1f, 1.2f, -0.3f}};
  const auto x_left =
      rotate_x(xr::HandTracking::grip_from_palm(left_palm, core::Hand::left).orientation);
  CHECK(x_left[0] == doctest::Approx(1.0f).epsilon(1e-4));
}
