#pragma once
// HandTracking: both hands through XR_EXT_hand_tracking (when the headset enabled it). Each
// frame it locates the 26 joints of each hand in the app space and reduces them to what the
// trainee's InputFrame needs: a grip pose at the palm (axes as a controller's grip pose), an
// aim pose along the fingers, and pinch (thumb tip to index tip, with hysteresis) as grab.
#include <array>
#include <memory>

#include "core/input_frame.hpp"
#include "xr/headset.hpp"
#include "xr/pinch_detector.hpp"

namespace txr::xr {

// One tracked hand, poses in the headset's app space (STAGE or LOCAL).
struct TrackedHand {
  bool tracked = false;
  XrPosef palm{{0, 0, 0, 1}, {0, 0, 0}};
  XrPosef grip{{0, 0, 0, 1}, {0, 0, 0}};  // palm centre, controller grip-pose axes
  XrPosef aim{{0, 0, 0, 1}, {0, 0, 0}};   // palm centre, -Z along the fingers
  float pinch_distance_m = 0.0f;          // thumb tip to index tip
  bool pinching = false;
};

class HandTracking {
 public:
  // Creates one hand tracker per hand; fails when the headset did not enable hand tracking.
  static core::Result<std::unique_ptr<HandTracking>> create(Headset& headset,
                                                            const PinchThresholds& pinch = {});
  ~HandTracking();
  HandTracking(const HandTracking&) = delete;
  HandTracking& operator=(const HandTracking&) = delete;

  // Locates both hands at `time` (call while focused; runtimes report no hands otherwise).
  core::Result<void> locate(XrTime time);
  const TrackedHand& hand(core::Hand h) const { return hands_[static_cast<std::size_t>(h)]; }

  // The grip pose a controller would report for a hand whose palm joint is `palm`: same origin,
  // +X through the palm to the right for both hands, -Z forward along the fingers.
  static XrPosef grip_from_palm(const XrPosef& palm, core::Hand h);

 private:
  explicit HandTracking(Headset& headset) : headset_(headset) {}

  Headset& headset_;
  PFN_xrCreateHandTrackerEXT create_ = nullptr;
  PFN_xrDestroyHandTrackerEXT destroy_ = nullptr;
  PFN_xrLocateHandJointsEXT locate_ = nullptr;
  std::array<XrHandTrackerEXT, 2> trackers_{};
  std::array<TrackedHand, 2> hands_{};
  std::array<PinchDetector, 2> pinch_{};
};

}  // namespace txr::xr
