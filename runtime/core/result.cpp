#include "core/result.hpp"

namespace txr::core {

std::string SourceLocation::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string Error::to_string() const {
  if (where.file.empty()) return message;
  return where.to_string() + ": " + message;
}

}  // namespace txr::core
