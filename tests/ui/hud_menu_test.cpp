// The headset HUD's menu bar and the break reminder, drawn headless with a real ImGui context:
// buttons sit where HudMenu::rect says, a pointer press and release there is that button's
// action, and the break reminder is drawn in the HUD's language only while it is set.
#include <doctest/doctest.h>

#include <imgui.h>

#include <cfloat>
#include <vector>

#include "scenario/package_loader.hpp"
#include "test_support.hpp"
#include "ui/font_loader.hpp"
#include "ui/hud_menu.hpp"
#include "ui/trainee_hud.hpp"

using namespace txr;

namespace {

const ImVec2 k_display(1024.0f, 704.0f);

struct Gui {
  ImGuiContext* context = ImGui::CreateContext();
  Gui() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    auto f = ui::add_vietnamese_font(*io.Fonts, 24.0f);
    REQUIRE_MESSAGE(f.has_value(), (f ? std::string() : f.error().message));
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.DisplaySize = k_display;
    io.DeltaTime = 1.0f / 60.0f;
  }
  ~Gui() { ImGui::DestroyContext(context); }
  Gui(const Gui&) = delete;
  Gui& operator=(const Gui&) = delete;

  // One frame with the pointer at `pos` (button held or not).
  ui::HudMenuActions frame(ui::HudMenu& menu, ImVec2 pos, bool down, bool hints, bool paused) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pos;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    const auto a = menu.draw(hints, paused);
    ImGui::Render();
    return a;
  }
  // Hover, press, release over `pos`: the actions of the release frame.
  ui::HudMenuActions click(ui::HudMenu& menu, ImVec2 pos, bool hints = true, bool paused = false) {
    frame(menu, pos, false, hints, paused);
    frame(menu, pos, true, hints, paused);
    return frame(menu, pos, false, hints, paused);
  }
};

ImVec2 centre(ui::HudMenuItem item) {
  const auto r = ui::HudMenu::rect(item, k_display);
  return {r.centre_x(), r.centre_y()};
}

const scenario::Scenario& tour() {
  static const auto result =
      scenario::load_package(test::source_dir() / "scenarios" / "examples" / "feature-tour");
  REQUIRE(result.scenario.has_value());
  return *result.scenario;
}

}  // namespace

TEST_CASE("[ui] the menu bar's buttons sit side by side along the bottom of the panel") {
  float last_x1 = 0.0f;
  for (const auto item : ui::k_hud_menu_items) {
    const auto r = ui::HudMenu::rect(item, k_display);
    CHECK(r.x0 > last_x1);
    CHECK(r.x1 - r.x0 > 150.0f);  // big enough for a controller ray
    CHECK(r.y1 - r.y0 >= 60.0f);
    CHECK(r.y1 <= k_display.y);
    CHECK(r.y0 > k_display.y * 0.8f);
    last_x1 = r.x1;
  }
  CHECK(last_x1 <= k_display.x);
}

TEST_CASE("[ui] pressing a menu button with the pointer is that button's action") {
  Gui g;
  ui::HudMenu menu("en");
  g.frame(menu, ImVec2(-FLT_MAX, -FLT_MAX), false, true, false);  // first frame lays out
  const auto hint = g.click(menu, centre(ui::HudMenuItem::hint));
  CHECK(hint.hint);
  CHECK_FALSE(hint.exit);
  CHECK(g.click(menu, centre(ui::HudMenuItem::pause)).pause_toggled);
  CHECK(g.click(menu, centre(ui::HudMenuItem::recentre)).recentre);
  CHECK(g.click(menu, centre(ui::HudMenuItem::exit)).exit);
  // No hints (assessment or attempt over) or paused: the hint button does nothing.
  CHECK_FALSE(g.click(menu, centre(ui::HudMenuItem::hint), false).hint);
  CHECK_FALSE(g.click(menu, centre(ui::HudMenuItem::hint), true, true).hint);
  // Between buttons, and a press that never comes up: nothing.
  const auto r = ui::HudMenu::rect(ui::HudMenuItem::hint, k_display);
  const auto gap = g.click(menu, ImVec2(r.x1 + 6.0f, r.centre_y()));
  CHECK_FALSE(gap.hint);
  CHECK_FALSE(gap.pause_toggled);
  g.frame(menu, centre(ui::HudMenuItem::exit), false, true, false);
  CHECK_FALSE(g.frame(menu, centre(ui::HudMenuItem::exit), true, true, false).exit);
}

TEST_CASE("[ui] the break reminder shows in the HUD in the trainee's language while it is set") {
  Gui g;
  const auto& s = tour();
  scenario::StateTable state = s.initial_state;
  scenario::StepEngine engine(s, state, scenario::Mode::practice, nullptr);
  engine.start();
  const auto vertices = [&](ui::TraineeHud& hud) {
    int n = 0;
    for (int i = 0; i < 2; ++i) {  // a new auto-sized window draws on its second frame
      ImGui::NewFrame();
      hud.draw(s, engine);
      ImGui::Render();
      n = ImGui::GetDrawData()->TotalVtxCount;
    }
    return n;
  };
  std::vector<int> added;
  for (const char* language : {"vi", "en"}) {
    CAPTURE(language);
    ui::TraineeHud hud(language);
    const int quiet = vertices(hud);
    hud.set_break_reminder(20);
    const int reminded = vertices(hud);
    // Title and message: well over 40 glyphs of 4 vertices each.
    CHECK(reminded >= quiet + 4 * 40);
    added.push_back(reminded - quiet);
    hud.set_break_reminder(std::nullopt);
    CHECK(vertices(hud) == quiet);
  }
  CHECK(added[0] != added[1]);  // each language has its own text
}
