#include "ui/instrument_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace txr::ui {
namespace {

struct Labels {
  const char* title;
  const char* mode;
  std::array<const char*, 5> modes;  // the meter's selector: off, V~, V=, A, Ω
  const char* set_torque;
  const char* set;
  const char* zero;
  const char* record;
  const char* ratchet;
  const char* reading;
  const char* loupe;
  const char* accept;
  const char* reject;
  const char* judgement;
  const char* not_set;
  const char* pick_up;
};

constexpr Labels k_vi{"Dụng cụ đo",
                      "Thang đo",
                      {"Tắt", "V~", "V=", "A", "Ω"},
                      "Mô-men đặt",
                      "Đặt",
                      "Kiểm tra điểm 0",
                      "Ghi số đo",
                      "Núm bánh cóc",
                      "Số đọc",
                      "Di chuột lên thước để phóng to",
                      "Đạt",
                      "Không đạt",
                      "Kết luận",
                      "chưa đặt",
                      "Cầm dụng cụ lên để đọc thước"};
constexpr Labels k_en{"Instruments",
                      "Mode",
                      {"Off", "V~", "V=", "A", "Ω"},
                      "Set torque",
                      "Set",
                      "Check zero",
                      "Record reading",
                      "Ratchet stop",
                      "Reading",
                      "Hover over the scale to magnify it",
                      "Accept",
                      "Reject",
                      "Judgement",
                      "not set",
                      "Pick it up to read its scale"};

const scenario::ParamValue* param(const scenario::Component& c, std::string_view name) {
  for (const auto& p : c.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

double number(const scenario::StateTable& state, const std::string& name, double fallback = 0) {
  const auto slot = state.find(name);
  return slot ? state.number(*slot) : fallback;
}
bool boolean(const scenario::StateTable& state, const std::string& name) {
  const auto slot = state.find(name);
  return slot && state.boolean(*slot);
}
std::string text(const scenario::StateTable& state, const std::string& name) {
  const auto slot = state.find(name);
  return slot ? std::string(state.text(*slot)) : std::string();
}

constexpr ImU32 k_ink = IM_COL32(20, 20, 20, 255);
constexpr ImU32 k_steel = IM_COL32(222, 224, 226, 255);
constexpr ImU32 k_index = IM_COL32(200, 30, 30, 255);

// A vernier caliper scale: the main scale in mm above, the vernier (n divisions over n-1 mm)
// below with its zero at the reading. `left_mm` is the main-scale value at `origin.x`.
void draw_vernier(ImDrawList* dl, ImVec2 origin, float width, float px_per_mm, double left_mm,
                  double reading_mm, double resolution_mm) {
  const int n = std::max(2, static_cast<int>(std::lround(1.0 / resolution_mm)));
  const float h = 34.0f;
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + 2 * h), k_steel);
  dl->AddLine(ImVec2(origin.x, origin.y + h), ImVec2(origin.x + width, origin.y + h), k_ink);
  const auto x_of = [&](double mm) {
    return origin.x + static_cast<float>((mm - left_mm) * static_cast<double>(px_per_mm));
  };
  for (int mm = static_cast<int>(std::floor(left_mm)); x_of(mm) <= origin.x + width; ++mm) {
    const float x = x_of(mm);
    if (x < origin.x) continue;
    const float len = mm % 10 == 0 ? 22.0f : mm % 5 == 0 ? 15.0f : 9.0f;
    dl->AddLine(ImVec2(x, origin.y + h - len), ImVec2(x, origin.y + h), k_ink);
    if (mm % 10 == 0 && mm >= 0) {
      char label[16];
      std::snprintf(label, sizeof label, "%d", mm / 10);
      dl->AddText(ImVec2(x + 2.0f, origin.y + 1.0f), k_ink, label);
    }
  }
  const double division_mm = static_cast<double>(n - 1) / n;
  const int label_every = std::max(1, n / 10);
  for (int i = 0; i <= n; ++i) {
    const float x = x_of(reading_mm + i * division_mm);
    if (x < origin.x || x > origin.x + width) continue;
    const bool labelled = i % label_every == 0;
    dl->AddLine(ImVec2(x, origin.y + h), ImVec2(x, origin.y + h + (labelled ? 16.0f : 9.0f)),
                i == 0 ? k_index : k_ink);
    if (labelled) {
      char label[16];
      std::snprintf(label, sizeof label, "%d", i / label_every);
      dl->AddText(ImVec2(x + 2.0f, origin.y + h + 15.0f), k_ink, label);
    }
  }
}

// An outside micrometer: the sleeve (mm above the datum line, half-mm below) ending at the
// thimble edge, and the thimble's 50 divisions (0.01 mm) turning past the datum line.
void draw_micrometer(ImDrawList* dl, ImVec2 origin, double reading_mm) {
  const float px_per_mm = 28.0f, sleeve_w = 220.0f, h = 70.0f, thimble_w = 70.0f;
  const float datum_y = origin.y + h * 0.5f;
  dl->AddRectFilled(origin, ImVec2(origin.x + sleeve_w, origin.y + h), k_steel);
  dl->AddLine(ImVec2(origin.x, datum_y), ImVec2(origin.x + sleeve_w, datum_y), k_ink);
  const double edge_mm = reading_mm;  // the thimble edge sits at the reading
  const double left_mm = edge_mm - sleeve_w / px_per_mm;
  for (int half = static_cast<int>(std::ceil(left_mm * 2)); half <= edge_mm * 2 + 1e-9; ++half) {
    const float x = origin.x + static_cast<float>((half / 2.0 - left_mm) * px_per_mm);
    if (half % 2 == 0) {
      dl->AddLine(ImVec2(x, datum_y - 12.0f), ImVec2(x, datum_y), k_ink);
      if ((half / 2) % 5 == 0) {
        char label[16];
        std::snprintf(label, sizeof label, "%d", half / 2);
        dl->AddText(ImVec2(x - 6.0f, origin.y + 2.0f), k_ink, label);
      }
    } else {
      dl->AddLine(ImVec2(x, datum_y), ImVec2(x, datum_y + 10.0f), k_ink);
    }
  }
  // Thimble: division d (0..49) at the datum when the reading's hundredths past the last half
  // millimetre equal d.
  const ImVec2 t0(origin.x + sleeve_w, origin.y - 10.0f);
  dl->AddRectFilled(t0, ImVec2(t0.x + thimble_w, origin.y + h + 10.0f),
                    IM_COL32(205, 208, 212, 255));
  const double turned = std::fmod(std::max(0.0, reading_mm), 0.5) / 0.01;  // divisions
  const float px_per_div = 9.0f;
  for (int k = -6; k <= 6; ++k) {
    const int base = static_cast<int>(std::floor(turned));
    const int d = ((base + k) % 50 + 50) % 50;
    const float y = datum_y - static_cast<float>((base + k - turned) * px_per_div);
    const bool labelled = d % 5 == 0;
    dl->AddLine(ImVec2(t0.x, y), ImVec2(t0.x + (labelled ? 22.0f : 12.0f), y), k_ink);
    if (labelled) {
      char label[16];
      std::snprintf(label, sizeof label, "%d", d);
      dl->AddText(ImVec2(t0.x + 26.0f, y - 7.0f), k_ink, label);
    }
  }
  dl->AddLine(ImVec2(t0.x - 8.0f, datum_y), ImVec2(t0.x, datum_y), k_index, 2.0f);
}

}  // namespace

InstrumentPanel::InstrumentPanel(const scenario::Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.objects.size(); ++i) {
    const auto& o = scenario.objects[i];
    for (const auto& c : o.components) {
      Instrument inst;
      inst.object = static_cast<std::int32_t>(i);
      inst.id = o.id;
      inst.label_key = o.label_key;
      if (c.type == "multimeter") {
        inst.kind = InstrumentKind::multimeter;
      } else if (c.type == "torque_wrench") {
        inst.kind = InstrumentKind::torque_wrench;
        if (const auto* p = param(c, "min_nm")) inst.min_nm = p->number;
        if (const auto* p = param(c, "max_nm")) inst.max_nm = p->number;
      } else if (c.type == "caliper" || c.type == "micrometer") {
        inst.kind = c.type == "caliper" ? InstrumentKind::caliper : InstrumentKind::micrometer;
        inst.resolution_mm = c.type == "caliper" ? 0.02 : 0.01;
        const auto* digital = param(c, "digital");
        if (digital != nullptr && digital->boolean) inst.resolution_mm = 0.01;
        if (const auto* p = param(c, "resolution_mm"); p != nullptr && p->written)
          inst.resolution_mm = p->number;
      } else if (c.type == "measured_part") {
        inst.kind = InstrumentKind::measured_part;
      } else {
        continue;
      }
      instruments_.push_back(std::move(inst));
    }
  }
  wrench_edit_.assign(instruments_.size(), -1.0f);
}

std::vector<core::UiCommand> InstrumentPanel::draw(const scenario::Scenario& scenario,
                                                   const scenario::StateTable& state,
                                                   std::string_view language) {
  std::vector<core::UiCommand> out;
  drawn_.clear();
  if (instruments_.empty()) return out;
  const Labels& l = language == "en" ? k_en : k_vi;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 16.0f, 16.0f), ImGuiCond_FirstUseEver,
                          ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f),
                                      ImVec2(io.DisplaySize.x, io.DisplaySize.y - 32.0f));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings;
  if (!ImGui::Begin((std::string(l.title) + "##instrument_panel").c_str(), nullptr, flags)) {
    ImGui::End();
    return out;
  }
  // A button that remembers where it was drawn under `name`.
  const auto button = [&](const char* label, const std::string& name) {
    const bool clicked = ImGui::Button(label);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    drawn_.push_back({name, a.x, a.y, b.x, b.y});
    return clicked;
  };
  const auto send = [&](core::UiCommandKind kind, const Instrument& inst, float value = 0.0f) {
    out.push_back({kind, inst.object, value});
  };

  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    const Instrument& inst = instruments_[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string name = inst.label_key.empty()
                                 ? inst.id
                                 : std::string(scenario.strings.get(language, inst.label_key));
    ImGui::Separator();
    ImGui::TextUnformatted(name.c_str());
    const std::string key = inst.id + ".";
    switch (inst.kind) {
      case InstrumentKind::multimeter: {
        // The display, as big as on the meter itself.
        ImGui::SetWindowFontScale(2.0f);
        const std::string shown = text(state, key + "display");
        ImGui::TextUnformatted(shown.empty() ? "----" : shown.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::TextUnformatted(l.mode);
        const std::string mode = text(state, key + "mode");
        static constexpr std::array<const char*, 5> k_mode_ids = {"off", "volts_ac", "volts_dc",
                                                                  "amps", "ohms"};
        for (std::size_t m = 0; m < k_mode_ids.size(); ++m) {
          ImGui::SameLine();
          const bool active = mode == k_mode_ids[m];
          if (active) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(40, 120, 200, 255));
          if (button(l.modes[m], key + "mode." + k_mode_ids[m]) && !active)
            send(core::UiCommandKind::set_value, inst, static_cast<float>(m));
          if (active) ImGui::PopStyleColor();
        }
        break;
      }
      case InstrumentKind::torque_wrench: {
        const double set = number(state, key + "set_torque_nm");
        if (set > 0.0)
          ImGui::Text("%s: %.0f N·m", l.set_torque, set);
        else
          ImGui::Text("%s: %s", l.set_torque, l.not_set);
        float& edit = wrench_edit_[i];
        if (edit < 0.0f) edit = static_cast<float>(set > 0.0 ? set : inst.min_nm);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
        ImGui::SliderFloat("##torque", &edit, static_cast<float>(inst.min_nm),
                           static_cast<float>(inst.max_nm), "%.0f N·m");
        edit = std::round(edit);
        ImGui::SameLine();
        if (button(l.set, key + "set")) send(core::UiCommandKind::set_value, inst, edit);
        break;
      }
      case InstrumentKind::caliper:
      case InstrumentKind::micrometer: {
        const double reading = number(state, key + "reading_mm");
        const bool digital = inst.kind == InstrumentKind::caliper && inst.resolution_mm < 0.015;
        // The scale is drawn while the instrument is in a hand: that is when it is read.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        if (!boolean(state, key + "grabbed")) {
          ImGui::TextDisabled("%s", l.pick_up);
        } else if (digital) {
          ImGui::SetWindowFontScale(2.0f);
          ImGui::Text("%.2f mm", reading);
          ImGui::SetWindowFontScale(1.0f);
        } else if (inst.kind == InstrumentKind::caliper) {
          const float width = 460.0f, px_per_mm = 8.0f;
          const double left_mm = std::floor(reading) - 4.0;
          draw_vernier(dl, origin, width, px_per_mm, left_mm, reading, inst.resolution_mm);
          ImGui::InvisibleButton("##scale", ImVec2(width, 68.0f));
          if (ImGui::IsItemHovered()) {
            // The loupe: 12 x around the pointer, so 0.02 mm steps are a few pixels apart.
            const float zoom = 12.0f;
            const double at_mm = left_mm + (io.MousePos.x - origin.x) / px_per_mm;
            const ImVec2 lens(origin.x, origin.y + 74.0f);
            ImGui::Dummy(ImVec2(width, 74.0f));
            dl->PushClipRect(lens, ImVec2(lens.x + width, lens.y + 68.0f), true);
            draw_vernier(dl, lens, width, px_per_mm * zoom,
                         at_mm - width / (2.0 * px_per_mm * zoom), reading, inst.resolution_mm);
            dl->PopClipRect();
          } else {
            ImGui::TextDisabled("%s", l.loupe);
          }
        } else {
          draw_micrometer(dl, ImVec2(origin.x, origin.y + 10.0f), reading);
          ImGui::Dummy(ImVec2(300.0f, 92.0f));
        }
        if (button(l.zero, key + "zero")) send(core::UiCommandKind::confirm, inst);
        ImGui::SameLine();
        if (button(l.record, key + "record")) send(core::UiCommandKind::record_reading, inst);
        if (inst.kind == InstrumentKind::micrometer) {
          ImGui::SameLine();
          bool ratchet = boolean(state, key + "ratchet");
          if (ImGui::Checkbox(l.ratchet, &ratchet))
            send(core::UiCommandKind::set_value, inst, ratchet ? 1.0f : 0.0f);
          const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
          drawn_.push_back({key + "ratchet", a.x, a.y, b.x, b.y});
        }
        break;
      }
      case InstrumentKind::measured_part: {
        const std::string judged = text(state, key + "judgement");
        if (judged == "accept" || judged == "reject")
          ImGui::Text("%s: %s", l.judgement, judged == "accept" ? l.accept : l.reject);
        if (button(l.accept, key + "accept")) send(core::UiCommandKind::judge_accept, inst);
        ImGui::SameLine();
        if (button(l.reject, key + "reject")) send(core::UiCommandKind::judge_reject, inst);
        break;
      }
    }
    ImGui::PopID();
  }
  ImGui::End();
  return out;
}

}  // namespace txr::ui
