#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "helpers.hpp"
#include "physics/world.hpp"

using namespace txr;
using namespace txr::physics;
using namespace txr::physics::test;

namespace {

std::unique_ptr<World> make(const WorldDesc& desc) {
  auto world = World::create(desc);
  REQUIRE_MESSAGE(world.has_value(), (world ? "" : world.error().to_string()));
  return std::move(*world);
}

struct Recorder : EventListener {
  std::vector<ContactEvent> contacts;
  void on_contact(const ContactEvent& e) override { contacts.push_back(e); }
};

constexpr float k_pi = std::numbers::pi_v<float>;

}  // namespace

TEST_CASE("[physics] a body in free fall drops g t^2 / 2 within 1 percent") {
  WorldDesc desc;
  desc.bodies.push_back(sphere("ball", 0.05f, 1.0f, at(0.0f, 10.0f, 0.0f)));
  auto world = make(desc);
  const int steps = 240;  // one second at the default 240 Hz
  for (int i = 0; i < steps; ++i) world->step();
  CHECK(world->sim_time_s() == doctest::Approx(1.0));
  const float dropped = 10.0f - world->body_pose("ball")->position_m[1];
  const double expected = 0.5 * 9.81 * 1.0 * 1.0;
  CHECK(std::fabs(dropped - expected) / expected < 0.01);
  CHECK(world->body_velocity("ball")->linear_m_s[1] == doctest::Approx(-9.81).epsilon(0.01));
}

TEST_CASE("[physics] a dropped box comes to rest on the floor at its half height and sleeps") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  desc.bodies.push_back(box("crate", {0.1f, 0.1f, 0.1f}, 2.0f, at(0.0f, 0.5f, 0.0f)));
  auto world = make(desc);
  for (int i = 0; i < 240 * 2; ++i) world->step();
  CHECK(world->body_pose("crate")->position_m[1] == doctest::Approx(0.1f).epsilon(0.02));
  const auto v = *world->body_velocity("crate");
  CHECK(std::fabs(v.linear_m_s[1]) < 1e-3f);
  for (int i = 0; i < 240 * 4 && !world->is_sleeping("crate"); ++i) world->step();
  CHECK(world->is_sleeping("crate"));
}

TEST_CASE(
    "[physics] a pendulum on a hinge swings with the physical pendulum period within 2 percent") {
  const float length_m = 0.5f;
  const float radius_m = 0.02f;
  const float mass_kg = 1.0f;
  const float start_rad = 0.1f;
  WorldDesc desc;
  // Bob hanging from a pivot at (0, 2, 0), turned by start_rad about Z.
  desc.bodies.push_back(
      sphere("bob", radius_m, mass_kg,
             at(length_m * std::sin(start_rad), 2.0f - length_m * std::cos(start_rad), 0.0f,
                rotation(0, 0, 1, start_rad))));
  ConstraintDesc hinge;
  hinge.id = "pivot";
  hinge.kind = ConstraintKind::hinge;
  hinge.body_b = "bob";
  hinge.T_a_joint = at(0.0f, 2.0f, 0.0f);      // world frame
  hinge.T_b_joint = at(0.0f, length_m, 0.0f);  // the pivot seen from the bob
  desc.constraints.push_back(hinge);
  auto world = make(desc);
  CHECK(*world->joint_position("pivot") == doctest::Approx(start_rad).epsilon(0.01));

  // Upward zero crossings of the hinge angle, linearly interpolated between steps.
  std::vector<double> crossings;
  float previous = *world->joint_position("pivot");
  for (int i = 0; i < 240 * 8; ++i) {
    world->step();
    const float angle = *world->joint_position("pivot");
    if (previous < 0.0f && angle >= 0.0f) {
      const double frac = previous / (previous - angle);
      crossings.push_back(world->sim_time_s() - world->step_s() * (1.0 - frac));
    }
    previous = angle;
  }
  REQUIRE(crossings.size() >= 4);
  const double measured =
      (crossings.back() - crossings.front()) / static_cast<double>(crossings.size() - 1);
  const double inertia = 0.4 * mass_kg * radius_m * radius_m + mass_kg * length_m * length_m;
  const double expected = 2.0 * std::numbers::pi * std::sqrt(inertia / (mass_kg * 9.81 * length_m));
  CHECK(std::fabs(measured - expected) / expected < 0.02);
}

TEST_CASE("[physics] a slider stops at its limits") {
  WorldDesc desc;
  desc.bodies.push_back(box("base", {0.1f, 0.1f, 0.1f}, 0.0f, at(0.0f, 1.0f, 0.0f)));
  desc.bodies.push_back(box("jaw", {0.02f, 0.02f, 0.02f}, 0.5f, at(0.0f, 1.0f, 0.0f)));
  ConstraintDesc slide;
  slide.id = "jaw_slide";
  slide.kind = ConstraintKind::slider;
  slide.body_a = "base";
  slide.body_b = "jaw";
  // Joint Z turned onto world +Y: gravity pulls the jaw toward the lower limit.
  slide.T_a_joint = at(0.0f, 0.0f, 0.0f, rotation(1, 0, 0, -0.5f * k_pi));
  slide.T_b_joint = slide.T_a_joint;
  slide.slider.lower_m = -0.1f;
  slide.slider.upper_m = 0.05f;
  desc.constraints.push_back(slide);
  auto world = make(desc);
  for (int i = 0; i < 240; ++i) world->step();
  CHECK(*world->joint_position("jaw_slide") == doctest::Approx(-0.1f).epsilon(0.05));
  CHECK(world->body_pose("jaw")->position_m[1] == doctest::Approx(0.9f).epsilon(0.01));
  CHECK(std::fabs(world->body_pose("jaw")->position_m[0]) < 1e-3f);  // stays on its axis
  for (int i = 0; i < 240; ++i) {
    world->apply_force("jaw", {0.0f, 30.0f, 0.0f}, world->body_pose("jaw")->position_m);
    world->step();
  }
  CHECK(*world->joint_position("jaw_slide") == doctest::Approx(0.05f).epsilon(0.1));
  CHECK(*world->joint_position("jaw_slide") < 0.056f);
}

TEST_CASE("[physics] contact events report touch begin with impulse and end in pair order") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  desc.bodies.push_back(box("crate", {0.1f, 0.1f, 0.1f}, 2.0f, at(0.0f, 0.3f, 0.0f)));
  auto world = make(desc);
  Recorder rec;
  world->set_listener(&rec);
  for (int i = 0; i < 240; ++i) world->step();
  REQUIRE(rec.contacts.size() >= 1);
  const ContactEvent& first = rec.contacts.front();
  CHECK(first.kind == ContactEvent::Kind::began);
  CHECK(first.body_a == "ground");  // created first
  CHECK(first.body_b == "crate");
  CHECK(first.impulse_n_s > 0.1f);  // landing after a 0.2 m fall: ~2 kg * 2 m/s, spread over steps
  CHECK(first.sim_time_s > 0.15);
  REQUIRE(world->contacts().size() == 1);

  world->set_body_pose("crate", at(0.0f, 2.0f, 0.0f));
  world->step();
  CHECK(rec.contacts.back().kind == ContactEvent::Kind::ended);
  CHECK(world->contacts().empty());
}

TEST_CASE("[physics] queries find bodies by ray, by distance and report velocity") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  desc.bodies.push_back(box("near", {0.05f, 0.05f, 0.05f}, 1.0f, at(0.0f, 0.05f, 0.0f)));
  desc.bodies.push_back(box("far", {0.05f, 0.05f, 0.05f}, 1.0f, at(0.3f, 0.05f, 0.0f)));
  auto world = make(desc);
  const auto hit = world->ray_cast({0.3f, 1.0f, 0.0f}, {0.3f, -1.0f, 0.0f});
  REQUIRE(hit.has_value());
  CHECK(hit->body_id == "far");
  CHECK(hit->point_m[1] == doctest::Approx(0.1f).epsilon(0.05));
  CHECK(hit->normal[1] == doctest::Approx(1.0f).epsilon(0.01));
  CHECK(world->ray_cast_all({0.3f, 1.0f, 0.0f}, {0.3f, -1.0f, 0.0f}).size() == 2);
  CHECK(world->nearest_body({0.02f, 0.15f, 0.0f}, 0.2f) == std::optional<std::string>("near"));
  CHECK(world->bodies_within({0.15f, 0.05f, 0.0f}, 0.12f).size() == 2);
  CHECK_FALSE(world->nearest_body({2.0f, 1.0f, 0.0f}, 0.1f).has_value());
  world->set_body_velocity("near", {{1.0f, 0.0f, 0.0f}, {0.0f, 2.0f, 0.0f}});
  CHECK(world->body_velocity("near")->linear_m_s[0] == doctest::Approx(1.0f));
  CHECK_FALSE(world->body_pose("nobody").has_value());
}

TEST_CASE("[physics] render poses interpolate between the last two steps") {
  WorldDesc desc;
  desc.bodies.push_back(sphere("ball", 0.05f, 1.0f, at(0.0f, 10.0f, 0.0f)));
  auto world = make(desc);
  CHECK(world->advance(1.5 / 240.0) == 1);  // one step plus half a step left over
  CHECK(world->render_alpha() == doctest::Approx(0.5));
  world->set_body_velocity("ball", {{0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 0.0f}});
  const float y0 = 10.0f;
  const float y1 = world->body_pose("ball")->position_m[1];
  CHECK(world->render_pose("ball")->position_m[1] == doctest::Approx(0.5f * (y0 + y1)));
}

TEST_CASE("[physics] every shape kind builds and bad descriptions are refused with a reason") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  BodyDesc cyl = box("bolt", {0.01f, 0.01f, 0.01f}, 0.05f, at(0.0f, 0.5f, 0.0f));
  cyl.shape.kind = ShapeKind::cylinder;
  cyl.shape.radius_m = 0.006f;
  cyl.shape.half_height_m = 0.03f;
  BodyDesc cap = cyl;
  cap.id = "handle";
  cap.shape.kind = ShapeKind::capsule;
  cap.T_world_body = at(0.3f, 0.5f, 0.0f);
  BodyDesc hull = cyl;
  hull.id = "wedge";
  hull.shape.kind = ShapeKind::convex_hull;
  hull.shape.vertices_m = {{0, 0, 0}, {0.1f, 0, 0}, {0, 0.1f, 0}, {0, 0, 0.1f}};
  hull.T_world_body = at(-0.3f, 0.5f, 0.0f);
  BodyDesc mesh;
  mesh.id = "ramp";
  mesh.shape.kind = ShapeKind::triangle_mesh;
  mesh.shape.vertices_m = {{1, 0, 1}, {2, 0, 1}, {2, 0.5f, -1}, {1, 0.5f, -1}};
  mesh.shape.indices = {0, 1, 2, 0, 2, 3};
  desc.bodies.insert(desc.bodies.end(), {cyl, cap, hull, mesh});
  auto world = make(desc);
  for (int i = 0; i < 240; ++i) world->step();
  for (const char* id : {"bolt", "handle", "wedge"}) {
    CHECK(world->body_pose(id)->position_m[1] < 0.2f);  // all landed on the floor
    CHECK(world->body_pose(id)->position_m[1] > 0.0f);
  }

  WorldDesc dup;
  dup.bodies = {ground(), ground()};
  auto bad = World::create(dup);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message.find("duplicate body id") != std::string::npos);

  WorldDesc orphan;
  orphan.bodies = {ground()};
  ConstraintDesc c;
  c.id = "hinge";
  c.kind = ConstraintKind::hinge;
  c.body_b = "missing";
  orphan.constraints = {c};
  auto bad2 = World::create(orphan);
  REQUIRE_FALSE(bad2.has_value());
  CHECK(bad2.error().message.find("unknown body_b 'missing'") != std::string::npos);

  WorldDesc nan;
  nan.bodies = {box("x", {0.1f, std::nanf(""), 0.1f}, 1.0f, at(0, 0, 0))};
  CHECK_FALSE(World::create(nan).has_value());
  WorldDesc moving_mesh;
  mesh.mass_kg = 1.0f;
  moving_mesh.bodies = {mesh};
  CHECK_FALSE(World::create(moving_mesh).has_value());
}

TEST_CASE("[physics] a 6-DoF spring joint sags by m g / k and a fixed joint holds") {
  WorldDesc desc;
  desc.bodies.push_back(box("weight", {0.05f, 0.05f, 0.05f}, 1.0f, at(0.0f, 1.0f, 0.0f)));
  desc.bodies.push_back(box("tag", {0.02f, 0.02f, 0.02f}, 0.2f, at(0.5f, 1.0f, 0.0f)));
  ConstraintDesc spring;
  spring.id = "spring";
  spring.kind = ConstraintKind::six_dof_spring;
  spring.body_b = "weight";
  spring.T_a_joint = at(0.0f, 1.0f, 0.0f);
  spring.six_dof.linear_lower_m = {0.0f, -0.5f, 0.0f};  // y limited, x and z locked
  spring.six_dof.linear_upper_m = {0.0f, 0.5f, 0.0f};
  spring.six_dof.stiffness[1] = 100.0f;
  spring.six_dof.damping[1] = 1.0f;
  ConstraintDesc weld;
  weld.id = "weld";
  weld.kind = ConstraintKind::fixed;
  weld.body_b = "tag";
  weld.T_a_joint = at(0.5f, 1.0f, 0.0f);
  desc.constraints = {spring, weld};
  auto world = make(desc);
  for (int i = 0; i < 240 * 6; ++i) world->step();
  const float sag = 1.0f - world->body_pose("weight")->position_m[1];
  CHECK(sag == doctest::Approx(9.81f / 100.0f).epsilon(0.05));
  CHECK(std::fabs(world->body_pose("weight")->position_m[0]) < 1e-3f);
  CHECK(world->body_pose("tag")->position_m[1] == doctest::Approx(1.0f).epsilon(0.002));
  CHECK(world->remove_constraint("weld"));
  CHECK_FALSE(world->has_constraint("weld"));
  for (int i = 0; i < 120; ++i) world->step();
  CHECK(world->body_pose("tag")->position_m[1] < 0.9f);  // let go: it falls
}
