#include "scenario/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/suggest.hpp"

namespace txr::scenario {
namespace {

core::SourceLocation file_pos(const std::string& rel, std::string_view text, std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {rel, line, column};
}

// Offset of the first byte that breaks UTF-8, or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t min = 0;
    if (c < 0x80) {
      if (c == 0) return i;
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    std::uint32_t cp = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || !std::islower(static_cast<unsigned char>(id[0])))
    return false;
  for (char c : id) {
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar: {
      std::string s = node.Scalar();
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return "'" + s + "'";
    }
    default:
      return "empty";
  }
}

YamlFile read_yaml_file(const std::filesystem::path& dir, const std::string& rel,
                        std::uintmax_t max_bytes, bool required, Diagnostics& diag) {
  YamlFile f;
  f.rel = rel;
  const auto path = dir / rel;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    if (required) {
      diag.error({rel, 0, 0}, std::filesystem::exists(path, ec)
                                  ? "this is not a regular file"
                                  : "file not found (every package needs " + rel + ")");
    }
    return f;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    diag.error({rel, 0, 0}, "cannot read the file size: " + ec.message());
    return f;
  }
  if (size > max_bytes) {
    diag.error({rel, 0, 0}, "the file is too large (" + std::to_string(size) +
                                " bytes; the limit is " +
                                std::to_string(max_bytes / (1024 * 1024)) + " MiB)");
    return f;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diag.error({rel, 0, 0}, "cannot open the file for reading");
    return f;
  }
  f.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (f.text.starts_with("\xEF\xBB\xBF")) f.text.replace(0, 3, "");  // UTF-8 byte-order mark
  if (const auto bad = first_invalid_utf8(f.text); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(f.text[bad])));
    diag.error(
        file_pos(rel, f.text, bad),
        std::string(f.text[bad] == '\0' ? "a zero byte: this looks like a binary file, not text"
                                        : "byte " + std::string(hex) + " is not UTF-8 text") +
            "; save the file as UTF-8 text");
    return f;
  }
  if (f.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    diag.error({rel, 1, 1}, "the file is empty");
    return f;
  }
  try {
    f.root = YAML::Load(f.text);
  } catch (const YAML::DeepRecursion& e) {
    diag.error(
        {rel, static_cast<std::uint32_t>(e.mark.line + 1),
         static_cast<std::uint32_t>(e.mark.column + 1)},
        "the file is nested too deeply (more than " + std::to_string(e.depth() - 1) + " levels)");
    return f;
  } catch (const YAML::Exception& e) {
    core::SourceLocation loc{rel, 0, 0};
    if (!e.mark.is_null()) {
      loc.line = static_cast<std::uint32_t>(e.mark.line + 1);
      loc.column = static_cast<std::uint32_t>(e.mark.column + 1);
    }
    diag.error(loc, "YAML syntax error: " + e.msg);
    return f;
  } catch (const std::exception& e) {
    diag.error({rel, 0, 0}, std::string("cannot read the file: ") + e.what());
    return f;
  }
  if (f.root.IsNull()) {
    diag.error({rel, 1, 1}, "the file has no content (only comments or blank lines)");
    return f;
  }
  f.parsed = true;
  return f;
}

core::SourceLocation YamlReader::at(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.is_null() || m.line < 0) return {file_.rel, 0, 0};
  return {file_.rel, static_cast<std::uint32_t>(m.line + 1),
          static_cast<std::uint32_t>(m.column + 1)};
}

core::SourceLocation YamlReader::at_offset(const YAML::Node& node, std::size_t offset) const {
  // Walk the source from the scalar's first byte, matching the value's non-space characters,
  // so the position is right for plain, quoted and block scalars alike.
  const YAML::Mark m = node.Mark();
  const std::string& value = node.Scalar();
  const std::string& src = file_.text;
  if (m.is_null() || m.pos < 0 || static_cast<std::size_t>(m.pos) >= src.size()) return at(node);
  std::size_t p = static_cast<std::size_t>(m.pos);
  if (src[p] == '|' || src[p] == '>') {
    p = src.find('\n', p);
    if (p == std::string::npos) return at(node);
  } else if (src[p] == '"' || src[p] == '\'') {
    ++p;
  }
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t found = p;
  for (std::size_t i = 0; i <= offset && i < value.size(); ++i) {
    if (space(value[i])) continue;
    while (p < src.size() && space(src[p])) ++p;
    if (p >= src.size() || src[p] != value[i]) return at(node);  // escapes: give the start
    found = p++;
  }
  if (offset >= value.size()) found = p;
  auto loc = file_pos(file_.rel, src, found);
  return loc;
}

bool YamlReader::check_map(const YAML::Node& node, std::string_view what,
                           std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> required) {
  return check_map(node, what, std::vector<std::string_view>(allowed),
                   std::vector<std::string_view>(required));
}

bool YamlReader::check_map(const YAML::Node& node, std::string_view what,
                           const std::vector<std::string_view>& allowed,
                           const std::vector<std::string_view>& required) {
  if (!node.IsMap()) {
    error(node,
          std::string(what) + " must be a map of 'key: value' lines, not " + describe_node(node));
    return false;
  }
  std::vector<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      error(kv.first, "keys in " + std::string(what) + " must be plain words");
      continue;
    }
    const std::string& key = kv.first.Scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      error(kv.first, "'" + key + "' appears twice in " + std::string(what));
      continue;
    }
    seen.push_back(key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      error(kv.first,
            "unknown key '" + key + "' in " + std::string(what) + core::did_you_mean(key, allowed));
    }
  }
  for (auto key : required) {
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
      error(node, std::string(what) + " is missing '" + std::string(key) + "'");
    }
  }
  return true;
}

bool YamlReader::check_list(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  error(node, std::string(what) + " must be a list ('- ' lines), not " + describe_node(node));
  return false;
}

std::optional<double> YamlReader::number_value(const YAML::Node& node, NumberRange range,
                                               std::string_view name, std::string_view what) {
  double v = 0.0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, v)) {
    error(node, "'" + std::string(name) + "' in " + std::string(what) + " must be a number, not " +
                    describe_node(node));
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    error(node, "'" + std::string(name) + "' in " + std::string(what) + " must be a finite number");
    return std::nullopt;
  }
  if (range.min_exclusive ? v <= range.min : v < range.min) {
    error(node, "'" + std::string(name) + "' in " + std::string(what) + " must be " +
                    (range.min_exclusive ? "more than " : "at least ") + format_number(range.min) +
                    " (it is " + format_number(v) + ")");
    return std::nullopt;
  }
  if (v > range.max) {
    error(node, "'" + std::string(name) + "' in " + std::string(what) + " must be at most " +
                    format_number(range.max) + " (it is " + format_number(v) + ")");
    return std::nullopt;
  }
  return v;
}

std::optional<double> YamlReader::number(const YAML::Node& map, std::string_view key,
                                         NumberRange range, std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  return number_value(n, range, key, what);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, std::string_view key,
                                        std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) {
    error(n, "'" + std::string(key) + "' in " + std::string(what) + " must be true or false, not " +
                 describe_node(n));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlReader::text(const YAML::Node& map, std::string_view key,
                                            std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  if (!n.IsScalar() || n.Scalar().empty()) {
    error(n, "'" + std::string(key) + "' in " + std::string(what) + " must be text, not " +
                 describe_node(n));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::id_value(const YAML::Node& n, std::string_view what) {
  if (!n.IsScalar() || !is_valid_id(n.Scalar())) {
    error(n, std::string(what) + " " + describe_node(n) +
                 " is not a valid id: use a-z, 0-9 and _, starting with a letter (e.g. bolt_1)");
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> YamlReader::id(const YAML::Node& map, std::string_view key,
                                          std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  return id_value(n, std::string("'") + std::string(key) + "' of " + std::string(what));
}

std::optional<std::string> YamlReader::choice(const YAML::Node& map, std::string_view key,
                                              std::initializer_list<std::string_view> choices,
                                              std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  std::string list;
  for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  if (!n.IsScalar()) {
    error(n, "'" + std::string(key) + "' in " + std::string(what) + " must be one of " + list);
    return std::nullopt;
  }
  const std::string& v = n.Scalar();
  for (auto c : choices) {
    if (c == v) return v;
  }
  error(n, "'" + std::string(key) + "' in " + std::string(what) + " cannot be '" + v + "'" +
               core::did_you_mean(v, std::vector<std::string_view>(choices)) + "; use one of " +
               list);
  return std::nullopt;
}

std::optional<Vec3> YamlReader::vec3(const YAML::Node& map, std::string_view key, NumberRange range,
                                     std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  if (!n.IsSequence() || n.size() != 3) {
    error(n, "'" + std::string(key) + "' in " + std::string(what) +
                 " must be three numbers [x, y, z], not " + describe_node(n));
    return std::nullopt;
  }
  Vec3 v{};
  bool ok = true;
  for (std::size_t i = 0; i < 3; ++i) {
    auto x = number_value(n[i], range, key, what);
    if (!x) ok = false;
    v[i] = x.value_or(0.0);
  }
  if (!ok) return std::nullopt;
  return v;
}

std::optional<std::vector<std::string>> YamlReader::id_list(const YAML::Node& map,
                                                            std::string_view key,
                                                            std::string_view what) {
  const YAML::Node n = map[std::string(key)];
  if (!n) return std::nullopt;
  if (!n.IsSequence()) {
    error(n, "'" + std::string(key) + "' in " + std::string(what) +
                 " must be a list of ids like [a, b], not " + describe_node(n));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : n) {
    if (auto v = id_value(item, "'" + std::string(key) + "' entry")) out.push_back(*v);
  }
  return out;
}

}  // namespace txr::scenario
