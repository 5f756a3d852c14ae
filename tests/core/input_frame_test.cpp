#include <doctest/doctest.h>

#include <limits>

#include "core/input_frame.hpp"

using namespace txr::core;

TEST_CASE("[core] input frames with NaN or absurd poses are rejected") {
  InputFrame frame;
  frame.time_s = 1.0;
  frame.hand(Hand::right).tracked = true;
  CHECK(is_valid(frame));

  auto nan_frame = frame;
  nan_frame.hand(Hand::right).T_world_grip.position_m[1] = std::numeric_limits<float>::quiet_NaN();
  CHECK_FALSE(is_valid(nan_frame));

  auto far_frame = frame;
  far_frame.T_world_head.position_m[0] = 1.0e6f;
  CHECK_FALSE(is_valid(far_frame));

  auto bad_quat = frame;
  bad_quat.hand(Hand::right).T_world_aim.orientation = {0.0f, 0.0f, 0.0f, 2.0f};
  CHECK_FALSE(is_valid(bad_quat));

  auto bad_trigger = frame;
  bad_trigger.hand(Hand::right).trigger = 7.0f;
  CHECK_FALSE(is_valid(bad_trigger));

  // An untracked hand's stale pose is ignored rather than rejected.
  auto untracked = nan_frame;
  untracked.hand(Hand::right).tracked = false;
  CHECK(is_valid(untracked));

  auto bad_ui = frame;
  bad_ui.ui.kind = static_cast<UiCommandKind>(999);
  CHECK_FALSE(is_valid(bad_ui));
}
