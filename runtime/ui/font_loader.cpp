#include "ui/font_loader.hpp"

#include <fstream>
#include <vector>

#include "render/imgui_layer.hpp"

namespace txr::ui {

std::vector<std::filesystem::path> default_font_candidates() {
  return {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
          "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"};
}

core::Result<ImFont*> add_vietnamese_font(ImFontAtlas& atlas, float size_px,
                                          const std::vector<std::filesystem::path>& candidates) {
  if (!(size_px >= 6.0f && size_px <= 200.0f)) {
    return core::fail("font size must be between 6 and 200 pixels");
  }
  const auto list = candidates.empty() ? default_font_candidates() : candidates;
  std::string tried;
  for (const auto& path : list) {
    tried += (tried.empty() ? "" : ", ") + path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    // ImGui asserts on a file it cannot open, so check readability first.
    if (!std::ifstream(path, std::ios::binary).good()) continue;
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    ImFont* font = atlas.AddFontFromFileTTF(path.string().c_str(), size_px, &config,
                                            render::ui_glyph_ranges());
    if (font) return font;
  }
  return core::fail("no font with Vietnamese glyphs could be loaded (tried " + tried +
                    "); install fonts-noto-core or fonts-dejavu-core");
}

core::Result<std::string> parse_language(std::string_view text) {
  if (text == "vi" || text == "en") return std::string(text);
  return core::fail("unknown language '" + std::string(text) + "'; use vi or en");
}

}  // namespace txr::ui
