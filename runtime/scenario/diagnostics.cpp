#include "scenario/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace txr::scenario {

std::string Finding::to_string(const std::string& package_dir) const {
  core::SourceLocation loc = where;
  if (!package_dir.empty() && !loc.file.empty()) {
    loc.file = package_dir + (package_dir.back() == '/' ? "" : "/") + loc.file;
  }
  const std::string sev = severity == FindingSeverity::error ? "error: " : "warning: ";
  const std::string prefix = loc.to_string();
  return (prefix.empty() ? std::string() : prefix + ": ") + sev + message;
}

void Diagnostics::error(core::SourceLocation where, std::string message) {
  add(FindingSeverity::error, std::move(where), std::move(message));
}

void Diagnostics::warning(core::SourceLocation where, std::string message) {
  add(FindingSeverity::warning, std::move(where), std::move(message));
}

void Diagnostics::add(FindingSeverity severity, core::SourceLocation where, std::string message) {
  (severity == FindingSeverity::error ? errors_ : warnings_)++;
  if (findings_.size() >= k_max_findings) {
    ++dropped_;
    return;
  }
  findings_.push_back(Finding{severity, std::move(where), std::move(message)});
}

void Diagnostics::sort() {
  // scenario.yaml first, then the locale files, each top to bottom.
  auto file_rank = [](const std::string& f) { return f == "scenario.yaml" ? 0 : 1; };
  std::stable_sort(findings_.begin(), findings_.end(), [&](const Finding& a, const Finding& b) {
    return std::tuple(file_rank(a.where.file), a.where.file, a.where.line, a.where.column) <
           std::tuple(file_rank(b.where.file), b.where.file, b.where.line, b.where.column);
  });
}

}  // namespace txr::scenario
