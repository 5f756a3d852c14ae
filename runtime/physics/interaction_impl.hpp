#pragma once
// Interaction's private state, shared by interaction.cpp (frames, hands, grabs, joints) and
// interaction_targets.cpp (sockets, tools). Not part of the public API.
#include <map>
#include <string>
#include <vector>

#include "physics/bullet_convert.hpp"
#include "physics/interaction.hpp"

namespace txr::physics {

struct HandRuntime {
  std::string body_id;  // the kinematic hand body
  bool tracked = false;
  bool squeeze_latched = false;  // squeeze went above grab and has not yet fallen below release
  core::Pose grip_from;          // hand target at the start of this frame's steps
  core::Pose grip_to;            // this frame's grip pose
  float squeeze = 0.0f;
  std::string held_body;
  std::string grab_constraint;  // fixed constraint for free objects
  int knob = -1;                // index into knobs when turning a knob
  int slide = -1;               // index into slides when moving a slide
  btQuaternion last_step_orientation = btQuaternion::getIdentity();
  float drive_target = 0.0f;  // knob angle (rad) or slide position (m) the hand asks for
  btVector3 grab_hand_position{0, 0, 0};
  float grab_joint_position = 0.0f;
  int poke_button = -1;  // desktop poke target this frame
};

struct ButtonRuntime {
  ButtonDesc desc;
  float rest_m = 0.0f;
  bool poked = false;
  ButtonState state;
};

struct KnobRuntime {
  KnobDesc desc;
  KnobState state;
};

struct SlideRuntime {
  SlideDesc desc;
  SlideState state;
};

struct SocketRuntime {
  SocketDesc desc;
  std::string constraint_id;
  std::string occupant;
};

struct ToolRuntime {
  ToolDesc desc;
  int target = -1;  // engaged target index
  float rotation_rad = 0.0f;
  float last_phase_rad = 0.0f;
  float position_error_m = 0.0f;
  float angle_error_rad = 0.0f;
};

struct Interaction::Impl {
  World& world;
  InteractionConfig config;
  EventListener* listener = nullptr;
  std::array<HandRuntime, 2> hands;
  std::vector<std::string> grabbables;  // registration order
  std::vector<ButtonRuntime> buttons;
  std::vector<KnobRuntime> knobs;
  std::vector<SlideRuntime> slides;
  std::vector<SocketRuntime> sockets;
  std::vector<ToolRuntime> tools;
  std::vector<TargetDesc> targets;
  bool has_time = false;
  double last_time_s = 0.0;
  InteractionState state;

  Impl(World& w, const InteractionConfig& c) : world(w), config(c) {}

  bool is_grabbable(const std::string& body) const;
  bool is_held(const std::string& body) const;
  void emit(InteractionEvent::Kind kind, int hand, const std::string& subject,
            const std::string& other = {}, float value = 0.0f);
  btTransform pose_of(const std::string& body) const;  // identity for "" (the world)

  void begin_frame_hand(int hand, const core::HandInput& input);
  void try_grab(int hand, const core::HandInput& input);
  void release(int hand, bool throw_with_hand);
  void before_step(std::uint32_t index, std::uint32_t count);
  void after_step();

  // interaction_targets.cpp
  void update_sockets();
  void update_tools();
  bool unsnap(const std::string& body);
  void snap(SocketRuntime& socket, const std::string& body);
  void refresh_state();
};

}  // namespace txr::physics
