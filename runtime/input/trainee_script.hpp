#pragma once
// Trainee scripts: timed high-level actions (grab, move, place, press, turn, use a tool, UI
// commands) that drive headless and test runs. Format reference: docs/trainee-scripts.md.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/input_frame.hpp"
#include "core/result.hpp"

namespace txr::input {

enum class ActionKind : std::uint8_t {
  wait,     // do nothing for `value` seconds
  move,     // reach to `target` (+ offset) over `over_s`
  grab,     // reach to `target`, close the hand
  release,  // open the hand
  place,    // carry the held object so it sits on socket `target`, then open the hand
  press,    // push `target` (a button) in along its axis and let go
  turn,     // grab `target` (a knob/handle), rotate it to `value` degrees, let go
  use,      // bring the held tool onto `target`, turn it by `value` degrees (or until `until`)
  trigger,  // hold the trigger at `value` for `hold_s`
  ui,       // issue a HUD command (`ui_kind`, optional `target` object and `value`)
};

// How a reach is performed: an expert reach is one smooth minimum-jerk movement; a novice's has
// tremor, misses the target and corrects with sub-movements.
struct MotionStyle {
  double tremor_mm = 0.0;          // RMS amplitude of 4–12 Hz physiological tremor
  std::uint32_t submovements = 0;  // corrective sub-movements after the primary reach
  double miss_fraction = 0.08;     // primary reach error as a fraction of the distance
  double speed = 1.0;              // divides every duration (2 = twice as fast)
};

struct ScriptAction {
  ActionKind kind = ActionKind::wait;
  core::Hand hand = core::Hand::right;
  std::string target;  // object, socket or tool-target name (see WorldQuery)
  std::array<float, 3> offset_m{0.0f, 0.0f, 0.0f};
  double over_s = 1.0;    // duration of the motion part
  double value = 0.0;     // seconds (wait), degrees (turn/use), 0..1 (trigger), value (ui)
  double hold_s = 0.2;    // press/trigger hold time
  std::string until;      // use: stop turning when the world reports this event on the target
  double tilt_deg = 0.0;  // use: tool held tilted by this much about the target's x axis
  core::UiCommandKind ui_kind = core::UiCommandKind::none;
  MotionStyle motion;
  core::SourceLocation where;
};

struct TraineeScript {
  std::string path;
  double rate_hz = 90.0;  // InputFrames per second (the display rate being simulated)
  std::uint64_t seed = 1;
  std::vector<ScriptAction> actions;
};

// Parses a script. Every problem found is returned (file:line:column: message), not only the
// first; names are checked against the world later by `check_script_targets`.
struct ScriptLoad {
  TraineeScript script;
  std::vector<core::Error> errors;
  bool ok() const { return errors.empty(); }
};
ScriptLoad load_trainee_script(const std::filesystem::path& path);
ScriptLoad parse_trainee_script(const std::string& text, const std::string& display_path);

}  // namespace txr::input
