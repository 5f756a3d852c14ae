// Renderer: GPU copies of meshes, textures and materials, and depth images.
#include <algorithm>
#include <cstring>

#include "render/renderer.hpp"
#include "render/vk_check.hpp"

namespace txr::render {

core::Result<MeshHandle> Renderer::upload_mesh(const assets::Mesh& mesh) {
  if (mesh.vertices.empty() || mesh.indices.empty()) {
    return core::fail("mesh '" + mesh.name + "' has no triangles to upload");
  }
  for (std::uint32_t i : mesh.indices) {
    if (i >= mesh.vertices.size())
      return core::fail("mesh '" + mesh.name + "' has an index out of range");
  }
  MeshGpu gpu;
  auto vb = create_device_buffer(ctx_, mesh.vertices.data(),
                                 mesh.vertices.size() * sizeof(assets::Vertex),
                                 VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  if (!vb) return std::unexpected(vb.error());
  auto ib =
      create_device_buffer(ctx_, mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t),
                           VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
  if (!ib) {
    destroy_buffer(ctx_.device(), *vb);
    return std::unexpected(ib.error());
  }
  gpu.vertices = *vb;
  gpu.indices = *ib;
  gpu.index_count = static_cast<std::uint32_t>(mesh.indices.size());
  meshes_.push_back(gpu);
  return MeshHandle{static_cast<std::uint32_t>(meshes_.size() - 1)};
}

core::Result<TextureHandle> Renderer::upload_texture(const assets::Image& image) {
  const VkDeviceSize bytes = static_cast<VkDeviceSize>(image.width) * image.height * 4;
  if (image.width == 0 || image.height == 0 || image.rgba8.size() != bytes) {
    return core::fail("image '" + image.source + "' has no or inconsistent pixel data");
  }
  auto staging = create_buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true);
  if (!staging) return std::unexpected(staging.error());
  std::memcpy(staging->mapped, image.rgba8.data(), bytes);
  // A full mip chain (built with linear blits) keeps the wood grain from shimmering at a
  // distance; one level when the format cannot be blitted linearly.
  VkFormatProperties props;
  vkGetPhysicalDeviceFormatProperties(ctx_.physical_device(), VK_FORMAT_R8G8B8A8_SRGB, &props);
  const VkFormatFeatureFlags blit = VK_FORMAT_FEATURE_BLIT_SRC_BIT |
                                    VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                    VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  std::uint32_t levels = 1;
  if ((props.optimalTilingFeatures & blit) == blit) {
    for (std::uint32_t size = std::max(image.width, image.height); size > 1; size /= 2) ++levels;
  }
  auto gpu = create_image(ctx_, {image.width, image.height}, VK_FORMAT_R8G8B8A8_SRGB,
                          VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                              VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                          VK_IMAGE_ASPECT_COLOR_BIT, 1, levels);
  if (!gpu) {
    destroy_buffer(ctx_.device(), *staging);
    return std::unexpected(gpu.error());
  }
  auto copied = ctx_.immediate_submit([&](VkCommandBuffer cmd) {
    transition_image(cmd, gpu->image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {image.width, image.height, 1};
    vkCmdCopyBufferToImage(cmd, staging->buffer, gpu->image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                           1, &region);
    auto level_barrier = [&](std::uint32_t level, VkImageLayout from, VkImageLayout to,
                             VkAccessFlags src, VkAccessFlags dst, VkPipelineStageFlags dst_stage) {
      VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
      b.srcAccessMask = src;
      b.dstAccessMask = dst;
      b.oldLayout = from;
      b.newLayout = to;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = gpu->image;
      b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, level, 1, 0, 1};
      vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, dst_stage, 0, 0, nullptr, 0,
                           nullptr, 1, &b);
    };
    std::int32_t w = static_cast<std::int32_t>(image.width);
    std::int32_t h = static_cast<std::int32_t>(image.height);
    for (std::uint32_t level = 1; level < levels; ++level) {
      // Level-1 was just written: make it the blit source.
      level_barrier(level - 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                    VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT);
      VkImageBlit region_blit{};
      region_blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
      region_blit.srcOffsets[1] = {w, h, 1};
      w = std::max(w / 2, 1);
      h = std::max(h / 2, 1);
      region_blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
      region_blit.dstOffsets[1] = {w, h, 1};
      vkCmdBlitImage(cmd, gpu->image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, gpu->image,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region_blit, VK_FILTER_LINEAR);
      level_barrier(level - 1, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_READ_BIT,
                    VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT);
    }
    level_barrier(levels - 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                  VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_ACCESS_TRANSFER_WRITE_BIT,
                  VK_ACCESS_SHADER_READ_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT);
  });
  destroy_buffer(ctx_.device(), *staging);
  if (!copied) {
    destroy_image(ctx_.device(), *gpu);
    return std::unexpected(copied.error());
  }
  textures_.push_back(*gpu);
  return TextureHandle{static_cast<std::uint32_t>(textures_.size() - 1)};
}

core::Result<VkDescriptorSet> Renderer::allocate_material_set() {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!material_pools_.empty()) {
      VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
      alloc.descriptorPool = material_pools_.back();
      alloc.descriptorSetCount = 1;
      alloc.pSetLayouts = &material_layout_;
      VkDescriptorSet set = VK_NULL_HANDLE;
      const VkResult r = vkAllocateDescriptorSets(ctx_.device(), &alloc, &set);
      if (r == VK_SUCCESS) return set;
      if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL) {
        return std::unexpected(vk_error("vkAllocateDescriptorSets", r));
      }
    }
    constexpr std::uint32_t k_sets_per_pool = 256;  // pools are added as materials grow
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, k_sets_per_pool};
    VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    info.maxSets = k_sets_per_pool;
    info.poolSizeCount = 1;
    info.pPoolSizes = &size;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    TXR_VK_TRY(vkCreateDescriptorPool(ctx_.device(), &info, nullptr, &pool));
    material_pools_.push_back(pool);
  }
  return core::fail("cannot allocate a material descriptor set");
}

core::Result<MaterialHandle> Renderer::create_material(const assets::Material& material,
                                                       TextureHandle base_color) {
  const TextureHandle tex = base_color.valid() ? base_color : white_;
  if (tex.id >= textures_.size())
    return core::fail("material '" + material.name + "' uses an unknown texture");
  auto set = allocate_material_set();
  if (!set) return std::unexpected(set.error());
  VkDescriptorImageInfo image{sampler_, textures_[tex.id].view,
                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = *set;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &image;
  vkUpdateDescriptorSets(ctx_.device(), 1, &write, 0, nullptr);
  materials_.push_back(
      {*set, material.base_color_factor, material.metallic_factor, material.roughness_factor});
  return MaterialHandle{static_cast<std::uint32_t>(materials_.size() - 1)};
}

core::Result<GpuImage*> Renderer::depth_for(VkExtent2D extent) {
  const std::uint64_t key = (std::uint64_t{extent.width} << 32) | extent.height;
  if (auto it = depth_images_.find(key); it != depth_images_.end()) return &it->second;
  if (depth_images_.size() >= 4) {  // e.g. a window being resized: retire old sizes
    for (auto& [k, img] : depth_images_) {
      deletion_.push(frame_counter_,
                     [dev = ctx_.device(), copy = img]() mutable { destroy_image(dev, copy); });
    }
    depth_images_.clear();
  }
  auto depth = create_image(ctx_, extent, depth_format_,
                            VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, VK_IMAGE_ASPECT_DEPTH_BIT);
  if (!depth) return std::unexpected(depth.error());
  return &depth_images_.emplace(key, *depth).first->second;
}

core::Result<void> Renderer::ensure_buffer(GpuBuffer& buffer, VkDeviceSize size,
                                           VkBufferUsageFlags usage) {
  if (buffer.buffer != VK_NULL_HANDLE && buffer.size >= size) return {};
  if (buffer.buffer != VK_NULL_HANDLE) {
    deletion_.push(frame_counter_,
                   [dev = ctx_.device(), copy = buffer]() mutable { destroy_buffer(dev, copy); });
  }
  VkDeviceSize capacity = 4096;
  while (capacity < size) capacity *= 2;
  auto fresh = create_buffer(ctx_, capacity, usage, true);
  if (!fresh) {
    buffer = GpuBuffer{};
    return std::unexpected(fresh.error());
  }
  buffer = *fresh;
  return {};
}

}  // namespace txr::render
