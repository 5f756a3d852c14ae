#pragma once
// ImguiLayer: Dear ImGui drawn on top of a view. Other modules (the HUD) add content with
// add_overlay(); their callbacks issue plain ImGui calls once per rendered frame.
#include <imgui.h>
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/result.hpp"
#include "platform/window.hpp"
#include "render/vulkan_context.hpp"

namespace txr::render {

// The glyphs every TradeXR font atlas loads: Vietnamese, plus Ω and µ for instruments and the
// dashes and quotes scenario texts use (ImGui draws '?' for anything missing).
const ImWchar* ui_glyph_ranges();

class ImguiLayer {
 public:
  using DrawFn = std::function<void()>;

  ImguiLayer(std::string font_path, float font_size_px);
  ~ImguiLayer();
  ImguiLayer(const ImguiLayer&) = delete;
  ImguiLayer& operator=(const ImguiLayer&) = delete;

  // Callbacks run in id order between ImGui::NewFrame() and ImGui::Render().
  std::uint32_t add_overlay(DrawFn draw);
  void remove_overlay(std::uint32_t id);
  bool has_overlays() const { return !overlays_.empty(); }

  // Routes the window's mouse/keyboard to ImGui (the window must outlive this layer or be
  // detached first). Without a window ImGui runs headless (offscreen targets).
  void attach_window(platform::Window& window);
  void detach_window();
  bool wants_mouse() const;
  bool wants_keyboard() const;
  // The font file in use ("" = ImGui's built-in font, no Vietnamese glyphs).
  const std::string& font_in_use() const { return font_in_use_; }

  // Used by the Renderer.
  core::Result<void> ensure_initialized(VulkanContext& ctx, VkRenderPass pass, VkFormat format,
                                        std::uint32_t frames_in_flight);
  VkFormat format() const { return format_; }
  bool initialized() const { return initialized_; }
  void build_frame(VkExtent2D extent, float dt_s);
  void record(VkCommandBuffer cmd);
  void shutdown();

 private:
  std::string font_path_;
  float font_size_px_;
  std::string font_in_use_;
  std::map<std::uint32_t, DrawFn> overlays_;
  std::uint32_t next_id_ = 1;
  bool initialized_ = false;
  bool glfw_attached_ = false;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkDevice device_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
};

}  // namespace txr::render
