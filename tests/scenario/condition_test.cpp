// The condition language: precedence, types, ranges, built-ins, unknown values and errors.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "scenario/condition.hpp"

using namespace txr::scenario;

namespace {

struct World {
  StateTable t;
  SlotId torque, gap, grabbed, socket, elapsed, done_a, step_time;
  std::map<std::string, std::vector<std::string>, std::less<>> choices{
      {"bolt.in_socket", {"", "hole_1", "hole_2"}}};
  World() {
    torque = *t.declare("bolt.torque_nm", ValueType::number);
    gap = *t.declare("flange.gap_mm", ValueType::number);
    grabbed = *t.declare("bolt.grabbed", ValueType::boolean);
    socket = *t.declare("bolt.in_socket", ValueType::text);
    elapsed = *t.declare(std::string(k_elapsed_slot), ValueType::number);
    done_a = *t.declare(step_done_slot("open_valve"), ValueType::boolean);
    step_time = *t.declare(step_time_slot("tighten"), ValueType::number);
  }
  CompileScope scope(bool in_step = true) {
    CompileScope s;
    s.text_choices = &choices;
    if (in_step) s.time_in_step = step_time;
    return s;
  }
  Condition compile(std::string_view text) {
    auto c = compile_condition(text, t, scope());
    REQUIRE_MESSAGE(c.has_value(), (c ? std::string() : c.error().message));
    return std::move(c->condition);
  }
  CompileError error(std::string_view text, bool in_step = true) {
    auto c = compile_condition(text, t, scope(in_step));
    REQUIRE(!c.has_value());
    return c.error();
  }
};

}  // namespace

TEST_CASE("[scenario] conditions follow arithmetic precedence and compare numbers") {
  World w;
  w.t.set_number(w.torque, 70.0);
  CHECK(w.compile("bolt.torque_nm > 69.5").test(w.t));
  CHECK(!w.compile("bolt.torque_nm > 70").test(w.t));
  CHECK(w.compile("bolt.torque_nm >= 70").test(w.t));
  CHECK(w.compile("1 + 2 * 3 == 7").test(w.t));
  CHECK(w.compile("(1 + 2) * 3 == 9").test(w.t));
  CHECK(w.compile("10 - 4 - 3 == 3").test(w.t));  // left-associative
  CHECK(w.compile("-bolt.torque_nm < -69").test(w.t));
  CHECK(w.compile("abs(60 - bolt.torque_nm) == 10").test(w.t));
  CHECK(w.compile("min(bolt.torque_nm, 5) == 5 and max(bolt.torque_nm, 5) == 70").test(w.t));
  CHECK(w.compile("2.5e1 == 25").test(w.t));
}

TEST_CASE("[scenario] within is inclusive at both ends") {
  World w;
  auto c = w.compile("bolt.torque_nm within 68..76");
  for (double v : {68.0, 72.0, 76.0}) {
    w.t.set_number(w.torque, v);
    CHECK(c.test(w.t));
  }
  for (double v : {67.99, 76.01}) {
    w.t.set_number(w.torque, v);
    CHECK(!c.test(w.t));
  }
  w.t.set_number(w.torque, 1.0);
  CHECK(w.compile("bolt.torque_nm within 0.5..1.5").test(w.t));
  CHECK(w.compile("bolt.torque_nm within -1..1").test(w.t));
}

TEST_CASE("[scenario] and or not combine true and false with the usual precedence") {
  World w;
  w.t.set_bool(w.grabbed, true);
  CHECK(w.compile("bolt.grabbed and not false").test(w.t));
  CHECK(w.compile("false or bolt.grabbed and true").test(w.t));  // and binds tighter
  CHECK(!w.compile("not bolt.grabbed or false").test(w.t));
  CHECK(w.compile("not not bolt.grabbed").test(w.t));
  CHECK(w.compile("bolt.grabbed == true").test(w.t));
}

TEST_CASE("[scenario] text states compare with quoted values") {
  World w;
  auto c = w.compile("bolt.in_socket == \"hole_1\"");
  CHECK(!c.test(w.t));
  w.t.set_text(w.socket, "hole_1");
  CHECK(c.test(w.t));
  CHECK(w.compile("bolt.in_socket != 'hole_2'").test(w.t));
  CHECK(w.compile("bolt.in_socket != \"\"").test(w.t));
  CHECK(w.t.text(w.socket) == "hole_1");
}

TEST_CASE("[scenario] a number that cannot be computed never makes a condition true") {
  World w;
  w.t.set_number(w.gap, 0.0);
  w.t.set_number(w.torque, 10.0);
  // Runtime division by zero: every comparison using it is unknown, so false, even negated.
  CHECK(!w.compile("bolt.torque_nm / flange.gap_mm > 1").test(w.t));
  CHECK(!w.compile("bolt.torque_nm / flange.gap_mm <= 1").test(w.t));
  CHECK(!w.compile("not (bolt.torque_nm / flange.gap_mm > 1)").test(w.t));
  CHECK(!w.compile("bolt.torque_nm / flange.gap_mm != 3").test(w.t));
  CHECK(!w.compile("bolt.torque_nm / flange.gap_mm within 0..1e300").test(w.t));
  // ...but a known true side of `or` still decides, and a known false side of `and`.
  CHECK(w.compile("bolt.torque_nm / flange.gap_mm > 1 or bolt.torque_nm == 10").test(w.t));
  CHECK(std::isnan(w.compile("bolt.torque_nm / flange.gap_mm > 1 and true").evaluate(w.t)));
  CHECK(w.compile("bolt.torque_nm / flange.gap_mm > 1 and false").evaluate(w.t) == 0.0);
  // NaN written by a simulation behaves the same way.
  w.t.set_number(w.torque, std::numeric_limits<double>::quiet_NaN());
  CHECK(!w.compile("bolt.torque_nm == bolt.torque_nm").test(w.t));
  CHECK(!w.compile("not (bolt.torque_nm < 5)").test(w.t));
}

TEST_CASE("[scenario] built-ins read the step engine's state") {
  World w;
  auto done = w.compile("step_done(\"open_valve\")");
  CHECK(!done.test(w.t));
  w.t.set_bool(w.done_a, true);
  CHECK(done.test(w.t));
  w.t.set_number(w.elapsed, 12.0);
  w.t.set_number(w.step_time, 3.0);
  CHECK(w.compile("elapsed_s > 10 and time_in_step_s < 5").test(w.t));
  auto compiled = compile_condition("step_done('open_valve') or elapsed_s > 1", w.t, w.scope());
  REQUIRE(compiled);
  CHECK(compiled->steps_referenced == std::vector<std::string>{"open_valve"});
}

TEST_CASE("[scenario] constant parts are folded at load") {
  World w;
  auto c = w.compile("bolt.torque_nm > 2 * 36");
  CHECK(c.size() == 3);  // load, push 72, gt
  CHECK(w.compile("1 < 2").is_constant());
}

TEST_CASE("[scenario] condition errors point at the offending character") {
  World w;
  auto e = w.error("bolt.torque_nm > 5 and bolt.torqe_nm < 9");
  CHECK(e.offset == 23);
  CHECK(e.message == "unknown name 'bolt.torqe_nm' (did you mean 'bolt.torque_nm'?)");
  CHECK(w.error("bolt.torque_nm / 0 > 1").message == "division by zero: '0' is 0");
  CHECK(w.error("bolt.torque_nm / (3 - 3) > 1").offset == 17);
  CHECK(w.error("bolt.grabbed > 1").message ==
        "'>' needs a number, but 'bolt.grabbed' is true/false");
  CHECK(w.error("bolt.in_socket == 3").message ==
        "cannot compare 'bolt.in_socket' (text) with '3' (a number)");
  CHECK(w.error("bolt.in_socket == \"hole_3\"").message ==
        "'bolt.in_socket' can never be \"hole_3\" (did you mean 'hole_1'?); possible values: \"\", "
        "\"hole_1\", \"hole_2\"");
  CHECK(w.error("1 < bolt.torque_nm < 5").message ==
        "comparisons cannot be chained; join them with 'and'");
  CHECK(w.error("bolt.grabbed &&").message == "use 'and' instead of '&&'");
  CHECK(w.error("").message == "the condition is empty");
  CHECK(w.error("bolt.torque_nm >").message ==
        "the condition ends too early; a value is missing here");
  CHECK(w.error("abs(1, 2) > 0").message == "'abs' takes 1 argument, not 2");
  CHECK(w.error("step_done(bolt.grabbed)").message ==
        "'step_done' needs a step id in quotes, e.g. step_done(\"open_valve\")");
  CHECK(w.error("step_done(\"open_valv\")").message ==
        "there is no step 'open_valv' (did you mean 'open_valve'?)");
  CHECK(w.error("time_in_step_s > 1", false).message ==
        "'time_in_step_s' only means something in a step's conditions; use 'elapsed_s' here");
  CHECK(w.error("\"unterminated").message == "this text has no closing \"");
  CHECK(w.error("bolt.torque_nm > 1 )").message == "unexpected ')' after the end of the condition");
  CHECK(w.error("bolt.torque_nm ≥ 1").message == "unexpected character '≥'");
  CHECK(w.error(std::string(200, '(') + "true" + std::string(200, ')')).message ==
        "this condition is nested too deeply");
  CHECK(w.error(std::string(5000, ' ')).message.starts_with("this condition is too long"));
}

TEST_CASE("[scenario] the state table interns text and keeps declared types") {
  StateTable t;
  const auto a = *t.declare("a.x", ValueType::text);
  CHECK(!t.declare("a.x", ValueType::number));
  CHECK(t.text(a) == "");
  t.set_text(a, "left");
  const auto id = t.text_id(a);
  t.set_text(a, "right");
  t.set_text(a, "left");
  CHECK(t.text_id(a) == id);
  CHECK(t.find_text("right").has_value());
  t.reset_values();
  CHECK(t.text(a) == "");
}
