// A collider off the body origin (ShapeDesc::offset_m): it collides where it is, the body rests
// accordingly, and bad offsets are refused.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "helpers.hpp"
#include "physics/world.hpp"

using namespace txr;
using namespace txr::physics;
using namespace txr::physics::test;

namespace {

std::unique_ptr<World> make(const WorldDesc& desc) {
  auto world = World::create(desc);
  if (!world) MESSAGE(world.error().to_string());
  REQUIRE(world.has_value());
  return std::move(*world);
}

BodyDesc offset_box(const std::string& id, Vec3 offset_m, float mass_kg, core::Pose pose) {
  BodyDesc b = box(id, {0.05f, 0.05f, 0.05f}, mass_kg, pose);
  b.shape.offset_m = offset_m;
  return b;
}

}  // namespace

TEST_CASE(
    "[physics] a box whose collider sits above its origin rests with the collider on the floor") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  // A 10 cm cube whose centre is 20 cm above the body origin (a model drawn from below).
  desc.bodies.push_back(offset_box("part", {0.0f, 0.2f, 0.0f}, 0.5f, at(0.0f, 0.1f, 0.0f)));
  auto world = make(desc);
  for (int i = 0; i < 240 * 2; ++i) world->step();
  // The cube's bottom touches y = 0, so the body origin is 0.05 - 0.2 m.
  CHECK(world->body_pose("part")->position_m[1] == doctest::Approx(-0.15f).epsilon(0.02));
  CHECK(std::fabs(world->body_pose("part")->orientation[3]) == doctest::Approx(1.0f).epsilon(1e-3));
  // Without the offset the same box rests at its half height.
  WorldDesc plain;
  plain.bodies.push_back(ground());
  plain.bodies.push_back(offset_box("part", {0.0f, 0.0f, 0.0f}, 0.5f, at(0.0f, 0.1f, 0.0f)));
  auto reference = make(plain);
  for (int i = 0; i < 240 * 2; ++i) reference->step();
  CHECK(reference->body_pose("part")->position_m[1] == doctest::Approx(0.05f).epsilon(0.02));
}

TEST_CASE(
    "[physics] rays and overlap queries find an offset collider where it is, not at the origin") {
  WorldDesc desc;
  desc.bodies.push_back(offset_box("part", {0.3f, 0.0f, 0.0f}, 0.0f, at(0.0f, 0.5f, 0.0f)));
  auto world = make(desc);
  world->step();
  CHECK_FALSE(world->ray_cast({0.0f, 2.0f, 0.0f}, {0.0f, -1.0f, 0.0f}).has_value());
  const auto hit = world->ray_cast({0.3f, 2.0f, 0.0f}, {0.3f, -1.0f, 0.0f});
  REQUIRE(hit.has_value());
  CHECK(hit->body_id == "part");
  CHECK(hit->point_m[1] == doctest::Approx(0.55f).epsilon(0.01));  // top face, within margin
}

TEST_CASE("[physics] an offset collider keeps its mass and gains the parallel-axis inertia") {
  // A hinge motor with a small torque limit spins the body up about its origin: the angular
  // speed after 0.1 s is torque * t / I, with I the cube's own inertia plus m d^2.
  auto spin_up = [](Vec3 offset_m) {
    WorldDesc desc;
    desc.gravity_m_s2 = {0.0f, 0.0f, 0.0f};
    desc.bodies.push_back(offset_box("bob", offset_m, 1.0f, at(0.0f, 2.0f, 0.0f)));
    desc.bodies.back().can_sleep = false;
    ConstraintDesc pin;
    pin.id = "pin";
    pin.kind = ConstraintKind::hinge;
    pin.body_b = "bob";
    pin.T_a_joint = at(0.0f, 2.0f, 0.0f);
    desc.constraints.push_back(pin);
    auto world = make(desc);
    CHECK(world->body_mass_kg("bob") == doctest::Approx(1.0f));
    REQUIRE(world->set_joint_motor("pin", 1000.0f, 0.05f));
    for (int i = 0; i < 24; ++i) world->step();
    return static_cast<double>(world->body_velocity("bob")->angular_rad_s[2]);
  };
  const double own = 1.0 * (0.1 * 0.1 + 0.1 * 0.1) / 12.0;
  CHECK(spin_up({0.0f, -0.5f, 0.0f}) == doctest::Approx(0.05 * 0.1 / (own + 0.25)).epsilon(0.05));
  CHECK(spin_up({0.0f, 0.0f, 0.0f}) == doctest::Approx(0.05 * 0.1 / own).epsilon(0.05));
}

TEST_CASE(
    "[physics] a NaN or oversized offset, or one on a convex hull, is refused with a reason") {
  WorldDesc nan;
  nan.bodies.push_back(offset_box("x", {std::nanf(""), 0.0f, 0.0f}, 1.0f, at(0, 0, 0)));
  const auto a = World::create(nan);
  REQUIRE_FALSE(a.has_value());
  CHECK(a.error().message.find("offset") != std::string::npos);
  WorldDesc far;
  far.bodies.push_back(offset_box("x", {0.0f, 5000.0f, 0.0f}, 1.0f, at(0, 0, 0)));
  CHECK_FALSE(World::create(far).has_value());
  WorldDesc hull;
  BodyDesc h;
  h.id = "hull";
  h.shape.kind = ShapeKind::convex_hull;
  h.shape.vertices_m = {{0, 0, 0}, {0.1f, 0, 0}, {0, 0.1f, 0}, {0, 0, 0.1f}};
  h.shape.offset_m = {0.0f, 0.1f, 0.0f};
  h.mass_kg = 1.0f;
  hull.bodies.push_back(h);
  const auto c = World::create(hull);
  REQUIRE_FALSE(c.has_value());
  CHECK(c.error().message.find("convex hull") != std::string::npos);
}
