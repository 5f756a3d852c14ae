#pragma once
// Conditions: the small expression language of scenario files (see docs/scenario-format.md),
// compiled once at load into postfix code with resolved slot indices, then evaluated every
// simulation step with a fixed-size stack and no allocation.
#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state_table.hpp"

namespace txr::scenario {

enum class Op : std::uint8_t {
  push,  // constant `value`
  load,  // slot `slot`
  neg,
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  within,  // x lo hi
  logic_and,
  logic_or,
  logic_not,
  abs,
  min,
  max,
};

struct Instr {
  Op op = Op::push;
  SlotId slot = 0;
  double value = 0.0;
};

// A compiled condition. Truth values use three-valued (Kleene) logic: 1 true, 0 false, NaN
// unknown. A number that cannot be computed (x / 0, NaN written by a simulation) makes every
// comparison that uses it unknown, `not unknown` stays unknown, and only a result of exactly
// true counts as true, so a broken number can never make a condition pass.
class Condition {
 public:
  static constexpr std::size_t k_max_stack = 32;

  double evaluate(const StateTable& state) const;
  bool test(const StateTable& state) const { return evaluate(state) == 1.0; }

  ValueType type() const { return type_; }
  bool is_constant() const { return constant_; }
  std::size_t size() const { return code_.size(); }
  const std::vector<Instr>& code() const { return code_; }
  const std::string& text() const { return text_; }

 private:
  friend class ConditionCompiler;
  std::vector<Instr> code_;
  ValueType type_ = ValueType::boolean;
  bool constant_ = false;
  std::string text_;
};

// Where a condition is compiled: decides what `time_in_step_s` means and which text values a
// state may take (so `bolt.in_socket == "hole_9"` is caught at load when there is no hole_9).
struct CompileScope {
  std::optional<SlotId> time_in_step;  // unset outside a step's conditions
  const std::map<std::string, std::vector<std::string>, std::less<>>* text_choices = nullptr;
};

struct CompileError {
  std::size_t offset = 0;  // byte offset inside the condition text
  std::string message;
};

struct CompiledCondition {
  Condition condition;
  std::vector<std::string> steps_referenced;  // ids named in step_done()
};

// Parses, type-checks and folds constants. Requires a true/false result unless
// `want_boolean` is false. String literals are interned into `state`.
std::expected<CompiledCondition, CompileError> compile_condition(std::string_view text,
                                                                 StateTable& state,
                                                                 const CompileScope& scope,
                                                                 bool want_boolean = true);

// Names the engine declares for the procedure, used by conditions.
std::string step_done_slot(std::string_view step_id);
std::string step_active_slot(std::string_view step_id);
std::string step_time_slot(std::string_view step_id);
inline constexpr std::string_view k_elapsed_slot = "attempt.elapsed_s";

}  // namespace txr::scenario
