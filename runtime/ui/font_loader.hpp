#pragma once
// Adds a UI font that covers Vietnamese (Noto Sans, else DejaVu Sans) to an ImGui font atlas.
#include <imgui.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace txr::ui {

// Fonts tried in order when no explicit file is given (Debian: fonts-noto-core,
// fonts-dejavu-core).
std::vector<std::filesystem::path> default_font_candidates();

// Adds the first readable font of `candidates` (or the defaults) at `size_px` with Latin +
// Vietnamese glyph ranges. Fails with a clear message instead of ImGui's assert when none loads.
core::Result<ImFont*> add_vietnamese_font(
    ImFontAtlas& atlas, float size_px, const std::vector<std::filesystem::path>& candidates = {});

// "vi" or "en" (the languages the HUD has its own labels for).
core::Result<std::string> parse_language(std::string_view text);

}  // namespace txr::ui
