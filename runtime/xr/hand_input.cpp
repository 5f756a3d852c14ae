#include "xr/hand_input.hpp"

namespace txr::xr {
namespace {

core::Pose pose_of(const XrPosef& p) {
  const float position[3] = {p.position.x, p.position.y, p.position.z};
  const float orientation[4] = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
  return to_core_pose(position, orientation);
}

}  // namespace

int fill_from_hands(core::InputFrame& frame, const ControllerActions& controllers,
                    const HandTracking& hands, const Comfort& comfort) {
  int filled = 0;
  for (const core::Hand h : {core::Hand::left, core::Hand::right}) {
    const TrackedHand& tracked = hands.hand(h);
    if (controllers.hand(h).grip_valid || !tracked.tracked) continue;  // the controller wins
    core::HandInput& out = frame.hand(h);
    out = core::HandInput{};
    out.tracked = true;
    out.T_world_grip = comfort.to_world(pose_of(tracked.grip));
    out.T_world_aim = comfort.to_world(pose_of(tracked.aim));
    out.squeeze = tracked.pinching ? 1.0f : 0.0f;  // a pinch holds like a full squeeze
    ++filled;
  }
  return filled;
}

}  // namespace txr::xr
