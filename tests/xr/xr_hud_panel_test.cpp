// Where the headset HUD hangs and what a controller ray hits on it (no runtime needed).
#include <doctest/doctest.h>

#include <cmath>

#include "input/pose_math.hpp"
#include "xr/comfort.hpp"
#include "xr/hud_panel.hpp"

using namespace txr;

namespace {

core::Pose pose(glm::dvec3 p, glm::dquat q = glm::dquat(1, 0, 0, 0)) {
  return input::make_pose(p, q);
}

// A ray from `from` whose -Z points at `to`.
core::Pose aim(glm::dvec3 from, glm::dvec3 to) {
  const glm::dvec3 z = glm::normalize(from - to);
  const glm::dvec3 x = glm::normalize(glm::cross(glm::dvec3(0, 1, 0), z));
  return pose(from, glm::quat_cast(glm::dmat3(x, glm::cross(z, x), z)));
}

glm::dvec3 vec(const std::array<float, 3>& a) { return {a[0], a[1], a[2]}; }

}  // namespace

TEST_CASE("[xr] the HUD hangs ahead of the head, below eye level, turned to face the eye") {
  xr::HudPanel panel;
  CHECK_FALSE(panel.placed());
  // Looking 40 degrees down and 90 degrees to the left (towards -X): the panel goes by heading.
  const glm::dquat q = glm::angleAxis(glm::radians(90.0), glm::dvec3(0, 1, 0)) *
                       glm::angleAxis(glm::radians(-40.0), glm::dvec3(1, 0, 0));
  const glm::dvec3 eye(0.3, 1.7, 0.2);
  panel.place(pose(eye, q));
  REQUIRE(panel.placed());
  const auto& o = panel.options();
  const glm::dvec3 c = input::position_of(panel.T_app_panel());
  CHECK(c.y == doctest::Approx(eye.y - o.below_eye_m));
  CHECK(eye.x - c.x == doctest::Approx(o.distance_m).epsilon(1e-4));  // ahead is -X now
  CHECK(c.z - eye.z == doctest::Approx(-o.right_m).epsilon(1e-4));    // left of the heading
  const glm::dvec3 normal = input::rotation_of(panel.T_app_panel()) * glm::dvec3(0, 0, 1);
  const glm::dvec3 to_eye = glm::normalize(eye - c);
  CHECK(glm::dot(normal, to_eye) == doctest::Approx(1.0).epsilon(1e-5));
  const glm::dvec3 x_axis = input::rotation_of(panel.T_app_panel()) * glm::dvec3(1, 0, 0);
  CHECK(std::fabs(x_axis.y) < 1e-6);  // level
  CHECK(panel.height_m() == doctest::Approx(o.width_m * 704.0 / 1024.0));
}

TEST_CASE("[xr] a controller ray hits the HUD at the right texture pixel and nowhere else") {
  xr::HudPanel panel;
  CHECK_FALSE(panel.hit(aim({0, 1.2, -0.3}, {0, 1.2, -1})).has_value());  // not placed yet
  panel.place(pose({0, 1.6, 0}));
  const glm::dvec3 hand(0.2, 1.2, -0.25);
  for (const auto& [x, y] : {std::pair{512.0f, 352.0f}, {10.0f, 690.0f}, {1000.0f, 20.0f}}) {
    CAPTURE(x);
    const auto hit = panel.hit(aim(hand, vec(panel.point_at(x, y))));
    REQUIRE(hit.has_value());
    CHECK(hit->x_px == doctest::Approx(x).epsilon(1e-3));
    CHECK(hit->y_px == doctest::Approx(y).epsilon(1e-3));
    CHECK(hit->distance_m == doctest::Approx(glm::length(vec(panel.point_at(x, y)) - hand)));
  }
  // Off the edge, pointing away, from behind, and beyond the ray's reach: no hit.
  CHECK_FALSE(panel.hit(aim(hand, vec(panel.point_at(-20.0f, 300.0f)))).has_value());
  CHECK_FALSE(panel.hit(aim(hand, vec(panel.point_at(500.0f, 720.0f)))).has_value());
  CHECK_FALSE(panel.hit(aim(hand, hand + (hand - vec(panel.point_at(512, 352))))).has_value());
  CHECK_FALSE(panel.hit(aim({-0.1, 1.4, -1.5}, vec(panel.point_at(512, 352)))).has_value());
  const glm::dvec3 far_hand(0.0, 1.4, 5.0);
  CHECK_FALSE(panel.hit(aim(far_hand, vec(panel.point_at(512, 352)))).has_value());
}

TEST_CASE("[xr] recentering is counted so the HUD can follow it") {
  xr::Comfort comfort;
  CHECK(comfort.recenters() == 0);
  comfort.recenter(pose({0, 1.6, 0}));
  comfort.recenter(pose({0.5, 1.6, 0}));
  CHECK(comfort.recenters() == 2);
}
