// Parser and type checker for conditions: text -> typed tree -> folded postfix code.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/suggest.hpp"
#include "scenario/condition.hpp"

namespace txr::scenario {

double apply_op(Op op, double a, double b, double c);
int op_arity(Op op);

namespace {

enum class Tok {
  end,
  number,
  string,
  ident,
  lparen,
  rparen,
  comma,
  dotdot,
  plus,
  minus,
  star,
  slash,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  kw_and,
  kw_or,
  kw_not,
  kw_within,
  kw_true,
  kw_false,
};

struct Token {
  Tok kind = Tok::end;
  std::size_t offset = 0;
  std::string_view text;
  double number = 0.0;
};

constexpr std::size_t k_max_text = 4096;
constexpr int k_max_depth = 64;

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct Node {
  Op op = Op::push;
  bool constant = false;
  bool text_literal = false;
  ValueType type = ValueType::number;
  SlotId slot = 0;
  double value = 0.0;
  std::array<int, 3> kids{-1, -1, -1};
  std::size_t begin = 0, end = 0;
};

}  // namespace

class ConditionCompiler {
 public:
  ConditionCompiler(std::string_view text, StateTable& state, const CompileScope& scope)
      : text_(text), state_(state), scope_(scope) {}

  std::expected<CompiledCondition, CompileError> run(bool want_boolean) {
    if (text_.size() > k_max_text) {
      return fail(0, "this condition is too long (" + std::to_string(text_.size()) +
                         " characters; the limit is " + std::to_string(k_max_text) + ")");
    }
    if (!lex()) return std::unexpected(*error_);
    if (tokens_.front().kind == Tok::end) return fail(0, "the condition is empty");
    const int root = parse_or();
    if (error_) return std::unexpected(*error_);
    if (peek().kind != Tok::end) {
      return fail(peek().offset,
                  "unexpected '" + std::string(peek().text) + "' after the end of the condition");
    }
    const Node& r = nodes_[root];
    if (want_boolean && r.type != ValueType::boolean) {
      return fail(r.begin, "a condition must be true or false, but '" + snippet(r) + "' is " +
                               std::string(to_string(r.type)) +
                               (r.type == ValueType::number ? " (add a comparison such as '> 0')"
                                                            : " (compare it, e.g. == \"...\")"));
    }
    CompiledCondition out;
    out.condition.type_ = r.type;
    out.condition.constant_ = r.constant;
    out.condition.text_ = std::string(text_);
    std::size_t depth = 0, max_depth = 0;
    emit(root, out.condition.code_, depth, max_depth);
    if (max_depth > Condition::k_max_stack) {
      return fail(0, "this condition is too complex to evaluate; split it into smaller ones");
    }
    out.steps_referenced = std::move(steps_);
    return out;
  }

 private:
  std::unexpected<CompileError> fail(std::size_t offset, std::string message) {
    return std::unexpected(CompileError{offset, std::move(message)});
  }
  int error(std::size_t offset, std::string message) {
    if (!error_) error_ = CompileError{offset, std::move(message)};
    return -1;
  }

  bool lex() {
    std::size_t i = 0;
    const std::string_view t = text_;
    auto push = [&](Tok k, std::size_t at, std::size_t len) {
      tokens_.push_back(Token{k, at, t.substr(at, len), 0.0});
      i = at + len;
    };
    while (i < t.size()) {
      const char c = t[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      const char n = i + 1 < t.size() ? t[i + 1] : '\0';
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && std::isdigit(static_cast<unsigned char>(n)))) {
        std::size_t j = i;
        while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
        if (j + 1 < t.size() && t[j] == '.' && std::isdigit(static_cast<unsigned char>(t[j + 1]))) {
          ++j;
          while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
        } else if (j < t.size() && t[j] == '.' && (j + 1 >= t.size() || t[j + 1] != '.')) {
          ++j;  // "5." is 5
        }
        if (j < t.size() && (t[j] == 'e' || t[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < t.size() && (t[k] == '+' || t[k] == '-')) ++k;
          if (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) {
            while (k < t.size() && std::isdigit(static_cast<unsigned char>(t[k]))) ++k;
            j = k;
          }
        }
        if (j < t.size() && ident_start(t[j])) {
          std::size_t k = j;
          while (k < t.size() && ident_char(t[k])) ++k;
          error(i, "'" + std::string(t.substr(i, k - i)) +
                       "': a number cannot carry a unit; units belong in state names "
                       "(e.g. gap_mm < 0.5)");
          return false;
        }
        Token tok{Tok::number, i, t.substr(i, j - i), 0.0};
        const std::string digits(tok.text);
        tok.number = std::strtod(digits.c_str(), nullptr);
        if (!std::isfinite(tok.number)) {
          error(i, "the number '" + digits + "' is too large");
          return false;
        }
        tokens_.push_back(tok);
        i = j;
        continue;
      }
      if (ident_start(c)) {
        std::size_t j = i;
        for (;;) {
          while (j < t.size() && ident_char(t[j])) ++j;
          if (j + 1 < t.size() && t[j] == '.' && ident_start(t[j + 1])) {
            ++j;
            continue;
          }
          break;
        }
        const std::string_view word = t.substr(i, j - i);
        Tok k = Tok::ident;
        if (word == "and") k = Tok::kw_and;
        if (word == "or") k = Tok::kw_or;
        if (word == "not") k = Tok::kw_not;
        if (word == "within") k = Tok::kw_within;
        if (word == "true") k = Tok::kw_true;
        if (word == "false") k = Tok::kw_false;
        push(k, i, j - i);
        continue;
      }
      if (c == '"' || c == '\'') {
        const std::size_t close = t.find(c, i + 1);
        if (close == std::string_view::npos) {
          error(i, "this text has no closing " + std::string(1, c));
          return false;
        }
        push(Tok::string, i, close - i + 1);
        continue;
      }
      switch (c) {
        case '(':
          push(Tok::lparen, i, 1);
          continue;
        case ')':
          push(Tok::rparen, i, 1);
          continue;
        case ',':
          push(Tok::comma, i, 1);
          continue;
        case '+':
          push(Tok::plus, i, 1);
          continue;
        case '-':
          push(Tok::minus, i, 1);
          continue;
        case '*':
          push(Tok::star, i, 1);
          continue;
        case '/':
          push(Tok::slash, i, 1);
          continue;
        case '.':
          if (n == '.') {
            push(Tok::dotdot, i, 2);
            continue;
          }
          break;
        case '=':
          if (n == '=') {
            push(Tok::eq, i, 2);
            continue;
          }
          error(i, "'=' is not a comparison; use '==' to compare");
          return false;
        case '!':
          if (n == '=') {
            push(Tok::ne, i, 2);
            continue;
          }
          error(i, "use 'not' instead of '!'");
          return false;
        case '<':
          if (n == '=') {
            push(Tok::le, i, 2);
          } else {
            push(Tok::lt, i, 1);
          }
          continue;
        case '>':
          if (n == '=') {
            push(Tok::ge, i, 2);
          } else {
            push(Tok::gt, i, 1);
          }
          continue;
        case '&':
          error(i, "use 'and' instead of '&&'");
          return false;
        case '|':
          error(i, "use 'or' instead of '||'");
          return false;
        default:
          break;
      }
      // Report a whole UTF-8 character, not a stray byte.
      std::size_t len = 1;
      while (i + len < t.size() && (static_cast<unsigned char>(t[i + len]) & 0xC0) == 0x80) ++len;
      error(i, "unexpected character '" + std::string(t.substr(i, len)) + "'");
      return false;
    }
    tokens_.push_back(Token{Tok::end, t.size(), {}, 0.0});
    return true;
  }

  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  std::string snippet(const Node& n) const {
    return std::string(text_.substr(n.begin, n.end - n.begin));
  }

  int add(Node n) {
    nodes_.push_back(n);
    return static_cast<int>(nodes_.size()) - 1;
  }

  // Builds an operator node, checking operand types and folding constants.
  int make(Op op, std::size_t begin, int a, int b = -1, int c = -1) {
    if (a < 0 || (op_arity(op) >= 2 && b < 0) || (op_arity(op) == 3 && c < 0)) return -1;
    Node n;
    n.op = op;
    n.kids = {a, b, c};
    n.begin = begin;
    n.end = nodes_[op_arity(op) == 1 ? a : (op_arity(op) == 2 ? b : c)].end;
    const Node& na = nodes_[a];
    auto need = [&](const Node& operand, ValueType t, std::string_view what) {
      if (operand.type == t) return true;
      error(operand.begin, std::string(what) + " needs " + std::string(to_string(t)) + ", but '" +
                               snippet(operand) + "' is " + std::string(to_string(operand.type)));
      return false;
    };
    switch (op) {
      case Op::logic_and:
      case Op::logic_or:
        if (!need(na, ValueType::boolean, op == Op::logic_and ? "'and'" : "'or'") ||
            !need(nodes_[b], ValueType::boolean, op == Op::logic_and ? "'and'" : "'or'")) {
          return -1;
        }
        n.type = ValueType::boolean;
        break;
      case Op::logic_not:
        if (!need(na, ValueType::boolean, "'not'")) return -1;
        n.type = ValueType::boolean;
        break;
      case Op::eq:
      case Op::ne: {
        const Node& nb = nodes_[b];
        if (na.type != nb.type) {
          return error(nb.begin, "cannot compare '" + snippet(na) + "' (" +
                                     std::string(to_string(na.type)) + ") with '" + snippet(nb) +
                                     "' (" + std::string(to_string(nb.type)) + ")");
        }
        if (na.type == ValueType::text && !check_choice(a, b)) return -1;
        n.type = ValueType::boolean;
        break;
      }
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge:
        if (!need(na, ValueType::number, "'" + std::string(symbol(op)) + "'") ||
            !need(nodes_[b], ValueType::number, "'" + std::string(symbol(op)) + "'")) {
          return -1;
        }
        n.type = ValueType::boolean;
        break;
      case Op::within:
        if (!need(na, ValueType::number, "'within'") ||
            !need(nodes_[b], ValueType::number, "'within'") ||
            !need(nodes_[c], ValueType::number, "'within'")) {
          return -1;
        }
        if (nodes_[b].constant && nodes_[c].constant && nodes_[b].value > nodes_[c].value) {
          return error(nodes_[b].begin, "the range " + snippet(nodes_[b]) + ".." +
                                            snippet(nodes_[c]) +
                                            " is empty; write the smaller number first");
        }
        n.type = ValueType::boolean;
        break;
      default: {  // arithmetic and functions on numbers
        const std::string what = "'" + std::string(symbol(op)) + "'";
        if (!need(na, ValueType::number, what)) return -1;
        if (b >= 0 && !need(nodes_[b], ValueType::number, what)) return -1;
        if (op == Op::div && nodes_[b].constant && nodes_[b].value == 0.0) {
          return error(nodes_[b].begin, "division by zero: '" + snippet(nodes_[b]) + "' is 0");
        }
        n.type = ValueType::number;
        break;
      }
    }
    bool all_constant = true;
    for (int k : n.kids) {
      if (k >= 0 && !nodes_[k].constant) all_constant = false;
    }
    if (all_constant) {
      n.constant = true;
      n.value = apply_op(op, nodes_[a].value, b >= 0 ? nodes_[b].value : 0.0,
                         c >= 0 ? nodes_[c].value : 0.0);
    }
    return add(n);
  }

  static std::string_view symbol(Op op) {
    switch (op) {
      case Op::add:
        return "+";
      case Op::sub:
        return "-";
      case Op::mul:
        return "*";
      case Op::div:
        return "/";
      case Op::neg:
        return "-";
      case Op::lt:
        return "<";
      case Op::le:
        return "<=";
      case Op::gt:
        return ">";
      case Op::ge:
        return ">=";
      case Op::abs:
        return "abs";
      case Op::min:
        return "min";
      case Op::max:
        return "max";
      default:
        return "?";
    }
  }

  // `state == "literal"`: the literal must be a value that state can take, when that is known.
  bool check_choice(int a, int b) {
    const Node* slot_node = nullptr;
    const Node* lit = nullptr;
    for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
      if (nodes_[x].op == Op::load && !nodes_[x].constant && nodes_[y].text_literal) {
        slot_node = &nodes_[x];
        lit = &nodes_[y];
      }
    }
    if (!slot_node || !scope_.text_choices) return true;
    const auto it = scope_.text_choices->find(state_.name(slot_node->slot));
    if (it == scope_.text_choices->end()) return true;
    const std::string value(text_.substr(lit->begin + 1, lit->end - lit->begin - 2));
    if (std::find(it->second.begin(), it->second.end(), value) != it->second.end()) return true;
    std::vector<std::string_view> options(it->second.begin(), it->second.end());
    std::string list;
    for (const auto& o : it->second) list += (list.empty() ? "\"" : ", \"") + o + "\"";
    error(lit->begin, "'" + state_.name(slot_node->slot) + "' can never be \"" + value + "\"" +
                          core::did_you_mean(value, options) + "; possible values: " + list);
    return false;
  }

  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& depth) : d(depth) { ++d; }
    ~DepthGuard() { --d; }
  };

  int parse_or() {
    DepthGuard g(depth_);
    if (depth_ > k_max_depth) return error(peek().offset, "this condition is nested too deeply");
    const std::size_t begin = peek().offset;
    int left = parse_and();
    while (left >= 0 && peek().kind == Tok::kw_or) {
      take();
      left = make(Op::logic_or, begin, left, parse_and());
    }
    return left;
  }

  int parse_and() {
    const std::size_t begin = peek().offset;
    int left = parse_not();
    while (left >= 0 && peek().kind == Tok::kw_and) {
      take();
      left = make(Op::logic_and, begin, left, parse_not());
    }
    return left;
  }

  int parse_not() {
    DepthGuard g(depth_);
    if (depth_ > k_max_depth) return error(peek().offset, "this condition is nested too deeply");
    if (peek().kind == Tok::kw_not) {
      const std::size_t begin = take().offset;
      return make(Op::logic_not, begin, parse_not());
    }
    return parse_compare();
  }

  int parse_compare() {
    const std::size_t begin = peek().offset;
    const int left = parse_sum();
    if (left < 0) return -1;
    const Tok k = peek().kind;
    Op op;
    switch (k) {
      case Tok::eq:
        op = Op::eq;
        break;
      case Tok::ne:
        op = Op::ne;
        break;
      case Tok::lt:
        op = Op::lt;
        break;
      case Tok::le:
        op = Op::le;
        break;
      case Tok::gt:
        op = Op::gt;
        break;
      case Tok::ge:
        op = Op::ge;
        break;
      case Tok::kw_within: {
        take();
        const int lo = parse_sum();
        if (lo < 0) return -1;
        if (peek().kind != Tok::dotdot) {
          return error(peek().offset,
                       "'within' needs a range written low..high, e.g. 'x within 1..2'");
        }
        take();
        return make(Op::within, begin, left, lo, parse_sum());
      }
      default:
        return left;
    }
    take();
    const int result = make(op, begin, left, parse_sum());
    if (result >= 0) {
      const Tok next = peek().kind;
      if (next == Tok::eq || next == Tok::ne || next == Tok::lt || next == Tok::le ||
          next == Tok::gt || next == Tok::ge || next == Tok::kw_within) {
        return error(peek().offset, "comparisons cannot be chained; join them with 'and'");
      }
    }
    return result;
  }

  int parse_sum() {
    const std::size_t begin = peek().offset;
    int left = parse_product();
    while (left >= 0 && (peek().kind == Tok::plus || peek().kind == Tok::minus)) {
      const Op op = take().kind == Tok::plus ? Op::add : Op::sub;
      left = make(op, begin, left, parse_product());
    }
    return left;
  }

  int parse_product() {
    const std::size_t begin = peek().offset;
    int left = parse_unary();
    while (left >= 0 && (peek().kind == Tok::star || peek().kind == Tok::slash)) {
      const Op op = take().kind == Tok::star ? Op::mul : Op::div;
      left = make(op, begin, left, parse_unary());
    }
    return left;
  }

  int parse_unary() {
    DepthGuard g(depth_);
    if (depth_ > k_max_depth) return error(peek().offset, "this condition is nested too deeply");
    if (peek().kind == Tok::minus) {
      const std::size_t begin = take().offset;
      return make(Op::neg, begin, parse_unary());
    }
    return parse_primary();
  }

  int leaf(const Token& t, ValueType type, double value, bool constant) {
    Node n;
    n.op = constant ? Op::push : Op::load;
    n.constant = constant;
    n.type = type;
    n.value = value;
    n.slot = constant ? 0 : static_cast<SlotId>(value);
    n.begin = t.offset;
    n.end = t.offset + t.text.size();
    return add(n);
  }

  int parse_primary() {
    const Token& t = take();
    switch (t.kind) {
      case Tok::number:
        return leaf(t, ValueType::number, t.number, true);
      case Tok::kw_true:
      case Tok::kw_false:
        return leaf(t, ValueType::boolean, t.kind == Tok::kw_true ? 1.0 : 0.0, true);
      case Tok::string: {
        const int id =
            leaf(t, ValueType::text,
                 static_cast<double>(state_.intern(t.text.substr(1, t.text.size() - 2))), true);
        nodes_[id].text_literal = true;
        return id;
      }
      case Tok::lparen: {
        const int inner = parse_or();
        if (inner < 0) return -1;
        if (peek().kind != Tok::rparen) {
          return error(peek().offset,
                       "missing ')' to close the '(' at character " + std::to_string(t.offset + 1));
        }
        const std::size_t close = take().offset;
        nodes_[inner].begin = t.offset;
        nodes_[inner].end = close + 1;
        return inner;
      }
      case Tok::ident:
        if (peek().kind == Tok::lparen) return parse_call(t);
        return resolve_name(t);
      case Tok::end:
        return error(t.offset, "the condition ends too early; a value is missing here");
      default:
        return error(t.offset, "expected a value here, found '" + std::string(t.text) + "'");
    }
  }

  int load_slot(const Token& t, SlotId slot) {
    const int id = leaf(t, state_.type(slot), 0.0, false);
    nodes_[id].slot = slot;
    return id;
  }

  int resolve_name(const Token& t) {
    if (t.text == "elapsed_s") {
      if (auto s = state_.find(k_elapsed_slot)) return load_slot(t, *s);
    }
    if (t.text == "time_in_step_s") {
      if (scope_.time_in_step) return load_slot(t, *scope_.time_in_step);
      return error(t.offset,
                   "'time_in_step_s' only means something in a step's conditions; use "
                   "'elapsed_s' here");
    }
    if (auto s = state_.find(t.text)) return load_slot(t, *s);
    std::vector<std::string_view> candidates(state_.names().begin(), state_.names().end());
    candidates.push_back("elapsed_s");
    if (scope_.time_in_step) candidates.push_back("time_in_step_s");
    const std::string prefix = std::string(t.text) + ".";
    for (const auto& name : state_.names()) {
      if (name.starts_with(prefix)) {
        return error(t.offset, "'" + std::string(t.text) +
                                   "' is not a value by itself; name one of its states, e.g. '" +
                                   name + "'");
      }
    }
    return error(t.offset, "unknown name '" + std::string(t.text) + "'" +
                               core::did_you_mean(t.text, candidates));
  }

  int parse_call(const Token& name) {
    static constexpr std::array<std::string_view, 5> k_functions = {"step_done", "step_active",
                                                                    "abs", "min", "max"};
    take();  // (
    std::vector<int> args;
    if (peek().kind != Tok::rparen) {
      for (;;) {
        const int a = parse_or();
        if (a < 0) return -1;
        args.push_back(a);
        if (peek().kind != Tok::comma) break;
        take();
      }
    }
    if (peek().kind != Tok::rparen) {
      return error(peek().offset,
                   "missing ')' after the arguments of '" + std::string(name.text) + "'");
    }
    const std::size_t close = take().offset;
    const std::string_view fn = name.text;
    auto arity = [&](std::size_t n) {
      if (args.size() == n) return true;
      error(name.offset, "'" + std::string(fn) + "' takes " + std::to_string(n) + " argument" +
                             (n == 1 ? "" : "s") + ", not " + std::to_string(args.size()));
      return false;
    };
    int result = -1;
    if (fn == "step_done" || fn == "step_active") {
      if (!arity(1)) return -1;
      const Node& a = nodes_[args[0]];
      if (!a.text_literal) {
        return error(a.begin, "'" + std::string(fn) + "' needs a step id in quotes, e.g. " +
                                  std::string(fn) + "(\"open_valve\")");
      }
      const std::string id(text_.substr(a.begin + 1, a.end - a.begin - 2));
      const auto slot = state_.find(fn == "step_done" ? step_done_slot(id) : step_active_slot(id));
      if (!slot) {
        std::vector<std::string> ids;
        for (const auto& n : state_.names()) {
          if (n.starts_with("step.") && n.ends_with(".done"))
            ids.push_back(n.substr(5, n.size() - 10));
        }
        std::vector<std::string_view> views(ids.begin(), ids.end());
        return error(a.begin, "there is no step '" + id + "'" + core::did_you_mean(id, views));
      }
      if (fn == "step_done") steps_.push_back(id);
      result = load_slot(name, *slot);
    } else if (fn == "abs") {
      if (!arity(1)) return -1;
      result = make(Op::abs, name.offset, args[0]);
    } else if (fn == "min" || fn == "max") {
      if (!arity(2)) return -1;
      result = make(fn == "min" ? Op::min : Op::max, name.offset, args[0], args[1]);
    } else {
      return error(name.offset, "unknown function '" + std::string(fn) + "'" +
                                    core::did_you_mean(fn, k_functions));
    }
    if (result >= 0) {
      nodes_[result].begin = name.offset;
      nodes_[result].end = close + 1;
    }
    return result;
  }

  void emit(int id, std::vector<Instr>& code, std::size_t& depth, std::size_t& max_depth) {
    const Node& n = nodes_[id];
    if (n.constant || n.op == Op::load) {
      code.push_back(Instr{n.constant ? Op::push : Op::load, n.slot, n.value});
      max_depth = std::max(max_depth, ++depth);
      return;
    }
    for (int k : n.kids) {
      if (k >= 0) emit(k, code, depth, max_depth);
    }
    code.push_back(Instr{n.op, 0, 0.0});
    depth -= static_cast<std::size_t>(op_arity(n.op) - 1);
  }

  std::string_view text_;
  StateTable& state_;
  const CompileScope& scope_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::vector<Node> nodes_;
  std::vector<std::string> steps_;
  std::optional<CompileError> error_;
  int depth_ = 0;
};

std::expected<CompiledCondition, CompileError> compile_condition(std::string_view text,
                                                                 StateTable& state,
                                                                 const CompileScope& scope,
                                                                 bool want_boolean) {
  return ConditionCompiler(text, state, scope).run(want_boolean);
}

}  // namespace txr::scenario
