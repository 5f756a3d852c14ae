#include <doctest/doctest.h>

#include <string>

#include "input/trainee_script.hpp"

using namespace txr::input;

namespace {
std::string first_error(const std::string& text) {
  const auto load = parse_trainee_script(text, "s.yaml");
  return load.errors.empty() ? std::string() : load.errors.front().to_string();
}
}  // namespace

TEST_CASE("[input] a trainee script parses into ordered actions with their settings") {
  const auto load = parse_trainee_script(R"(rate_hz: 72
seed: 9
motion: {tremor_mm: 1.5, submovements: 2}
actions:
  - grab: wrench
    over_s: 1.2
  - ui: set_value
    object: wrench
    value: 72
  - use: bolt_1
    turn_deg: 40
    until: click
  - place: tray.slot
    hand: left
    motion: {submovements: 0}
  - turn: q1_handle
    to_deg: 90
  - wait: 2.5
  - release:
)",
                                         "expert.yaml");
  REQUIRE(load.ok());
  const auto& s = load.script;
  CHECK(s.rate_hz == 72.0);
  CHECK(s.seed == 9);
  REQUIRE(s.actions.size() == 7);
  CHECK(s.actions[0].kind == ActionKind::grab);
  CHECK(s.actions[0].target == "wrench");
  CHECK(s.actions[0].over_s == 1.2);
  CHECK(s.actions[0].motion.tremor_mm == 1.5);
  CHECK(s.actions[0].where.line == 5);
  CHECK(s.actions[1].ui_kind == txr::core::UiCommandKind::set_value);
  CHECK(s.actions[1].value == 72.0);
  CHECK(s.actions[2].until == "click");
  CHECK(s.actions[2].value == 40.0);
  CHECK(s.actions[3].hand == txr::core::Hand::left);
  CHECK(s.actions[3].motion.submovements == 0);
  CHECK(s.actions[3].motion.tremor_mm == 1.5);  // defaults still apply to other settings
  CHECK(s.actions[4].value == 90.0);
  CHECK(s.actions[5].value == 2.5);
  CHECK(s.actions[6].kind == ActionKind::release);
}

TEST_CASE("[input] script mistakes are reported with file, line, column and a suggestion") {
  CHECK(first_error("actions:\n  - grob: wrench\n") ==
        "s.yaml:2:5: unknown key 'grob' (did you mean 'grab'?)");
  CHECK(first_error("actions:\n  - wait: -3\n") ==
        "s.yaml:2:11: 'wait' is -3, expected a value from 0 to 14400");
  CHECK(first_error("actions:\n  - turn: knob\n") ==
        "s.yaml:2:11: 'turn' needs 'to_deg' (the angle to turn the handle to)");
  CHECK(first_error("actions:\n  - grab: wrench\n    hand: middle\n") ==
        "s.yaml:3:11: 'hand' must be left or right");
  CHECK(first_error("actions: [\n").rfind("s.yaml:2:1: YAML syntax error", 0) == 0);
  CHECK(first_error("speed: 3\nactions:\n  - wait: 1\n") ==
        "s.yaml:1:1: unknown key 'speed' (did you mean 'seed'?); expected rate_hz, seed, motion or "
        "actions");
  CHECK(first_error("actions:\n  - ui: record_reeding\n") ==
        "s.yaml:2:9: unknown ui command 'record_reeding' (did you mean 'record_reading'?); "
        "expected request_hint, record_reading, judge_accept, judge_reject, set_value or "
        "confirm");
  CHECK(first_error("actions:\n  - grab: a\n    place: b\n") ==
        "s.yaml:3:5: one action per list item: found 'place' after 'grab'");
  CHECK(first_error("actions: []\n") == "s.yaml:1:10: 'actions' is empty");
  CHECK(first_error(std::string("act\0ions", 8)) == "s.yaml: not a text file (contains NUL bytes)");
  CHECK(first_error("- 1\n- 2\n") ==
        "s.yaml:1:1: a trainee script must be a mapping with an 'actions' list");
}

TEST_CASE("[input] every problem in a script is reported in one pass") {
  const auto load =
      parse_trainee_script("actions:\n  - grob: a\n  - wait: x\n  - trigger: 4\n", "s.yaml");
  REQUIRE(load.errors.size() == 3);
  CHECK(load.errors[1].to_string() == "s.yaml:3:11: 'wait' must be a number");
  CHECK(load.errors[2].where.line == 4);
}

TEST_CASE("[input] a missing or oversized script file is a clear error") {
  const auto missing = load_trainee_script("/nonexistent/script.yaml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.errors[0].message.rfind("cannot read trainee script", 0) == 0);
}
