// The instrument panel drawn headless with a real ImGui context: it finds each package's
// instruments, shows what they read, and its controls send the commands a script would — and
// the session applies them. Clicks are real ImGui mouse events on the drawn controls.
#include <doctest/doctest.h>

#include <imgui.h>

#include <algorithm>

#include "session/session.hpp"
#include "test_support.hpp"
#include "ui/font_loader.hpp"
#include "ui/instrument_panel.hpp"

using namespace txr;

namespace {

struct Gui {
  ImGuiContext* context = ImGui::CreateContext();
  Gui() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    auto f = ui::add_vietnamese_font(*io.Fonts, 18.0f);
    REQUIRE(f.has_value());
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.DisplaySize = ImVec2(1600.0f, 900.0f);
    io.DeltaTime = 1.0f / 60.0f;
  }
  ~Gui() { ImGui::DestroyContext(context); }
  Gui(const Gui&) = delete;
  Gui& operator=(const Gui&) = delete;

  std::vector<core::UiCommand> frame(ui::InstrumentPanel& panel, const session::Session& s,
                                     const char* language = "en") {
    ImGui::NewFrame();
    auto out = panel.draw(s.scenario(), s.state(), language);
    ImGui::Render();
    return out;
  }
  // Presses and releases the left button over the named control; returns what was sent.
  std::vector<core::UiCommand> click(ui::InstrumentPanel& panel, const session::Session& s,
                                     const std::string& control) {
    const auto& drawn = panel.drawn_controls();
    const auto it = std::find_if(drawn.begin(), drawn.end(),
                                 [&](const ui::DrawnControl& c) { return c.name == control; });
    REQUIRE_MESSAGE(it != drawn.end(), "no control named " << control);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(0.5f * (it->x0 + it->x1), 0.5f * (it->y0 + it->y1));
    std::vector<core::UiCommand> sent;
    for (int phase = 0; phase < 3; ++phase) {
      io.MouseDown[0] = phase == 1;
      for (const auto& c : frame(panel, s)) sent.push_back(c);
    }
    return sent;
  }
};

std::unique_ptr<session::Session> open(const char* package) {
  auto loaded = session::load_scenario(test::source_dir() / "scenarios" / package);
  REQUIRE(loaded.scenario.has_value());
  static std::vector<std::unique_ptr<scenario::Scenario>> keep;  // sessions refer to it
  keep.push_back(std::make_unique<scenario::Scenario>(std::move(*loaded.scenario)));
  auto s = session::Session::create(*keep.back(), session::SessionOptions{});
  REQUIRE(s.has_value());
  return std::move(*s);
}

// An input frame carrying `command` (hands untracked), then one more.
void apply(session::Session& s, const core::UiCommand& command) {
  static std::uint64_t index = 0;
  core::InputFrame f;
  f.frame_index = ++index;
  f.time_s = static_cast<double>(index) / 90.0;
  f.ui = command;
  s.update(f);
  f.frame_index = ++index;  // a second frame: the trade models write their state as they step
  f.time_s = static_cast<double>(index) / 90.0;
  f.ui = {};
  s.update(f);
}

std::string text(const session::Session& s, const std::string& name) {
  return std::string(s.state().text(*s.state().find(name)));
}

}  // namespace

TEST_CASE("[ui] the meter's mode selector in the instrument panel switches the real meter") {
  Gui gui;
  auto s = open("electrical/motor-circuit-loto");
  ui::InstrumentPanel panel(s->scenario());
  REQUIRE(panel.instruments().size() == 1);
  CHECK(panel.instruments()[0].kind == ui::InstrumentKind::multimeter);
  gui.frame(panel, *s);
  CHECK(gui.frame(panel, *s).empty());  // drawing alone sends nothing
  CHECK(text(*s, "meter.mode") == "off");

  const auto sent = gui.click(panel, *s, "meter.mode.volts_ac");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::set_value);
  CHECK(sent[0].object == s->scenario().find_object("meter"));
  CHECK(sent[0].value == 1.0f);
  apply(*s, sent[0]);
  CHECK(text(*s, "meter.mode") == "volts_ac");
  // Selecting the mode it is already in sends nothing.
  CHECK(gui.click(panel, *s, "meter.mode.volts_ac").empty());
}

TEST_CASE("[ui] the caliper and micrometer controls zero, record, and judge the part") {
  Gui gui;
  auto s = open("precision/shaft-caliper-micrometer");
  ui::InstrumentPanel panel(s->scenario());
  std::vector<ui::InstrumentKind> kinds;
  for (const auto& i : panel.instruments()) kinds.push_back(i.kind);
  CHECK(std::count(kinds.begin(), kinds.end(), ui::InstrumentKind::caliper) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), ui::InstrumentKind::micrometer) == 1);
  CHECK(std::count(kinds.begin(), kinds.end(), ui::InstrumentKind::measured_part) == 1);
  gui.frame(panel, *s);
  gui.frame(panel, *s);

  auto sent = gui.click(panel, *s, "caliper.record");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::record_reading);
  CHECK(sent[0].object == s->scenario().find_object("caliper"));
  sent = gui.click(panel, *s, "micrometer.zero");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::confirm);

  const bool ratchet_before = s->state().boolean(*s->state().find("micrometer.ratchet"));
  sent = gui.click(panel, *s, "micrometer.ratchet");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::set_value);
  CHECK(sent[0].value == (ratchet_before ? 0.0f : 1.0f));
  apply(*s, sent[0]);
  CHECK(s->state().boolean(*s->state().find("micrometer.ratchet")) == !ratchet_before);

  sent = gui.click(panel, *s, "shaft.reject");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::judge_reject);
  CHECK(sent[0].object == s->scenario().find_object("shaft"));
  apply(*s, sent[0]);
  CHECK(text(*s, "shaft.judgement") == "reject");
}

TEST_CASE("[ui] the torque wrench is set from the panel within its scale") {
  Gui gui;
  auto s = open("mechanical/bolt-torque-intro");
  ui::InstrumentPanel panel(s->scenario());
  REQUIRE(panel.instruments().size() >= 1);
  const auto& wrench = panel.instruments()[0];
  CHECK(wrench.kind == ui::InstrumentKind::torque_wrench);
  gui.frame(panel, *s);
  gui.frame(panel, *s);
  const auto sent = gui.click(panel, *s, "wrench.set");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].kind == core::UiCommandKind::set_value);
  CHECK(sent[0].value >= static_cast<float>(wrench.min_nm));
  CHECK(sent[0].value <= static_cast<float>(wrench.max_nm));
  apply(*s, sent[0]);
  CHECK(s->state().number(*s->state().find("wrench.set_torque_nm")) ==
        doctest::Approx(sent[0].value));
}

TEST_CASE("[ui] the UI font has the instrument symbols and the dashes scenario texts use") {
  ImGuiContext* context = ImGui::CreateContext();
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  auto font = ui::add_vietnamese_font(atlas, 18.0f);
  REQUIRE(font.has_value());
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
  for (ImWchar c :
       {ImWchar{0x03A9}, ImWchar{0x00B5}, ImWchar{0x2013}, ImWchar{0x00B7}, ImWchar{0x1EA1}}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK((*font)->FindGlyphNoFallback(c) != nullptr);
  }
  ImGui::DestroyContext(context);
}
