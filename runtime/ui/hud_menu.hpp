#pragma once
// HudMenu: the headset HUD's menu bar — big buttons in fixed places along the bottom of the
// panel (hint, pause / resume, recentre, exit), sized for a controller ray rather than a mouse.
// The layout is fixed so a ray (or a test) can aim at a button before it is drawn. Also draws
// the ray's cursor.
#include <array>
#include <string>

#include <imgui.h>

namespace txr::ui {

enum class HudMenuItem { hint, pause, recentre, exit };
constexpr std::array<HudMenuItem, 4> k_hud_menu_items{HudMenuItem::hint, HudMenuItem::pause,
                                                      HudMenuItem::recentre, HudMenuItem::exit};

struct HudMenuActions {
  bool hint = false;
  bool pause_toggled = false;
  bool recentre = false;
  bool exit = false;
};

struct HudRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float centre_x() const { return (x0 + x1) * 0.5f; }
  float centre_y() const { return (y0 + y1) * 0.5f; }
};

class HudMenu {
 public:
  explicit HudMenu(std::string language = "vi") : language_(std::move(language)) {}

  // Where an item's button is on a display of that size (pixels, origin top left).
  static HudRect rect(HudMenuItem item, ImVec2 display_size);

  // Call between ImGui::NewFrame() and ImGui::Render(). `hint_available`: practice mode with
  // the attempt running (otherwise the hint button is shown disabled). While `paused` the
  // pause button reads "resume" and a banner says the attempt is paused.
  HudMenuActions draw(bool hint_available, bool paused);

 private:
  std::string language_;
};

// The controller ray's cursor at `pos` (foreground, over every window); filled while pressed.
void draw_ray_cursor(ImVec2 pos, bool pressed);

}  // namespace txr::ui
