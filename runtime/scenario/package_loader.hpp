#pragma once
// Loading and validating a scenario package folder: scenario.yaml + locales/<lang>.yaml +
// the package's models and textures. One pass reports every problem it can find.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "scenario/component_schema.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/scenario.hpp"

namespace txr::scenario {

struct LoadOptions {
  // Component types the package may use; null means default_components().
  const ComponentRegistry* components = nullptr;
  // Where `asset:` models live; empty: the first `assets/models` folder found walking up from
  // the package folder.
  std::filesystem::path shared_assets_dir;
  std::uintmax_t max_file_bytes = 8u * 1024u * 1024u;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when there are no errors
  Diagnostics diagnostics;           // sorted by file and position
};

LoadResult load_package(const std::filesystem::path& dir, const LoadOptions& options = {});

// One-paragraph summary of a valid package, with the title in `language`.
std::string summarize(const Scenario& scenario, std::string_view language);

// The findings (and, for a valid package, the summary figures) as a JSON document.
std::string findings_json(const LoadResult& result, const std::string& package_dir);

}  // namespace txr::scenario
