#include "ui/hud_menu.hpp"

#include <cstddef>

namespace txr::ui {
namespace {

constexpr float k_bar_height_px = 88.0f;
constexpr float k_margin_px = 12.0f;

struct MenuLabels {
  const char* hint;
  const char* pause;
  const char* resume;
  const char* recentre;
  const char* exit;
  const char* paused;
};

constexpr MenuLabels k_vi{"Gợi ý",          "Tạm dừng", "Tiếp tục",
                          "Đặt lại vị trí", "Thoát",    "Đã tạm dừng — bấm Tiếp tục để làm tiếp"};
constexpr MenuLabels k_en{"Hint",     "Pause", "Resume",
                          "Recentre", "Exit",  "Paused — press Resume to carry on"};

}  // namespace

HudRect HudMenu::rect(HudMenuItem item, ImVec2 display) {
  std::size_t slot = 0;
  for (std::size_t i = 0; i < k_hud_menu_items.size(); ++i) {
    if (k_hud_menu_items[i] == item) slot = i;
  }
  const auto n = static_cast<float>(k_hud_menu_items.size());
  const float w = (display.x - k_margin_px * (n + 1.0f)) / n;
  HudRect r;
  r.x0 = k_margin_px + static_cast<float>(slot) * (w + k_margin_px);
  r.x1 = r.x0 + w;
  r.y1 = display.y - k_margin_px;
  r.y0 = display.y - k_bar_height_px + k_margin_px;
  return r;
}

HudMenuActions HudMenu::draw(bool hint_available, bool paused) {
  const MenuLabels& l = language_ == "en" ? k_en : k_vi;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  HudMenuActions actions;
  if (paused) {
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - k_bar_height_px - 8.0f),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::Begin("##hud_paused", nullptr,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoInputs);
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.2f, 1.0f), "%s", l.paused);
    ImGui::End();
  }
  ImGui::SetNextWindowPos(ImVec2(0.0f, display.y - k_bar_height_px), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x, k_bar_height_px), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("##hud_menu", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoCollapse);
  for (const HudMenuItem item : k_hud_menu_items) {
    const HudRect r = rect(item, display);
    ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
    const ImVec2 size(r.x1 - r.x0, r.y1 - r.y0);
    switch (item) {
      case HudMenuItem::hint: {
        const bool disabled = !hint_available || paused;
        if (disabled) ImGui::BeginDisabled();
        if (ImGui::Button(l.hint, size)) actions.hint = true;
        if (disabled) ImGui::EndDisabled();
        break;
      }
      case HudMenuItem::pause:
        if (ImGui::Button(paused ? l.resume : l.pause, size)) actions.pause_toggled = true;
        break;
      case HudMenuItem::recentre:
        if (ImGui::Button(l.recentre, size)) actions.recentre = true;
        break;
      case HudMenuItem::exit:
        if (ImGui::Button(l.exit, size)) actions.exit = true;
        break;
    }
  }
  ImGui::End();
  return actions;
}

void draw_ray_cursor(ImVec2 pos, bool pressed) {
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImU32 ring = IM_COL32(255, 255, 255, 255);
  const ImU32 core = pressed ? IM_COL32(80, 200, 255, 255) : IM_COL32(20, 20, 20, 200);
  dl->AddCircleFilled(pos, 9.0f, core, 20);
  dl->AddCircle(pos, 11.0f, ring, 20, 3.0f);
}

}  // namespace txr::ui
