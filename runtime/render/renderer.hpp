#pragma once
// Renderer: uploads meshes/materials and records frames of a Scene into any RenderTarget, one
// render pass per View (2 frames in flight, per-frame resources in a ring, deferred deletion).
#include <vulkan/vulkan.h>

#include <array>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "assets/model.hpp"
#include "core/result.hpp"
#include "render/gpu_memory.hpp"
#include "render/imgui_layer.hpp"
#include "render/render_target.hpp"
#include "render/scene.hpp"
#include "render/vulkan_context.hpp"

namespace txr::render {

struct RendererOptions {
  std::uint32_t max_views = 2;  // views per frame (2 = stereo)
  bool enable_imgui = true;
  std::string font_path;  // empty: Noto Sans, then DejaVu Sans (Vietnamese glyphs)
  float font_size_px = 18.0f;
};

struct FrameOptions {
  bool capture = false;  // copy a view's image for take_capture() (screenshots, tests)
  std::uint32_t capture_view = 0;
  bool draw_imgui = true;  // ImGui overlays go on the first view
  float dt_s = 1.0f / 60.0f;
  // Comfort vignette (XR artificial turning): 0 none .. 1 only the centre stays clear. Drawn
  // over each view around its forward direction, after the scene.
  float vignette = 0.0f;
};

struct FrameStats {
  double record_submit_ms = 0.0;      // wall time to record + submit (after fence and acquire)
  double record_submit_cpu_ms = 0.0;  // the same span in this thread's CPU time
  std::uint32_t draws = 0;
  bool rendered = false;  // false when the target skipped the frame (resize, minimised)
};

class Renderer {
 public:
  static constexpr std::uint32_t k_frames_in_flight = 2;

  static core::Result<std::unique_ptr<Renderer>> create(VulkanContext& ctx,
                                                        const RendererOptions& options = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  core::Result<MeshHandle> upload_mesh(const assets::Mesh& mesh);
  core::Result<TextureHandle> upload_texture(const assets::Image& image);  // sRGB base colour
  core::Result<MaterialHandle> create_material(const assets::Material& material,
                                               TextureHandle base_color = {});

  // Records and submits one frame. Reads `scene`, never changes it.
  core::Result<void> render(RenderTarget& target, const Scene& scene, std::span<const View> views,
                            const FrameOptions& options = {});
  // RGBA8 pixels of the last captured view (waits for that frame on the GPU).
  core::Result<assets::Image> take_capture();

  ImguiLayer* imgui() { return imgui_.get(); }  // null when disabled
  VulkanContext& context() { return ctx_; }
  VkFormat depth_format() const { return depth_format_; }  // for TargetView::depth_view
  const FrameStats& last_frame_stats() const { return stats_; }
  void wait_idle();

 private:
  struct MeshGpu {
    GpuBuffer vertices, indices;
    std::uint32_t index_count = 0;
  };
  struct MaterialGpu {
    VkDescriptorSet set = VK_NULL_HANDLE;
    glm::vec4 base_color{1.0f};
    float metallic = 0.0f, roughness = 1.0f;
  };
  struct PassPipelines {
    VkRenderPass pass = VK_NULL_HANDLE;
    VkPipeline mesh = VK_NULL_HANDLE;
    VkPipeline line = VK_NULL_HANDLE;
    VkPipeline vignette = VK_NULL_HANDLE;
  };
  struct Frame {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    GpuBuffer uniforms;  // max_views slots, dynamic offsets
    VkDescriptorSet view_set = VK_NULL_HANDLE;
    GpuBuffer lines;
    GpuBuffer capture;
    VkExtent2D capture_extent{0, 0};
    VkFormat capture_format = VK_FORMAT_UNDEFINED;
    std::vector<VkFramebuffer> framebuffers;
  };

  Renderer(VulkanContext& ctx, const RendererOptions& options) : ctx_(ctx), options_(options) {}
  core::Result<void> init();
  core::Result<void> create_layouts();
  core::Result<PassPipelines*> pipelines_for(VkFormat format, VkImageLayout final_layout);
  core::Result<VkRenderPass> create_render_pass(VkFormat format, VkImageLayout final_layout);
  core::Result<VkPipeline> create_pipeline(VkRenderPass pass, bool lines);
  core::Result<VkPipeline> create_vignette_pipeline(VkRenderPass pass);
  core::Result<GpuImage*> depth_for(VkExtent2D extent);
  core::Result<VkDescriptorSet> allocate_material_set();
  core::Result<void> ensure_buffer(GpuBuffer& buffer, VkDeviceSize size, VkBufferUsageFlags usage);
  // Begins the view's render pass and draws the scene; the caller adds overlays and ends it.
  void record_view(Frame& frame, const PassPipelines& pp, const TargetView& tv, const Scene& scene,
                   std::uint32_t slot, VkFramebuffer fb);
  void record_vignette(VkCommandBuffer cmd, const PassPipelines& pp, VkExtent2D extent,
                       const glm::vec4& centres, float strength);

  VulkanContext& ctx_;
  RendererOptions options_;
  VkDescriptorSetLayout view_layout_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout material_layout_ = VK_NULL_HANDLE;
  VkPipelineLayout mesh_layout_ = VK_NULL_HANDLE;
  VkDescriptorPool view_pool_ = VK_NULL_HANDLE;
  std::vector<VkDescriptorPool> material_pools_;
  VkSampler sampler_ = VK_NULL_HANDLE;
  VkFormat depth_format_ = VK_FORMAT_UNDEFINED;
  VkDeviceSize uniform_stride_ = 256;
  std::map<std::pair<VkFormat, VkImageLayout>, PassPipelines> pipelines_;
  std::map<std::uint64_t, GpuImage> depth_images_;
  std::vector<MeshGpu> meshes_;
  std::vector<std::uint32_t> draw_order_;  // per frame, reused to avoid allocations
  std::vector<GpuImage> textures_;
  std::vector<MaterialGpu> materials_;
  TextureHandle white_;
  std::array<Frame, k_frames_in_flight> frames_{};
  std::uint64_t frame_counter_ = 0;
  int capture_slot_ = -1;
  DeletionQueue deletion_;
  std::unique_ptr<ImguiLayer> imgui_;
  FrameStats stats_;
};

}  // namespace txr::render
