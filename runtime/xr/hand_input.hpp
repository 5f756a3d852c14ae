#pragma once
// Tracked hands in the trainee's InputFrame: a hand whose controller is not tracked (put down,
// or a headset used without controllers) is driven by hand tracking instead — the palm as the
// grip pose, pinch as grab — so interaction code sees the same InputFrame either way.
#include "core/input_frame.hpp"
#include "xr/comfort.hpp"
#include "xr/controller_actions.hpp"
#include "xr/hand_tracking.hpp"

namespace txr::xr {

// Fills the hands of `frame` (already filled from the controllers) whose controller grip is not
// tracked but whose hand is; returns how many hands came from hand tracking (0, 1 or 2).
int fill_from_hands(core::InputFrame& frame, const ControllerActions& controllers,
                    const HandTracking& hands, const Comfort& comfort);

}  // namespace txr::xr
