// Shared by the mesh and line shaders: per-view uniforms (set 0, dynamic offset per view).
layout(set = 0, binding = 0) uniform ViewUniforms {
  mat4 view_projection;
  vec4 camera_position;    // xyz, world
  vec4 light_direction;    // xyz: direction the light travels, world, normalised
  vec4 light_radiance;     // rgb: colour * intensity
  vec4 ambient_sky;        // rgb
  vec4 ambient_ground;     // rgb
} u_view;
