#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

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
  void on_interaction(const InteractionEvent& e) override { list.push_back(e); }
  int count(InteractionEvent::Kind kind) const {
    int n = 0;
    for (const auto& e : list) n += e.kind == kind ? 1 : 0;
    return n;
  }
};

// A wrench lying on a shelf; a bolt head (the target) at (0.5, 0.8, 0) pointing up. The wrench's
// working point is 10 cm along its handle, working axis = the wrench's +Y.
struct WrenchScene {
  std::unique_ptr<World> world;
  std::unique_ptr<Interaction> interaction;
  Events events;

  WrenchScene() {
    WorldDesc desc;
    desc.bodies.push_back(box("shelf", {0.2f, 0.04f, 0.1f}, 0.0f, at(0.0f, 0.95f, 0.0f)));
    desc.bodies.push_back(box("wrench", {0.1f, 0.01f, 0.01f}, 0.2f, at(0.0f, 1.0f, 0.0f)));
    world = std::move(*World::create(desc));
    interaction = std::move(*Interaction::create(*world));
    const auto z_up = rotation(1, 0, 0, -0.5f * k_pi);  // local Z turned onto +Y
    REQUIRE(interaction->add_tool({"wrench13", "wrench", at(0.1f, 0.0f, 0.0f, z_up)}).has_value());
    TargetDesc bolt;
    bolt.id = "bolt_m8";
    bolt.T_host_engage = at(0.5f, 0.8f, 0.0f, z_up);
    bolt.position_tolerance_m = 0.01f;
    bolt.angle_tolerance_rad = 0.2f;
    REQUIRE(interaction->add_target(bolt).has_value());
    interaction->set_listener(&events);
  }

  // Pick the wrench up off the shelf and bring it over the bolt with the hand in `orientation`.
  void bring_to_bolt(Driver<Interaction>& hand, std::array<float, 4> orientation) {
    hand.hold(at(0.0f, 1.2f, 0.0f), 0.0f, 5);
    hand.move(at(0.0f, 1.2f, 0.0f), at(0.0f, 1.0f, 0.0f), 0.0f, 20);
    hand.hold(at(0.0f, 1.0f, 0.0f), 1.0f, 3);
    REQUIRE(interaction->state().hands[1].held_body == "wrench");
    hand.move(at(0.0f, 1.0f, 0.0f), at(0.0f, 1.2f, 0.0f), 1.0f, 20);
    hand.move(at(0.0f, 1.2f, 0.0f), at(0.4f, 1.2f, 0.0f, orientation), 1.0f, 30);
    hand.move(at(0.4f, 1.2f, 0.0f, orientation), at(0.4f, 0.8f, 0.0f, orientation), 1.0f, 40);
    hand.hold(at(0.4f, 0.8f, 0.0f, orientation), 1.0f, 10);
  }
};

}  // namespace

TEST_CASE("[physics] an aligned wrench engages the bolt and reports its rotation about the axis") {
  WrenchScene s;
  Driver<Interaction> hand{*s.interaction};
  s.bring_to_bolt(hand, rotation(0, 1, 0, 0.0f));
  REQUIRE(s.events.count(InteractionEvent::Kind::engaged) == 1);
  CHECK(s.interaction->state().tools[0].target == "bolt_m8");
  CHECK(s.interaction->state().tools[0].position_error_m < 0.01f);

  // Swing the handle 1 rad counter-clockwise (seen from above) about the bolt axis.
  for (int k = 1; k <= 60; ++k) {
    const float phi = static_cast<float>(k) / 60.0f;
    const float x = 0.5f - 0.1f * std::cos(phi);
    const float z = 0.1f * std::sin(phi);
    hand.send(frame(hand.index++, at(x, 0.8f, z, rotation(0, 1, 0, phi)), 1.0f));
  }
  hand.hold(at(0.5f - 0.1f * std::cos(1.0f), 0.8f, 0.1f * std::sin(1.0f), rotation(0, 1, 0, 1.0f)),
            1.0f, 10);
  CHECK(s.interaction->state().tools[0].target == "bolt_m8");
  CHECK(s.interaction->state().tools[0].rotation_rad == doctest::Approx(1.0f).epsilon(0.05));

  // Lifting off the bolt disengages it and reports the total rotation.
  const core::Pose last =
      at(0.5f - 0.1f * std::cos(1.0f), 0.8f, 0.1f * std::sin(1.0f), rotation(0, 1, 0, 1.0f));
  core::Pose lifted = last;
  lifted.position_m[1] = 1.0f;
  hand.move(last, lifted, 1.0f, 20);
  REQUIRE(s.events.count(InteractionEvent::Kind::disengaged) == 1);
  CHECK(s.events.list.back().kind == InteractionEvent::Kind::disengaged);
  CHECK(s.events.list.back().value == doctest::Approx(1.0f).epsilon(0.05));
  CHECK(s.interaction->state().tools[0].target.empty());
}

TEST_CASE("[physics] a wrench tilted beyond the angle tolerance does not engage the bolt") {
  WrenchScene s;
  Driver<Interaction> hand{*s.interaction};
  // Tilted 0.4 rad about the handle: the tip is in place, its axis 0.4 rad off (tolerance 0.2).
  s.bring_to_bolt(hand, rotation(1, 0, 0, 0.4f));
  const auto tip = *s.world->body_pose("wrench");
  CHECK(std::fabs(tip.position_m[0] + 0.1f - 0.5f) < 0.01f);  // the working point is on the bolt
  CHECK(std::fabs(tip.position_m[1] - 0.8f) < 0.01f);
  CHECK(s.events.count(InteractionEvent::Kind::engaged) == 0);
  CHECK(s.interaction->state().tools[0].target.empty());

  // Straightening the hand (within tolerance) then engages.
  hand.move(at(0.4f, 0.8f, 0.0f, rotation(1, 0, 0, 0.4f)), at(0.4f, 0.8f, 0.0f), 1.0f, 20);
  CHECK(s.events.count(InteractionEvent::Kind::engaged) == 1);
}
