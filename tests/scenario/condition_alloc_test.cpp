// Evaluating conditions and running the step engine allocate nothing per simulation step.
// This executable replaces the global operator new with a counting one.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "scenario/package_loader.hpp"
#include "scenario/step_engine.hpp"
#include "test_support.hpp"

// GCC pairs our malloc-based operator new/delete with free() and warns; they do match.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
std::atomic<std::size_t> g_allocations{0};
}

void* operator new(std::size_t size) {
  ++g_allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace txr::scenario;

namespace {
struct Counter : EventListener {
  std::size_t events = 0;
  void on_event(const Event&) override { ++events; }
};
}  // namespace

TEST_CASE("[scenario] evaluating every condition and stepping the engine allocates nothing") {
  const auto result =
      load_package(txr::test::source_dir() / "scenarios" / "examples" / "feature-tour");
  REQUIRE(result.scenario.has_value());
  const Scenario& s = *result.scenario;
  StateTable state = s.initial_state;
  Counter counter;
  StepEngine engine(s, state, Mode::practice, &counter);
  engine.start();
  const SlotId torque = *state.find("bolt_1.torque_nm");
  const SlotId locked = *state.find("main_switch.locked");
  const SlotId tagged = *state.find("main_switch.tagged");
  const SlotId guard = *state.find("guard.position_mm");
  const SlotId engaged = *state.find("wrench.engaged_target");
  const TextId t_bolt_1 = state.intern("t_bolt_1");  // interned once, before the loop

  const std::size_t before = g_allocations.load();
  double sum = 0.0;
  for (int i = 0; i < 2000; ++i) {
    state.set_number(torque, i * 0.05);
    state.set_bool(locked, i > 100);
    state.set_bool(tagged, i > 200);
    state.set_number(guard, i > 300 ? 280.0 : 0.0);
    state.set_text_id(engaged, i % 2 ? t_bolt_1 : 0);
    state.set_text(engaged, i % 3 ? "t_bolt_1" : "");  // known text: no allocation either
    for (const auto& st : s.steps) sum += st.done_when.evaluate(state);
    for (const auto& rule : s.rules) sum += rule.when.evaluate(state);
    engine.update(1.0 / 240.0);
    if (i == 150) engine.request_hint();
  }
  const std::size_t after = g_allocations.load();
  CHECK(after - before == 0);
  CHECK(counter.events > 3);  // the engine did real work: steps completed, hints shown
  CHECK(engine.steps_done() >= 2);
  CHECK(sum == sum);
}
