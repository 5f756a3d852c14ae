#include "sim/state_index.hpp"

namespace txr::sim {

void StateIndex::add(std::string object_id, std::span<const StateField> fields) {
  objects_.insert_or_assign(std::move(object_id), fields);
}

std::span<const StateField> StateIndex::object(std::string_view object_id) const {
  if (auto it = objects_.find(object_id); it != objects_.end()) return it->second;
  return {};
}

const StateField* StateIndex::find(std::string_view path) const {
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == path.size()) return nullptr;
  auto it = objects_.find(path.substr(0, dot));
  if (it == objects_.end()) return nullptr;
  return find_field(it->second, path.substr(dot + 1));
}

}  // namespace txr::sim
