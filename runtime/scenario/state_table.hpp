#pragma once
// StateTable: the named, typed world state that conditions read and simulation code writes.
// Slots are declared while a package loads (objects, interactions, components, the step engine);
// conditions resolve names to slot indices once, so a step reads plain array entries.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace txr::scenario {

enum class ValueType : std::uint8_t { number, boolean, text };
std::string_view to_string(ValueType type);

using SlotId = std::uint32_t;
// Interned text value; 0 is always the empty string "".
using TextId = std::uint32_t;

class StateTable {
 public:
  StateTable();

  // Declares a slot (value 0 / false / ""). Fails when the name exists already.
  core::Result<SlotId> declare(std::string name, ValueType type);
  std::optional<SlotId> find(std::string_view name) const;
  std::size_t size() const { return values_.size(); }
  ValueType type(SlotId slot) const { return types_[slot]; }
  const std::string& name(SlotId slot) const { return names_[slot]; }

  // Writers for simulation code. The slot's declared type is the caller's contract; a write of
  // the wrong kind is caught by an assert in debug builds.
  void set_number(SlotId slot, double value);
  void set_bool(SlotId slot, bool value);
  // Interns text on first sight (allocates once per distinct string), then stores its id.
  void set_text(SlotId slot, std::string_view value);
  void set_text_id(SlotId slot, TextId id);

  double number(SlotId slot) const { return values_[slot]; }
  bool boolean(SlotId slot) const { return values_[slot] != 0.0; }
  TextId text_id(SlotId slot) const { return static_cast<TextId>(values_[slot]); }
  std::string_view text(SlotId slot) const { return texts_[text_id(slot)]; }

  // Every value as a double (bool 0/1, text its id): what compiled conditions read.
  const double* raw() const { return values_.data(); }

  TextId intern(std::string_view text);
  std::optional<TextId> find_text(std::string_view text) const;
  std::string_view text_of(TextId id) const { return texts_[id]; }

  // Sets every slot back to 0 / false / "" (interned text is kept).
  void reset_values();
  // Visits slots in declaration order (for listings and did-you-mean candidates).
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<double> values_;
  std::vector<ValueType> types_;
  std::vector<std::string> names_;
  std::map<std::string, SlotId, std::less<>> by_name_;
  std::vector<std::string> texts_;
  std::map<std::string, TextId, std::less<>> text_ids_;
};

}  // namespace txr::scenario
