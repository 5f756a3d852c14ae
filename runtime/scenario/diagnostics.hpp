#pragma once
// Findings of the package validator: every problem found in one pass, each with file:line:column.
#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace txr::scenario {

enum class FindingSeverity { error, warning };

struct Finding {
  FindingSeverity severity = FindingSeverity::error;
  core::SourceLocation where;  // file is relative to the package folder
  std::string message;

  // "scenario.yaml:12:5: error: message" (file prefixed with `package_dir/` when given).
  std::string to_string(const std::string& package_dir = {}) const;
};

// Collects findings; stops storing after a cap so a pathological file cannot flood memory.
class Diagnostics {
 public:
  static constexpr std::size_t k_max_findings = 500;

  void error(core::SourceLocation where, std::string message);
  void warning(core::SourceLocation where, std::string message);

  const std::vector<Finding>& findings() const { return findings_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  bool truncated() const { return dropped_ > 0; }
  std::size_t dropped() const { return dropped_; }

  // Sorts by file, line, column (stable), so output reads top to bottom.
  void sort();

 private:
  void add(FindingSeverity severity, core::SourceLocation where, std::string message);
  std::vector<Finding> findings_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace txr::scenario
