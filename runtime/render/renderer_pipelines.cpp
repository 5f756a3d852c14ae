// Renderer: descriptor layouts, render passes and graphics pipelines.
#include <cstddef>

#include "render/renderer.hpp"
#include "render/vk_check.hpp"
#include "shaders/embedded_shaders.hpp"

namespace txr::render {
namespace {

struct DrawPush {
  glm::mat4 model;
  glm::vec4 base_color;
  glm::vec4 params;
};
static_assert(sizeof(DrawPush) == 96, "push constants must match mesh.vert/mesh.frag");

core::Result<VkShaderModule> make_module(VkDevice dev, std::span<const std::uint32_t> code) {
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = code.size_bytes();
  info.pCode = code.data();
  VkShaderModule module = VK_NULL_HANDLE;
  TXR_VK_TRY(vkCreateShaderModule(dev, &info, nullptr, &module));
  return module;
}

}  // namespace

core::Result<void> Renderer::create_layouts() {
  VkDevice dev = ctx_.device();
  VkDescriptorSetLayoutBinding view_binding{
      0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, 1,
      VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
  VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  info.bindingCount = 1;
  info.pBindings = &view_binding;
  TXR_VK_TRY(vkCreateDescriptorSetLayout(dev, &info, nullptr, &view_layout_));
  VkDescriptorSetLayoutBinding tex_binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                           VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
  info.pBindings = &tex_binding;
  TXR_VK_TRY(vkCreateDescriptorSetLayout(dev, &info, nullptr, &material_layout_));

  const VkDescriptorSetLayout sets[2] = {view_layout_, material_layout_};
  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                           sizeof(DrawPush)};
  VkPipelineLayoutCreateInfo layout{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layout.setLayoutCount = 2;
  layout.pSetLayouts = sets;
  layout.pushConstantRangeCount = 1;
  layout.pPushConstantRanges = &push;
  TXR_VK_TRY(vkCreatePipelineLayout(dev, &layout, nullptr, &mesh_layout_));

  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC, k_frames_in_flight};
  VkDescriptorPoolCreateInfo pool{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  pool.maxSets = k_frames_in_flight;
  pool.poolSizeCount = 1;
  pool.pPoolSizes = &size;
  TXR_VK_TRY(vkCreateDescriptorPool(dev, &pool, nullptr, &view_pool_));

  VkSamplerCreateInfo sampler{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  sampler.magFilter = VK_FILTER_LINEAR;
  sampler.minFilter = VK_FILTER_LINEAR;
  sampler.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  sampler.addressModeU = sampler.addressModeV = sampler.addressModeW =
      VK_SAMPLER_ADDRESS_MODE_REPEAT;
  sampler.maxLod = VK_LOD_CLAMP_NONE;
  TXR_VK_TRY(vkCreateSampler(dev, &sampler, nullptr, &sampler_));

  for (VkFormat f : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D24_UNORM_S8_UINT, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties props;
    vkGetPhysicalDeviceFormatProperties(ctx_.physical_device(), f, &props);
    if ((props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) != 0) {
      depth_format_ = f;
      break;
    }
  }
  if (depth_format_ == VK_FORMAT_UNDEFINED) return core::fail("the device has no depth format");
  return {};
}

core::Result<VkRenderPass> Renderer::create_render_pass(VkFormat format,
                                                        VkImageLayout final_layout) {
  VkAttachmentDescription attachments[2]{};
  attachments[0].format = format;
  attachments[0].samples = VK_SAMPLE_COUNT_1_BIT;
  attachments[0].loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  attachments[0].storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  attachments[0].stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  attachments[0].stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  attachments[0].initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;  // fully cleared every frame
  attachments[0].finalLayout = final_layout;
  attachments[1] = attachments[0];
  attachments[1].format = depth_format_;
  // Stored: a target may hand in its own depth image (XR depth layers); the render pass stays
  // compatible with every target of the colour format.
  attachments[1].storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  attachments[1].finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  VkAttachmentReference color_ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkAttachmentReference depth_ref{1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &color_ref;
  subpass.pDepthStencilAttachment = &depth_ref;
  const VkPipelineStageFlags attachment_stages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                                 VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                                                 VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  VkSubpassDependency deps[2]{};
  // Earlier frames (and views) wrote the same colour/depth images or read them for capture.
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = attachment_stages | VK_PIPELINE_STAGE_TRANSFER_BIT;
  deps[0].dstStageMask = attachment_stages;
  deps[0].srcAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  deps[0].dstAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
      VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
  // Later readers: capture copies, presentation (via semaphore), an XR compositor.
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
  deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 2;
  info.pAttachments = attachments;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = 2;
  info.pDependencies = deps;
  VkRenderPass pass = VK_NULL_HANDLE;
  TXR_VK_TRY(vkCreateRenderPass(ctx_.device(), &info, nullptr, &pass));
  return pass;
}

core::Result<VkPipeline> Renderer::create_pipeline(VkRenderPass pass, bool lines) {
  VkDevice dev = ctx_.device();
  auto vert = make_module(dev, lines ? shaders::line_vert() : shaders::mesh_vert());
  if (!vert) return std::unexpected(vert.error());
  auto frag = make_module(dev, lines ? shaders::line_frag() : shaders::mesh_frag());
  if (!frag) {
    vkDestroyShaderModule(dev, *vert, nullptr);
    return std::unexpected(frag.error());
  }
  VkPipelineShaderStageCreateInfo stages[2]{};
  stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
               nullptr,
               0,
               VK_SHADER_STAGE_VERTEX_BIT,
               *vert,
               "main",
               nullptr};
  stages[1] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
               nullptr,
               0,
               VK_SHADER_STAGE_FRAGMENT_BIT,
               *frag,
               "main",
               nullptr};

  VkVertexInputBindingDescription binding{0, 0, VK_VERTEX_INPUT_RATE_VERTEX};
  std::vector<VkVertexInputAttributeDescription> attrs;
  if (lines) {
    binding.stride = sizeof(LineVertex);
    attrs = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(LineVertex, position)},
             {1, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(LineVertex, color)}};
  } else {
    binding.stride = sizeof(assets::Vertex);
    attrs = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(assets::Vertex, position)},
             {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(assets::Vertex, normal)},
             {2, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(assets::Vertex, uv)}};
  }
  VkPipelineVertexInputStateCreateInfo vertex_input{
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  vertex_input.vertexBindingDescriptionCount = 1;
  vertex_input.pVertexBindingDescriptions = &binding;
  vertex_input.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(attrs.size());
  vertex_input.pVertexAttributeDescriptions = attrs.data();
  VkPipelineInputAssemblyStateCreateInfo assembly{
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = lines ? VK_PRIMITIVE_TOPOLOGY_LINE_LIST : VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = lines ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;  // glTF winding; projection flips y
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineDepthStencilStateCreateInfo depth{
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  depth.depthTestEnable = VK_TRUE;
  depth.depthWriteEnable = VK_TRUE;
  depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  VkPipelineColorBlendAttachmentState blend{};
  blend.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                         VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (lines) {
    blend.blendEnable = VK_TRUE;
    blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend.colorBlendOp = VK_BLEND_OP_ADD;
    blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo color_blend{
      VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  color_blend.attachmentCount = 1;
  color_blend.pAttachments = &blend;
  const VkDynamicState dynamic_states[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamic_states;

  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertex_input;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &color_blend;
  info.pDynamicState = &dynamic;
  info.layout = mesh_layout_;  // the line shaders use set 0 only: a compatible superset
  info.renderPass = pass;
  VkPipeline pipeline = VK_NULL_HANDLE;
  const VkResult r = vkCreateGraphicsPipelines(dev, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline);
  vkDestroyShaderModule(dev, *vert, nullptr);
  vkDestroyShaderModule(dev, *frag, nullptr);
  if (r != VK_SUCCESS) return std::unexpected(vk_error("vkCreateGraphicsPipelines", r));
  return pipeline;
}

core::Result<VkPipeline> Renderer::create_vignette_pipeline(VkRenderPass pass) {
  VkDevice dev = ctx_.device();
  auto vert = make_module(dev, shaders::vignette_vert());
  if (!vert) return std::unexpected(vert.error());
  auto frag = make_module(dev, shaders::vignette_frag());
  if (!frag) {
    vkDestroyShaderModule(dev, *vert, nullptr);
    return std::unexpected(frag.error());
  }
  VkPipelineShaderStageCreateInfo stages[2]{};
  stages[0] = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
               nullptr,
               0,
               VK_SHADER_STAGE_VERTEX_BIT,
               *vert,
               "main",
               nullptr};
  stages[1] = stages[0];
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = *frag;
  // No vertex input: the vertex shader makes a full-screen triangle from gl_VertexIndex.
  VkPipelineVertexInputStateCreateInfo vertex_input{
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  VkPipelineInputAssemblyStateCreateInfo assembly{
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineDepthStencilStateCreateInfo depth{
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};  // no test, no write
  VkPipelineColorBlendAttachmentState blend{};
  blend.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                         VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  blend.blendEnable = VK_TRUE;  // darken: colour * (1 - alpha), alpha kept
  blend.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
  blend.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
  blend.colorBlendOp = VK_BLEND_OP_ADD;
  blend.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
  blend.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
  blend.alphaBlendOp = VK_BLEND_OP_ADD;
  VkPipelineColorBlendStateCreateInfo color_blend{
      VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  color_blend.attachmentCount = 1;
  color_blend.pAttachments = &blend;
  const VkDynamicState dynamic_states[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = 2;
  dynamic.pDynamicStates = dynamic_states;
  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.stageCount = 2;
  info.pStages = stages;
  info.pVertexInputState = &vertex_input;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &color_blend;
  info.pDynamicState = &dynamic;
  info.layout = mesh_layout_;  // push constants only (a prefix of the mesh range)
  info.renderPass = pass;
  VkPipeline pipeline = VK_NULL_HANDLE;
  const VkResult r = vkCreateGraphicsPipelines(dev, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline);
  vkDestroyShaderModule(dev, *vert, nullptr);
  vkDestroyShaderModule(dev, *frag, nullptr);
  if (r != VK_SUCCESS) return std::unexpected(vk_error("vkCreateGraphicsPipelines", r));
  return pipeline;
}

core::Result<Renderer::PassPipelines*> Renderer::pipelines_for(VkFormat format,
                                                               VkImageLayout final_layout) {
  const auto key = std::make_pair(format, final_layout);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) return &it->second;
  PassPipelines pp;
  auto pass = create_render_pass(format, final_layout);
  if (!pass) return std::unexpected(pass.error());
  pp.pass = *pass;
  auto mesh = create_pipeline(pp.pass, false);
  auto line = mesh ? create_pipeline(pp.pass, true)
                   : core::Result<VkPipeline>(std::unexpected(mesh.error()));
  auto vignette = line ? create_vignette_pipeline(pp.pass)
                       : core::Result<VkPipeline>(std::unexpected(line.error()));
  if (!mesh || !line || !vignette) {
    if (mesh) vkDestroyPipeline(ctx_.device(), *mesh, nullptr);
    if (line) vkDestroyPipeline(ctx_.device(), *line, nullptr);
    vkDestroyRenderPass(ctx_.device(), pp.pass, nullptr);
    return std::unexpected(!mesh ? mesh.error() : !line ? line.error() : vignette.error());
  }
  pp.mesh = *mesh;
  pp.line = *line;
  pp.vignette = *vignette;
  return &pipelines_.emplace(key, pp).first->second;
}

}  // namespace txr::render
