#include "scenario/state_table.hpp"

#include <algorithm>
#include <cassert>

namespace txr::scenario {

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::number:
      return "a number";
    case ValueType::boolean:
      return "true/false";
    case ValueType::text:
      return "text";
  }
  return "?";
}

StateTable::StateTable() { intern(""); }

core::Result<SlotId> StateTable::declare(std::string name, ValueType type) {
  if (by_name_.contains(name)) return core::fail("state '" + name + "' is declared twice");
  const auto id = static_cast<SlotId>(values_.size());
  by_name_.emplace(name, id);
  names_.push_back(std::move(name));
  types_.push_back(type);
  values_.push_back(0.0);
  return id;
}

std::optional<SlotId> StateTable::find(std::string_view name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

void StateTable::set_number(SlotId slot, double value) {
  assert(types_[slot] == ValueType::number);
  values_[slot] = value;
}

void StateTable::set_bool(SlotId slot, bool value) {
  assert(types_[slot] == ValueType::boolean);
  values_[slot] = value ? 1.0 : 0.0;
}

void StateTable::set_text(SlotId slot, std::string_view value) { set_text_id(slot, intern(value)); }

void StateTable::set_text_id(SlotId slot, TextId id) {
  assert(types_[slot] == ValueType::text && id < texts_.size());
  values_[slot] = static_cast<double>(id);
}

TextId StateTable::intern(std::string_view text) {
  if (auto it = text_ids_.find(text); it != text_ids_.end()) return it->second;
  const auto id = static_cast<TextId>(texts_.size());
  texts_.emplace_back(text);
  text_ids_.emplace(std::string(text), id);
  return id;
}

std::optional<TextId> StateTable::find_text(std::string_view text) const {
  auto it = text_ids_.find(text);
  if (it == text_ids_.end()) return std::nullopt;
  return it->second;
}

void StateTable::reset_values() { std::fill(values_.begin(), values_.end(), 0.0); }

}  // namespace txr::scenario
