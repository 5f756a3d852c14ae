#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec2 in_uv;

layout(push_constant) uniform Draw {
  mat4 model;
  vec4 base_color;  // linear RGBA factor
  vec4 params;      // x metallic, y roughness
} u_draw;

layout(location = 0) out vec3 out_world_position;
layout(location = 1) out vec3 out_world_normal;
layout(location = 2) out vec2 out_uv;

void main() {
  vec4 world = u_draw.model * vec4(in_position, 1.0);
  out_world_position = world.xyz;
  // Inverse-transpose keeps normals right under non-uniform scale.
  out_world_normal = transpose(inverse(mat3(u_draw.model))) * in_normal;
  out_uv = in_uv;
  gl_Position = u_view.view_projection * world;
}
