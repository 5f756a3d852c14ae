#include "render/imgui_layer.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <filesystem>
#include <vector>

#include "core/log.hpp"
#include "render/vk_check.hpp"

namespace txr::render {

const ImWchar* ui_glyph_ranges() {
  static const std::vector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder builder;
    ImFontAtlas scratch;  // only for its static range table
    builder.AddRanges(scratch.GetGlyphRangesVietnamese());
    builder.AddChar(0x03A9);                                         // Ω
    builder.AddChar(0x00B5);                                         // µ
    static constexpr ImWchar k_punctuation[] = {0x2010, 0x205E, 0};  // dashes, quotes, …
    builder.AddRanges(k_punctuation);
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return std::vector<ImWchar>(built.begin(), built.end());
  }();
  return ranges.data();
}
namespace {

// Debian font packages with Vietnamese glyphs (fonts-noto-core, fonts-dejavu-core).
constexpr const char* k_font_candidates[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};

void check_vk(VkResult r) {
  if (r != VK_SUCCESS)
    core::log_error("render", std::string("ImGui Vulkan backend: ") + vk_result_name(r));
}

}  // namespace

ImguiLayer::ImguiLayer(std::string font_path, float font_size_px)
    : font_path_(std::move(font_path)), font_size_px_(font_size_px) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini next to the user's files
  io.LogFilename = nullptr;
  ImGui::StyleColorsDark();
}

ImguiLayer::~ImguiLayer() {
  shutdown();
  ImGui::DestroyContext();
}

std::uint32_t ImguiLayer::add_overlay(DrawFn draw) {
  overlays_.emplace(next_id_, std::move(draw));
  return next_id_++;
}

void ImguiLayer::remove_overlay(std::uint32_t id) { overlays_.erase(id); }

void ImguiLayer::attach_window(platform::Window& window) {
  if (glfw_attached_) return;
  ImGui_ImplGlfw_InitForVulkan(window.native_handle(), true);
  glfw_attached_ = true;
}

void ImguiLayer::detach_window() {
  if (!glfw_attached_) return;
  ImGui_ImplGlfw_Shutdown();
  glfw_attached_ = false;
}

bool ImguiLayer::wants_mouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImguiLayer::wants_keyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

core::Result<void> ImguiLayer::ensure_initialized(VulkanContext& ctx, VkRenderPass pass,
                                                  VkFormat format, std::uint32_t frames_in_flight) {
  if (initialized_) return {};
  device_ = ctx.device();
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
  VkDescriptorPoolCreateInfo pool{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pool.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  pool.maxSets = 16;
  pool.poolSizeCount = 1;
  pool.pPoolSizes = &size;
  TXR_VK_TRY(vkCreateDescriptorPool(device_, &pool, nullptr, &pool_));

  ImGuiIO& io = ImGui::GetIO();
  std::string font = font_path_;
  if (font.empty()) {
    for (const char* candidate : k_font_candidates) {
      if (std::filesystem::exists(candidate)) {
        font = candidate;
        break;
      }
    }
  }
  ImFont* loaded = nullptr;
  if (!font.empty() && std::filesystem::exists(font)) {
    loaded = io.Fonts->AddFontFromFileTTF(font.c_str(), font_size_px_, nullptr, ui_glyph_ranges());
  }
  if (loaded == nullptr) {
    core::log_warn("render", "no font with Vietnamese glyphs found (" +
                                 (font.empty() ? std::string("install fonts-noto-core") : font) +
                                 "); using ImGui's built-in font");
    io.Fonts->AddFontDefault();
  } else {
    font_in_use_ = font;
  }

  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = ctx.instance();
  info.PhysicalDevice = ctx.physical_device();
  info.Device = ctx.device();
  info.QueueFamily = ctx.graphics_queue_family();
  info.Queue = ctx.graphics_queue();
  info.DescriptorPool = pool_;
  info.Subpass = 0;
  info.MinImageCount = 2;
  // The backend rotates its vertex buffers per RenderDrawData call; one more than the frames
  // in flight guarantees it never rewrites a buffer the GPU may still read.
  info.ImageCount = frames_in_flight + 1;
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = check_vk;
  if (!ImGui_ImplVulkan_Init(&info, pass))
    return core::fail("ImGui Vulkan backend failed to start");
  initialized_ = true;
  format_ = format;
  auto uploaded =
      ctx.immediate_submit([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  return uploaded;
}

void ImguiLayer::build_frame(VkExtent2D extent, float dt_s) {
  ImGuiIO& io = ImGui::GetIO();
  if (glfw_attached_) {
    ImGui_ImplGlfw_NewFrame();
  }
  // Headless, or a window whose framebuffer differs from the target: size to the target.
  io.DisplaySize = ImVec2(static_cast<float>(extent.width), static_cast<float>(extent.height));
  io.DeltaTime = dt_s > 0.0f ? dt_s : 1.0f / 60.0f;
  ImGui_ImplVulkan_NewFrame();
  ImGui::NewFrame();
  for (auto& [id, draw] : overlays_) draw();
  ImGui::Render();
}

void ImguiLayer::record(VkCommandBuffer cmd) {
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
}

void ImguiLayer::shutdown() {
  detach_window();
  if (initialized_) {
    vkDeviceWaitIdle(device_);
    ImGui_ImplVulkan_Shutdown();
    initialized_ = false;
  }
  if (pool_ != VK_NULL_HANDLE) {
    vkDestroyDescriptorPool(device_, pool_, nullptr);
    pool_ = VK_NULL_HANDLE;
  }
}

}  // namespace txr::render
