#version 450
#ifdef MULTIVIEW
#extension GL_EXT_multiview : require
#endif
// Comfort vignette: darkens the view's periphery around the eye's forward direction while the
// world turns artificially. Blended over the frame (alpha = how dark), so it costs one cheap
// full-screen triangle per view.

layout(push_constant) uniform Vignette {
  vec4 centres;  // xy: view 0's forward direction in NDC, zw: view 1's (multiview)
  vec4 params;   // x: strength 0..1, yz: viewport size in pixels
} u_vignette;

layout(location = 0) out vec4 out_color;

void main() {
#ifdef MULTIVIEW
  vec2 centre = gl_ViewIndex == 0 ? u_vignette.centres.xy : u_vignette.centres.zw;
#else
  vec2 centre = u_vignette.centres.xy;
#endif
  vec2 ndc = gl_FragCoord.xy / u_vignette.params.yz * 2.0 - 1.0;
  float strength = u_vignette.params.x;
  // The clear aperture shrinks as the strength grows; the edge stays soft.
  float inner = 1.15 - 0.75 * strength;
  float dark = smoothstep(inner, inner + 0.45, length(ndc - centre)) * clamp(strength * 3.0, 0.0, 1.0);
  out_color = vec4(0.0, 0.0, 0.0, dark);
}
