#include "ui/trainee_hud.hpp"

#include <imgui.h>

#include <cstdio>

namespace txr::ui {
namespace {

using scenario::EventKind;
using scenario::Outcome;
using scenario::Severity;

// The HUD's own labels (scenario text comes from the package's locale files).
struct Labels {
  const char* step;
  const char* hint_button;
  const char* hint;
  const char* progress;
  const char* do_first;
  const char* not_ready;
  const char* completed;
  const char* failed_critical;
  const char* timed_out;
  const char* severity[3];
  const char* break_title;
  const char* break_text;  // printf format with the minutes trained
};

constexpr Labels k_vi{"Bước",
                      "Gợi ý",
                      "Gợi ý:",
                      "Tiến độ",
                      "Hãy làm bước này trước:",
                      "Chưa đủ điều kiện để hoàn thành bước này.",
                      "Hoàn thành!",
                      "Dừng: vi phạm an toàn nghiêm trọng.",
                      "Hết giờ.",
                      {"Cảnh báo", "Lỗi nghiêm trọng", "Nguy hiểm"},
                      "Đã đến giờ nghỉ",
                      "Bạn đã luyện tập %d phút. Hãy nghỉ một chút: nhìn ra xa, vươn vai."};
constexpr Labels k_en{"Step",
                      "Hint",
                      "Hint:",
                      "Progress",
                      "Do this step first:",
                      "This step cannot be completed yet.",
                      "Completed!",
                      "Stopped: critical safety violation.",
                      "Time is up.",
                      {"Warning", "Major", "Danger"},
                      "Time for a break",
                      "You have been training for %d minutes. Take a short break: look away, "
                      "stretch."};

ImVec4 severity_colour(Severity s) {
  switch (s) {
    case Severity::warning:
      return ImVec4(1.0f, 0.85f, 0.2f, 1.0f);
    case Severity::major:
      return ImVec4(1.0f, 0.55f, 0.1f, 1.0f);
    case Severity::critical:
      return ImVec4(1.0f, 0.25f, 0.25f, 1.0f);
  }
  return ImVec4(1, 1, 1, 1);
}

void text(std::string_view s) { ImGui::TextUnformatted(s.data(), s.data() + s.size()); }

void wrapped(std::string_view s) {
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  text(s);
  ImGui::PopTextWrapPos();
}

const Labels& labels(const std::string& language) { return language == "en" ? k_en : k_vi; }

}  // namespace

void TraineeHud::draw_break_reminder() const {
  if (!break_minutes_) return;
  const Labels& l = labels(language_);
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.3f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("##break_reminder", nullptr,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoInputs |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::TextColored(ImVec4(0.5f, 0.8f, 1.0f, 1.0f), "%s", l.break_title);
  char message[256];
  std::snprintf(message, sizeof message, l.break_text, *break_minutes_);
  wrapped(message);
  ImGui::End();
}

HudActions TraineeHud::draw(const scenario::Scenario& s, const scenario::StepEngine& engine) {
  HudActions actions;
  const Labels& l = labels(language_);
  draw_break_reminder();
  const auto& strings = s.strings;
  const auto& settings = s.settings(engine.mode());

  ImGui::SetNextWindowPos(ImVec2(16.0f, 16.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowBgAlpha(0.85f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings;
  if (!ImGui::Begin("TradeXR##trainee_hud", nullptr, flags)) {
    ImGui::End();
    return actions;
  }
  text(strings.get(language_, s.meta.title_key));
  ImGui::Separator();

  // Current step(s): instruction, group title, hint.
  for (int index : engine.current_steps()) {
    const auto& step = s.steps[static_cast<std::size_t>(index)];
    if (step.group >= 0) {
      const auto& group = s.groups[static_cast<std::size_t>(step.group)];
      if (!group.title_key.empty())
        ImGui::TextDisabled("%s", strings.get(language_, group.title_key).data());
    }
    ImGui::Text("%s %d", l.step, index + 1);
    ImGui::SameLine();
    wrapped(strings.get(language_, step.instruction_key));
  }
  for (int index : engine.visible_hints()) {
    const auto& step = s.steps[static_cast<std::size_t>(index)];
    ImGui::TextColored(ImVec4(0.5f, 0.8f, 1.0f, 1.0f), "%s", l.hint);
    ImGui::SameLine();
    wrapped(strings.get(language_, step.hint_key));
  }

  // Progress over required steps.
  char overlay[32];
  std::snprintf(overlay, sizeof overlay, "%zu / %zu", engine.steps_done(), engine.steps_required());
  ImGui::ProgressBar(static_cast<float>(engine.progress()), ImVec2(-1.0f, 0.0f), overlay);
  const double limit_s = s.meta.time_limit_min * 60.0;
  const int e = static_cast<int>(engine.elapsed_s());
  const int t = static_cast<int>(limit_s);
  ImGui::Text("%s  %02d:%02d / %02d:%02d", l.progress, e / 60, e % 60, t / 60, t % 60);

  // Mistakes explained (practice): the last out-of-order or precondition event.
  if (settings.explain_mistakes && engine.outcome() == Outcome::running) {
    if (const auto* m = engine.last_mistake(); m && m->time_s >= engine.elapsed_s() - 5.0) {
      if (m->kind == EventKind::out_of_order && m->blocking >= 0) {
        ImGui::TextColored(severity_colour(Severity::warning), "%s", l.do_first);
        wrapped(
            strings.get(language_, s.steps[static_cast<std::size_t>(m->blocking)].instruction_key));
      } else if (m->kind == EventKind::precondition_not_met) {
        ImGui::TextColored(severity_colour(Severity::warning), "%s", l.not_ready);
      }
    }
  }

  // Safety messages while a rule is violated.
  for (int r : engine.active_violations()) {
    const auto& rule = s.rules[static_cast<std::size_t>(r)];
    ImGui::PushStyleColor(ImGuiCol_Text, severity_colour(rule.severity));
    ImGui::Text("%s:", l.severity[static_cast<std::size_t>(rule.severity)]);
    ImGui::SameLine();
    wrapped(strings.get(language_, rule.message_key));
    ImGui::PopStyleColor();
  }

  switch (engine.outcome()) {
    case Outcome::completed:
      ImGui::TextColored(ImVec4(0.3f, 1.0f, 0.4f, 1.0f), "%s", l.completed);
      break;
    case Outcome::failed_critical:
      ImGui::TextColored(severity_colour(Severity::critical), "%s", l.failed_critical);
      break;
    case Outcome::timed_out:
      ImGui::TextColored(severity_colour(Severity::major), "%s", l.timed_out);
      break;
    case Outcome::running:
      if (hint_button_ && settings.hints && ImGui::Button(l.hint_button)) {
        actions.hint_requested = true;
      }
      break;
  }
  ImGui::End();
  return actions;
}

}  // namespace txr::ui
