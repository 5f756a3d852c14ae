#pragma once
// Typed, located reads from YAML for the package validator. Every problem becomes a finding
// with file:line:column; reads return std::nullopt on a problem so checking can go on.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/scenario.hpp"

namespace txr::scenario {

// One YAML file of a package, read with the size, encoding and syntax checks done.
struct YamlFile {
  std::string rel;   // path relative to the package, e.g. "locales/vi.yaml"
  std::string text;  // the bytes as read
  YAML::Node root;
  bool parsed = false;
};

// Reads and parses `dir/rel`. Reports missing files (when `required`), files over
// `max_bytes`, empty files, bytes that are not UTF-8, and YAML syntax errors.
YamlFile read_yaml_file(const std::filesystem::path& dir, const std::string& rel,
                        std::uintmax_t max_bytes, bool required, Diagnostics& diag);

struct NumberRange {
  double min = -1e9;
  double max = 1e9;
  bool min_exclusive = false;  // "more than" instead of "at least"
};

class YamlReader {
 public:
  YamlReader(const YamlFile& file, Diagnostics& diag) : file_(file), diag_(diag) {}

  core::SourceLocation at(const YAML::Node& node) const;
  // Location of byte `offset` inside the scalar `node` (for errors inside conditions).
  core::SourceLocation at_offset(const YAML::Node& node, std::size_t offset) const;
  void error(const YAML::Node& node, std::string message) {
    diag_.error(at(node), std::move(message));
  }
  void warning(const YAML::Node& node, std::string message) {
    diag_.warning(at(node), std::move(message));
  }
  Diagnostics& diag() { return diag_; }
  const YamlFile& file() const { return file_; }

  // The node is a map; reports unknown keys (with a suggestion), repeated keys and missing
  // required keys. `what` names the thing for messages ("object 'bolt_1'").
  bool check_map(const YAML::Node& node, std::string_view what,
                 std::initializer_list<std::string_view> allowed,
                 std::initializer_list<std::string_view> required);
  bool check_map(const YAML::Node& node, std::string_view what,
                 const std::vector<std::string_view>& allowed,
                 const std::vector<std::string_view>& required);
  // The node is a list (a missing node is an empty list when not required).
  bool check_list(const YAML::Node& node, std::string_view what);

  std::optional<double> number(const YAML::Node& map, std::string_view key, NumberRange range,
                               std::string_view what);
  std::optional<double> number_value(const YAML::Node& node, NumberRange range,
                                     std::string_view name, std::string_view what);
  std::optional<bool> boolean(const YAML::Node& map, std::string_view key, std::string_view what);
  std::optional<std::string> text(const YAML::Node& map, std::string_view key,
                                  std::string_view what);
  // An id: a-z first, then a-z, 0-9, _ (usable inside condition names).
  std::optional<std::string> id(const YAML::Node& map, std::string_view key, std::string_view what);
  std::optional<std::string> id_value(const YAML::Node& node, std::string_view what);
  // One of `choices` (reports a suggestion otherwise).
  std::optional<std::string> choice(const YAML::Node& map, std::string_view key,
                                    std::initializer_list<std::string_view> choices,
                                    std::string_view what);
  std::optional<Vec3> vec3(const YAML::Node& map, std::string_view key, NumberRange range,
                           std::string_view what);
  std::optional<std::vector<std::string>> id_list(const YAML::Node& map, std::string_view key,
                                                  std::string_view what);

 private:
  const YamlFile& file_;
  Diagnostics& diag_;
};

bool is_valid_id(std::string_view id);
std::string describe_node(const YAML::Node& node);  // "a list", "a map", "'abc'"
std::string format_number(double v);

}  // namespace txr::scenario
