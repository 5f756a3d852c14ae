// The trainee HUD drawn headless: a real ImGui context and font atlas, no renderer.
#include <doctest/doctest.h>

#include <imgui.h>

#include "scenario/package_loader.hpp"
#include "test_support.hpp"
#include "ui/font_loader.hpp"
#include "ui/trainee_hud.hpp"

using namespace txr;

namespace {

// Decodes UTF-8 into code points (the HUD's text is UTF-8 from the locale files).
std::vector<unsigned> code_points(std::string_view s) {
  std::vector<unsigned> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    unsigned cp = len == 1 ? c : c & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += len;
  }
  return out;
}

struct ImGuiFixture {
  ImGuiContext* context = ImGui::CreateContext();
  ImFont* font = nullptr;
  ImGuiFixture() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    auto f = ui::add_vietnamese_font(*io.Fonts, 18.0f);
    REQUIRE_MESSAGE(f.has_value(), (f ? std::string() : f.error().message));
    font = *f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    REQUIRE(pixels != nullptr);
    io.DisplaySize = ImVec2(1280.0f, 720.0f);
    io.DeltaTime = 1.0f / 60.0f;
  }
  ~ImGuiFixture() { ImGui::DestroyContext(context); }
  ImGuiFixture(const ImGuiFixture&) = delete;
  ImGuiFixture& operator=(const ImGuiFixture&) = delete;

  // Two frames: a new auto-sized window draws nothing on its first frame.
  std::pair<int, ui::HudActions> frames(ui::TraineeHud& hud, const scenario::Scenario& s,
                                        const scenario::StepEngine& engine) {
    ui::HudActions actions;
    for (int i = 0; i < 2; ++i) {
      ImGui::NewFrame();
      actions = hud.draw(s, engine);
      ImGui::Render();
    }
    return {ImGui::GetDrawData()->TotalVtxCount, actions};
  }
};

const scenario::Scenario& tour() {
  static const auto result =
      scenario::load_package(test::source_dir() / "scenarios" / "examples" / "feature-tour");
  REQUIRE(result.scenario.has_value());
  return *result.scenario;
}

std::size_t visible_glyphs(std::string_view s) {
  std::size_t n = 0;
  for (unsigned cp : code_points(s)) n += cp > 0x20 ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("[ui] the UI font has the Vietnamese letters trainees read") {
  ImGuiFixture g;
  for (unsigned cp : code_points("ặưđƯĐẶếộờỹ")) {
    INFO("U+" << std::hex << cp);
    CHECK(g.font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
  }
  // Every character of the Vietnamese texts of the example package has a glyph.
  const auto& s = tour();
  for (const auto& step : s.steps) {
    for (unsigned cp : code_points(s.strings.get("vi", step.instruction_key))) {
      INFO(step.id << " U+" << std::hex << cp);
      CHECK(g.font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
  }
}

TEST_CASE("[ui] the HUD draws the current instruction in the chosen language") {
  ImGuiFixture g;
  const auto& s = tour();
  scenario::StateTable state = s.initial_state;
  scenario::StepEngine engine(s, state, scenario::Mode::practice, nullptr);
  engine.start();
  ui::TraineeHud hud("vi");
  const auto [vi_vertices, actions] = g.frames(hud, s, engine);
  CHECK(!actions.hint_requested);
  // Each visible glyph is a quad: the frame holds at least the title and instruction's quads.
  const auto& first = s.steps[0];
  const std::size_t glyphs = visible_glyphs(s.strings.get("vi", first.instruction_key)) +
                             visible_glyphs(s.strings.get("vi", s.meta.title_key));
  CHECK(static_cast<std::size_t>(vi_vertices) >= 4 * glyphs);

  // The hint appears (more text) once requested in practice mode.
  REQUIRE(engine.request_hint());
  const auto [with_hint, a2] = g.frames(hud, s, engine);
  CHECK(static_cast<std::size_t>(with_hint) >=
        static_cast<std::size_t>(vi_vertices) +
            4 * visible_glyphs(s.strings.get("vi", first.hint_key)));
  (void)a2;

  // English draws the English text (a different glyph count).
  hud.set_language("en");
  const auto [en_vertices, a3] = g.frames(hud, s, engine);
  CHECK(en_vertices > 0);
  CHECK(en_vertices != with_hint);
  (void)a3;
}

TEST_CASE("[ui] the HUD shows a safety message while a rule is violated") {
  ImGuiFixture g;
  const auto& s = tour();
  scenario::StateTable state = s.initial_state;
  scenario::StepEngine engine(s, state, scenario::Mode::assessment, nullptr);
  engine.start();
  ui::TraineeHud hud("en");
  const int quiet = g.frames(hud, s, engine).first;
  state.set_bool(*state.find("bolt_1.yielded"), true);
  engine.update(1.0 / 240.0);
  REQUIRE(engine.active_violations().size() == 1);
  CHECK(engine.outcome() == scenario::Outcome::failed_critical);
  const int alarmed = g.frames(hud, s, engine).first;
  const auto message = s.strings.get("en", s.rules[1].message_key);
  CHECK(static_cast<std::size_t>(alarmed) >= static_cast<std::size_t>(quiet) +
                                                 4 * visible_glyphs(message) -
                                                 4 * 8 /* no hint button in assessment */);
}

TEST_CASE("[ui] a missing font is a clear error, and languages are checked") {
  ImGuiContext* ctx = ImGui::CreateContext();
  auto f = ui::add_vietnamese_font(*ImGui::GetIO().Fonts, 18.0f, {"/nonexistent/font.ttf"});
  REQUIRE(!f);
  CHECK(f.error().message.find("fonts-noto-core") != std::string::npos);
  ImGui::DestroyContext(ctx);
  CHECK(ui::parse_language("vi").value() == "vi");
  CHECK(!ui::parse_language("fr"));
}
