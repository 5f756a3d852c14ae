#include "scenario/scenario.hpp"

namespace txr::scenario {

std::string_view to_string(TradeFamily trade) {
  switch (trade) {
    case TradeFamily::mechanical:
      return "mechanical";
    case TradeFamily::electrical:
      return "electrical";
    case TradeFamily::precision:
      return "precision";
  }
  return "?";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::warning:
      return "warning";
    case Severity::major:
      return "major";
    case Severity::critical:
      return "critical";
  }
  return "?";
}

std::string_view to_string(Mode mode) { return mode == Mode::practice ? "practice" : "assessment"; }

std::string_view to_string(InteractionType type) {
  switch (type) {
    case InteractionType::grab:
      return "grab";
    case InteractionType::press:
      return "press";
    case InteractionType::turn:
      return "turn";
    case InteractionType::slide:
      return "slide";
    case InteractionType::socket:
      return "socket";
    case InteractionType::tool_use:
      return "tool_use";
  }
  return "?";
}

std::string_view to_string(CriterionKind kind) {
  switch (kind) {
    case CriterionKind::step_completion:
      return "step_completion";
    case CriterionKind::order:
      return "order";
    case CriterionKind::time:
      return "time";
    case CriterionKind::safety:
      return "safety";
    case CriterionKind::hints:
      return "hints";
    case CriterionKind::metric:
      return "metric";
  }
  return "?";
}

std::string_view to_string(TechniqueQuantity quantity) {
  switch (quantity) {
    case TechniqueQuantity::angle_deg:
      return "angle_deg";
    case TechniqueQuantity::speed_m_s:
      return "speed_m_s";
    case TechniqueQuantity::distance_m:
      return "distance_m";
  }
  return "?";
}

void Strings::set(const std::string& language, std::string key, std::string text) {
  by_lang_[language].insert_or_assign(std::move(key), std::move(text));
}

std::string_view Strings::get(std::string_view language, std::string_view key) const {
  if (auto lang = by_lang_.find(language); lang != by_lang_.end()) {
    if (auto it = lang->second.find(key); it != lang->second.end()) return it->second;
  }
  missing_ = "[" + std::string(key) + "]";
  return missing_;
}

bool Strings::has(std::string_view language, std::string_view key) const {
  auto lang = by_lang_.find(language);
  return lang != by_lang_.end() && lang->second.contains(key);
}

std::vector<std::string> Strings::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, _] : by_lang_) out.push_back(lang);
  return out;
}

int Scenario::find_step(std::string_view id) const {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Scenario::find_object(std::string_view id) const {
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::size_t Scenario::required_step_count() const {
  std::size_t n = 0;
  for (const auto& s : steps) n += s.optional ? 0 : 1;
  return n;
}

}  // namespace txr::scenario
