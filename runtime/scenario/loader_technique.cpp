// The scenario's `technique:` list: tool-technique bands (docs/scenario-format.md, "Technique").
#include <cmath>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {
namespace {

double length(const Vec3& v) { return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

}  // namespace

void PackageLoader::read_technique(const YAML::Node& node) {
  if (!r_.check_list(node, "'technique'")) return;
  for (const auto& bn : node) {
    const bool named = bn.IsMap() && bn["id"] && bn["id"].IsScalar();
    const std::string what =
        named ? "technique band '" + bn["id"].Scalar() + "'" : std::string("a technique band");
    if (!r_.check_map(bn, what,
                      {"id", "label", "subject", "quantity", "axis", "reference", "to", "offset_m",
                       "min", "max", "during_step"},
                      {"id", "label", "subject", "quantity", "min", "max"})) {
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
    if (b.subject != "right_hand" && b.subject != "left_hand") {
      b.subject_object = s_.find_object(b.subject);
      if (b.subject_object < 0) {
        std::vector<std::string_view> names{"right_hand", "left_hand"};
        for (const auto& o : s_.objects) names.push_back(o.id);
        r_.error(subject, "the subject of " + what + " is '" + b.subject +
                              "': use right_hand, left_hand or the id of a tool the trainee holds" +
                              core::did_you_mean(b.subject, names));
      }
    }
    const auto quantity = r_.choice(bn, "quantity", {"angle_deg", "speed_m_s", "distance_m"}, what);
    if (!quantity) continue;
    b.quantity = *quantity == "angle_deg"   ? TechniqueQuantity::angle_deg
                 : *quantity == "speed_m_s" ? TechniqueQuantity::speed_m_s
                                            : TechniqueQuantity::distance_m;
    const bool angle = b.quantity == TechniqueQuantity::angle_deg;
    const bool distance = b.quantity == TechniqueQuantity::distance_m;
    for (const char* key : {"axis", "reference"}) {
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
                         "(a world direction)");
      }
      b.axis = r_.vec3(bn, "axis", {-1e3, 1e3}, what).value_or(b.axis);
      b.reference = r_.vec3(bn, "reference", {-1e3, 1e3}, what).value_or(b.reference);
      if (bn["axis"] && length(b.axis) < 1e-6) r_.error(bn["axis"], "the axis has no direction");
      if (bn["reference"] && length(b.reference) < 1e-6)
        r_.error(bn["reference"], "the reference has no direction");
    }
    if (distance) {
      if (!bn["to"]) r_.error(bn, what + " (distance_m) needs 'to' (an object)");
      const YAML::Node to = bn["to"];
      if (to && to.IsScalar()) {
        const int index = s_.find_object(to.Scalar());
        if (index < 0) {
          r_.error(to, "'to' of " + what + " is '" + to.Scalar() + "', which is not an object");
        } else {
          const auto offset = r_.vec3(bn, "offset_m", {-100.0, 100.0}, what).value_or(Vec3{});
          const auto& p = s_.objects[static_cast<std::size_t>(index)].transform.position_m;
          for (std::size_t i = 0; i < 3; ++i) b.point_m[i] = p[i] + offset[i];
        }
      }
    }
    const NumberRange range = angle ? NumberRange{0.0, 180.0} : NumberRange{0.0, 1000.0};
    const auto lo = r_.number(bn, "min", range, what);
    const auto hi = r_.number(bn, "max", range, what);
    b.min = lo.value_or(0.0);
    b.max = hi.value_or(0.0);
    if (lo && hi && b.min > b.max) {
      r_.error(bn["max"], "max of " + what + " is below its min");
    }
    if (const YAML::Node step = bn["during_step"]) {
      b.during_step = step.IsScalar() ? step.Scalar() : std::string();
      if (s_.find_step(b.during_step) < 0) {
        r_.error(step, "'during_step' of " + what + " is '" + b.during_step +
                           "', which is not a step of the procedure");
      }
    }
    s_.technique.push_back(std::move(b));
  }
}

}  // namespace txr::scenario
