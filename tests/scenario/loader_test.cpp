// The example package loads with every section's values exactly as written.
#include <doctest/doctest.h>

#include "package_builder.hpp"
#include "scenario/package_loader.hpp"
#include "test_support.hpp"

using namespace txr::scenario;

namespace {

const Scenario& feature_tour() {
  static const LoadResult result =
      load_package(txr::test::source_dir() / "scenarios" / "examples" / "feature-tour");
  REQUIRE_MESSAGE(
      result.scenario.has_value(),
      (result.diagnostics.findings().empty() ? std::string("?")
                                             : result.diagnostics.findings()[0].to_string()));
  return *result.scenario;
}

const SceneObject& object(const Scenario& s, std::string_view id) {
  const int i = s.find_object(id);
  REQUIRE(i >= 0);
  return s.objects[static_cast<std::size_t>(i)];
}

}  // namespace

TEST_CASE("[scenario] the feature tour is valid with no warnings") {
  const auto result =
      load_package(txr::test::source_dir() / "scenarios" / "examples" / "feature-tour");
  CHECK(result.diagnostics.findings().empty());
  CHECK(result.scenario.has_value());
}

TEST_CASE("[scenario] feature tour metadata and modes load as written") {
  const Scenario& s = feature_tour();
  CHECK(s.format == 1);
  CHECK(s.meta.id == "feature-tour");
  CHECK(s.meta.version == "1.0.0");
  CHECK(s.meta.trade == TradeFamily::mechanical);
  CHECK(s.meta.title_key == "meta.title");
  CHECK(s.meta.summary_key == "meta.summary");
  CHECK(s.meta.estimated_duration_min == 8.0);
  CHECK(s.meta.time_limit_min == 20.0);
  CHECK(s.meta.mastery_score == 70.0);
  CHECK(s.meta.author == "TradeXR examples");
  CHECK(s.meta.licence == "CC-BY-4.0");
  CHECK(s.meta.languages == std::vector<std::string>{"vi", "en"});
  CHECK(s.practice.hints);
  CHECK(s.practice.hint_after_idle_s == 45.0);
  CHECK(s.practice.explain_mistakes);
  CHECK(!s.practice.critical_ends_attempt);
  CHECK(!s.assessment.hints);
  CHECK(s.assessment.critical_ends_attempt);
  CHECK(s.strings.get("vi", "meta.title") == "Giới thiệu tính năng: bắt bu lông mặt bích nhỏ");
  CHECK(s.strings.get("en", "obj.wrench") == "Torque wrench");
  // A folded (>) block keeps its words, joined by spaces.
  CHECK(
      s.strings.get("en", "meta.summary").starts_with("Isolate the machine, open the guard, fit"));
}

TEST_CASE("[scenario] feature tour objects keep transforms, physics, interactions and components") {
  const Scenario& s = feature_tour();
  REQUIRE(s.objects.size() == 10);
  const auto& bench = object(s, "bench");
  CHECK(bench.label_key == "obj.bench");
  CHECK(bench.model.written == "models/bench.gltf");
  CHECK(!bench.model.shared);
  CHECK(bench.model.resolved.filename() == "bench.gltf");
  REQUIRE(bench.texture.has_value());
  CHECK(bench.texture->written == "textures/steel.png");
  CHECK(bench.physics.body == BodyType::fixed);
  CHECK(bench.physics.shape == ShapeType::box);
  CHECK(bench.physics.size_m == Vec3{1.2, 0.9, 0.6});

  const auto& bolt = object(s, "bolt_1");
  CHECK(bolt.transform.position_m == Vec3{0.3, 0.92, 0.1});
  CHECK(bolt.transform.rotation_deg == Vec3{90, 0, 0});
  CHECK(bolt.transform.scale == 1.0);
  CHECK(bolt.physics.body == BodyType::dynamic);
  CHECK(bolt.physics.mass_kg == 0.06);
  CHECK(bolt.physics.shape == ShapeType::cylinder);
  CHECK(bolt.physics.radius_m == 0.006);
  CHECK(bolt.physics.height_m == 0.06);
  REQUIRE(bolt.components.size() == 1);
  CHECK(bolt.components[0].type == "fastener");
  REQUIRE(bolt.components[0].params.size() == 3);
  CHECK(bolt.components[0].params[0].name == "diameter_mm");
  CHECK(bolt.components[0].params[0].number == 12.0);
  CHECK(bolt.components[0].params[1].number == 72.0);
  CHECK(bolt.components[0].params[2].written);
  const auto& bolt2 = object(s, "bolt_2");
  CHECK(bolt2.physics.shape == ShapeType::capsule);
  CHECK(!bolt2.components[0].params[2].written);  // nut_factor: schema default
  CHECK(bolt2.components[0].params[2].number == 0.2);

  const auto& flange = object(s, "flange");
  REQUIRE(flange.interactions.size() == 1);
  const auto& sockets = flange.interactions[0];
  CHECK(sockets.type == InteractionType::socket);
  REQUIRE(sockets.sockets.size() == 2);
  CHECK(sockets.sockets[0].id == "hole_1");
  CHECK(sockets.sockets[0].position_m == Vec3{0.07, 0.01, 0});
  CHECK(sockets.sockets[0].accepts == std::vector<std::string>{"bolt_1"});
  CHECK(sockets.sockets[0].tolerance_mm == 3.0);
  CHECK(sockets.sockets[0].tolerance_deg == 10.0);

  const auto& wrench = object(s, "wrench");
  CHECK(wrench.physics.shape == ShapeType::convex_hull);
  REQUIRE(wrench.interactions.size() == 2);
  CHECK(wrench.interactions[0].type == InteractionType::grab);
  CHECK(!wrench.interactions[0].two_handed);
  const auto& tool = wrench.interactions[1];
  CHECK(tool.type == InteractionType::tool_use);
  CHECK(tool.working_point_m == Vec3{0, 0.38, 0});
  REQUIRE(tool.targets.size() == 2);
  CHECK(tool.targets[0].id == "t_bolt_1");
  CHECK(tool.targets[0].object == "bolt_1");
  CHECK(tool.targets[0].tolerance_deg == 12.0);

  const auto& valve = object(s, "valve");
  CHECK(valve.physics.shape == ShapeType::sphere);
  CHECK(valve.interactions[0].type == InteractionType::turn);
  CHECK(valve.interactions[0].max_deg == 270.0);
  CHECK(valve.interactions[0].detents_deg == std::vector<double>{0, 90, 180, 270});
  const auto& guard = object(s, "guard");
  CHECK(guard.interactions[0].type == InteractionType::slide);
  CHECK(guard.interactions[0].axis == Vec3{1, 0, 0});
  CHECK(guard.interactions[0].max_mm == 300.0);
  CHECK(object(s, "stop_button").interactions[0].travel_mm == 4.0);
}

TEST_CASE("[scenario] feature tour exports typed state for interactions and components") {
  const Scenario& s = feature_tour();
  const StateTable& t = s.initial_state;
  auto type_of = [&](std::string_view name) {
    auto slot = t.find(name);
    REQUIRE_MESSAGE(slot.has_value(), name);
    return t.type(*slot);
  };
  CHECK(type_of("bolt_1.grabbed") == ValueType::boolean);
  CHECK(type_of("bolt_1.in_socket") == ValueType::text);
  CHECK(type_of("bolt_1.pos_y_m") == ValueType::number);
  CHECK(type_of("bolt_1.torque_nm") == ValueType::number);
  CHECK(type_of("hole_1.occupant") == ValueType::text);
  CHECK(type_of("wrench.engaged_target") == ValueType::text);
  CHECK(type_of("valve.angle_deg") == ValueType::number);
  CHECK(type_of("valve.detent") == ValueType::number);
  CHECK(type_of("guard.position_mm") == ValueType::number);
  CHECK(type_of("stop_button.pressed") == ValueType::boolean);
  CHECK(type_of("main_switch.locked") == ValueType::boolean);
  CHECK(type_of("caliper.jaw") == ValueType::text);
  CHECK(type_of("step.isolate.done") == ValueType::boolean);
  CHECK(type_of("attempt.elapsed_s") == ValueType::number);
  CHECK(!t.find("bench.grabbed"));  // the bench has no grab interaction
}

TEST_CASE("[scenario] feature tour procedure, safety rules and rubric load as written") {
  const Scenario& s = feature_tour();
  REQUIRE(s.steps.size() == 10);
  CHECK(s.steps[0].id == "isolate");
  CHECK(s.steps[0].instruction_key == "step.isolate.instruction");
  CHECK(s.steps[0].hint_key == "step.isolate.hint");
  CHECK(s.steps[0].time_budget_s == 90.0);
  CHECK(s.steps[0].depends_on.empty());
  CHECK(s.steps[1].precondition.has_value());
  CHECK(s.steps[1].depends_on == std::vector<int>{0});
  REQUIRE(s.groups.size() == 2);
  CHECK(s.groups[0].id == "place_bolts");
  CHECK(s.groups[0].title_key == "group.place_bolts.title");
  CHECK(s.groups[0].steps == std::vector<int>{2, 3});
  CHECK(s.steps[2].depends_on == std::vector<int>{1});
  CHECK(s.steps[3].depends_on == std::vector<int>{1});  // any order within the group
  CHECK(s.steps[5].id == "tighten_2");
  CHECK(s.steps[5].after == std::vector<std::string>{});
  CHECK(s.steps[5].depends_on == std::vector<int>{2, 3, 4});  // group before + after: [tighten_1]
  const Step& measure = s.steps[6];
  CHECK(measure.optional);
  CHECK(measure.done_when.text().find("caliper.reading_mm within 11.9..12.1") != std::string::npos);
  // close_guard waits for the tighten group (not for the optional measure step).
  CHECK(s.steps[7].depends_on == std::vector<int>{4, 5});
  CHECK(s.required_step_count() == 9);

  REQUIRE(s.rules.size() == 4);
  CHECK(s.rules[0].id == "over_torque");
  CHECK(s.rules[0].severity == Severity::major);
  CHECK(s.rules[0].message_key == "rule.over_torque.message");
  CHECK(s.rules[1].severity == Severity::critical);
  CHECK(s.rules[3].severity == Severity::warning);

  CHECK(s.rubric.require_no_critical);
  REQUIRE(s.rubric.criteria.size() == 6);
  CHECK(s.rubric.criteria[0].kind == CriterionKind::step_completion);
  CHECK(s.rubric.criteria[0].scoring == Scoring::fraction);
  CHECK(s.rubric.criteria[0].points == 40.0);
  CHECK(s.rubric.criteria[1].kind == CriterionKind::order);
  CHECK(s.rubric.criteria[1].deduct == 5.0);
  CHECK(s.rubric.criteria[2].kind == CriterionKind::time);
  CHECK(s.rubric.criteria[2].full_at == 480.0);
  CHECK(s.rubric.criteria[2].zero_at == 1200.0);
  CHECK(s.rubric.criteria[3].deduct_by_severity == std::array<double, 3>{2, 10, 20});
  CHECK(s.rubric.criteria[4].kind == CriterionKind::hints);
  CHECK(s.rubric.criteria[5].kind == CriterionKind::metric);
  CHECK(s.rubric.criteria[5].metric == "torque_error_pct");
  CHECK(s.rubric.criteria[5].scoring == Scoring::linear);
  CHECK(s.rubric.criteria[5].title_key == "rubric.torque_accuracy");
}

TEST_CASE("[scenario] asset: models resolve under the nearest assets/models folder") {
  const auto dir = txr::test::write_package(
      "shared-asset",
      "scene:\n  objects:\n    - id: bolt\n      model: asset:bolt.gltf\n"
      "      physics: {body: static, shape: convex_hull}\n"
      "procedure:\n  - {id: a, instruction: t.i, done_when: bolt.touched}\n");
  // write_package puts the package in <scratch>/shared-asset/; the repo-like root is <scratch>,
  // the nearest folder above the package with assets/models.
  const auto assets = dir.parent_path() / "assets" / "models";
  std::filesystem::create_directories(assets);
  auto absent = load_package(dir);
  CHECK(absent.diagnostics.findings()[0].to_string() ==
        "scenario.yaml:16:14: error: shared model 'bolt.gltf' does not exist in assets/models");
  std::ofstream(assets / "bolt.gltf") << "{}";
  auto ok = load_package(dir);
  REQUIRE(ok.scenario.has_value());
  CHECK(ok.scenario->objects[0].model.shared);
  CHECK(ok.scenario->objects[0].model.resolved == assets / "bolt.gltf");
}

TEST_CASE("[scenario] the JSON report carries the same findings") {
  const auto dir =
      txr::test::source_dir() / "tests" / "scenario" / "fixtures" / "bad" / "negative_mass";
  const auto result = load_package(dir);
  const std::string json = findings_json(result, "pkg");
  CHECK(json.find("\"ok\": false") != std::string::npos);
  CHECK(json.find("\"line\": 18") != std::string::npos);
  CHECK(json.find("\"column\": 42") != std::string::npos);
  CHECK(json.find("must be more than 0 (it is -2)") != std::string::npos);
}

TEST_CASE("[scenario] a trade model's registered component type is accepted with its states") {
  ComponentRegistry registry = builtin_components();
  ComponentSchema schema;
  schema.type = "gasket";
  ParamSpec thickness;
  thickness.name = "thickness_mm";
  thickness.required = true;
  thickness.min = 0.1;
  thickness.max = 10.0;
  schema.params.push_back(thickness);
  schema.exports.push_back({"gap_mm", ValueType::number, {}, "flange gap"});
  schema.exports.push_back({"state", ValueType::text, {"new", "crushed"}, "condition"});
  REQUIRE(registry.add(schema));
  CHECK(!registry.add(schema));  // the same type twice
  const auto dir = txr::test::write_package(
      "gasket",
      "scene:\n  objects:\n    - id: seal\n      model: models/box.gltf\n"
      "      physics: {body: static, shape: convex_hull}\n"
      "      components: [{type: gasket, thickness_mm: 2}]\n"
      "procedure:\n  - {id: a, instruction: t.i, done_when: seal.gap_mm < 0.1 and seal.state == "
      "\"new\"}\n");
  LoadOptions options;
  options.components = &registry;
  const auto ok = load_package(dir, options);
  REQUIRE(ok.scenario.has_value());
  CHECK(ok.scenario->initial_state.find("seal.gap_mm").has_value());
  CHECK(ok.scenario->objects[0].components[0].params[0].number == 2.0);
  // Without the registration the type is unknown.
  const auto unknown = load_package(dir);
  REQUIRE(!unknown.scenario);
  CHECK(unknown.diagnostics.findings()[0].message == "unknown component type 'gasket'");
}
