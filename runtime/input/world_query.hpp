#pragma once
// What the scripted trainee may ask of the world. The session implements it over physics and
// the scenario; tests implement it with a few fixed poses.
#include <optional>
#include <string_view>

#include "core/input_frame.hpp"

namespace txr::input {

class WorldQuery {
 public:
  virtual ~WorldQuery() = default;
  // World pose of a named object's grab point, a socket ("object.socket") or a tool target.
  // Frames follow one convention: for buttons +Z points out of the surface; for tool targets +Z
  // is the axis the tool turns about.
  virtual std::optional<core::Pose> pose_of(std::string_view name) const = 0;
  // Hinge frame of a turnable object (origin on the axis, +Z along it).
  virtual std::optional<core::Pose> hinge_of(std::string_view name) const = 0;
  // Current angle of a turnable object in degrees.
  virtual std::optional<double> angle_of(std::string_view name) const = 0;
  // The object the hand holds, as T_hand_object; nullopt when the hand is empty.
  virtual std::optional<core::Pose> held_object_in_hand(core::Hand hand) const = 0;
  // Working point of the tool the hand holds, in the tool's frame (T_tool_workpoint).
  virtual std::optional<core::Pose> held_tool_working_point(core::Hand hand) const = 0;
  // True when `event` (e.g. "click") was reported for `subject` at or after `since_s`.
  virtual bool event_since(std::string_view subject, std::string_view event,
                           double since_s) const = 0;
  // Index of a scene object for UI commands; -1 when unknown.
  virtual int object_index(std::string_view name) const = 0;
};

}  // namespace txr::input
