#pragma once
// Looks up "<object_id>.<field>" across every model of a scenario, so conditions such as
// `Q1.state == "locked"` or `F1.gap_spread_mm < 0.05` bind once to a live StateField.
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "sim/state_field.hpp"

namespace txr::sim {

class StateIndex {
 public:
  // Registers a model's fields under its id (replaces an earlier registration of that id).
  void add(std::string object_id, std::span<const StateField> fields);
  // "Q1.state" → the field, or nullptr when the object or the field is unknown. The object id
  // is everything before the last '.', so ids may themselves contain dots ("F1.bolt3.preload_kn").
  const StateField* find(std::string_view path) const;
  std::span<const StateField> object(std::string_view object_id) const;
  // Registered object ids in sorted order (for validation messages and editors).
  const std::map<std::string, std::span<const StateField>, std::less<>>& objects() const {
    return objects_;
  }

 private:
  std::map<std::string, std::span<const StateField>, std::less<>> objects_;
};

}  // namespace txr::sim
