#pragma once
// Observable state of a trade model as named, typed fields that point at live values, so a
// scenario can bind "<object_id>.<field>" once and read it every step without allocating.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace txr::sim {

enum class FieldKind : std::uint8_t { number, boolean, text };
std::string_view to_string(FieldKind kind);

// One field. `value` points at a live `double`, `bool` or `std::string_view` (by kind) inside
// the model; the span a model hands out stays valid while the model lives at its address.
struct StateField {
  std::string_view name;
  FieldKind kind = FieldKind::number;
  const void* value = nullptr;

  double number() const;          // booleans read as 0/1, text as 0
  bool boolean() const;           // numbers read as != 0, text as non-empty
  std::string_view text() const;  // empty for non-text fields
};

// Finds a field by name (linear: models have a handful of fields); nullptr when absent.
const StateField* find_field(std::span<const StateField> fields, std::string_view name);

// Fixed-capacity field list a model fills once at construction.
template <std::size_t N>
class StateFields {
 public:
  void add(std::string_view name, const double* v) { push({name, FieldKind::number, v}); }
  void add(std::string_view name, const bool* v) { push({name, FieldKind::boolean, v}); }
  void add(std::string_view name, const std::string_view* v) { push({name, FieldKind::text, v}); }
  void clear() { size_ = 0; }
  std::span<const StateField> span() const { return {fields_.data(), size_}; }

 private:
  void push(StateField f) {
    if (size_ < N) fields_[size_++] = f;
  }
  std::array<StateField, N> fields_{};
  std::size_t size_ = 0;
};

}  // namespace txr::sim
