// Package loading: the scene (objects, physics, interactions, components) and the state each
// object exports.
#include <algorithm>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {
namespace {

constexpr std::size_t k_max_objects = 5000;
constexpr NumberRange k_position{-1000.0, 1000.0};
constexpr NumberRange k_angle{-3600.0, 3600.0};
constexpr NumberRange k_size{0.0, 100.0, true};
constexpr NumberRange k_unit_axis{-1.0, 1.0};

}  // namespace

bool PackageLoader::claim_name(const YAML::Node& where, const std::string& id,
                               std::string_view kind) {
  // Steps and rules are claimed as "step:<id>" / "rule:<id>": their own namespaces.
  const std::string shown = id.substr(id.find(':') + 1);
  if (id == "step" || id == "attempt") {
    r_.error(where, "'" + id + "' is reserved; choose another " + std::string(kind) + " id");
    return false;
  }
  if (auto it = names_.find(id); it != names_.end()) {
    r_.error(where, std::string(kind) + " id '" + shown + "' is already used at line " +
                        std::to_string(it->second.line));
    return false;
  }
  names_.emplace(id, r_.at(where));
  return true;
}

void PackageLoader::declare(const YAML::Node& where, const std::string& name, ValueType type,
                            std::vector<std::string> choices) {
  if (!s_.initial_state.declare(name, type)) {
    r_.error(where, "the state '" + name + "' is exported twice on this object");
    return;
  }
  if (!choices.empty()) text_choices_[name] = std::move(choices);
}

void PackageLoader::read_scene(const YAML::Node& node) {
  if (!r_.check_map(node, "scene", {"objects"}, {"objects"})) return;
  const YAML::Node objects = node["objects"];
  if (!objects || !r_.check_list(objects, "'objects' in scene")) return;
  if (objects.size() == 0) r_.error(objects, "the scene has no objects");
  std::size_t count = 0;
  for (const auto& obj : objects) {
    if (++count > k_max_objects) {
      r_.error(obj, "too many objects (the limit is " + std::to_string(k_max_objects) + ")");
      break;
    }
    read_object(obj);
  }
  resolve_scene_refs();
}

void PackageLoader::read_object(const YAML::Node& node) {
  const bool named = node.IsMap() && node["id"] && node["id"].IsScalar();
  if (!r_.check_map(
          node, named ? "object '" + node["id"].Scalar() + "'" : std::string("an object"),
          {"id", "label", "model", "texture", "transform", "physics", "interactions", "components"},
          {"id", "model", "physics"})) {
    return;
  }
  SceneObject obj;
  auto id = r_.id(node, "id", "the object");
  if (!id || !claim_name(node["id"], *id, "object")) return;
  obj.id = *id;
  obj.where = r_.at(node["id"]);
  const std::string what = "object '" + obj.id + "'";
  obj.label_key = text_key(node, "label", what, false).value_or("");
  if (node["model"]) {
    if (auto ref = file_ref(node["model"], "model", true)) obj.model = *ref;
  }
  if (node["texture"]) obj.texture = file_ref(node["texture"], "texture", false);
  if (const auto t = node["transform"]) {
    const std::string tw = "the transform of " + what;
    if (r_.check_map(t, tw, {"position_m", "rotation_deg", "scale"}, {})) {
      obj.transform.position_m = r_.vec3(t, "position_m", k_position, tw).value_or(Vec3{});
      obj.transform.rotation_deg = r_.vec3(t, "rotation_deg", k_angle, tw).value_or(Vec3{});
      obj.transform.scale = r_.number(t, "scale", {0.0, 1000.0, true}, tw).value_or(1.0);
    }
  }
  if (node["physics"]) read_physics(node["physics"], obj, what);

  const YAML::Node where = node["id"];
  declare(where, obj.id + ".pos_x_m", ValueType::number);
  declare(where, obj.id + ".pos_y_m", ValueType::number);
  declare(where, obj.id + ".pos_z_m", ValueType::number);
  declare(where, obj.id + ".touched", ValueType::boolean);
  declare(where, obj.id + ".in_socket", ValueType::text);  // choices set once sockets are known

  if (const auto list = node["interactions"]) {
    if (r_.check_list(list, "'interactions' of " + what)) {
      for (const auto& i : list) read_interaction(i, obj, what);
    }
  }
  if (const auto list = node["components"]) {
    if (r_.check_list(list, "'components' of " + what)) {
      for (const auto& c : list) read_component(c, obj, what);
    }
  }
  s_.objects.push_back(std::move(obj));
  object_nodes_.push_back(node);
}

void PackageLoader::read_physics(const YAML::Node& node, SceneObject& obj,
                                 const std::string& what) {
  const std::string pw = "the physics of " + what;
  if (!r_.check_map(node, pw,
                    {"body", "mass_kg", "shape", "size_m", "radius_m", "height_m", "offset_m"},
                    {"body", "shape"})) {
    return;
  }
  Physics& p = obj.physics;
  if (auto body = r_.choice(node, "body", {"static", "dynamic"}, pw)) {
    p.body = *body == "static" ? BodyType::fixed : BodyType::dynamic;
    if (p.body == BodyType::dynamic && !node["mass_kg"]) {
      r_.error(node, pw + " is missing 'mass_kg' (a dynamic body needs a mass)");
    }
    if (p.body == BodyType::fixed && node["mass_kg"]) {
      r_.error(node["mass_kg"],
               "a static body never moves, so it has no 'mass_kg'; use body: dynamic");
    }
  }
  p.mass_kg = r_.number(node, "mass_kg", {0.0, 10000.0, true}, pw).value_or(0.0);
  auto shape =
      r_.choice(node, "shape", {"box", "sphere", "cylinder", "capsule", "convex_hull"}, pw);
  if (!shape) return;
  std::vector<std::string_view> needs;
  if (*shape == "box") {
    p.shape = ShapeType::box;
    needs = {"size_m"};
  } else if (*shape == "sphere") {
    p.shape = ShapeType::sphere;
    needs = {"radius_m"};
  } else if (*shape == "cylinder" || *shape == "capsule") {
    p.shape = *shape == "cylinder" ? ShapeType::cylinder : ShapeType::capsule;
    needs = {"radius_m", "height_m"};
  } else {
    p.shape = ShapeType::convex_hull;  // built from the model's vertices
  }
  for (auto key : {"size_m", "radius_m", "height_m"}) {
    const bool needed = std::find(needs.begin(), needs.end(), key) != needs.end();
    if (node[key] && !needed) {
      r_.error(node[key], "'" + std::string(key) + "' does not apply to shape " + *shape +
                              (needs.empty() ? " (its size comes from the model)" : ""));
    } else if (!node[key] && needed) {
      r_.error(node["shape"], "shape " + *shape + " needs '" + std::string(key) + "'");
    }
  }
  p.size_m = r_.vec3(node, "size_m", k_size, pw).value_or(Vec3{});
  p.radius_m = r_.number(node, "radius_m", k_size, pw).value_or(0.0);
  p.height_m = r_.number(node, "height_m", k_size, pw).value_or(0.0);
  if (node["offset_m"]) {
    if (p.shape == ShapeType::convex_hull) {
      r_.error(node["offset_m"],
               "'offset_m' does not apply to shape convex_hull (the hull is "
               "made from the model, where it already sits)");
    } else {
      p.offset_m = r_.vec3(node, "offset_m", {-10.0, 10.0, false}, pw).value_or(Vec3{});
    }
  }
}

void PackageLoader::read_interaction(const YAML::Node& node, SceneObject& obj,
                                     const std::string& what) {
  if (!node.IsMap() || !node["type"]) {
    r_.error(node, "each interaction of " + what +
                       " needs a 'type' (grab, press, turn, slide, socket or tool_use)");
    return;
  }
  auto type = r_.choice(node, "type", {"grab", "press", "turn", "slide", "socket", "tool_use"},
                        "an interaction of " + what);
  if (!type) return;
  const std::string iw = "the " + *type + " interaction of " + what;
  Interaction in;
  const YAML::Node where = node["type"];
  for (const auto& other : obj.interactions) {
    if (to_string(other.type) == *type) {
      r_.error(where, what + " already has a " + *type + " interaction");
      return;
    }
  }
  const std::size_t object_index = s_.objects.size();
  const std::size_t interaction_index = obj.interactions.size();
  if (*type == "grab") {
    in.type = InteractionType::grab;
    if (!r_.check_map(node, iw, {"type", "two_handed"}, {})) return;
    in.two_handed = r_.boolean(node, "two_handed", iw).value_or(false);
    declare(where, obj.id + ".grabbed", ValueType::boolean);
  } else if (*type == "press") {
    in.type = InteractionType::press;
    if (!r_.check_map(node, iw, {"type", "travel_mm"}, {"travel_mm"})) return;
    in.travel_mm = r_.number(node, "travel_mm", {0.0, 100.0, true}, iw).value_or(0.0);
    declare(where, obj.id + ".pressed", ValueType::boolean);
    declare(where, obj.id + ".press_count", ValueType::number);
  } else if (*type == "turn") {
    in.type = InteractionType::turn;
    if (!r_.check_map(node, iw, {"type", "axis", "min_deg", "max_deg", "detents_deg"},
                      {"axis", "min_deg", "max_deg"})) {
      return;
    }
    in.axis = r_.vec3(node, "axis", k_unit_axis, iw).value_or(Vec3{0, 1, 0});
    in.min_deg = r_.number(node, "min_deg", {-36000.0, 36000.0}, iw).value_or(0.0);
    in.max_deg = r_.number(node, "max_deg", {-36000.0, 36000.0}, iw).value_or(0.0);
    if (node["min_deg"] && node["max_deg"] && in.min_deg >= in.max_deg) {
      r_.error(node["max_deg"], "max_deg (" + format_number(in.max_deg) +
                                    ") must be more than min_deg (" + format_number(in.min_deg) +
                                    ")");
    }
    if (const auto d = node["detents_deg"]) {
      if (r_.check_list(d, "'detents_deg' of " + what)) {
        double previous = -1e300;
        for (const auto& item : d) {
          auto v = r_.number_value(item, {in.min_deg, in.max_deg}, "detents_deg", iw);
          if (!v) continue;
          if (*v <= previous) r_.error(item, "detents_deg must be in increasing order");
          previous = *v;
          in.detents_deg.push_back(*v);
        }
      }
    }
    declare(where, obj.id + ".angle_deg", ValueType::number);
    declare(where, obj.id + ".detent", ValueType::number);
  } else if (*type == "slide") {
    in.type = InteractionType::slide;
    if (!r_.check_map(node, iw, {"type", "axis", "min_mm", "max_mm"},
                      {"axis", "min_mm", "max_mm"})) {
      return;
    }
    in.axis = r_.vec3(node, "axis", k_unit_axis, iw).value_or(Vec3{0, 1, 0});
    in.min_mm = r_.number(node, "min_mm", {-10000.0, 10000.0}, iw).value_or(0.0);
    in.max_mm = r_.number(node, "max_mm", {-10000.0, 10000.0}, iw).value_or(0.0);
    if (node["min_mm"] && node["max_mm"] && in.min_mm >= in.max_mm) {
      r_.error(node["max_mm"], "max_mm (" + format_number(in.max_mm) +
                                   ") must be more than min_mm (" + format_number(in.min_mm) + ")");
    }
    declare(where, obj.id + ".position_mm", ValueType::number);
  } else if (*type == "socket") {
    in.type = InteractionType::socket;
    if (!r_.check_map(node, iw, {"type", "sockets"}, {"sockets"})) return;
    const YAML::Node list = node["sockets"];
    if (!r_.check_list(list, "'sockets' of " + what)) return;
    if (list.size() == 0) r_.error(list, what + " has a socket interaction without sockets");
    for (const auto& sn : list) {
      if (!r_.check_map(
              sn, "a socket of " + what,
              {"id", "position_m", "rotation_deg", "accepts", "tolerance_mm", "tolerance_deg"},
              {"id", "position_m", "accepts", "tolerance_mm"})) {
        continue;
      }
      Socket sk;
      auto sid = r_.id(sn, "id", "a socket");
      if (!sid || !claim_name(sn["id"], *sid, "socket")) continue;
      sk.id = *sid;
      const std::string sw = "socket '" + sk.id + "'";
      sk.position_m = r_.vec3(sn, "position_m", k_position, sw).value_or(Vec3{});
      sk.rotation_deg = r_.vec3(sn, "rotation_deg", k_angle, sw).value_or(Vec3{});
      sk.accepts = r_.id_list(sn, "accepts", sw).value_or(std::vector<std::string>{});
      sk.tolerance_mm = r_.number(sn, "tolerance_mm", {0.0, 1000.0, true}, sw).value_or(0.0);
      sk.tolerance_deg = r_.number(sn, "tolerance_deg", {0.0, 180.0, true}, sw).value_or(180.0);
      socket_refs_.push_back({object_index, interaction_index, in.sockets.size(), sn});
      in.sockets.push_back(std::move(sk));
    }
  } else {
    in.type = InteractionType::tool_use;
    if (!r_.check_map(node, iw, {"type", "working_point_m", "targets"},
                      {"working_point_m", "targets"})) {
      return;
    }
    in.working_point_m = r_.vec3(node, "working_point_m", k_position, iw).value_or(Vec3{});
    const YAML::Node list = node["targets"];
    if (!r_.check_list(list, "'targets' of " + what)) return;
    if (list.size() == 0) r_.error(list, what + " is a tool without targets");
    for (const auto& tn : list) {
      if (!r_.check_map(tn, "a tool target of " + what,
                        {"id", "object", "point_m", "axis", "tolerance_mm", "tolerance_deg"},
                        {"id", "object", "point_m", "tolerance_mm", "tolerance_deg"})) {
        continue;
      }
      ToolTarget t;
      auto tid = r_.id(tn, "id", "a tool target");
      if (!tid || !claim_name(tn["id"], *tid, "tool target")) continue;
      t.id = *tid;
      const std::string tw = "tool target '" + t.id + "'";
      t.object = r_.id(tn, "object", tw).value_or("");
      t.point_m = r_.vec3(tn, "point_m", k_position, tw).value_or(Vec3{});
      t.axis = r_.vec3(tn, "axis", k_unit_axis, tw).value_or(Vec3{0, 1, 0});
      t.tolerance_mm = r_.number(tn, "tolerance_mm", {0.0, 1000.0, true}, tw).value_or(0.0);
      t.tolerance_deg = r_.number(tn, "tolerance_deg", {0.0, 180.0, true}, tw).value_or(0.0);
      target_refs_.push_back({object_index, interaction_index, in.targets.size(), tn});
      in.targets.push_back(std::move(t));
    }
    std::vector<std::string> choices{""};
    for (const auto& t : in.targets) choices.push_back(t.id);
    declare(where, obj.id + ".engaged_target", ValueType::text, std::move(choices));
    declare(where, obj.id + ".alignment_error_deg", ValueType::number);
    declare(where, obj.id + ".use_count", ValueType::number);
  }
  if ((in.type == InteractionType::turn || in.type == InteractionType::slide) && node["axis"]) {
    const double len2 = in.axis[0] * in.axis[0] + in.axis[1] * in.axis[1] + in.axis[2] * in.axis[2];
    if (len2 < 1e-6) r_.error(node["axis"], "the axis of " + iw + " has no direction (all zeros)");
  }
  obj.interactions.push_back(std::move(in));
}

void PackageLoader::read_component(const YAML::Node& node, SceneObject& obj,
                                   const std::string& what) {
  if (!node.IsMap() || !node["type"] || !node["type"].IsScalar()) {
    r_.error(node, "each component of " + what + " needs a 'type'");
    return;
  }
  const std::string type = node["type"].Scalar();
  const ComponentSchema* schema = registry_->find(type);
  if (!schema) {
    r_.error(node["type"], "unknown component type '" + type + "'" +
                               core::did_you_mean(type, registry_->type_names()));
    return;
  }
  const std::string cw = "the " + type + " component of " + what;
  std::vector<std::string_view> allowed{"type"};
  for (const auto& p : schema->params) allowed.push_back(p.name);
  r_.check_map(node, cw, allowed, {});
  Component c;
  c.type = type;
  for (const auto& spec : schema->params) {
    ParamValue v;
    v.name = spec.name;
    v.type = spec.type;
    v.number = spec.default_number;
    v.boolean = spec.default_bool;
    v.text = spec.default_text;
    const YAML::Node pn = node[spec.name];
    v.where = r_.at(pn ? pn : node);
    if (!pn) {
      if (spec.required) r_.error(node, cw + " is missing '" + spec.name + "'");
      c.params.push_back(std::move(v));
      continue;
    }
    v.written = true;
    switch (spec.type) {
      case ParamType::number:
        v.number = r_.number_value(pn, {spec.min, spec.max}, spec.name, cw).value_or(v.number);
        break;
      case ParamType::boolean:
        v.boolean = r_.boolean(node, spec.name, cw).value_or(v.boolean);
        break;
      case ParamType::text:
        v.text = r_.text(node, spec.name, cw).value_or(v.text);
        break;
      case ParamType::choice: {
        const std::string value = pn.IsScalar() ? pn.Scalar() : "";
        if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
          std::vector<std::string_view> views(spec.choices.begin(), spec.choices.end());
          r_.error(pn, "'" + spec.name + "' in " + cw + " cannot be " + describe_node(pn) +
                           core::did_you_mean(value, views));
        } else {
          v.text = value;
        }
        break;
      }
    }
    c.params.push_back(std::move(v));
  }
  for (const auto& e : schema->exports) {
    const std::string name = obj.id + "." + e.name;
    if (s_.initial_state.find(name)) {
      r_.error(node["type"],
               "component '" + type + "' exports '" + e.name + "', which " + what + " already has");
      continue;
    }
    std::vector<std::string> choices;
    if (!e.choices.empty()) {
      choices = e.choices;
      if (std::find(choices.begin(), choices.end(), "") == choices.end())
        choices.insert(choices.begin(), "");
    }
    declare(node["type"], name, e.type, std::move(choices));
  }
  obj.components.push_back(std::move(c));
}

void PackageLoader::resolve_scene_refs() {
  std::vector<std::string_view> object_ids;
  for (const auto& o : s_.objects) object_ids.push_back(o.id);
  std::map<std::string, std::vector<std::string>, std::less<>> sockets_for;  // object -> sockets
  std::vector<std::string> any_socket;
  for (const auto& ref : socket_refs_) {
    Socket& sk = s_.objects[ref.object].interactions[ref.interaction].sockets[ref.part];
    const YAML::Node accepts = ref.node["accepts"];
    std::size_t i = 0;
    for (const auto& a : sk.accepts) {
      if (s_.find_object(a) < 0) {
        r_.error(accepts[i], "socket '" + sk.id + "' accepts '" + a +
                                 "', but there is no such object" +
                                 core::did_you_mean(a, object_ids));
      } else {
        sockets_for[a].push_back(sk.id);
      }
      ++i;
    }
    if (sk.accepts.empty()) any_socket.push_back(sk.id);
    std::vector<std::string> occupant{""};
    for (const auto& a : sk.accepts) occupant.push_back(a);
    if (sk.accepts.empty()) occupant.clear();  // accepts anything: any object id
    declare(ref.node["id"], sk.id + ".occupant", ValueType::text, std::move(occupant));
  }
  for (const auto& o : s_.objects) {
    std::vector<std::string> choices{""};
    for (const auto& sid : sockets_for[o.id]) choices.push_back(sid);
    for (const auto& sid : any_socket) choices.push_back(sid);
    text_choices_[o.id + ".in_socket"] = std::move(choices);
  }
  for (const auto& ref : target_refs_) {
    const ToolTarget& t = s_.objects[ref.object].interactions[ref.interaction].targets[ref.part];
    if (!t.object.empty() && s_.find_object(t.object) < 0) {
      r_.error(ref.node["object"], "tool target '" + t.id + "' is on object '" + t.object +
                                       "', which does not exist" +
                                       core::did_you_mean(t.object, object_ids));
    }
  }
}

}  // namespace txr::scenario
