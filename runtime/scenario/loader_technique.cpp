// The scenario's `technique:` list: tool-technique bands (docs/scenario-format.md, §5.1).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {
namespace {

double length(const Vec3& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

Vec3 unit(const Vec3& v) {
  const double n = length(v);
  return {v[0] / n, v[1] / n, v[2] / n};
}

// v turned by an object's rotation_deg: about X first, then Y, then Z (as the scene is built).
Vec3 rotate_xyz(const Vec3& rotation_deg, const Vec3& v) {
  constexpr double k_rad = std::numbers::pi / 180.0;
  const double cx = std::cos(rotation_deg[0] * k_rad), sx = std::sin(rotation_deg[0] * k_rad);
  const double cy = std::cos(rotation_deg[1] * k_rad), sy = std::sin(rotation_deg[1] * k_rad);
  const double cz = std::cos(rotation_deg[2] * k_rad), sz = std::sin(rotation_deg[2] * k_rad);
  const Vec3 a{v[0], cx * v[1] - sx * v[2], sx * v[1] + cx * v[2]};
  const Vec3 b{cy * a[0] + sy * a[2], a[1], -sy * a[0] + cy * a[2]};
  return {cz * b[0] - sz * b[1], sz * b[0] + cz * b[1], b[2]};
}

// Directions an instructor can name instead of writing a vector.
constexpr std::array<std::pair<std::string_view, Vec3>, 6> k_named_axes{{
    {"x", {1.0, 0.0, 0.0}},
    {"y", {0.0, 1.0, 0.0}},
    {"z", {0.0, 0.0, 1.0}},
    {"-x", {-1.0, 0.0, 0.0}},
    {"-y", {0.0, -1.0, 0.0}},
    {"-z", {0.0, 0.0, -1.0}},
}};

// `key` as a named axis (x, -y, ...) or three numbers; a unit vector, or none after an error.
std::optional<Vec3> direction(YamlReader& r, const YAML::Node& band, const char* key,
                              const std::string& what) {
  const YAML::Node n = band[key];
  if (!n) return std::nullopt;
  if (n.IsScalar()) {
    for (const auto& [name, v] : k_named_axes) {
      if (n.Scalar() == name) return v;
    }
    std::vector<std::string_view> names;
    for (const auto& named : k_named_axes) names.push_back(named.first);
    r.error(n, "unknown axis '" + n.Scalar() + "' for '" + key + "' of " + what +
                   ": use x, y, z, -x, -y, -z or three numbers [x, y, z]" +
                   core::did_you_mean(n.Scalar(), names));
    return std::nullopt;
  }
  const auto v = r.vec3(band, key, {-1e3, 1e3}, what);
  if (!v) return std::nullopt;
  if (length(*v) < 1e-6) {
    r.error(n, std::string("the ") + key + " has no direction");
    return std::nullopt;
  }
  return unit(*v);
}

// The object `node` names, or -1 after an error. `role` says what it is for in messages;
// `held`: the trainee must be able to pick it up (it has a grab interaction).
int object_ref(YamlReader& r, const Scenario& s, const YAML::Node& node, const std::string& role,
               bool held) {
  const std::string name = node.IsScalar() ? node.Scalar() : std::string();
  const int index = s.find_object(name);
  if (index < 0) {
    std::vector<std::string_view> ids;
    for (const auto& o : s.objects) ids.push_back(o.id);
    r.error(node,
            role + " is '" + name + "', which is not an object" + core::did_you_mean(name, ids));
    return -1;
  }
  if (held) {
    const auto& obj = s.objects[static_cast<std::size_t>(index)];
    const bool grab =
        std::any_of(obj.interactions.begin(), obj.interactions.end(),
                    [](const Interaction& i) { return i.type == InteractionType::grab; });
    if (!grab) {
      r.error(node, role + " is '" + name +
                        "', which has no grab interaction: the trainee can never hold it, so the "
                        "band would never apply");
      return -1;
    }
  }
  return index;
}

}  // namespace

void PackageLoader::read_technique(const YAML::Node& node) {
  if (!r_.check_list(node, "'technique'")) return;
  for (const auto& bn : node) {
    const bool named = bn.IsMap() && bn["id"] && bn["id"].IsScalar();
    const std::string what =
        named ? "technique band '" + bn["id"].Scalar() + "'" : std::string("a technique band");
    if (!r_.check_map(bn, what,
                      {"id", "label", "subject", "quantity", "axis", "reference", "reference_frame",
                       "to", "offset_m", "min", "max", "during_step", "while_holding"},
                      {"id", "label", "subject", "quantity"})) {
      continue;
    }
    TechniqueBand b;
    auto id = r_.id(bn, "id", what);
    if (!id) continue;
    for (const auto& other : s_.technique) {
      if (other.id == *id) r_.error(bn["id"], "there is already a technique band '" + *id + "'");
    }
    b.id = *id;
    b.label_key = text_key(bn, "label", what, true).value_or("");
    const YAML::Node subject = bn["subject"];
    b.subject = subject.IsScalar() ? subject.Scalar() : std::string();
    const bool hand = b.subject == "right_hand" || b.subject == "left_hand";
    if (!hand) {
      b.subject_object = s_.find_object(b.subject);
      if (b.subject_object < 0) {
        std::vector<std::string_view> names{"right_hand", "left_hand"};
        for (const auto& o : s_.objects) names.push_back(o.id);
        r_.error(subject, "the subject of " + what + " is '" + b.subject +
                              "': use right_hand, left_hand or the id of a tool the trainee holds" +
                              core::did_you_mean(b.subject, names));
      } else {
        b.subject_object = object_ref(r_, s_, subject, "the subject of " + what, true);
      }
    }
    const auto quantity = r_.choice(bn, "quantity", {"angle_deg", "speed_m_s", "distance_m"}, what);
    if (!quantity) continue;
    b.quantity = *quantity == "angle_deg"   ? TechniqueQuantity::angle_deg
                 : *quantity == "speed_m_s" ? TechniqueQuantity::speed_m_s
                                            : TechniqueQuantity::distance_m;
    const bool angle = b.quantity == TechniqueQuantity::angle_deg;
    const bool distance = b.quantity == TechniqueQuantity::distance_m;
    for (const char* key : {"axis", "reference", "reference_frame"}) {
      if (bn[key] && !angle) r_.error(bn[key], std::string("'") + key + "' is only for angle_deg");
    }
    for (const char* key : {"to", "offset_m"}) {
      if (bn[key] && !distance)
        r_.error(bn[key], std::string("'") + key + "' is only for distance_m");
    }
    if (angle) {
      if (!bn["axis"] || !bn["reference"]) {
        r_.error(bn, what +
                         " (angle_deg) needs 'axis' (the subject's own axis) and 'reference' "
                         "(the direction it is measured against)");
      }
      b.axis = direction(r_, bn, "axis", what).value_or(b.axis);
      b.reference = direction(r_, bn, "reference", what).value_or(b.reference);
      if (const YAML::Node frame = bn["reference_frame"]) {
        // A reference written in an object's own axes ("perpendicular to the bolt"): turned
        // into the world once, by the object's start rotation.
        const int index = object_ref(r_, s_, frame, "'reference_frame' of " + what, false);
        if (index >= 0) {
          b.reference_frame = frame.Scalar();
          b.reference = rotate_xyz(
              s_.objects[static_cast<std::size_t>(index)].transform.rotation_deg, b.reference);
        }
      }
    }
    if (distance) {
      if (!bn["to"]) r_.error(bn, what + " (distance_m) needs 'to' (an object)");
      if (const YAML::Node to = bn["to"]) {
        const int index = object_ref(r_, s_, to, "'to' of " + what, false);
        const auto offset = r_.vec3(bn, "offset_m", {-100.0, 100.0}, what).value_or(Vec3{});
        if (index >= 0) {
          // The offset is in the object's own frame, like every point on an object.
          const auto& t = s_.objects[static_cast<std::size_t>(index)].transform;
          const Vec3 turned = rotate_xyz(t.rotation_deg, offset);
          b.to = to.Scalar();
          for (std::size_t i = 0; i < 3; ++i) b.point_m[i] = t.position_m[i] + turned[i];
        }
      }
    }
    // Either limit may be left out: a speed or distance band with only `max` ("slower than"),
    // only `min` ("at least this far from the live terminal").
    if (!bn["min"] && !bn["max"]) r_.error(bn, what + " needs 'min', 'max' or both");
    const NumberRange range = angle ? NumberRange{0.0, 180.0} : NumberRange{0.0, 1000.0};
    const auto lo = r_.number(bn, "min", range, what);
    const auto hi = r_.number(bn, "max", range, what);
    b.min = lo.value_or(0.0);
    b.max = hi.value_or(angle ? 180.0 : std::numeric_limits<double>::infinity());
    if (lo && hi && b.min > b.max) {
      r_.error(bn["max"], "max of " + what + " is below its min");
    }
    if (const YAML::Node step = bn["during_step"]) {
      b.during_step = step.IsScalar() ? step.Scalar() : std::string();
      if (s_.find_step(b.during_step) < 0) {
        std::vector<std::string_view> steps;
        for (const auto& st : s_.steps) steps.push_back(st.id);
        r_.error(step, "'during_step' of " + what + " is '" + b.during_step +
                           "', which is not a step of the procedure" +
                           core::did_you_mean(b.during_step, steps));
      }
    }
    if (const YAML::Node holding = bn["while_holding"]) {
      if (!hand) {
        r_.error(holding,
                 "'while_holding' is for a hand's band: a band on a tool already "
                 "applies only while that tool is held");
      } else {
        b.while_holding_object = object_ref(r_, s_, holding, "'while_holding' of " + what, true);
        if (b.while_holding_object >= 0) b.while_holding = holding.Scalar();
      }
    }
    s_.technique.push_back(std::move(b));
  }
}

}  // namespace txr::scenario
