#include "render/renderer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <tuple>

#include "core/log.hpp"
#include "render/vk_check.hpp"

namespace txr::render {
namespace {

// Mirrors ViewUniforms in shaders/common.glsl (std140).
struct ViewUniforms {
  glm::mat4 view_projection;
  glm::vec4 camera_position;
  glm::vec4 light_direction;
  glm::vec4 light_radiance;
  glm::vec4 ambient_sky;
  glm::vec4 ambient_ground;
};

struct DrawPush {
  glm::mat4 model;
  glm::vec4 base_color;
  glm::vec4 params;
};

// CPU time of this thread: unlike wall time, not inflated when other processes share the cores.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// Where the view's forward direction lands in NDC (the centre of an asymmetric eye frustum).
glm::vec2 forward_ndc(const glm::mat4& projection) {
  const glm::vec4 clip = projection * glm::vec4(0.0f, 0.0f, -1.0f, 1.0f);
  return std::fabs(clip.w) > 1e-6f ? glm::vec2(clip) / clip.w : glm::vec2(0.0f);
}

}  // namespace

core::Result<std::unique_ptr<Renderer>> Renderer::create(VulkanContext& ctx,
                                                         const RendererOptions& options) {
  if (options.max_views == 0 || options.max_views > 8) return core::fail("max_views must be 1..8");
  std::unique_ptr<Renderer> r(new Renderer(ctx, options));
  if (auto ok = r->init(); !ok) return std::unexpected(ok.error());
  return r;
}

core::Result<void> Renderer::init() {
  if (auto ok = create_layouts(); !ok) return ok;
  const VkDeviceSize align = ctx_.properties().limits.minUniformBufferOffsetAlignment;
  uniform_stride_ = (sizeof(ViewUniforms) + align - 1) / align * align;
  VkDevice dev = ctx_.device();
  for (Frame& f : frames_) {
    VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pool.queueFamilyIndex = ctx_.graphics_queue_family();
    TXR_VK_TRY(vkCreateCommandPool(dev, &pool, nullptr, &f.pool));
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = f.pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    TXR_VK_TRY(vkAllocateCommandBuffers(dev, &alloc, &f.cmd));
    VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    TXR_VK_TRY(vkCreateFence(dev, &fence, nullptr, &f.fence));
    auto ubo = create_buffer(ctx_, uniform_stride_ * options_.max_views,
                             VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true);
    if (!ubo) return std::unexpected(ubo.error());
    f.uniforms = *ubo;
    VkDescriptorSetAllocateInfo set_alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    set_alloc.descriptorPool = view_pool_;
    set_alloc.descriptorSetCount = 1;
    set_alloc.pSetLayouts = &view_layout_;
    TXR_VK_TRY(vkAllocateDescriptorSets(dev, &set_alloc, &f.view_set));
    VkDescriptorBufferInfo buffer{f.uniforms.buffer, 0, sizeof(ViewUniforms)};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = f.view_set;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC;
    write.pBufferInfo = &buffer;
    vkUpdateDescriptorSets(dev, 1, &write, 0, nullptr);
  }
  assets::Image white;  // materials without a texture sample this
  white.source = "builtin white";
  white.width = white.height = 1;
  white.rgba8 = {255, 255, 255, 255};
  auto tex = upload_texture(white);
  if (!tex) return std::unexpected(tex.error());
  white_ = *tex;
  if (options_.enable_imgui)
    imgui_ = std::make_unique<ImguiLayer>(options_.font_path, options_.font_size_px);
  return {};
}

Renderer::~Renderer() {
  VkDevice dev = ctx_.device();
  vkDeviceWaitIdle(dev);
  imgui_.reset();
  deletion_.flush_all();
  for (Frame& f : frames_) {
    for (VkFramebuffer fb : f.framebuffers) vkDestroyFramebuffer(dev, fb, nullptr);
    destroy_buffer(dev, f.uniforms);
    destroy_buffer(dev, f.lines);
    destroy_buffer(dev, f.capture);
    if (f.fence != VK_NULL_HANDLE) vkDestroyFence(dev, f.fence, nullptr);
    if (f.pool != VK_NULL_HANDLE) vkDestroyCommandPool(dev, f.pool, nullptr);
  }
  for (auto& [key, pp] : pipelines_) {
    vkDestroyPipeline(dev, pp.mesh, nullptr);
    vkDestroyPipeline(dev, pp.line, nullptr);
    vkDestroyPipeline(dev, pp.vignette, nullptr);
    vkDestroyRenderPass(dev, pp.pass, nullptr);
  }
  for (auto& [key, img] : depth_images_) destroy_image(dev, img);
  for (MeshGpu& m : meshes_) {
    destroy_buffer(dev, m.vertices);
    destroy_buffer(dev, m.indices);
  }
  for (GpuImage& t : textures_) destroy_image(dev, t);
  for (VkDescriptorPool p : material_pools_) vkDestroyDescriptorPool(dev, p, nullptr);
  if (view_pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(dev, view_pool_, nullptr);
  if (sampler_ != VK_NULL_HANDLE) vkDestroySampler(dev, sampler_, nullptr);
  if (mesh_layout_ != VK_NULL_HANDLE) vkDestroyPipelineLayout(dev, mesh_layout_, nullptr);
  if (view_layout_ != VK_NULL_HANDLE) vkDestroyDescriptorSetLayout(dev, view_layout_, nullptr);
  if (material_layout_ != VK_NULL_HANDLE)
    vkDestroyDescriptorSetLayout(dev, material_layout_, nullptr);
}

void Renderer::wait_idle() { vkDeviceWaitIdle(ctx_.device()); }

core::Result<void> Renderer::render(RenderTarget& target, const Scene& scene,
                                    std::span<const View> views, const FrameOptions& options) {
  stats_ = FrameStats{};
  if (views.empty() || views.size() > options_.max_views) {
    return core::fail("a frame needs 1.." + std::to_string(options_.max_views) + " views, got " +
                      std::to_string(views.size()));
  }
  VkDevice dev = ctx_.device();
  const auto slot = static_cast<std::uint32_t>(frame_counter_ % k_frames_in_flight);
  Frame& f = frames_[slot];
  TXR_VK_TRY(vkWaitForFences(dev, 1, &f.fence, VK_TRUE, UINT64_MAX));
  if (capture_slot_ == static_cast<int>(slot)) capture_slot_ = -1;  // overwritten below
  for (VkFramebuffer fb : f.framebuffers) vkDestroyFramebuffer(dev, fb, nullptr);
  f.framebuffers.clear();
  if (frame_counter_ > 0) deletion_.flush_completed(frame_counter_ - 1);

  auto acquired = target.acquire(slot);
  if (!acquired) return std::unexpected(acquired.error());
  TargetFrame& tf = *acquired;
  if (tf.skip) return {};
  // CPU cost of the frame: after the waits for the GPU (fence) and the target (acquire).
  const auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = thread_cpu_ms();
  for (const View& v : views) {
    if (v.target_view >= tf.views.size()) {
      return core::fail("view asks for target image " + std::to_string(v.target_view) +
                        " but the target has " + std::to_string(tf.views.size()));
    }
  }
  auto pp = pipelines_for(target.color_format(), target.final_layout());
  if (!pp) return std::unexpected(pp.error());

  // Debug lines for all views share one per-frame vertex buffer.
  if (!scene.lines.empty()) {
    const VkDeviceSize bytes = scene.lines.size() * sizeof(LineVertex);
    if (auto ok = ensure_buffer(f.lines, bytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT); !ok) return ok;
    std::memcpy(f.lines.mapped, scene.lines.data(), bytes);
  }
  bool with_imgui = imgui_ && options.draw_imgui && imgui_->has_overlays();
  if (with_imgui) {
    if (auto ok = imgui_->ensure_initialized(ctx_, (*pp)->pass, target.color_format(),
                                             k_frames_in_flight);
        !ok) {
      return ok;
    }
    with_imgui = imgui_->format() == target.color_format();  // its pipeline matches one format
    if (with_imgui) imgui_->build_frame(tf.views[views[0].target_view].extent, options.dt_s);
  }

  // Draw order sorted by material then mesh so binds change as rarely as possible; instances
  // with unknown handles are skipped.
  draw_order_.clear();
  for (std::uint32_t i = 0; i < scene.instances.size(); ++i) {
    const Instance& inst = scene.instances[i];
    if (inst.mesh.id < meshes_.size() && inst.material.id < materials_.size())
      draw_order_.push_back(i);
  }
  std::sort(draw_order_.begin(), draw_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Instance& x = scene.instances[a];
    const Instance& y = scene.instances[b];
    return std::tie(x.material.id, x.mesh.id, a) < std::tie(y.material.id, y.mesh.id, b);
  });
  TXR_VK_TRY(vkResetCommandPool(dev, f.pool, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  TXR_VK_TRY(vkBeginCommandBuffer(f.cmd, &begin));
  for (std::uint32_t i = 0; i < views.size(); ++i) {
    const View& v = views[i];
    const TargetView& tv = tf.views[v.target_view];
    auto depth = depth_for(tv.extent);
    if (!depth) return std::unexpected(depth.error());
    const VkImageView attachments[2] = {
        tv.view, tv.depth_view != VK_NULL_HANDLE ? tv.depth_view : (*depth)->view};
    VkFramebufferCreateInfo fb_info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    fb_info.renderPass = (*pp)->pass;
    fb_info.attachmentCount = 2;
    fb_info.pAttachments = attachments;
    fb_info.width = tv.extent.width;
    fb_info.height = tv.extent.height;
    fb_info.layers = 1;
    VkFramebuffer fb = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateFramebuffer(dev, &fb_info, nullptr, &fb));
    f.framebuffers.push_back(fb);

    ViewUniforms u{};
    u.view_projection = v.projection * v.view;
    u.camera_position = glm::vec4(glm::vec3(glm::inverse(v.view)[3]), 1.0f);
    u.light_direction = glm::vec4(glm::normalize(scene.sun.direction), 0.0f);
    u.light_radiance = glm::vec4(scene.sun.color * scene.sun.intensity, 0.0f);
    u.ambient_sky = glm::vec4(scene.ambient_sky, 0.0f);
    u.ambient_ground = glm::vec4(scene.ambient_ground, 0.0f);
    std::memcpy(static_cast<char*>(f.uniforms.mapped) + i * uniform_stride_, &u, sizeof(u));
    // The vignette goes before the ImGui overlay: it darkens the world, never the text.
    record_view(f, **pp, tv, scene, i, fb);
    if (options.vignette > 0.0f) {
      record_vignette(f.cmd, **pp, tv.extent, glm::vec4(forward_ndc(v.projection), 0.0f, 0.0f),
                      options.vignette);
    }
    if (with_imgui && i == 0) imgui_->record(f.cmd);
    vkCmdEndRenderPass(f.cmd);
  }

  if (options.capture) {
    const std::uint32_t which = options.capture_view < views.size() ? options.capture_view : 0;
    const TargetView& tv = tf.views[views[which].target_view];
    const VkDeviceSize bytes = VkDeviceSize{tv.extent.width} * tv.extent.height * 4;
    if (auto ok = ensure_buffer(f.capture, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT); !ok) return ok;
    f.capture_extent = tv.extent;
    f.capture_format = target.color_format();
    const VkImageLayout final_layout = target.final_layout();
    if (final_layout != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL) {
      transition_image(f.cmd, tv.image, VK_IMAGE_ASPECT_COLOR_BIT, final_layout,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
    }
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, tv.layer, 1};
    region.imageExtent = {tv.extent.width, tv.extent.height, 1};
    vkCmdCopyImageToBuffer(f.cmd, tv.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, f.capture.buffer,
                           1, &region);
    if (final_layout != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL) {
      transition_image(f.cmd, tv.image, VK_IMAGE_ASPECT_COLOR_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, final_layout);
    }
    VkMemoryBarrier to_host{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(f.cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1,
                         &to_host, 0, nullptr, 0, nullptr);
  }
  TXR_VK_TRY(vkEndCommandBuffer(f.cmd));

  const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  if (tf.wait_semaphore != VK_NULL_HANDLE) {
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &tf.wait_semaphore;
    submit.pWaitDstStageMask = &wait_stage;
  }
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &f.cmd;
  if (tf.signal_semaphore != VK_NULL_HANDLE) {
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &tf.signal_semaphore;
  }
  TXR_VK_TRY(vkResetFences(dev, 1, &f.fence));
  TXR_VK_TRY(vkQueueSubmit(ctx_.graphics_queue(), 1, &submit, f.fence));
  if (options.capture) capture_slot_ = static_cast<int>(slot);
  ++frame_counter_;
  stats_.record_submit_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  stats_.record_submit_cpu_ms = thread_cpu_ms() - cpu0;
  stats_.rendered = true;
  return target.release(tf);
}

void Renderer::record_view(Frame& f, const PassPipelines& pp, const TargetView& tv,
                           const Scene& scene, std::uint32_t slot, VkFramebuffer fb) {
  VkCommandBuffer cmd = f.cmd;
  VkClearValue clears[2]{};
  clears[0].color = {
      {scene.clear_color.r, scene.clear_color.g, scene.clear_color.b, scene.clear_color.a}};
  clears[1].depthStencil = {1.0f, 0};
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = pp.pass;
  begin.framebuffer = fb;
  begin.renderArea = {{0, 0}, tv.extent};
  begin.clearValueCount = 2;
  begin.pClearValues = clears;
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  const VkViewport viewport{
      0, 0, static_cast<float>(tv.extent.width), static_cast<float>(tv.extent.height), 0, 1};
  const VkRect2D scissor{{0, 0}, tv.extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
  const auto offset = static_cast<std::uint32_t>(slot * uniform_stride_);
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pp.mesh);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mesh_layout_, 0, 1, &f.view_set, 1,
                          &offset);
  std::uint32_t bound_mesh = UINT32_MAX, bound_material = UINT32_MAX;
  for (const std::uint32_t index : draw_order_) {
    const Instance& inst = scene.instances[index];
    const MaterialGpu& mat = materials_[inst.material.id];
    if (inst.material.id != bound_material) {
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mesh_layout_, 1, 1, &mat.set, 0,
                              nullptr);
      bound_material = inst.material.id;
    }
    const MeshGpu& mesh = meshes_[inst.mesh.id];
    if (inst.mesh.id != bound_mesh) {
      const VkDeviceSize zero = 0;
      vkCmdBindVertexBuffers(cmd, 0, 1, &mesh.vertices.buffer, &zero);
      vkCmdBindIndexBuffer(cmd, mesh.indices.buffer, 0, VK_INDEX_TYPE_UINT32);
      bound_mesh = inst.mesh.id;
    }
    const DrawPush push{inst.T_world_model, mat.base_color,
                        glm::vec4(mat.metallic, mat.roughness, 0, 0)};
    vkCmdPushConstants(cmd, mesh_layout_, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                       0, sizeof(push), &push);
    vkCmdDrawIndexed(cmd, mesh.index_count, 1, 0, 0, 0);
    ++stats_.draws;
  }
  if (!scene.lines.empty()) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pp.line);
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &f.lines.buffer, &zero);
    vkCmdDraw(cmd, static_cast<std::uint32_t>(scene.lines.size()), 1, 0, 0);
  }
}

void Renderer::record_vignette(VkCommandBuffer cmd, const PassPipelines& pp, VkExtent2D extent,
                               const glm::vec4& centres, float strength) {
  struct {
    glm::vec4 centres;
    glm::vec4 params;
  } push{centres, glm::vec4(std::clamp(strength, 0.0f, 1.0f), static_cast<float>(extent.width),
                            static_cast<float>(extent.height), 0.0f)};
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pp.vignette);
  vkCmdPushConstants(cmd, mesh_layout_, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                     0, sizeof(push), &push);
  vkCmdDraw(cmd, 3, 1, 0, 0);
}

core::Result<assets::Image> Renderer::take_capture() {
  if (capture_slot_ < 0)
    return core::fail("no captured frame: render with FrameOptions::capture first");
  Frame& f = frames_[static_cast<std::size_t>(capture_slot_)];
  TXR_VK_TRY(vkWaitForFences(ctx_.device(), 1, &f.fence, VK_TRUE, UINT64_MAX));
  assets::Image image;
  image.source = "capture";
  image.width = f.capture_extent.width;
  image.height = f.capture_extent.height;
  const std::size_t bytes = std::size_t{image.width} * image.height * 4;
  const auto* src = static_cast<const std::uint8_t*>(f.capture.mapped);
  image.rgba8.assign(src, src + bytes);
  const bool bgra =
      f.capture_format == VK_FORMAT_B8G8R8A8_SRGB || f.capture_format == VK_FORMAT_B8G8R8A8_UNORM;
  for (std::size_t i = 0; i < bytes; i += 4) {
    if (bgra) std::swap(image.rgba8[i], image.rgba8[i + 2]);
    image.rgba8[i + 3] = 255;  // opaque PNGs whatever the swapchain alpha
  }
  return image;
}

}  // namespace txr::render
