// The `technique:` list in scenario.yaml: a valid band loads; each mistake is reported at its
// place in the file with what was expected.
#include <doctest/doctest.h>

#include <algorithm>
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
