#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "core/log.hpp"
#include "helpers.hpp"
#include "physics/interaction.hpp"
#include "physics/world.hpp"

using namespace txr;
using namespace txr::physics;
using namespace txr::physics::test;

namespace {

constexpr float k_pi = std::numbers::pi_v<float>;

struct Events : EventListener {
  std::vector<InteractionEvent> list;
  std::vector<std::uint64_t> hashes;
  void on_interaction(const InteractionEvent& e) override { list.push_back(e); }
  void on_step(std::uint64_t, double, std::uint64_t hash) override { hashes.push_back(hash); }
  int count(InteractionEvent::Kind kind) const {
    int n = 0;
    for (const auto& e : list) n += e.kind == kind ? 1 : 0;
    return n;
  }
};

// A floor, a peg lying on it and a socket hanging in the air at (0.3, 0.15, 0).
struct PegScene {
  std::unique_ptr<World> world;
  std::unique_ptr<Interaction> interaction;
  Events events;
  Driver<Interaction> hand{*interaction_ptr()};

  Interaction* interaction_ptr() {
    WorldDesc desc;
    desc.bodies.push_back(ground());
    desc.bodies.push_back(box("peg", {0.02f, 0.02f, 0.02f}, 0.1f, at(0.0f, 0.02f, 0.0f)));
    world = std::move(*World::create(desc));
    interaction = std::move(*Interaction::create(*world));
    REQUIRE(interaction->add_grabbable({"peg"}).has_value());
    SocketDesc socket;
    socket.id = "holder";
    socket.T_host_socket = at(0.3f, 0.15f, 0.0f);
    socket.accepts = {"peg"};
    REQUIRE(interaction->add_socket(socket).has_value());
    world->set_listener(&events);
    interaction->set_listener(&events);
    return interaction.get();
  }

  // Reach down to the peg and close the hand on it.
  void pick_up() {
    hand.hold(at(0.0f, 0.3f, 0.0f), 0.0f, 10);
    hand.move(at(0.0f, 0.3f, 0.0f), at(0.0f, 0.02f, 0.0f), 0.0f, 30);
    hand.hold(at(0.0f, 0.02f, 0.0f), 1.0f, 5);
  }
};

}  // namespace

TEST_CASE("[physics] a peg carried over its socket and released snaps in within tolerance") {
  PegScene s;
  s.pick_up();
  CHECK(s.interaction->state().hands[1].held_body == "peg");
  s.hand.move(at(0.0f, 0.02f, 0.0f), at(0.3f, 0.16f, 0.0f), 1.0f, 60);
  CHECK(s.interaction->state().sockets[0].occupant.empty());  // held: not snapped yet
  s.hand.hold(at(0.3f, 0.16f, 0.0f), 0.0f, 45);               // open the hand, wait 0.5 s

  CHECK(s.events.count(InteractionEvent::Kind::grabbed) == 1);
  CHECK(s.events.count(InteractionEvent::Kind::released) == 1);
  REQUIRE(s.events.count(InteractionEvent::Kind::snapped) == 1);
  CHECK(s.events.list.back().other == "holder");
  CHECK(s.interaction->state().sockets[0].occupant == "peg");
  const auto pose = *s.world->body_pose("peg");
  const float dx = pose.position_m[0] - 0.3f;
  const float dy = pose.position_m[1] - 0.15f;
  CHECK(std::sqrt(dx * dx + dy * dy + pose.position_m[2] * pose.position_m[2]) < 0.005f);

  // Taking it out again frees the socket.
  s.hand.move(at(0.3f, 0.16f, 0.0f), at(0.3f, 0.15f, 0.0f), 0.0f, 5);
  s.hand.hold(at(0.3f, 0.15f, 0.0f), 1.0f, 3);
  s.hand.move(at(0.3f, 0.15f, 0.0f), at(0.3f, 0.4f, 0.0f), 1.0f, 20);
  CHECK(s.events.count(InteractionEvent::Kind::unsnapped) == 1);
  CHECK(s.interaction->state().sockets[0].occupant.empty());
  CHECK(s.world->body_pose("peg")->position_m[1] > 0.35f);
}

TEST_CASE("[physics] an object held in a perfectly still hand still follows when the hand moves") {
  // A steady hand (a script, a resting controller) keeps the object still long enough for
  // Bullet to put it to sleep; a sleeping body ignores the moving hand it is jointed to.
  PegScene s;
  s.pick_up();
  s.hand.move(at(0.0f, 0.02f, 0.0f), at(0.0f, 0.3f, 0.0f), 1.0f, 30);
  s.hand.hold(at(0.0f, 0.3f, 0.0f), 1.0f, 450);  // 5 s without the slightest movement
  CHECK_FALSE(s.world->is_sleeping("peg"));
  s.hand.move(at(0.0f, 0.3f, 0.0f), at(-0.2f, 0.3f, 0.1f), 1.0f, 45);
  s.hand.hold(at(-0.2f, 0.3f, 0.1f), 1.0f, 10);
  const auto pose = *s.world->body_pose("peg");
  CHECK(pose.position_m[0] == doctest::Approx(-0.2f).epsilon(0.05));
  CHECK(pose.position_m[2] == doctest::Approx(0.1f).epsilon(0.05));
  // Let go: it may sleep again once it lies still on the floor.
  s.hand.hold(at(-0.2f, 0.3f, 0.1f), 0.0f, 450);
  CHECK(s.world->is_sleeping("peg"));
}

TEST_CASE("[physics] a peg released in mid air falls to the floor and keeps the hand's velocity") {
  PegScene s;
  s.pick_up();
  s.hand.move(at(0.0f, 0.02f, 0.0f), at(0.0f, 0.5f, 0.0f), 1.0f, 45);
  s.hand.hold(at(0.0f, 0.5f, 0.0f), 1.0f, 20);
  s.hand.hold(at(0.0f, 0.5f, 0.0f), 0.0f, 9);  // release, 0.1 s later it is falling
  CHECK(s.world->body_pose("peg")->position_m[1] < 0.49f);
  CHECK(s.world->body_velocity("peg")->linear_m_s[1] < -0.5f);
  s.hand.hold(at(0.0f, 0.5f, 0.0f), 0.0f, 180);
  CHECK(s.world->body_pose("peg")->position_m[1] == doctest::Approx(0.02f).epsilon(0.1));
  CHECK(s.events.count(InteractionEvent::Kind::snapped) == 0);

  // Thrown: moving at 1 m/s along +x when the hand opens.
  PegScene t;
  t.pick_up();
  t.hand.move(at(0.0f, 0.02f, 0.0f), at(-0.5f, 0.8f, 0.0f), 1.0f, 45);
  t.hand.move(at(-0.5f, 0.8f, 0.0f), at(-0.3f, 0.8f, 0.0f), 1.0f, 18);  // 0.2 m in 0.2 s
  t.hand.move(at(-0.3f, 0.8f, 0.0f), at(-0.29f, 0.8f, 0.0f), 0.0f, 1);
  CHECK(t.world->body_velocity("peg")->linear_m_s[0] == doctest::Approx(1.0f).epsilon(0.15));
}

TEST_CASE("[physics] invalid input frames are rejected, logged and leave the world hash alone") {
  PegScene clean;
  clean.pick_up();
  clean.hand.move(at(0.0f, 0.02f, 0.0f), at(0.3f, 0.16f, 0.0f), 1.0f, 30);
  clean.hand.hold(at(0.3f, 0.16f, 0.0f), 0.0f, 10);

  std::vector<std::string> logged;
  core::set_log_sink(
      [](core::LogLevel, std::string_view, std::string_view message, void* user) {
        static_cast<std::vector<std::string>*>(user)->emplace_back(message);
      },
      &logged);
  PegScene noisy;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  int injected = 0;
  for (std::size_t i = 0; i < clean.hand.sent.size(); ++i) {
    core::InputFrame f = clean.hand.sent[i];
    noisy.interaction->update(f);
    if (i % 7 != 3) continue;
    core::InputFrame bad = f;
    switch (injected % 4) {
      case 0:
        bad.hand(core::Hand::right).T_world_grip.position_m[0] = nan;
        break;
      case 1:
        bad.hand(core::Hand::right).T_world_grip.position_m[1] = 1.0e7f;
        break;
      case 2:
        bad.time_s = std::numeric_limits<double>::infinity();
        break;
      default:
        bad.hand(core::Hand::right).squeeze = 40.0f;
        break;
    }
    noisy.interaction->update(bad);
    ++injected;
  }
  core::set_log_sink(nullptr, nullptr);

  CHECK(noisy.interaction->state().frames_rejected == static_cast<std::uint64_t>(injected));
  CHECK(noisy.interaction->state().frames_accepted == clean.hand.sent.size());
  REQUIRE_FALSE(logged.empty());
  CHECK(logged.front().find("rejected input frame") != std::string::npos);
  CHECK(noisy.events.hashes == clean.events.hashes);
  CHECK(noisy.world->state_hash() == clean.world->state_hash());
  CHECK(noisy.interaction->state().sockets[0].occupant == "peg");
}

TEST_CASE(
    "[physics] a spring button is pressed by the hand and by a desktop poke, and springs back") {
  WorldDesc desc;
  desc.bodies.push_back(box("panel", {0.1f, 0.02f, 0.1f}, 0.0f, at(0.0f, 0.5f, 0.0f)));
  desc.bodies.push_back(box("button", {0.015f, 0.005f, 0.015f}, 0.02f, at(0.0f, 0.525f, 0.0f)));
  ConstraintDesc slider;
  slider.id = "button_travel";
  slider.kind = ConstraintKind::slider;
  slider.body_a = "panel";
  slider.body_b = "button";
  slider.T_a_joint = at(0.0f, 0.025f, 0.0f, rotation(1, 0, 0, 0.5f * k_pi));  // Z points down
  slider.T_b_joint = at(0.0f, 0.0f, 0.0f, rotation(1, 0, 0, 0.5f * k_pi));
  slider.slider = {0.0f, 0.01f, 300.0f, 0.0f, 1.0f};
  desc.constraints.push_back(slider);
  auto world = std::move(*World::create(desc));
  InteractionConfig config;
  config.use_aim_ray = true;
  auto interaction = std::move(*Interaction::create(*world, config));
  REQUIRE(interaction->add_button({"start", "button", "button_travel", 0.005f, 20.0f}).has_value());
  Events events;
  interaction->set_listener(&events);
  Driver<Interaction> hand{*interaction};

  hand.hold(at(0.0f, 0.65f, 0.0f), 0.0f, 20);
  CHECK_FALSE(interaction->state().buttons[0].pressed);
  CHECK(interaction->state().buttons[0].depth_m < 0.002f);  // only its own weight
  hand.move(at(0.0f, 0.65f, 0.0f), at(0.0f, 0.548f, 0.0f), 0.0f, 30);
  hand.hold(at(0.0f, 0.548f, 0.0f), 0.0f, 10);
  CHECK(interaction->state().buttons[0].pressed);
  CHECK(interaction->state().buttons[0].depth_m <= 0.0105f);  // the travel limit holds
  hand.move(at(0.0f, 0.548f, 0.0f), at(0.0f, 0.65f, 0.0f), 0.0f, 20);
  hand.hold(at(0.0f, 0.65f, 0.0f), 0.0f, 20);
  CHECK_FALSE(interaction->state().buttons[0].pressed);
  CHECK(events.count(InteractionEvent::Kind::button_pressed) == 1);
  CHECK(events.count(InteractionEvent::Kind::button_released) == 1);

  // Desktop: aim down at the button from above (aim looks along -Z) and pull the trigger.
  const core::Pose aim_down = at(0.0f, 0.9f, 0.0f, rotation(1, 0, 0, -0.5f * k_pi));
  hand.hold(aim_down, 0.0f, 20, 1.0f);
  CHECK(interaction->state().buttons[0].pressed);
  hand.hold(aim_down, 0.0f, 30, 0.0f);
  CHECK_FALSE(interaction->state().buttons[0].pressed);
  CHECK(events.count(InteractionEvent::Kind::button_pressed) == 2);
}

TEST_CASE(
    "[physics] a knob turned by the hand settles in the nearest detent and stops at its limit") {
  WorldDesc desc;
  BodyDesc knob = sphere("knob", 0.025f, 0.1f, at(0.0f, 1.0f, 0.0f));
  knob.shape.kind = ShapeKind::cylinder;
  knob.shape.half_height_m = 0.01f;
  desc.bodies.push_back(knob);
  ConstraintDesc hinge;
  hinge.id = "knob_axis";
  hinge.kind = ConstraintKind::hinge;
  hinge.body_b = "knob";
  hinge.T_a_joint = at(0.0f, 1.0f, 0.0f);  // world Z is the knob axis
  hinge.hinge.lower_rad = 0.0f;
  hinge.hinge.upper_rad = 0.5f * k_pi;
  hinge.hinge.detents_rad = {0.0f, 0.25f * k_pi, 0.5f * k_pi};
  hinge.hinge.detent_torque_nm = 0.03f;
  hinge.hinge.damping_nm_s = 0.001f;
  desc.constraints.push_back(hinge);
  auto world = std::move(*World::create(desc));
  auto interaction = std::move(*Interaction::create(*world));
  REQUIRE(interaction->add_knob({"volume", "knob", "knob_axis"}).has_value());
  Events events;
  interaction->set_listener(&events);
  Driver<Interaction> hand{*interaction};

  const core::Pose start = at(0.0f, 1.0f, 0.0f);
  hand.hold(start, 0.0f, 5);
  hand.hold(start, 1.0f, 3);
  CHECK(interaction->state().hands[1].held_knob == "volume");
  const core::Pose turned = at(0.0f, 1.0f, 0.0f, rotation(0, 0, 1, 0.7f));
  hand.move(start, turned, 1.0f, 45);
  hand.hold(turned, 1.0f, 10);
  CHECK(interaction->state().knobs[0].angle_rad == doctest::Approx(0.7f).epsilon(0.1));
  hand.hold(turned, 0.0f, 60);  // let go: the detent pulls it to 45 degrees
  CHECK(interaction->state().knobs[0].angle_rad == doctest::Approx(0.25f * k_pi).epsilon(0.04));
  CHECK(interaction->state().knobs[0].detent == 1);
  REQUIRE(events.count(InteractionEvent::Kind::detent_changed) >= 1);

  // Turning far past the end stop: the hinge stays at its upper limit.
  hand.hold(turned, 1.0f, 3);
  const core::Pose over = at(0.0f, 1.0f, 0.0f, rotation(0, 0, 1, 2.2f));
  hand.move(turned, over, 1.0f, 60);
  hand.hold(over, 1.0f, 10);
  CHECK(interaction->state().knobs[0].angle_rad < 0.5f * k_pi + 0.05f);
  CHECK(interaction->state().knobs[0].angle_rad > 0.5f * k_pi - 0.05f);
  hand.hold(over, 0.0f, 30);
  CHECK(interaction->state().knobs[0].detent == 2);
}

TEST_CASE("[physics] a slide follows the hand along its axis within its limits") {
  WorldDesc desc;
  desc.bodies.push_back(box("beam", {0.2f, 0.01f, 0.01f}, 0.0f, at(0.0f, 1.0f, 0.0f)));
  desc.bodies.push_back(box("jaw", {0.01f, 0.03f, 0.01f}, 0.05f, at(0.0f, 1.0f, 0.03f)));
  ConstraintDesc slider;
  slider.id = "jaw_travel";
  slider.kind = ConstraintKind::slider;
  slider.body_a = "beam";
  slider.body_b = "jaw";
  slider.T_a_joint = at(0.0f, 0.0f, 0.03f, rotation(0, 1, 0, 0.5f * k_pi));  // Z along world X
  slider.T_b_joint = at(0.0f, 0.0f, 0.0f, rotation(0, 1, 0, 0.5f * k_pi));
  slider.slider.lower_m = 0.0f;
  slider.slider.upper_m = 0.15f;
  desc.constraints.push_back(slider);
  auto world = std::move(*World::create(desc));
  auto interaction = std::move(*Interaction::create(*world));
  REQUIRE(interaction->add_slide({"caliper", "jaw", "jaw_travel"}).has_value());
  Driver<Interaction> hand{*interaction};
  hand.hold(at(0.0f, 1.0f, 0.03f), 0.0f, 5);
  hand.hold(at(0.0f, 1.0f, 0.03f), 1.0f, 3);
  hand.move(at(0.0f, 1.0f, 0.03f), at(0.1f, 1.02f, 0.05f), 1.0f, 30);
  hand.hold(at(0.1f, 1.02f, 0.05f), 1.0f, 20);
  CHECK(interaction->state().slides[0].position_m == doctest::Approx(0.1f).epsilon(0.05));
  hand.move(at(0.1f, 1.02f, 0.05f), at(0.3f, 1.0f, 0.03f), 1.0f, 30);
  hand.hold(at(0.3f, 1.0f, 0.03f), 1.0f, 20);
  CHECK(interaction->state().slides[0].position_m == doctest::Approx(0.15f).epsilon(0.03));
  CHECK(interaction->state().slides[0].position_m < 0.153f);
  CHECK(world->body_pose("jaw")->position_m[1] == doctest::Approx(1.0f).epsilon(0.005));
}

TEST_CASE("[physics] a socket that snaps while held takes the peg out of the hand when aligned") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  desc.bodies.push_back(box("peg", {0.02f, 0.02f, 0.02f}, 0.1f, at(0.0f, 0.02f, 0.0f)));
  auto world = std::move(*World::create(desc));
  auto interaction = std::move(*Interaction::create(*world));
  REQUIRE(interaction->add_grabbable({"peg"}).has_value());
  SocketDesc socket;
  socket.id = "holder";
  socket.T_host_socket = at(0.3f, 0.15f, 0.0f);
  socket.angle_tolerance_rad = 0.2f;
  socket.snap_while_held = true;
  REQUIRE(interaction->add_socket(socket).has_value());
  CHECK_FALSE(interaction->add_socket(socket).has_value());  // duplicate id refused
  Events events;
  interaction->set_listener(&events);
  Driver<Interaction> hand{*interaction};
  hand.hold(at(0.0f, 0.02f, 0.0f), 0.0f, 5);
  hand.hold(at(0.0f, 0.02f, 0.0f), 1.0f, 3);
  // Arrive over the socket turned 0.5 rad (outside the angle tolerance): no snap.
  const core::Pose turned = at(0.3f, 0.15f, 0.0f, rotation(0, 1, 0, 0.5f));
  hand.move(at(0.0f, 0.02f, 0.0f), turned, 1.0f, 40);
  hand.hold(turned, 1.0f, 10);
  CHECK(events.count(InteractionEvent::Kind::snapped) == 0);
  CHECK(interaction->state().hands[1].held_body == "peg");
  // Straighten the wrist: aligned, it snaps in and leaves the (still closed) hand.
  hand.move(turned, at(0.3f, 0.15f, 0.0f), 1.0f, 20);
  CHECK(events.count(InteractionEvent::Kind::snapped) == 1);
  CHECK(interaction->state().sockets[0].occupant == "peg");
  CHECK(interaction->state().hands[1].held_body.empty());
  hand.move(at(0.3f, 0.15f, 0.0f), at(0.3f, 0.4f, 0.0f), 1.0f, 20);  // moving away keeps it in
  CHECK(world->body_pose("peg")->position_m[1] == doctest::Approx(0.15f).epsilon(0.02));
}

TEST_CASE("[physics] in desktop mode the aim ray grabs the first grabbable it meets") {
  WorldDesc desc;
  desc.bodies.push_back(ground());
  desc.bodies.push_back(box("shelf", {0.2f, 0.01f, 0.2f}, 0.0f, at(0.5f, 0.3f, 0.0f)));
  desc.bodies.push_back(box("peg", {0.02f, 0.02f, 0.02f}, 0.1f, at(0.0f, 0.02f, 0.0f)));
  desc.bodies.push_back(box("hidden", {0.02f, 0.02f, 0.02f}, 0.1f, at(0.5f, 0.02f, 0.0f)));
  auto world = std::move(*World::create(desc));
  InteractionConfig config;
  config.use_aim_ray = true;
  auto interaction = std::move(*Interaction::create(*world, config));
  REQUIRE(interaction->add_grabbable({"peg"}).has_value());
  REQUIRE(interaction->add_grabbable({"hidden"}).has_value());
  Driver<Interaction> hand{*interaction};
  // The hidden box lies under a static shelf: the ray stops at the shelf, nothing is grabbed.
  const core::Pose over_shelf = at(0.5f, 1.0f, 0.0f, rotation(1, 0, 0, -0.5f * k_pi));
  hand.hold(over_shelf, 0.0f, 5);
  hand.hold(over_shelf, 1.0f, 5);
  CHECK(interaction->state().hands[1].held_body.empty());
  // One metre above the peg, looking straight down: out of reach, but on the ray.
  const core::Pose over_peg = at(0.0f, 1.0f, 0.0f, rotation(1, 0, 0, -0.5f * k_pi));
  hand.hold(over_peg, 0.0f, 5);
  hand.hold(over_peg, 1.0f, 5);
  CHECK(interaction->state().hands[1].held_body == "peg");
  hand.move(over_peg, at(0.0f, 1.2f, 0.0f, rotation(1, 0, 0, -0.5f * k_pi)), 1.0f, 20);
  CHECK(world->body_pose("peg")->position_m[1] > 0.2f);  // it comes along at its distance
}
