// `physics.offset_m` in scenario.yaml: the collider sits off the object's origin (a part modelled
// from one end), so the object rests on the collider, not on its origin.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scenario/package_loader.hpp"
#include "session/session.hpp"
#include "test_support.hpp"

using namespace txr;

namespace {

// The pick-place fixture with `physics_line` replaced for the loose part.
std::filesystem::path package_with(const std::string& name, const std::string& physics_line) {
  const auto source = test::source_dir() / "tests/session/fixtures/pick-place";
  const auto dir = test::scratch_dir(name) / "pick-place";
  std::filesystem::create_directories(dir.parent_path());
  std::filesystem::copy(source, dir, std::filesystem::copy_options::recursive);
  auto text = test::read_file(dir / "scenario.yaml");
  const std::string from =
      "physics: { body: dynamic, mass_kg: 0.2, shape: box, size_m: [0.05, 0.05, 0.05] }";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), physics_line);
  std::ofstream(dir / "scenario.yaml", std::ios::binary) << text;
  return dir;
}

scenario::LoadResult load(const std::filesystem::path& dir) {
  scenario::LoadOptions options;
  options.components = &session::trade_components();
  options.shared_assets_dir = test::source_dir() / "assets/models";
  return scenario::load_package(dir, options);
}

// Where the part's origin comes to rest after 2 s with nobody touching anything.
float resting_height(const scenario::Scenario& sc) {
  auto session = session::Session::create(sc, {});
  REQUIRE(session.has_value());
  for (std::uint64_t i = 1; i <= 180; ++i) {
    core::InputFrame f;
    f.frame_index = i;
    f.time_s = static_cast<double>(i) / 90.0;
    (*session)->update(f);
  }
  return (*session)->scene().world->body_pose("part")->position_m[1];
}

}  // namespace

TEST_CASE("[session] a collider offset in scenario.yaml moves where the object rests") {
  const std::string plain =
      "physics: { body: dynamic, mass_kg: 0.2, shape: box, size_m: [0.05, 0.05, 0.05] }";
  const auto base = load(package_with("offset-none", plain));
  REQUIRE(base.scenario.has_value());
  const auto lifted = load(package_with("offset-up",
                                        "physics: { body: dynamic, mass_kg: 0.2, shape: box, "
                                        "size_m: [0.05, 0.05, 0.05], offset_m: [0, 0.1, 0] }"));
  REQUIRE(lifted.scenario.has_value());
  CHECK(lifted.scenario->objects[1].physics.offset_m[1] == doctest::Approx(0.1));
  const float y_plain = resting_height(*base.scenario);
  const float y_lifted = resting_height(*lifted.scenario);
  // The box rests on the bench either way; with its collider 10 cm above the origin, the origin
  // ends 10 cm lower.
  CHECK(y_plain - y_lifted == doctest::Approx(0.1f).epsilon(0.05));
}

TEST_CASE("[session] offset_m on a convex hull is an error at its place in the file") {
  const auto dir = package_with(
      "offset-hull",
      "physics: { body: dynamic, mass_kg: 0.2, shape: convex_hull, offset_m: [0, 1, 0] }");
  const auto result = load(dir);
  REQUIRE_FALSE(result.scenario.has_value());
  bool found = false;
  for (const auto& f : result.diagnostics.findings()) {
    if (f.message.find("'offset_m' does not apply to shape convex_hull") != std::string::npos) {
      found = f.where.file == "scenario.yaml" && f.where.line > 0 && f.where.column > 0;
    }
  }
  CHECK(found);
}

TEST_CASE("[session] a break reminder comes after the set session time and again each interval") {
  const auto dir = package_with(
      "break-reminder",
      "physics: { body: dynamic, mass_kg: 0.2, shape: box, size_m: [0.05, 0.05, 0.05] }");
  const auto loaded = load(dir);
  REQUIRE(loaded.scenario.has_value());
  for (const double every_s : {2.0, 0.0}) {
    session::SessionOptions options;
    options.break_reminder_s = every_s;
    auto session = session::Session::create(*loaded.scenario, options);
    REQUIRE(session.has_value());
    std::vector<double> at;
    (*session)->set_event_callback([&](const session::SessionEvent& e) {
      if (e.type == "break_reminder") at.push_back(e.time_s);
    });
    bool shown_at_3s = false;
    for (std::uint64_t i = 1; i <= 5 * 90; ++i) {
      core::InputFrame f;
      f.frame_index = i;
      f.time_s = static_cast<double>(i) / 90.0;
      (*session)->update(f);
      if (i == 3 * 90) shown_at_3s = (*session)->break_reminder_showing();
    }
    if (every_s > 0.0) {
      REQUIRE(at.size() == 2);
      CHECK(at[0] == doctest::Approx(2.0).epsilon(0.01));
      CHECK(at[1] == doctest::Approx(4.0).epsilon(0.01));
      CHECK(shown_at_3s);
    } else {
      CHECK(at.empty());
      CHECK_FALSE(shown_at_3s);
    }
  }
}
