// The `technique:` list in scenario.yaml: a valid band loads; each mistake is reported at its
// place in the file with what was expected.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "package_builder.hpp"

using namespace txr;
using namespace txr::scenario;

namespace {

const char* k_procedure =
    "procedure:\n"
    "  - {id: pull, instruction: t.i, done_when: lever.angle_deg > 45}\n";

struct Loaded : LoadResult {
  std::filesystem::path dir;
};

Loaded load(const std::string& name, const std::string& technique) {
  Loaded out;
  out.dir = test::write_package(name, std::string(test::k_test_scene) + k_procedure + technique);
  static_cast<LoadResult&>(out) = load_package(out.dir, {});
  return out;
}

// The finding whose message contains `needle`, as "line:column: message".
std::string finding(const LoadResult& r, const std::string& needle) {
  for (const auto& f : r.diagnostics.findings()) {
    if (f.message.find(needle) != std::string::npos) {
      return std::to_string(f.where.line) + ":" + std::to_string(f.where.column) + ": " + f.message;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("[scenario] a technique band loads with its subject, quantity, limits and step") {
  const auto r = load("technique-ok",
                      "technique:\n"
                      "  - {id: part_level, label: t.m, subject: part, quantity: angle_deg,\n"
                      "     axis: [1, 0, 0], reference: [0, 1, 0], min: 80, max: 100,\n"
                      "     during_step: pull}\n"
                      "  - {id: calm, label: t.m, subject: right_hand, quantity: speed_m_s,\n"
                      "     min: 0, max: 0.5}\n"
                      "  - {id: near, label: t.m, subject: left_hand, quantity: distance_m,\n"
                      "     to: fixture, offset_m: [0, 0.1, 0], min: 0, max: 0.4}\n");
  for (const auto& f : r.diagnostics.findings()) MESSAGE(f.to_string());
  REQUIRE(r.scenario.has_value());
  REQUIRE(r.scenario->technique.size() == 3);
  const auto& b = r.scenario->technique[0];
  CHECK(b.subject_object == r.scenario->find_object("part"));
  CHECK(b.quantity == TechniqueQuantity::angle_deg);
  CHECK(b.during_step == "pull");
  CHECK(r.scenario->technique[2].point_m[1] == doctest::Approx(0.1));
}

TEST_CASE("[scenario] technique band mistakes are reported at file:line:column") {
  const auto r =
      load("technique-bad",
           "technique:\n"
           "  - {id: a, label: t.m, subject: wrench, quantity: angle_deg,\n"
           "     axis: [1, 0, 0], reference: [0, 0, 0], min: 10, max: 5}\n"
           "  - {id: b, label: t.m, subject: part, quantity: speed_m_s, min: 0,\n"
           "     max: 1, axis: [1, 0, 0], during_step: tighten}\n"
           "  - {id: c, label: t.m, subject: part, quantity: distance_m, min: 0, max: 1}\n"
           "  - {id: d, label: t.m, subject: part, quantity: angle_deg, min: 0, max: 200,\n"
           "     axis: [1, 0, 0], reference: [0, 1, 0]}\n"
           "");
  CHECK_FALSE(r.scenario.has_value());
  // Where each mistake stands in the written file: "line:column" of the value.
  const std::string text = test::read_file(r.dir / "scenario.yaml");
  // `skip`: characters from the needle's start to the value it is about.
  const auto at = [&](const std::string& needle, std::size_t skip = 0) {
    const auto found = text.find(needle);
    REQUIRE(found != std::string::npos);
    const auto offset = found + skip;
    REQUIRE(offset != std::string::npos);
    const auto line_start = text.rfind('\n', offset) + 1;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    return std::to_string(line) + ":" + std::to_string(offset - line_start + 1) + ":";
  };
  const std::string subject = finding(r, "the subject of technique band 'a' is 'wrench'");
  CHECK(subject.find("use right_hand, left_hand or the id of a tool") != std::string::npos);
  CHECK(subject.starts_with(at("wrench, quantity")));
  CHECK(finding(r, "the reference has no direction").starts_with(at("reference: [0, 0, 0]", 11)));
  CHECK(finding(r, "max of technique band 'a' is below its min").starts_with(at("max: 5}", 5)));
  CHECK(finding(r, "'axis' is only for angle_deg").starts_with(at("[1, 0, 0], during_step")));
  CHECK(finding(r, "'during_step' of technique band 'b' is 'tighten'").starts_with(at("tighten}")));
  CHECK_FALSE(finding(r, "(distance_m) needs 'to'").empty());
  CHECK_FALSE(finding(r, "max").empty());
}

TEST_CASE("[scenario] a rubric metric naming an undeclared technique band is an error") {
  const auto dir = test::write_package(
      "technique-rubric",
      std::string(test::k_test_scene) + k_procedure +
          "technique:\n"
          "  - {id: part_level, label: t.m, subject: part, quantity: angle_deg,\n"
          "     axis: [1, 0, 0], reference: [0, 1, 0], min: 80, max: 100}\n");
  // Replace the builder's rubric with one that scores a misspelt band.
  auto text = test::read_file(dir / "scenario.yaml");
  const auto at = text.find("rubric:");
  REQUIRE(at != std::string::npos);
  text = text.substr(0, at) +
         "rubric:\n"
         "  criteria:\n"
         "    - {id: steps, kind: step_completion, title: t.title, points: 90}\n"
         "    - {id: tech, kind: metric, title: t.title, points: 10,\n"
         "       metric: technique.part_levl, full_at: 0.9, zero_at: 0.5}\n";
  std::ofstream(dir / "scenario.yaml") << text;
  const auto r = load_package(dir, {});
  CHECK_FALSE(r.scenario.has_value());
  const std::string f = finding(r, "metric 'technique.part_levl' names no band");
  CHECK(f.find("did you mean 'part_level'") != std::string::npos);
}

TEST_CASE(
    "[scenario] technique bands take named axes, a reference in an object's frame and one limit") {
  // A scene with a rotated fixture: its own x axis points along world -z after 90 deg about y.
  const std::string scene = std::string(test::k_test_scene) +
                            "    - id: rail\n"
                            "      model: models/box.gltf\n"
                            "      transform: {position_m: [1, 0, 0], rotation_deg: [0, 90, 0]}\n"
                            "      physics: {body: static, shape: box, size_m: [0.1, 0.1, 0.1]}\n";
  const auto dir = test::write_package(
      "technique-frames",
      scene + k_procedure +
          "technique:\n"
          "  - {id: along_rail, label: t.m, subject: part, quantity: angle_deg, axis: -y,\n"
          "     reference: x, reference_frame: rail, max: 10}\n"
          "  - {id: clear, label: t.m, subject: right_hand, quantity: distance_m, to: rail,\n"
          "     offset_m: [0.5, 0, 0], min: 0.3, while_holding: part}\n"
          "  - {id: slow, label: t.m, subject: part, quantity: speed_m_s, max: 0.4}\n");
  const auto r = load_package(dir, {});
  for (const auto& f : r.diagnostics.findings()) MESSAGE(f.to_string());
  REQUIRE(r.scenario.has_value());
  const auto& t = r.scenario->technique;
  REQUIRE(t.size() == 3);
  CHECK(t[0].axis[1] == doctest::Approx(-1.0));
  // The rail's x axis in the world: 90 degrees about y turns +x into -z.
  CHECK(t[0].reference[0] == doctest::Approx(0.0).epsilon(1e-9));
  CHECK(t[0].reference[2] == doctest::Approx(-1.0));
  CHECK(t[0].reference_frame == "rail");
  CHECK(t[0].min == 0.0);
  CHECK(t[0].max == 10.0);
  // The offset is in the rail's frame too: 0.5 m along its x is 0.5 m along world -z.
  CHECK(t[1].point_m[0] == doctest::Approx(1.0));
  CHECK(t[1].point_m[2] == doctest::Approx(-0.5));
  CHECK(t[1].min == 0.3);
  CHECK(std::isinf(t[1].max));
  CHECK(t[1].while_holding == "part");
  CHECK(t[1].while_holding_object == r.scenario->find_object("part"));
  CHECK(t[2].min == 0.0);
  CHECK(t[2].max == doctest::Approx(0.4));
}

TEST_CASE("[scenario] unknown axes, objects that cannot be held and missing limits are located") {
  const auto r =
      load("technique-bad-refs",
           "technique:\n"
           "  - {id: a, label: t.m, subject: part, quantity: angle_deg, axis: yy,\n"
           "     reference: [0, 1, 0], reference_frame: fixtur, max: 5}\n"
           "  - {id: b, label: t.m, subject: fixture, quantity: speed_m_s, max: 1}\n"
           "  - {id: c, label: t.m, subject: part, quantity: speed_m_s, max: 1,\n"
           "     while_holding: part}\n"
           "  - {id: d, label: t.m, subject: left_hand, quantity: distance_m, to: lever,\n"
           "     while_holding: button}\n"
           "  - {id: e, label: t.m, subject: right_hand, quantity: angle_deg, axis: z,\n"
           "     reference: up, min: 5}\n");
  CHECK_FALSE(r.scenario.has_value());
  const std::string text = test::read_file(r.dir / "scenario.yaml");
  const auto at = [&](const std::string& needle) {
    const auto offset = text.find(needle);
    REQUIRE(offset != std::string::npos);
    const auto line_start = text.rfind('\n', offset) + 1;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    return std::to_string(line) + ":" + std::to_string(offset - line_start + 1) + ":";
  };
  const std::string axis = finding(r, "unknown axis 'yy'");
  CHECK(axis.starts_with(at("yy,")));
  CHECK(axis.find("did you mean 'y'") != std::string::npos);
  const std::string frame = finding(r, "'reference_frame' of technique band 'a' is 'fixtur'");
  CHECK(frame.starts_with(at("fixtur,")));
  CHECK(frame.find("did you mean 'fixture'") != std::string::npos);
  CHECK(finding(r, "the subject of technique band 'b' is 'fixture', which has no grab")
            .starts_with(at("fixture, quantity: speed")));
  CHECK(finding(r, "'while_holding' is for a hand's band").starts_with(at("part}")));
  CHECK(finding(r, "'while_holding' of technique band 'd' is 'button', which has no grab")
            .starts_with(at("button}")));
  CHECK(finding(r, "technique band 'd' needs 'min', 'max' or both").starts_with(at("{id: d")));
  CHECK(finding(r, "unknown axis 'up'").starts_with(at("up,")));
}
