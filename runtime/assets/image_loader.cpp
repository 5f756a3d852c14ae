#include "assets/image_loader.hpp"

#include <stb_image.h>

#include <climits>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace txr::assets {

core::Result<Image> decode_image(std::span<const std::uint8_t> bytes, const std::string& name) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return core::fail("image too large: " + name);
  }
  int w = 0, h = 0, channels = 0;
  stbi_uc* pixels =
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &w, &h, &channels, 4);
  if (pixels == nullptr) {
    return core::fail("cannot decode image " + name + ": " + stbi_failure_reason());
  }
  Image image;
  image.source = name;
  image.width = static_cast<std::uint32_t>(w);
  image.height = static_cast<std::uint32_t>(h);
  image.rgba8.assign(pixels,
                     pixels + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  stbi_image_free(pixels);
  return image;
}

core::Result<Image> load_image_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail("image not found: " + path.string());
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  return decode_image(bytes, path.string());
}

}  // namespace txr::assets
