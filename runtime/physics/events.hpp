#pragma once
// Events the physics world and the interaction layer report, in a deterministic order, each
// stamped with the simulation time of the step that produced it.
#include <cstdint>
#include <string>

namespace txr::physics {

// Two bodies started or stopped touching. Pairs are reported sorted by body creation index
// (body_a was created before body_b); within a step all `ended` come before all `began`.
struct ContactEvent {
  enum class Kind : std::uint8_t { began, ended };
  Kind kind = Kind::began;
  double sim_time_s = 0.0;
  std::string body_a;
  std::string body_b;
  float impulse_n_s = 0.0f;  // summed normal impulse of the pair's contact points this step
};

struct InteractionEvent {
  enum class Kind : std::uint8_t {
    grabbed,          // subject: body, hand set
    released,         // subject: body, hand set, value: release speed m/s
    snapped,          // subject: body, other: socket id
    unsnapped,        // subject: body, other: socket id
    engaged,          // subject: tool id, other: target id
    disengaged,       // subject: tool id, other: target id, value: rotation applied (rad)
    button_pressed,   // subject: button id
    button_released,  // subject: button id
    detent_changed,   // subject: knob id, value: new detent index
  };
  Kind kind = Kind::grabbed;
  double sim_time_s = 0.0;
  int hand = -1;  // 0 left, 1 right, -1 none
  std::string subject;
  std::string other;
  float value = 0.0f;
};

const char* to_string(ContactEvent::Kind kind);
const char* to_string(InteractionEvent::Kind kind);

// Receives events synchronously, from inside World::step / Interaction::update. Implementations
// must not modify the world from the callback (record and act after the call returns).
class EventListener {
 public:
  virtual ~EventListener() = default;
  virtual void on_contact(const ContactEvent& /*event*/) {}
  virtual void on_interaction(const InteractionEvent& /*event*/) {}
  // After every fixed step: the step number (1-based), its sim time and the world state hash.
  virtual void on_step(std::uint64_t /*step*/, double /*sim_time_s*/, std::uint64_t /*hash*/) {}
};

}  // namespace txr::physics
