#pragma once
// Decodes PNG/JPEG/... into RGBA8 with stb_image.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace txr::assets {

core::Result<Image> load_image_file(const std::filesystem::path& path);
// `name` is used in messages and stored as Image::source.
core::Result<Image> decode_image(std::span<const std::uint8_t> bytes, const std::string& name);

}  // namespace txr::assets
