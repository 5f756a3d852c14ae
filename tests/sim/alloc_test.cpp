// Counts heap allocations through a replaced global operator new: a warm simulation step of the
// trade models must not allocate (the per-step budget has no room for the allocator).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "sim/electrical/reference_panel.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "sim/mechanical/torque_wrench.hpp"
#include "sim/precision/instrument.hpp"

namespace {
std::atomic<std::size_t> g_allocations{0};
}

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace txr::sim;
using namespace txr::sim::electrical;

namespace {
// Counts events without storing them.
struct CountingSink final : EventSink {
  std::size_t n = 0;
  void on_event(const SimEvent&) override { ++n; }
};
}  // namespace

TEST_CASE("[sim] a warm circuit solve and step of the 100-node panel do not allocate") {
  CountingSink sink;
  EventChannel ch(&sink);
  Circuit c;
  c.set_events(&ch);
  ReferencePanel p = build_reference_panel(c, 10);
  CHECK(c.terminal_count() >= 95);
  CHECK(c.setup_errors().empty());
  REQUIRE(c.set_closed(p.isolator, true));
  REQUIRE(c.set_closed(p.start_button, true));
  for (int i = 0; i < 10; ++i) c.update(1.0 / 240.0);
  CHECK(c.element(p.contactor).energised);
  CHECK(c.element(p.lamps[0]).lit);
  CHECK(p.meter->reading() > 200.0);

  const std::size_t before = g_allocations.load();
  for (int i = 0; i < 100; ++i) c.update(1.0 / 240.0);
  CHECK(g_allocations.load() == before);
  // Operating a switch changes the topology but not the structure: still no allocation.
  REQUIRE(c.set_closed(p.switches[3], false));
  for (int i = 0; i < 5; ++i) c.update(1.0 / 240.0);
  REQUIRE(c.set_closed(p.switches[3], true));
  c.solve();
  CHECK(g_allocations.load() == before);
  CHECK(c.report().ok);
  // Reading exported state does not allocate either.
  double sum = 0.0;
  for (const StateField& f : c.state(p.lamps[0])) sum += f.number();
  for (const StateField& f : p.meter->state()) sum += f.number();
  CHECK(sum > 0.0);
  CHECK(g_allocations.load() == before);
}

TEST_CASE("[sim] stepping the wrench, joint and instruments does not allocate") {
  mechanical::TorqueWrench w("TW", mechanical::WrenchSpec{}, 5);
  mechanical::BoltedJoint j("F1", mechanical::JointSpec{});
  precision::Instrument mic("MIC", precision::Instrument::outside_micrometer());
  precision::TurnedShaft part("P", *precision::iso286_zone(25.0, "h7"), 100.0, 24.99);
  REQUIRE(w.set_torque_nm(90.0));
  const std::size_t before = g_allocations.load();
  double handle = 0.0;
  for (int i = 0; i < 240; ++i) {
    handle += 0.5;
    j.tighten(static_cast<std::size_t>(i) % j.bolt_count(), w.update(1.0 / 240.0, handle));
    precision::MeasureAction a;
    a.axial_mm = i * 0.4;
    mic.measure(part, a);
  }
  CHECK(g_allocations.load() == before);
  CHECK(j.gap_spread_mm() >= 0.0);
}
