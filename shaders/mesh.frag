#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

// Metallic-roughness shading (glTF): GGX distribution, Smith visibility, Schlick Fresnel, one
// directional light plus a hemisphere ambient term. The attachment is sRGB: we output linear.

layout(set = 1, binding = 0) uniform sampler2D u_base_color;  // sRGB texture or 1x1 white

layout(push_constant) uniform Draw {
  mat4 model;
  vec4 base_color;
  vec4 params;  // x metallic, y roughness
} u_draw;

layout(location = 0) in vec3 in_world_position;
layout(location = 1) in vec3 in_world_normal;
layout(location = 2) in vec2 in_uv;
layout(location = 0) out vec4 out_color;

const float k_pi = 3.14159265;

float distribution_ggx(float n_dot_h, float alpha) {
  float a2 = alpha * alpha;
  float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
  return a2 / (k_pi * d * d);
}

float visibility_smith(float n_dot_v, float n_dot_l, float alpha) {
  float a2 = alpha * alpha;
  float gv = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
  float gl = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
  return 0.5 / max(gv + gl, 1e-5);
}

void main() {
  vec4 base = u_draw.base_color * texture(u_base_color, in_uv);
  float metallic = clamp(u_draw.params.x, 0.0, 1.0);
  float roughness = clamp(u_draw.params.y, 0.04, 1.0);
  float alpha = roughness * roughness;

  vec3 n = normalize(in_world_normal);
  vec3 v = normalize(u_view.camera_position.xyz - in_world_position);
  if (dot(n, v) < 0.0) n = -n;  // thin or inward-facing geometry: light the visible side
  vec3 l = -u_view.light_direction.xyz;
  vec3 h = normalize(l + v);
  float n_dot_l = max(dot(n, l), 0.0);
  float n_dot_v = max(dot(n, v), 1e-4);
  float n_dot_h = max(dot(n, h), 0.0);
  float v_dot_h = max(dot(v, h), 0.0);

  vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
  vec3 fresnel = f0 + (1.0 - f0) * pow(1.0 - v_dot_h, 5.0);
  vec3 specular = fresnel * distribution_ggx(n_dot_h, alpha) * visibility_smith(n_dot_v, n_dot_l, alpha);
  vec3 diffuse = (1.0 - fresnel) * (1.0 - metallic) * base.rgb / k_pi;
  vec3 direct = (diffuse + specular) * u_view.light_radiance.rgb * n_dot_l;

  // Hemisphere ambient; metals get a dim reflection of it so they do not go black.
  vec3 ambient_light = mix(u_view.ambient_ground.rgb, u_view.ambient_sky.rgb, n.y * 0.5 + 0.5);
  vec3 ambient = ambient_light * base.rgb * (1.0 - metallic) + ambient_light * f0 * (1.0 - 0.5 * roughness);

  vec3 color = direct + ambient;
  color = color / (1.0 + max(max(color.r, color.g), color.b) * 0.15);  // gentle highlight roll-off
  out_color = vec4(color, base.a);
}
