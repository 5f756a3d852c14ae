#pragma once
// Answers the scripted trainee's questions about the world from the built scene and physics.
#include <string>
#include <vector>

#include "input/world_query.hpp"
#include "scenario/scenario.hpp"
#include "session/scene_builder.hpp"

namespace txr::session {

// Something that happened to a named subject (e.g. the wrench "click" on bolt_1), kept so
// `use ... until:` can stop on it.
struct SubjectEvent {
  double time_s = 0.0;
  std::string subject;
  std::string event;
};

class SessionWorldQuery : public input::WorldQuery {
 public:
  SessionWorldQuery(const scenario::Scenario& scenario, const BuiltScene& scene,
                    const std::vector<SubjectEvent>& events)
      : scenario_(scenario), scene_(scene), events_(events) {}

  std::optional<core::Pose> pose_of(std::string_view name) const override;
  std::optional<core::Pose> hinge_of(std::string_view name) const override;
  std::optional<double> angle_of(std::string_view name) const override;
  std::optional<core::Pose> held_object_in_hand(core::Hand hand) const override;
  std::optional<core::Pose> held_tool_working_point(core::Hand hand) const override;
  bool event_since(std::string_view subject, std::string_view event, double since_s) const override;
  int object_index(std::string_view name) const override;

 private:
  const scenario::Scenario& scenario_;
  const BuiltScene& scene_;
  const std::vector<SubjectEvent>& events_;
};

}  // namespace txr::session
