#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/hash.hpp"
#include "sim/electrical/reference_panel.hpp"
#include "sim/mechanical/bolted_joint.hpp"
#include "sim/mechanical/torque_wrench.hpp"
#include "sim/precision/instrument.hpp"
#include "sim/precision/measurement_record.hpp"
#include "sim/state_index.hpp"

using namespace txr::sim;

namespace {
const StateField& field(std::span<const StateField> fields, std::string_view name) {
  const StateField* f = find_field(fields, name);
  REQUIRE_MESSAGE(f != nullptr, "missing field " << name);
  return *f;
}
}  // namespace

TEST_CASE("[sim] exported state fields are typed and follow the live model") {
  electrical::Circuit c;
  electrical::ReferencePanel p = electrical::build_reference_panel(c, 2);
  const StateField& lit = field(c.state(p.lamps[0]), "lit");
  const StateField& q0 = field(c.state(p.isolator), "state");
  const StateField& mode = field(p.meter->state(), "mode");
  CHECK(lit.kind == FieldKind::boolean);
  CHECK(q0.kind == FieldKind::text);
  c.solve();
  CHECK_FALSE(lit.boolean());
  CHECK(q0.text() == "open");
  REQUIRE(c.set_closed(p.isolator, true));
  c.solve();
  CHECK(lit.boolean());  // the same field object now reads the new value
  CHECK(lit.number() == 1.0);
  CHECK(q0.text() == "closed");
  CHECK(mode.text() == "v_ac");
  CHECK(field(p.meter->state(), "reading").number() == doctest::Approx(230.0).epsilon(0.01));
  CHECK(field(c.state(p.breakers[0]), "state").text() == "closed");

  mechanical::TorqueWrench w("TW", mechanical::WrenchSpec{}, 1);
  mechanical::BoltedJoint j("F1", mechanical::JointSpec{});
  const StateField& torque = field(w.state(), "torque_nm");
  REQUIRE(w.set_torque_nm(50.0));
  w.update(0.1, 20.0);
  CHECK(torque.number() == 20.0);
  j.tighten(0, 100.0);
  CHECK(field(j.bolt(0).state(), "preload_kn").number() ==
        doctest::Approx(100.0 / (0.2 * 0.016) * 1e-3));
  CHECK(field(j.bolt(0).state(), "yielded").kind == FieldKind::boolean);
  CHECK(field(j.state(), "gap_spread_mm").number() > 0.0);

  precision::Instrument cal("CAL", precision::Instrument::vernier_caliper());
  cal.measure_size(12.34, {});
  CHECK(field(cal.state(), "reading").number() == doctest::Approx(12.34));
  CHECK(field(cal.state(), "vernier_line").number() == 17.0);
  precision::MeasurementRecord rec("REC", *precision::iso286_zone(12.0, "h7"));
  CHECK(field(rec.state(), "judgement").text() == "none");
  CHECK(field(rec.state(), "judgement").number() == 0.0);  // text reads as 0
  CHECK(to_string(FieldKind::text) == "text");
}

TEST_CASE("[sim] every event kind has a distinct name") {
  std::set<std::string> names;
  for (int k = 0; k <= static_cast<int>(EventKind::circuit_fault); ++k) {
    names.insert(std::string(to_string(static_cast<EventKind>(k))));
  }
  CHECK(names.size() == static_cast<std::size_t>(EventKind::circuit_fault) + 1);
  CHECK(names.count("?") == 0);
}

TEST_CASE("[sim] state index binds object.field paths across models") {
  electrical::Circuit c;
  electrical::ReferencePanel p = electrical::build_reference_panel(c, 2);
  mechanical::BoltedJoint j("F1", mechanical::JointSpec{});
  StateIndex index;
  c.register_state(index);
  index.add("F1", j.state());
  for (std::size_t i = 0; i < j.bolt_count(); ++i) index.add(j.bolt(i).id(), j.bolt(i).state());
  const StateField* q0 = index.find("Q0.state");
  const StateField* spread = index.find("F1.gap_spread_mm");
  const StateField* bolt3 = index.find("F1.bolt3.preload_kn");
  const StateField* meter = index.find("DMM.display");
  REQUIRE(q0 != nullptr);
  REQUIRE(spread != nullptr);
  REQUIRE(bolt3 != nullptr);
  REQUIRE(meter != nullptr);
  CHECK(index.find("Q0.nope") == nullptr);
  CHECK(index.find("Q9.state") == nullptr);
  CHECK(index.find("Q0") == nullptr);
  REQUIRE(c.apply_lock(p.isolator, "anna"));
  CHECK(q0->text() == "locked");
  j.tighten(2, 120.0);
  CHECK(bolt3->number() > 0.0);
  CHECK(spread->number() > 0.0);
}

TEST_CASE("[sim] bad parameters give clear errors instead of NaN") {
  electrical::Circuit c;
  c.add_dc_source("V", "A", "PE", 12.0);
  c.add_resistor("R0", "A", "PE", -5.0);
  c.add_lamp("H0", "A", "PE", 0.0, 60.0);
  electrical::MotorRating m;
  m.power_factor = 1.5;
  c.add_motor("M0", "A", "PE", m);
  c.add_fuse("F0", "A", "B", electrical::FuseRating{0.0, 0.0, 1.45});
  c.add_resistor("R1", "A", "PE", 100.0);
  c.add_resistor("R1", "A", "PE", 200.0);  // duplicate id
  REQUIRE(c.setup_errors().size() == 5);
  CHECK(c.setup_errors()[0].message.find("R0") != std::string::npos);
  CHECK(c.setup_errors()[0].message.find("resistance") != std::string::npos);
  CHECK(c.setup_errors()[4].message.find("duplicate") != std::string::npos);
  const auto& r = c.solve();
  CHECK(r.ok);
  // Only the valid 100 Ω resistor conducts.
  CHECK(c.element(*c.find("V")).current_a == doctest::Approx(12.0 / 100.0));
  CHECK(c.element(*c.find("M0")).current_a == 0.0);

  mechanical::JointSpec js;
  js.spread = {0.4, 0.3, 0.0, 0.0};
  CHECK_FALSE(mechanical::validate(js));
  CHECK(mechanical::validate(mechanical::JointSpec{}));
  mechanical::BoltSpec bs;
  bs.nut_factor = 0.0;
  CHECK_FALSE(mechanical::validate(bs));
  CHECK_FALSE(mechanical::validate(mechanical::WrenchSpec{100, 20, 0.04, 0.08, 0.5}));
  precision::InstrumentSpec is = precision::Instrument::vernier_caliper();
  CHECK(precision::validate(is));
  is.resolution_mm = 0.0;
  CHECK_FALSE(precision::validate(is));
  precision::ProcessSpec ps;
  ps.sd_mm = -1.0;
  CHECK_FALSE(precision::validate(ps));
}

namespace {
// Runs a short mixed session and hashes every exported field and event after each step.
std::uint64_t session_hash() {
  struct HashSink final : EventSink {
    txr::core::StableHasher h;
    void on_event(const SimEvent& e) override {
      h.add(e.time_s).add(static_cast<std::uint64_t>(e.kind)).add(e.source).add(e.value);
    }
  } sink;
  EventChannel ch(&sink);
  electrical::Circuit c;
  c.set_events(&ch);
  electrical::ReferencePanel p = electrical::build_reference_panel(c, 3);
  mechanical::TorqueWrench w("TW", mechanical::WrenchSpec{}, 99, &ch);
  mechanical::BoltedJoint j("F1", mechanical::JointSpec{}, &ch);
  precision::TurnedShaft part("P", *precision::iso286_zone(25.0, "g6"), 80.0,
                              precision::ProcessSpec{}, 1234);
  precision::Instrument cal("CAL", precision::Instrument::vernier_caliper(), 0.02);
  REQUIRE(w.set_torque_nm(80.0));
  REQUIRE(c.set_closed(p.isolator, true));
  double handle = 0.0;
  for (int i = 0; i < 480; ++i) {
    ch.set_time_s(i / 240.0);
    if (i == 100) REQUIRE(c.set_closed(p.start_button, true));
    c.update(1.0 / 240.0);
    handle = w.clicked() ? 0.0 : handle + 0.6;
    j.tighten(static_cast<std::size_t>(i / 60) % j.bolt_count(), w.update(1.0 / 240.0, handle));
    precision::MeasureAction a;
    a.axial_mm = i % 80;
    a.tilt_rad = 0.001 * (i % 5);
    cal.measure(part, a);
    for (electrical::ElementId e = 0; e < c.element_count(); ++e) {
      for (const StateField& f : c.state(e)) sink.h.add(f.number()).add(f.text());
    }
    for (const StateField& f : j.state()) sink.h.add(f.number());
    for (const StateField& f : cal.state()) sink.h.add(f.number());
  }
  return sink.h.value();
}
}  // namespace

TEST_CASE("[sim] two runs of the same session give identical state and events") {
  const std::uint64_t a = session_hash();
  const std::uint64_t b = session_hash();
  CHECK(a == b);
}
