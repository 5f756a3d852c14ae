#pragma once
// Scenario: a loaded, validated scenario package (the contents of scenario.yaml and its locale
// files), with every condition compiled against the package's StateTable.
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "scenario/component_schema.hpp"
#include "scenario/condition.hpp"
#include "scenario/state_table.hpp"

namespace txr::scenario {

using Vec3 = std::array<double, 3>;

enum class TradeFamily { mechanical, electrical, precision };
enum class Mode { practice, assessment };
enum class Severity { warning, major, critical };
std::string_view to_string(TradeFamily trade);
std::string_view to_string(Severity severity);
std::string_view to_string(Mode mode);

struct Metadata {
  std::string id;
  std::string version;  // semver: 1.2.3
  TradeFamily trade = TradeFamily::mechanical;
  std::string title_key;
  std::string summary_key;
  double estimated_duration_min = 0.0;
  double time_limit_min = 0.0;
  double mastery_score = 0.0;  // out of 100
  std::string author;
  std::string licence;
  std::vector<std::string> languages;  // e.g. vi, en; the first is the default
};

// A model or texture reference. `asset:name` refers to <repo>/assets/models/name (shared
// assets); anything else is a path relative to the package folder.
struct FileRef {
  std::string written;  // as in scenario.yaml
  bool shared = false;
  std::filesystem::path resolved;
};

struct Transform {
  Vec3 position_m{0.0, 0.0, 0.0};
  Vec3 rotation_deg{0.0, 0.0, 0.0};  // X, Y, Z applied in that order
  double scale = 1.0;
};

enum class BodyType { fixed, dynamic };  // written `static` / `dynamic`
enum class ShapeType { box, sphere, cylinder, capsule, convex_hull };

struct Physics {
  BodyType body = BodyType::fixed;
  double mass_kg = 0.0;  // dynamic only
  ShapeType shape = ShapeType::box;
  Vec3 size_m{0.0, 0.0, 0.0};    // box
  double radius_m = 0.0;         // sphere, cylinder, capsule
  double height_m = 0.0;         // cylinder, capsule
  Vec3 offset_m{0.0, 0.0, 0.0};  // where the shape's centre sits from the object's origin
};

enum class InteractionType { grab, press, turn, slide, socket, tool_use };
std::string_view to_string(InteractionType type);

struct Socket {
  std::string id;
  Vec3 position_m{};  // in the owning object's frame
  Vec3 rotation_deg{};
  std::vector<std::string> accepts;  // object ids allowed to snap here
  double tolerance_mm = 0.0;
  double tolerance_deg = 0.0;
};

struct ToolTarget {
  std::string id;
  std::string object;  // object the target sits on
  Vec3 point_m{};      // in that object's frame
  Vec3 axis{0.0, 1.0, 0.0};
  double tolerance_mm = 0.0;
  double tolerance_deg = 0.0;
};

struct Interaction {
  InteractionType type = InteractionType::grab;
  bool two_handed = false;          // grab
  double travel_mm = 0.0;           // press
  Vec3 axis{0.0, 1.0, 0.0};         // turn, slide
  double min_deg = 0.0;             // turn
  double max_deg = 0.0;             // turn
  std::vector<double> detents_deg;  // turn
  double min_mm = 0.0;              // slide
  double max_mm = 0.0;              // slide
  std::vector<Socket> sockets;      // socket
  Vec3 working_point_m{};           // tool_use: the tool's working point in its own frame
  std::vector<ToolTarget> targets;  // tool_use
};

struct ParamValue {
  std::string name;
  ParamType type = ParamType::number;
  double number = 0.0;
  bool boolean = false;
  std::string text;
  bool written = false;        // false: the schema default
  core::SourceLocation where;  // the value in scenario.yaml (the component when not written)
};

struct Component {
  std::string type;
  std::vector<ParamValue> params;  // every schema parameter, in schema order
};

struct SceneObject {
  std::string id;
  core::SourceLocation where;  // its 'id' in scenario.yaml, for errors found when it is bound
  std::string label_key;       // optional
  FileRef model;
  std::optional<FileRef> texture;
  Transform transform;
  Physics physics;
  std::vector<Interaction> interactions;
  std::vector<Component> components;
};

struct Step {
  std::string id;
  std::string instruction_key;
  std::string hint_key;  // optional
  Condition done_when;
  std::optional<Condition> precondition;  // `requires:`
  std::vector<std::string> after;         // extra dependencies as written
  double time_budget_s = 0.0;             // 0: none
  bool optional = false;
  int group = -1;               // index into Scenario::groups
  std::vector<int> depends_on;  // steps that must be done before this one starts
  SlotId done_slot = 0, active_slot = 0, time_slot = 0;
};

struct StepGroup {
  std::string id;
  std::string title_key;  // optional
  std::vector<int> steps;
};

struct SafetyRule {
  std::string id;
  Condition when;
  Severity severity = Severity::warning;
  std::string message_key;
};

enum class CriterionKind { step_completion, order, time, safety, hints, metric };
enum class Scoring { fraction, linear, per_occurrence };
std::string_view to_string(CriterionKind kind);

struct Criterion {
  std::string id;
  CriterionKind kind = CriterionKind::step_completion;
  std::string title_key;
  double points = 0.0;
  Scoring scoring = Scoring::fraction;
  std::string metric;  // kind metric: the metric's name, supplied by assessment code
  // linear: full points at or better than full_at, none at or beyond zero_at (either order).
  double full_at = 0.0;
  double zero_at = 0.0;
  // per_occurrence: points lost per occurrence (safety: per severity).
  double deduct = 0.0;
  std::array<double, 3> deduct_by_severity{0.0, 0.0, 0.0};  // warning, major, critical
};

// A tool-technique band: how much of the applicable time a tracked thing (a hand, or the held
// tool) keeps a quantity within [min, max]. Scored as the metric `technique.<id>` (0..1).
enum class TechniqueQuantity { angle_deg, speed_m_s, distance_m };
std::string_view to_string(TechniqueQuantity quantity);
struct TechniqueBand {
  std::string id;
  std::string label_key;
  std::string subject;      // "right_hand", "left_hand", or the object id of a held tool
  int subject_object = -1;  // index in objects for a tool
  TechniqueQuantity quantity = TechniqueQuantity::angle_deg;
  Vec3 axis{1.0, 0.0, 0.0};  // angle_deg: the subject's own axis (unit length)
  // angle_deg: the world direction it is measured against (unit length; a reference written in
  // an object's frame is turned into the world by that object's start rotation when loading).
  Vec3 reference{0.0, 1.0, 0.0};
  std::string reference_frame;  // the object the reference was written in; empty: the world
  Vec3 point_m{0.0, 0.0, 0.0};  // distance_m: world point (the `to` object's start + offset)
  std::string to;               // distance_m: that object
  double min = 0.0;
  double max = 0.0;           // +infinity when a speed or distance band has no upper limit
  std::string during_step;    // empty: the whole attempt (for a tool: while it is held)
  std::string while_holding;  // a hand band: only while this object is held; empty: always
  int while_holding_object = -1;
};

struct Rubric {
  std::vector<Criterion> criteria;
  bool require_no_critical = true;
};

struct ModeSettings {
  bool hints = true;
  double hint_after_idle_s = 30.0;  // automatic hint after this long in a step (0: only on request)
  bool explain_mistakes = true;
  bool critical_ends_attempt = false;
};

// Trainee-facing text per language: key -> UTF-8 text.
class Strings {
 public:
  void set(const std::string& language, std::string key, std::string text);
  // The text, or the key itself in brackets when missing (the validator prevents that).
  std::string_view get(std::string_view language, std::string_view key) const;
  bool has(std::string_view language, std::string_view key) const;
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> by_lang_;
  mutable std::string missing_;
};

struct Scenario {
  std::filesystem::path dir;
  int format = 1;
  Metadata meta;
  std::vector<SceneObject> objects;
  std::vector<Step> steps;  // in procedure order (groups flattened)
  std::vector<StepGroup> groups;
  std::vector<SafetyRule> rules;
  std::vector<TechniqueBand> technique;
  Rubric rubric;
  ModeSettings practice;
  ModeSettings assessment;
  Strings strings;
  StateTable initial_state;  // every slot declared, all values 0 / false / ""
  SlotId elapsed_slot = 0;

  const ModeSettings& settings(Mode mode) const {
    return mode == Mode::practice ? practice : assessment;
  }
  int find_step(std::string_view id) const;
  int find_object(std::string_view id) const;
  std::size_t required_step_count() const;
};

}  // namespace txr::scenario
