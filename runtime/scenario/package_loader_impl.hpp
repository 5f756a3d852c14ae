#pragma once
// Internal: the state of one package load, shared by the loader's source files.
#include <map>
#include <set>

#include "scenario/package_loader.hpp"
#include "scenario/yaml_reader.hpp"

namespace txr::scenario {

struct TextKeyUse {
  std::string key;
  core::SourceLocation where;
};

struct PendingCondition {
  YAML::Node node;
  int step = -1;  // step index for step conditions (time_in_step_s), -1 otherwise
  enum class Target { done_when, precondition, rule } target = Target::done_when;
  int index = -1;  // step or rule index
};

class PackageLoader {
 public:
  PackageLoader(const std::filesystem::path& dir, const LoadOptions& options, Diagnostics& diag);
  std::optional<Scenario> run();

 private:
  // loader_main.cpp
  void read_metadata(const YAML::Node& node);
  void read_modes(const YAML::Node& node);
  void read_locales();
  void check_text_keys();
  std::optional<FileRef> file_ref(const YAML::Node& node, std::string_view what, bool model);
  // A text key in scenario.yaml: recorded so every language is checked for it.
  std::optional<std::string> text_key(const YAML::Node& map, std::string_view key,
                                      std::string_view what, bool required);
  // loader_scene.cpp
  void read_scene(const YAML::Node& node);
  void read_object(const YAML::Node& node);
  void read_physics(const YAML::Node& node, SceneObject& obj, const std::string& what);
  void read_interaction(const YAML::Node& node, SceneObject& obj, const std::string& what);
  void read_component(const YAML::Node& node, SceneObject& obj, const std::string& what);
  void resolve_scene_refs();
  void declare(const YAML::Node& where, const std::string& name, ValueType type,
               std::vector<std::string> choices = {});
  bool claim_name(const YAML::Node& where, const std::string& id, std::string_view kind);
  // loader_procedure.cpp
  void read_procedure(const YAML::Node& node);
  void read_step(const YAML::Node& node, int group, std::vector<int>& previous_required,
                 std::vector<int>& entry_required);
  void read_safety(const YAML::Node& node);
  void compile_conditions();
  void check_dependencies();
  // loader_rubric.cpp
  void read_rubric(const YAML::Node& node);
  // loader_technique.cpp
  void read_technique(const YAML::Node& node);

  std::filesystem::path dir_;
  LoadOptions options_;
  const ComponentRegistry* registry_;
  Diagnostics& diag_;
  YamlFile file_;
  YamlReader r_;
  Scenario s_;
  std::vector<YamlFile> locale_files_;
  std::vector<TextKeyUse> key_uses_;
  std::map<std::string, std::vector<std::string>, std::less<>> text_choices_;
  std::map<std::string, core::SourceLocation, std::less<>> names_;  // objects, sockets, targets
  std::vector<PendingCondition> pending_;
  std::vector<YAML::Node> step_nodes_;
  std::vector<YAML::Node> object_nodes_;
  std::vector<std::vector<YAML::Node>> after_nodes_;  // per step, the `after` entries
  std::map<std::string, int, std::less<>> group_ids_;
  // Where each socket / tool target sits (indices, since objects are still being added).
  struct PartRef {
    std::size_t object = 0, interaction = 0, part = 0;
    YAML::Node node;
  };
  std::vector<PartRef> socket_refs_;
  std::vector<PartRef> target_refs_;
  bool metadata_ok_ = false;
};

}  // namespace txr::scenario
