// Joint force models (detents, return springs, damping) stay stable on light bodies: scenario
// authors pick masses for realism, not for the integrator.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "helpers.hpp"
#include "physics/world.hpp"

using namespace txr;
using namespace txr::physics;
using namespace txr::physics::test;

namespace {

constexpr float k_pi = std::numbers::pi_v<float>;

// An isolator handle as the scene builder makes it: a 50 g bar on a hinge with two detents
// (OFF at -90 degrees, ON at 0), the standard 0.3 N·m detent torque and 0.02 N·m·s damping.
std::unique_ptr<World> light_handle(float start_rad) {
  WorldDesc desc;
  desc.bodies.push_back(box("handle", {0.035f, 0.0075f, 0.01f}, 0.05f,
                            at(0.0f, 1.0f, 0.0f, rotation(0, 0, 1, start_rad))));
  ConstraintDesc hinge;
  hinge.id = "handle_axis";
  hinge.kind = ConstraintKind::hinge;
  hinge.body_b = "handle";
  hinge.T_a_joint = at(0.0f, 1.0f, 0.0f);  // world Z is the axis
  hinge.T_b_joint = at(0.0f, 0.0f, 0.0f);
  hinge.hinge.lower_rad = -0.5f * k_pi;
  hinge.hinge.upper_rad = 0.0f;
  hinge.hinge.detents_rad = {-0.5f * k_pi, 0.0f};
  hinge.hinge.detent_torque_nm = 0.3f;
  hinge.hinge.damping_nm_s = 0.02f;
  desc.constraints.push_back(hinge);
  auto world = World::create(desc);
  REQUIRE(world.has_value());
  return std::move(*world);
}

}  // namespace

TEST_CASE("[physics] a light handle left in its OFF detent stays there") {
  auto world = light_handle(-0.5f * k_pi + 0.05f);  // let go 3 degrees short of the detent
  float max_speed = 0.0f;
  for (int i = 0; i < 480; ++i) {
    world->step();
    max_speed = std::max(max_speed, std::fabs(world->body_velocity("handle")->angular_rad_s[2]));
  }
  CHECK(*world->joint_position("handle_axis") == doctest::Approx(-0.5f * k_pi).epsilon(0.02));
  // The detent pulls it in without ringing up: no faster than its stored energy allows.
  CHECK(max_speed < 15.0f);  // 0.05 rad of detent spring holds enough energy for ~12 rad/s
  CHECK(std::fabs(world->body_velocity("handle")->angular_rad_s[2]) < 0.05f);
}

TEST_CASE("[physics] a light handle flicked toward ON settles in one detent, not oscillating") {
  auto world = light_handle(-0.5f * k_pi);
  world->set_body_velocity("handle", {{}, {0.0f, 0.0f, 3.0f}});
  for (int i = 0; i < 720; ++i) world->step();
  const float angle = *world->joint_position("handle_axis");
  const bool in_detent = std::fabs(angle - 0.0f) < 0.05f || std::fabs(angle + 0.5f * k_pi) < 0.05f;
  CHECK(in_detent);
  CHECK(std::fabs(world->body_velocity("handle")->angular_rad_s[2]) < 0.05f);
}

TEST_CASE("[physics] a one-gram button on a stiff return spring comes back to rest") {
  WorldDesc desc;
  desc.bodies.push_back(box("cap", {0.005f, 0.005f, 0.005f}, 0.001f, at(0.0f, 1.0f, 0.0f)));
  ConstraintDesc slider;
  slider.id = "cap_travel";
  slider.kind = ConstraintKind::slider;
  slider.body_b = "cap";
  slider.T_a_joint = at(0.0f, 1.0f, 0.0f);
  slider.slider.lower_m = -0.004f;
  slider.slider.upper_m = 0.0f;
  slider.slider.spring_n_per_m = 400.0f;
  slider.slider.damping_n_s_per_m = 2.0f;
  desc.constraints.push_back(slider);
  desc.gravity_m_s2 = {0.0f, 0.0f, 0.0f};
  auto world = std::move(*World::create(desc));
  world->set_body_velocity("cap", {{0.0f, 0.0f, -0.5f}, {}});  // pushed in
  float max_speed = 0.0f;
  for (int i = 0; i < 480; ++i) {
    world->step();
    max_speed = std::max(max_speed, std::fabs(world->body_velocity("cap")->linear_m_s[2]));
  }
  CHECK(max_speed <= 0.5f + 1e-3f);
  CHECK(*world->joint_position("cap_travel") == doctest::Approx(0.0f).epsilon(0.001).scale(1.0));
  CHECK(std::fabs(world->body_velocity("cap")->linear_m_s[2]) < 0.01f);
}
