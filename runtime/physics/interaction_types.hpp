#pragma once
// Plain descriptions of interactive things (what can be grabbed, pressed, turned, slid, snapped,
// engaged) and the plain-data interaction state anyone may read.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "physics/descriptions.hpp"

namespace txr::physics {

struct InteractionConfig {
  float grab_squeeze = 0.7f;     // squeeze above this starts a grab
  float release_squeeze = 0.3f;  // squeeze below this releases (hysteresis)
  float reach_m = 0.08f;         // grab sphere radius around the grip pose
  bool use_aim_ray = false;      // desktop: grab the first grabbable along the aim ray as well
  float aim_ray_length_m = 5.0f;
  float trigger_press = 0.5f;          // desktop: trigger above this pokes the button under the ray
  float hand_radius_m = 0.03f;         // the kinematic hand sphere
  bool hands_push_grabbables = false;  // hands pass through grabbables (they grab them instead)
  float joint_drive_gain = 0.25f;      // knob/slide drive: fraction of the error closed per step
  float max_knob_torque_nm = 5.0f;
  float max_slide_force_n = 200.0f;
  float disengage_factor = 1.5f;  // a tool disengages beyond factor * the target's tolerances
  core::Pose hand_park_pose{{0.0f, -50.0f, 0.0f}, {0.0f, 0.0f, 0.0f, 1.0f}};  // before tracking
};

// A free body the hands can pick up (attached to the hand by a fixed constraint, still colliding).
struct GrabbableDesc {
  std::string body;
};

// A button: a body on a slider (with a spring back to its rest position). Pressing moves it
// along the slider's +Z axis (the axis points into the panel).
struct ButtonDesc {
  std::string id;
  std::string body;
  std::string constraint;          // the slider
  float pressed_depth_m = 0.005f;  // depth past the rest position that counts as pressed
  float poke_force_n = 20.0f;      // desktop: force along the axis while the trigger pokes it
};

// A knob or handle: a grabbable body on a hinge; while held, the hand's twist about the hinge
// axis drives the hinge (limits and detents still apply).
struct KnobDesc {
  std::string id;
  std::string body;
  std::string constraint;  // the hinge
};

// A sliding part (caliper jaw, drawer): a grabbable body on a slider; while held, the hand's
// motion along the slider axis drives it.
struct SlideDesc {
  std::string id;
  std::string body;
  std::string constraint;  // the slider
};

// A place an object snaps into: a pose on a host body (or the world).
struct SocketDesc {
  std::string id;
  std::string host_body;             // empty: the world
  core::Pose T_host_socket;          // socket pose in the host's frame
  std::vector<std::string> accepts;  // bodies that fit; empty: any grabbable
  core::Pose T_object_plug;          // the object's frame that must meet the socket pose
  float position_tolerance_m = 0.02f;
  float angle_tolerance_rad = 0.35f;
  bool snap_while_held = false;  // also snap (and take from the hand) while held and aligned
};

// A tool's working point (wrench jaw, screwdriver tip): its Z axis is the working axis.
struct ToolDesc {
  std::string id;
  std::string body;
  core::Pose T_body_tip;
};

// Where a tool engages (a bolt head): Z is the axis the tool turns about.
struct TargetDesc {
  std::string id;
  std::string host_body;  // empty: the world
  core::Pose T_host_engage;
  std::vector<std::string> accepts;  // tool ids; empty: any tool
  float position_tolerance_m = 0.01f;
  float angle_tolerance_rad = 0.2f;  // between the tool axis and the target axis
};

// --- state (plain data) -----------------------------------------------------------------------
struct HandState {
  bool tracked = false;
  std::string held_body;  // empty: nothing held
  std::string held_knob;  // knob or slide id when holding one of those
  core::Pose T_world_hand;
  float squeeze = 0.0f;
};

struct SocketState {
  std::string id;
  std::string occupant;  // empty: free
};

struct EngagementState {
  std::string tool;
  std::string target;         // empty: not engaged
  float rotation_rad = 0.0f;  // tool rotation about the target axis since engaging (+ = CCW)
  float position_error_m = 0.0f;
  float angle_error_rad = 0.0f;
};

struct KnobState {
  std::string id;
  float angle_rad = 0.0f;
  int detent = -1;  // index of the nearest detent, -1 when the hinge has none
};

struct ButtonState {
  std::string id;
  bool pressed = false;
  float depth_m = 0.0f;
};

struct SlideState {
  std::string id;
  float position_m = 0.0f;
};

struct InteractionState {
  std::array<HandState, 2> hands;  // indexed by core::Hand
  std::vector<SocketState> sockets;
  std::vector<EngagementState> tools;  // one per tool, registration order
  std::vector<KnobState> knobs;
  std::vector<ButtonState> buttons;
  std::vector<SlideState> slides;
  std::uint64_t frames_accepted = 0;
  std::uint64_t frames_rejected = 0;
};

}  // namespace txr::physics
