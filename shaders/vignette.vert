#version 450
// One triangle covering the whole view (no vertex buffer): the comfort vignette's pass.

void main() {
  vec2 p = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
