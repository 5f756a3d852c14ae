#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "input/trainee_script.hpp"
#include "scenario/package_loader.hpp"
#include "session/scripted_run.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

const auto k_package = test::source_dir() / "tests/session/fixtures/pick-place";

scenario::Scenario load_fixture() {
  auto loaded = session::load_scenario(k_package);
  for (const auto& f : loaded.diagnostics.findings()) MESSAGE(f.to_string(k_package.string()));
  REQUIRE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

struct RunResult {
  std::vector<session::SessionEvent> events;
  std::vector<std::uint64_t> hashes;  // physics hash after every frame
  scenario::Outcome outcome = scenario::Outcome::running;
  std::size_t steps_done = 0;
  std::vector<core::Error> warnings;
};

RunResult run_script(const scenario::Scenario& sc, const std::string& script_name) {
  auto load = input::load_trainee_script(k_package / "scripts" / script_name);
  for (const auto& e : load.errors) MESSAGE(e.to_string());
  REQUIRE(load.ok());
  auto created = session::Session::create(sc, {});
  if (!created) MESSAGE(created.error().to_string());
  REQUIRE(created.has_value());
  auto& s = **created;
  REQUIRE(input::check_script_targets(load.script, s.world_query()).empty());
  input::ScriptedTrainee trainee(load.script, session::default_trainee_start());
  RunResult result;
  session::ScriptedRunOptions options;
  options.on_frame = [&](const core::InputFrame&) { result.hashes.push_back(s.physics_hash()); };
  session::run_scripted(s, trainee, options);
  result.events = s.events();
  result.outcome = s.engine().outcome();
  result.steps_done = s.engine().steps_done();
  result.warnings = trainee.warnings();
  return result;
}

bool has_event(const RunResult& r, const std::string& type, const std::string& subject) {
  return std::any_of(r.events.begin(), r.events.end(), [&](const session::SessionEvent& e) {
    return e.type == type && e.subject == subject;
  });
}

}  // namespace

TEST_CASE("[session] an expert script completes every step of a package without violations") {
  const auto sc = load_fixture();
  const auto r = run_script(sc, "expert.yaml");
  for (const auto& e : r.events)
    MESSAGE(e.time_s << " " << e.type << " " << e.subject << " " << e.detail);
  for (const auto& w : r.warnings) MESSAGE(w.to_string());
  CHECK(r.warnings.empty());
  CHECK(has_event(r, "grabbed", "part"));
  CHECK(has_event(r, "snapped", "part"));
  CHECK(has_event(r, "step_completed", "place_part"));
  CHECK(has_event(r, "step_completed", "turn_knob"));
  CHECK(has_event(r, "step_completed", "press_button"));
  CHECK_FALSE(has_event(r, "rule_violated", "dropped_part"));
  CHECK(r.steps_done == 3);
  CHECK(r.outcome == scenario::Outcome::completed);
}

TEST_CASE("[session] a dropped part is a safety violation and the procedure stays incomplete") {
  const auto sc = load_fixture();
  const auto r = run_script(sc, "drops-part.yaml");
  CHECK(has_event(r, "released", "part"));
  CHECK(has_event(r, "rule_violated", "dropped_part"));
  CHECK_FALSE(has_event(r, "step_completed", "place_part"));
  CHECK(r.outcome == scenario::Outcome::running);
}

TEST_CASE("[session] the same script gives the same physics hash at every frame") {
  const auto sc = load_fixture();
  const auto a = run_script(sc, "expert.yaml");
  const auto b = run_script(sc, "expert.yaml");
  REQUIRE(a.hashes.size() == b.hashes.size());
  CHECK(a.hashes == b.hashes);
  const auto c = run_script(sc, "drops-part.yaml");
  CHECK(c.hashes != a.hashes);
}

TEST_CASE("[session] a slow pull stops at the wrench's click and leaves the bolt at its torque") {
  auto loaded = session::load_scenario(test::source_dir() / "tests/session/fixtures/bolt-torque");
  REQUIRE(loaded.scenario.has_value());
  const auto& sc = *loaded.scenario;
  auto script = input::load_trainee_script(sc.dir / "scripts/expert.yaml");
  REQUIRE(script.ok());
  auto s = session::Session::create(sc, {});
  REQUIRE(s.has_value());
  input::ScriptedTrainee trainee(script.script, session::default_trainee_start());
  session::run_scripted(**s, trainee);
  const auto torque = (*s)->state().number(*(*s)->state().find("bolt.torque_nm"));
  CHECK(torque >= 68.0);
  CHECK(torque <= 76.0);
  CHECK((*s)->engine().outcome() == scenario::Outcome::completed);
  CHECK((*s)->engine().violation_count(scenario::Severity::major) == 0);
  const auto& events = (*s)->events();
  CHECK(std::any_of(events.begin(), events.end(), [](const session::SessionEvent& e) {
    return e.type == "click" && e.subject == "wrench" && e.detail == "t_bolt";
  }));
}

TEST_CASE("[session] yanking the wrench past the click yields the bolt and fails the attempt") {
  auto loaded = session::load_scenario(test::source_dir() / "tests/session/fixtures/bolt-torque");
  REQUIRE(loaded.scenario.has_value());
  const auto& sc = *loaded.scenario;
  auto script = input::load_trainee_script(sc.dir / "scripts/jerk-overtorque.yaml");
  REQUIRE(script.ok());
  auto s = session::Session::create(sc, {});
  REQUIRE(s.has_value());
  input::ScriptedTrainee trainee(script.script, session::default_trainee_start());
  session::run_scripted(**s, trainee);
  CHECK((*s)->state().boolean(*(*s)->state().find("bolt.yielded")));
  CHECK((*s)->engine().outcome() == scenario::Outcome::failed_critical);
  CHECK((*s)->engine().violation_count(scenario::Severity::critical) == 1);
}
