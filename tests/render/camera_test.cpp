#include <doctest/doctest.h>

#include <cmath>

#include "render/camera.hpp"

using namespace txr::render;

namespace {
glm::vec3 project(const glm::mat4& m, const glm::vec3& p) {
  const glm::vec4 c = m * glm::vec4(p, 1.0f);
  return glm::vec3(c) / c.w;
}
}  // namespace

TEST_CASE("[render] the projection maps near to depth 0 and far to depth 1") {
  const glm::mat4 p = perspective_vk(1.0f, 4.0f / 3.0f, 0.1f, 100.0f);
  CHECK(project(p, {0, 0, -0.1f}).z == doctest::Approx(0.0).epsilon(1e-5));
  CHECK(project(p, {0, 0, -100.0f}).z == doctest::Approx(1.0).epsilon(1e-5));
}

TEST_CASE("[render] world up appears at the top of the image in Vulkan clip space") {
  const glm::mat4 p = perspective_vk(1.0f, 1.0f, 0.1f, 100.0f);
  // Vulkan NDC y = -1 is the top row.
  CHECK(project(p, {0, 1, -5}).y < 0.0f);
  CHECK(project(p, {1, 0, -5}).x > 0.0f);
  // A point on the top edge of the field of view lands on y = -1.
  CHECK(project(p, {0, std::tan(0.5f) * 5.0f, -5}).y == doctest::Approx(-1.0).epsilon(1e-4));
}

TEST_CASE("[render] an asymmetric XR field of view projects its edges to the image edges") {
  const float l = -1.0f, r = 0.8f, u = 0.9f, d = -1.1f;
  const glm::mat4 p = perspective_vk_fov(l, r, u, d, 0.05f, 100.0f);
  CHECK(project(p, {l * 2, 0, -2}).x == doctest::Approx(-1.0).epsilon(1e-4));
  CHECK(project(p, {r * 2, 0, -2}).x == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(project(p, {0, u * 2, -2}).y == doctest::Approx(-1.0).epsilon(1e-4));
  CHECK(project(p, {0, d * 2, -2}).y == doctest::Approx(1.0).epsilon(1e-4));
}

TEST_CASE("[render] look_at puts the target straight ahead") {
  const glm::mat4 v = look_at({3, 2, 1}, {0, 1, 0});
  const glm::vec3 t = glm::vec3(v * glm::vec4(0, 1, 0, 1));
  CHECK(t.x == doctest::Approx(0.0).epsilon(1e-5));
  CHECK(t.y == doctest::Approx(0.0).epsilon(1e-5));
  CHECK(t.z < 0.0f);
  // Looking straight down does not produce NaNs.
  const glm::mat4 down = look_at({0, 5, 0}, {0, 0, 0});
  CHECK_FALSE(std::isnan(down[0][0]));
}

TEST_CASE("[render] the orbit camera keeps its distance and clamps its pitch") {
  OrbitCamera cam;
  cam.target = {1, 1, 1};
  cam.distance_m = 3.0f;
  cam.orbit(300.0f, 10000.0f);
  CHECK(glm::length(cam.eye() - cam.target) == doctest::Approx(3.0));
  CHECK(cam.pitch_rad <= 1.5f);
  cam.zoom(2.0f);
  CHECK(cam.distance_m < 3.0f);
  cam.set_eye_target({0, 2, 4}, {0, 2, 0});
  CHECK(cam.eye().z == doctest::Approx(4.0));
  CHECK(cam.eye().y == doctest::Approx(2.0));
}

TEST_CASE("[render] framing a bounding box keeps it inside the view") {
  OrbitCamera cam;
  cam.frame_bounds({-1, 0, -1}, {1, 2, 1}, 0.8f);
  CHECK(cam.target.y == doctest::Approx(1.0));
  const float radius = std::sqrt(3.0f);
  CHECK(cam.distance_m * std::sin(0.4f) == doctest::Approx(radius));
}

TEST_CASE("[render] --camera parses six numbers and rejects anything else") {
  auto ok = parse_eye_target("1,2.5,-3,0,0.9,0");
  REQUIRE(ok.has_value());
  CHECK(ok->eye.y == doctest::Approx(2.5));
  CHECK(ok->target.y == doctest::Approx(0.9));
  CHECK_FALSE(parse_eye_target("1,2,3").has_value());
  CHECK_FALSE(parse_eye_target("1,2,3,4,5,6,7").has_value());
  CHECK_FALSE(parse_eye_target("1,2,x,4,5,6").has_value());
  CHECK_FALSE(parse_eye_target("1,1,1,1,1,1").has_value());
  CHECK(parse_eye_target("1,2").error().message.find("6 comma-separated") != std::string::npos);
}
