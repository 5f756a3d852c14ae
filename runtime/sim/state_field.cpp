#include "sim/state_field.hpp"

namespace txr::sim {

std::string_view to_string(FieldKind kind) {
  switch (kind) {
    case FieldKind::number:
      return "number";
    case FieldKind::boolean:
      return "bool";
    case FieldKind::text:
      return "text";
  }
  return "?";
}

double StateField::number() const {
  if (value == nullptr) return 0.0;
  switch (kind) {
    case FieldKind::number:
      return *static_cast<const double*>(value);
    case FieldKind::boolean:
      return *static_cast<const bool*>(value) ? 1.0 : 0.0;
    case FieldKind::text:
      return 0.0;
  }
  return 0.0;
}

bool StateField::boolean() const {
  if (value == nullptr) return false;
  switch (kind) {
    case FieldKind::number:
      return *static_cast<const double*>(value) != 0.0;
    case FieldKind::boolean:
      return *static_cast<const bool*>(value);
    case FieldKind::text:
      return !static_cast<const std::string_view*>(value)->empty();
  }
  return false;
}

std::string_view StateField::text() const {
  if (value == nullptr || kind != FieldKind::text) return {};
  return *static_cast<const std::string_view*>(value);
}

const StateField* find_field(std::span<const StateField> fields, std::string_view name) {
  for (const StateField& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace txr::sim
