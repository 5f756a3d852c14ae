#include "scenario/condition.hpp"

#include <cmath>
#include <limits>

namespace txr::scenario {
namespace {

constexpr double k_unknown = std::numeric_limits<double>::quiet_NaN();

double truth(bool b) { return b ? 1.0 : 0.0; }

double compare(Op op, double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return k_unknown;
  switch (op) {
    case Op::eq:
      return truth(a == b);
    case Op::ne:
      return truth(a != b);
    case Op::lt:
      return truth(a < b);
    case Op::le:
      return truth(a <= b);
    case Op::gt:
      return truth(a > b);
    default:
      return truth(a >= b);
  }
}

}  // namespace

// Shared by evaluation and constant folding so both give the same answer.
double apply_op(Op op, double a, double b, double c) {
  switch (op) {
    case Op::neg:
      return -a;
    case Op::add:
      return a + b;
    case Op::sub:
      return a - b;
    case Op::mul:
      return a * b;
    case Op::div:
      return b == 0.0 ? k_unknown : a / b;
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return compare(op, a, b);
    case Op::within:
      if (std::isnan(a) || std::isnan(b) || std::isnan(c)) return k_unknown;
      return truth(b <= a && a <= c);
    case Op::logic_and:
      if (a == 0.0 || b == 0.0) return 0.0;
      return (std::isnan(a) || std::isnan(b)) ? k_unknown : 1.0;
    case Op::logic_or:
      if (a == 1.0 || b == 1.0) return 1.0;
      return (std::isnan(a) || std::isnan(b)) ? k_unknown : 0.0;
    case Op::logic_not:
      return std::isnan(a) ? k_unknown : truth(a == 0.0);
    case Op::abs:
      return std::fabs(a);
    case Op::min:
      return (std::isnan(a) || std::isnan(b)) ? k_unknown : std::fmin(a, b);
    case Op::max:
      return (std::isnan(a) || std::isnan(b)) ? k_unknown : std::fmax(a, b);
    case Op::push:
    case Op::load:
      break;
  }
  return k_unknown;
}

int op_arity(Op op) {
  switch (op) {
    case Op::push:
    case Op::load:
      return 0;
    case Op::neg:
    case Op::logic_not:
    case Op::abs:
      return 1;
    case Op::within:
      return 3;
    default:
      return 2;
  }
}

double Condition::evaluate(const StateTable& state) const {
  // The compiler guarantees the stack never exceeds k_max_stack and is balanced.
  double stack[k_max_stack];
  std::size_t sp = 0;
  const double* values = state.raw();
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::push:
        stack[sp++] = in.value;
        break;
      case Op::load:
        stack[sp++] = values[in.slot];
        break;
      case Op::neg:
      case Op::logic_not:
      case Op::abs:
        stack[sp - 1] = apply_op(in.op, stack[sp - 1], 0.0, 0.0);
        break;
      case Op::within:
        sp -= 2;
        stack[sp - 1] = apply_op(in.op, stack[sp - 1], stack[sp], stack[sp + 1]);
        break;
      default:
        --sp;
        stack[sp - 1] = apply_op(in.op, stack[sp - 1], stack[sp], 0.0);
        break;
    }
  }
  return sp == 1 ? stack[0] : k_unknown;
}

std::string step_done_slot(std::string_view step_id) {
  return "step." + std::string(step_id) + ".done";
}
std::string step_active_slot(std::string_view step_id) {
  return "step." + std::string(step_id) + ".active";
}
std::string step_time_slot(std::string_view step_id) {
  return "step." + std::string(step_id) + ".time_s";
}

}  // namespace txr::scenario
