#pragma once
// Interaction: turns one core::InputFrame per display frame into hand motion, grabs, presses,
// turns, slides, socket snaps and tool engagement on a World, then steps the world.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"
#include "physics/events.hpp"
#include "physics/interaction_types.hpp"
#include "physics/world.hpp"

namespace txr::physics {

class Interaction {
 public:
  // Adds the two kinematic hand bodies ("hand.left", "hand.right") to `world`, which must
  // outlive the Interaction.
  static core::Result<std::unique_ptr<Interaction>> create(World& world,
                                                           const InteractionConfig& config = {});
  ~Interaction();
  Interaction(const Interaction&) = delete;
  Interaction& operator=(const Interaction&) = delete;

  // Registration (ids refer to World bodies/constraints; errors name what is missing).
  core::Result<void> add_grabbable(const GrabbableDesc& desc);
  core::Result<void> add_button(const ButtonDesc& desc);
  core::Result<void> add_knob(const KnobDesc& desc);    // also grabbable
  core::Result<void> add_slide(const SlideDesc& desc);  // also grabbable
  core::Result<void> add_socket(const SocketDesc& desc);
  core::Result<void> add_tool(const ToolDesc& desc);  // the tool body becomes grabbable
  core::Result<void> add_target(const TargetDesc& desc);

  // One display frame. A frame failing core::is_valid is rejected (counted, logged) and has no
  // effect at all: the next valid frame's time_s covers the time that passed. Otherwise the
  // frame's time since the previous accepted frame is fed to the world's fixed-step clock and
  // the resulting steps are run, hands moving smoothly from their last pose to this frame's.
  // Returns the number of physics steps run.
  std::uint32_t update(const core::InputFrame& frame);

  const InteractionState& state() const;
  void set_listener(EventListener* listener);
  static const char* hand_body_id(core::Hand hand);

 private:
  struct Impl;
  Interaction(World& world, const InteractionConfig& config);
  std::unique_ptr<Impl> impl_;
};

}  // namespace txr::physics
