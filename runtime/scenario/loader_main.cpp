// Package loading: files, metadata, modes, locales and the checks that span the package.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/suggest.hpp"
#include "scenario/package_loader_impl.hpp"

namespace txr::scenario {
namespace {

const std::vector<std::string_view> k_top_keys = {"format",    "metadata", "modes",     "scene",
                                                  "procedure", "safety",   "technique", "rubric"};

bool is_text_key(std::string_view key) {
  if (key.empty() || key.size() > 128 || key.front() == '.' || key.back() == '.') return false;
  for (char c : key) {
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') {
      return false;
    }
  }
  return key.find("..") == std::string_view::npos;
}

bool is_semver(std::string_view v) {
  int parts = 0;
  std::size_t i = 0;
  while (i < v.size()) {
    const std::size_t start = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == start || i - start > 9) return false;
    if (i - start > 1 && v[start] == '0') return false;
    ++parts;
    if (i == v.size()) break;
    if (v[i] == '-' || v[i] == '+') return parts == 3 && i + 1 < v.size();  // 1.2.3-rc.1
    if (v[i] != '.') return false;
    ++i;
    if (i == v.size()) return false;
  }
  return parts == 3;
}

}  // namespace

PackageLoader::PackageLoader(const std::filesystem::path& dir, const LoadOptions& options,
                             Diagnostics& diag)
    : dir_(dir), options_(options), diag_(diag), r_(file_, diag) {
  registry_ = options.components ? options.components : &default_components();
}

std::optional<Scenario> PackageLoader::run() {
  s_.dir = dir_;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    diag_.error({}, "'" + dir_.string() +
                        "' is not a package folder (expected a folder with scenario.yaml)");
    return std::nullopt;
  }
  file_ = read_yaml_file(dir_, "scenario.yaml", options_.max_file_bytes, true, diag_);
  s_.elapsed_slot = *s_.initial_state.declare(std::string(k_elapsed_slot), ValueType::number);
  const YAML::Node& root = file_.root;
  if (file_.parsed && r_.check_map(root, "the scenario file", k_top_keys,
                                   {"format", "metadata", "scene", "procedure"})) {
    if (const auto format = root["format"]) {
      if (!format.IsScalar() || format.Scalar() != "1") {
        r_.error(format, "format " + describe_node(format) +
                             " is not supported; this runtime reads format 1");
      }
    }
    if (root["metadata"]) read_metadata(root["metadata"]);
    read_locales();
    if (root["scene"]) read_scene(root["scene"]);
    if (root["procedure"]) read_procedure(root["procedure"]);
    if (root["safety"]) read_safety(root["safety"]);
    compile_conditions();
    check_dependencies();
    read_modes(root["modes"]);
    if (root["technique"]) read_technique(root["technique"]);
    if (root["rubric"]) {
      read_rubric(root["rubric"]);
    } else {
      diag_.warning({file_.rel, 1, 1}, "there is no rubric, so attempts cannot be scored");
    }
    check_text_keys();
  } else if (!file_.parsed) {
    read_locales();  // still report their own problems
  }
  diag_.sort();
  if (diag_.has_errors()) return std::nullopt;
  return std::move(s_);
}

std::optional<std::string> PackageLoader::text_key(const YAML::Node& map, std::string_view key,
                                                   std::string_view what, bool required) {
  const YAML::Node n = map[std::string(key)];
  if (!n) {
    if (required) r_.error(map, std::string(what) + " is missing '" + std::string(key) + "'");
    return std::nullopt;
  }
  if (!n.IsScalar() || !is_text_key(n.Scalar())) {
    const std::string lang = s_.meta.languages.empty() ? "vi" : s_.meta.languages.front();
    r_.error(n, "'" + std::string(key) + "' in " + std::string(what) +
                    " must be a text key such as " + "step.open_valve.instruction, not " +
                    describe_node(n) + "; write the text itself in locales/" + lang + ".yaml");
    return std::nullopt;
  }
  key_uses_.push_back({n.Scalar(), r_.at(n)});
  return n.Scalar();
}

void PackageLoader::read_metadata(const YAML::Node& node) {
  const std::string what = "metadata";
  if (!r_.check_map(node, what,
                    {"id", "version", "trade", "title", "summary", "estimated_duration_min",
                     "time_limit_min", "mastery_score", "author", "licence", "languages"},
                    {"id", "version", "trade", "title", "summary", "time_limit_min",
                     "mastery_score", "author", "licence", "languages"})) {
    return;
  }
  auto& m = s_.meta;
  if (const auto id = node["id"]) {
    if (!id.IsScalar() || id.Scalar().empty() || id.Scalar().size() > 64 ||
        !std::all_of(id.Scalar().begin(), id.Scalar().end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        })) {
      r_.error(id, "the package id " + describe_node(id) +
                       " must use a-z, 0-9, - and _ only (e.g. flange-bolting)");
    } else {
      m.id = id.Scalar();
      const std::string folder =
          std::filesystem::absolute(dir_).lexically_normal().filename().string();
      const std::string folder_name =
          folder.empty()
              ? std::filesystem::absolute(dir_).lexically_normal().parent_path().filename().string()
              : folder;
      if (folder_name != m.id) {
        r_.warning(
            id, "the package id '" + m.id + "' differs from its folder name '" + folder_name + "'");
      }
    }
  }
  if (const auto v = node["version"]) {
    if (!v.IsScalar() || !is_semver(v.Scalar())) {
      r_.error(v, "version " + describe_node(v) +
                      " must be three numbers like 1.0.0 (major.minor.patch)");
    } else {
      m.version = v.Scalar();
    }
  }
  if (auto t = r_.choice(node, "trade", {"mechanical", "electrical", "precision"}, what)) {
    m.trade = *t == "mechanical"   ? TradeFamily::mechanical
              : *t == "electrical" ? TradeFamily::electrical
                                   : TradeFamily::precision;
  }
  if (const auto langs = node["languages"]) {
    if (r_.check_list(langs, "'languages' in metadata")) {
      for (const auto& l : langs) {
        const bool ok = l.IsScalar() && l.Scalar().size() == 2 &&
                        std::islower(static_cast<unsigned char>(l.Scalar()[0])) &&
                        std::islower(static_cast<unsigned char>(l.Scalar()[1]));
        if (!ok) {
          r_.error(l,
                   "language " + describe_node(l) + " must be a two-letter code such as vi or en");
        } else if (std::find(m.languages.begin(), m.languages.end(), l.Scalar()) !=
                   m.languages.end()) {
          r_.error(l, "language '" + l.Scalar() + "' is listed twice");
        } else {
          m.languages.push_back(l.Scalar());
        }
      }
      if (langs.size() == 0) r_.error(langs, "'languages' in metadata needs at least one language");
    }
  }
  m.title_key = text_key(node, "title", what, false).value_or("");
  m.summary_key = text_key(node, "summary", what, false).value_or("");
  m.time_limit_min = r_.number(node, "time_limit_min", {0.0, 600.0, true}, what).value_or(0.0);
  m.estimated_duration_min =
      r_.number(node, "estimated_duration_min", {0.0, 600.0, true}, what).value_or(0.0);
  if (m.time_limit_min > 0 && m.estimated_duration_min > m.time_limit_min) {
    r_.warning(node["estimated_duration_min"], "the estimated duration (" +
                                                   format_number(m.estimated_duration_min) +
                                                   " min) is longer than the time limit (" +
                                                   format_number(m.time_limit_min) + " min)");
  }
  m.mastery_score = r_.number(node, "mastery_score", {0.0, 100.0, true}, what).value_or(0.0);
  m.author = r_.text(node, "author", what).value_or("");
  m.licence = r_.text(node, "licence", what).value_or("");
}

void PackageLoader::read_modes(const YAML::Node& node) {
  s_.practice = ModeSettings{true, 30.0, true, false};
  s_.assessment = ModeSettings{false, 0.0, false, true};
  if (!node) return;
  if (!r_.check_map(node, "modes", {"practice", "assessment"}, {})) return;
  for (auto [name, settings] :
       {std::pair{"practice", &s_.practice}, std::pair{"assessment", &s_.assessment}}) {
    const YAML::Node m = node[name];
    if (!m) continue;
    const std::string what = std::string(name) + " mode";
    if (!r_.check_map(m, what,
                      {"hints", "hint_after_idle_s", "explain_mistakes", "critical_ends_attempt"},
                      {})) {
      continue;
    }
    settings->hints = r_.boolean(m, "hints", what).value_or(settings->hints);
    settings->hint_after_idle_s = r_.number(m, "hint_after_idle_s", {0.0, 3600.0}, what)
                                      .value_or(settings->hint_after_idle_s);
    settings->explain_mistakes =
        r_.boolean(m, "explain_mistakes", what).value_or(settings->explain_mistakes);
    settings->critical_ends_attempt =
        r_.boolean(m, "critical_ends_attempt", what).value_or(settings->critical_ends_attempt);
  }
  if (s_.assessment.hints && node["assessment"]) {
    r_.warning(node["assessment"]["hints"],
               "hints are on in assessment mode; assessments are normally taken without hints");
  }
}

void PackageLoader::read_locales() {
  std::vector<std::string> langs = s_.meta.languages;
  if (langs.empty()) langs = {"vi", "en"};
  for (const auto& lang : langs) {
    YamlFile f =
        read_yaml_file(dir_, "locales/" + lang + ".yaml", options_.max_file_bytes, true, diag_);
    if (f.parsed) {
      YamlReader lr(f, diag_);
      if (!f.root.IsMap()) {
        lr.error(f.root,
                 "a locale file must be a map of 'key: text' lines, not " + describe_node(f.root));
      } else {
        std::set<std::string> seen;
        for (const auto& kv : f.root) {
          if (!kv.first.IsScalar() || !is_text_key(kv.first.Scalar())) {
            lr.error(kv.first, "text key " + describe_node(kv.first) +
                                   " must use a-z, 0-9, _, - and dots (e.g. step.open.hint)");
            continue;
          }
          const std::string& key = kv.first.Scalar();
          if (!seen.insert(key).second) {
            lr.error(kv.first, "text key '" + key + "' appears twice");
            continue;
          }
          if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
            lr.error(kv.second, "the text for '" + key +
                                    "' must be a line of text (or a | block), not " +
                                    describe_node(kv.second));
            continue;
          }
          s_.strings.set(lang, key, kv.second.Scalar());
        }
      }
    }
    locale_files_.push_back(std::move(f));
  }
}

void PackageLoader::check_text_keys() {
  std::set<std::string, std::less<>> used;
  for (const auto& use : key_uses_) used.insert(use.key);
  for (const auto& f : locale_files_) {
    if (!f.parsed || !f.root.IsMap()) continue;
    const std::string lang = std::filesystem::path(f.rel).stem().string();
    std::vector<std::string_view> present;
    for (const auto& kv : f.root) {
      if (kv.first.IsScalar()) present.push_back(kv.first.Scalar());
    }
    for (const auto& use : key_uses_) {
      if (!s_.strings.has(lang, use.key)) {
        diag_.error(use.where, "text key '" + use.key + "' is missing from " + f.rel +
                                   core::did_you_mean(use.key, present));
      }
    }
    YamlReader lr(f, diag_);
    for (const auto& kv : f.root) {
      if (kv.first.IsScalar() && !used.contains(kv.first.Scalar()) &&
          is_text_key(kv.first.Scalar())) {
        lr.warning(kv.first, "text '" + kv.first.Scalar() + "' is not used by scenario.yaml");
      }
    }
  }
}

std::optional<FileRef> PackageLoader::file_ref(const YAML::Node& node, std::string_view what,
                                               bool model) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    r_.error(node, std::string(what) + " must be a file path, not " + describe_node(node));
    return std::nullopt;
  }
  FileRef ref;
  ref.written = node.Scalar();
  std::string path = ref.written;
  if (path.starts_with("asset:")) {
    if (!model) {
      r_.error(node, "'asset:' only works for models; put textures in the package");
      return std::nullopt;
    }
    ref.shared = true;
    path = path.substr(6);
  }
  const std::filesystem::path p(path);
  if (p.is_absolute() || path.find('\\') != std::string::npos) {
    r_.error(node, std::string(what) + " '" + ref.written +
                       "' must be a relative path with '/' (e.g. models/flange.gltf)");
    return std::nullopt;
  }
  for (const auto& part : p) {
    if (part == "..") {
      r_.error(node, std::string(what) + " '" + ref.written + "' must not leave " +
                         (ref.shared ? "the shared assets folder" : "the package folder"));
      return std::nullopt;
    }
  }
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  const std::vector<std::string_view> allowed =
      model ? std::vector<std::string_view>{".gltf", ".glb", ".obj"}
            : std::vector<std::string_view>{".png", ".jpg", ".jpeg", ".ktx2"};
  if (std::find(allowed.begin(), allowed.end(), ext) == allowed.end()) {
    r_.error(node, std::string(what) + " '" + ref.written + "' has an unsupported type; use " +
                       (model ? ".gltf, .glb or .obj" : ".png, .jpg or .ktx2"));
    return std::nullopt;
  }
  std::error_code ec;
  if (ref.shared) {
    std::filesystem::path assets = options_.shared_assets_dir;
    if (assets.empty()) {
      for (auto d = std::filesystem::absolute(dir_, ec).lexically_normal(); !d.empty();
           d = d.parent_path()) {
        if (std::filesystem::is_directory(d / "assets" / "models", ec)) {
          assets = d / "assets" / "models";
          break;
        }
        if (d == d.parent_path()) break;
      }
    }
    if (assets.empty()) {
      r_.error(node, "shared model '" + ref.written +
                         "' cannot be found: there is no assets/models folder above the package");
      return std::nullopt;
    }
    ref.resolved = assets / p;
    if (!std::filesystem::is_regular_file(ref.resolved, ec)) {
      r_.error(node, "shared model '" + path + "' does not exist in assets/models");
      return std::nullopt;
    }
  } else {
    ref.resolved = dir_ / p;
    if (!std::filesystem::is_regular_file(ref.resolved, ec)) {
      r_.error(node, std::string(what) + " '" + ref.written + "' does not exist in the package");
      return std::nullopt;
    }
  }
  return ref;
}

LoadResult load_package(const std::filesystem::path& dir, const LoadOptions& options) {
  LoadResult result;
  try {
    PackageLoader loader(dir, options, result.diagnostics);
    result.scenario = loader.run();
  } catch (const std::exception& e) {
    // Last line of defence: a checker bug must still end in a message, never a crash.
    result.scenario.reset();
    result.diagnostics.error({"scenario.yaml", 0, 0},
                             std::string("the checker stopped unexpectedly: ") + e.what());
  }
  return result;
}

std::string summarize(const Scenario& s, std::string_view language) {
  std::ostringstream out;
  std::string lang(language);
  if (!s.strings.has(lang, s.meta.title_key)) lang = s.meta.languages.front();
  out << s.meta.id << " " << s.meta.version << " (" << to_string(s.meta.trade) << "): \""
      << s.strings.get(lang, s.meta.title_key) << "\"\n";
  out << "  " << s.steps.size() << " steps (" << s.required_step_count() << " required, "
      << s.groups.size() << " any-order groups), " << s.rules.size() << " safety rules, "
      << s.objects.size() << " objects, " << s.rubric.criteria.size() << " rubric criteria\n";
  out << "  languages:";
  for (const auto& l : s.meta.languages) out << " " << l;
  out << "; time limit " << format_number(s.meta.time_limit_min) << " min; pass at "
      << format_number(s.meta.mastery_score) << "/100\n";
  if (!s.technique.empty()) {
    out << "  technique bands:";
    for (const auto& b : s.technique) {
      out << " " << b.id << " (" << b.subject << " " << to_string(b.quantity)
          << (b.during_step.empty() ? "" : ", step " + b.during_step) << ")";
    }
    out << "\n";
  }
  return out.str();
}

std::string findings_json(const LoadResult& result, const std::string& package_dir) {
  nlohmann::json j;
  j["package"] = package_dir;
  j["ok"] = !result.diagnostics.has_errors();
  j["errors"] = result.diagnostics.error_count();
  j["warnings"] = result.diagnostics.warning_count();
  j["findings"] = nlohmann::json::array();
  for (const auto& f : result.diagnostics.findings()) {
    j["findings"].push_back(
        {{"file", f.where.file},
         {"line", f.where.line},
         {"column", f.where.column},
         {"severity", f.severity == FindingSeverity::error ? "error" : "warning"},
         {"message", f.message}});
  }
  if (result.diagnostics.truncated()) j["findings_not_shown"] = result.diagnostics.dropped();
  if (result.scenario) {
    const Scenario& s = *result.scenario;
    j["summary"] = {{"id", s.meta.id},
                    {"version", s.meta.version},
                    {"trade", std::string(to_string(s.meta.trade))},
                    {"steps", s.steps.size()},
                    {"groups", s.groups.size()},
                    {"safety_rules", s.rules.size()},
                    {"objects", s.objects.size()},
                    {"languages", s.meta.languages}};
    auto& bands = j["summary"]["technique_bands"] = nlohmann::json::array();
    for (const auto& b : s.technique) bands.push_back(b.id);
  }
  // Replace invalid UTF-8 rather than throw: messages quote the user's bytes.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace txr::scenario
