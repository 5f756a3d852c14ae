// bench-physics: the cost of the physics adapter and interaction layer.
//  1. Step cost of a 200-body workshop scene through txr::physics::World vs the same scene built
//     directly on Bullet, in the same run, alternating which goes first (ratio = overhead).
//  2. Main-thread CPU per 90 Hz frame for Interaction::update (input, hands, ~2.67 steps).
//  3. Headless speed: simulated seconds per wall second for a one-hand scripted scene.
#include <btBulletDynamicsCommon.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "core/hash.hpp"
#include "physics/interaction.hpp"
#include "physics/world.hpp"
#include "workshop_scene.hpp"

namespace {

using namespace txr;
using Clock = std::chrono::steady_clock;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// The same scene straight on Bullet: same shapes, margins, materials and sleep thresholds as
// World builds, stepped with the same call; nothing else per step.
struct RawBullet {
  btDefaultCollisionConfiguration config;
  btCollisionDispatcher dispatcher{&config};
  btDbvtBroadphase broadphase;
  btSequentialImpulseConstraintSolver solver;
  btDiscreteDynamicsWorld world{&dispatcher, &broadphase, &solver, &config};
  std::vector<std::unique_ptr<btCollisionShape>> shapes;
  std::vector<std::unique_ptr<btRigidBody>> bodies;

  explicit RawBullet(const physics::WorldDesc& desc) {
    world.setGravity(btVector3(0, -9.81f, 0));
    for (const auto& b : desc.bodies) {
      const auto& s = b.shape;
      std::unique_ptr<btCollisionShape> shape;
      switch (s.kind) {
        case physics::ShapeKind::box: {
          const btVector3 h(s.half_extents_m[0], s.half_extents_m[1], s.half_extents_m[2]);
          shape = std::make_unique<btBoxShape>(h);
          shape->setMargin(std::min(0.002f, 0.1f * std::min({h.x(), h.y(), h.z()})));
          break;
        }
        case physics::ShapeKind::cylinder:
          shape =
              std::make_unique<btCylinderShape>(btVector3(s.radius_m, s.half_height_m, s.radius_m));
          shape->setMargin(std::min(0.002f, 0.1f * std::min(s.radius_m, s.half_height_m)));
          break;
        case physics::ShapeKind::convex_hull: {
          auto hull = std::make_unique<btConvexHullShape>(
              s.vertices_m.front().data(), static_cast<int>(s.vertices_m.size()), 12);
          hull->optimizeConvexHull();
          hull->setMargin(0.002f);
          shape = std::move(hull);
          break;
        }
        case physics::ShapeKind::capsule:
          shape = std::make_unique<btCapsuleShape>(s.radius_m, 2.0f * s.half_height_m);
          break;
        default:
          shape = std::make_unique<btSphereShape>(s.radius_m);
          break;
      }
      btVector3 inertia(0, 0, 0);
      if (b.mass_kg > 0.0f) shape->calculateLocalInertia(b.mass_kg, inertia);
      btRigidBody::btRigidBodyConstructionInfo info(b.mass_kg, nullptr, shape.get(), inertia);
      const auto& p = b.T_world_body;
      info.m_startWorldTransform = btTransform(
          btQuaternion(p.orientation[0], p.orientation[1], p.orientation[2], p.orientation[3]),
          btVector3(p.position_m[0], p.position_m[1], p.position_m[2]));
      info.m_friction = b.friction;
      info.m_restitution = b.restitution;
      info.m_rollingFriction = b.rolling_friction;
      info.m_spinningFriction = b.spinning_friction;
      auto rb = std::make_unique<btRigidBody>(info);
      rb->setSleepingThresholds(0.05f, 0.5f);
      world.addRigidBody(rb.get());
      shapes.push_back(std::move(shape));
      bodies.push_back(std::move(rb));
    }
  }
  ~RawBullet() {
    for (auto it = bodies.rbegin(); it != bodies.rend(); ++it) world.removeRigidBody(it->get());
  }
  void step(float dt) { world.stepSimulation(dt, 0, dt); }
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0.0;
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void adapter_vs_raw(int rounds, int steps) {
  const auto desc = bench::workshop();
  const float dt = 1.0f / 240.0f;
  // Like the recorder: a listener attached, so every contact begin/end event is delivered and the
  // state hash is taken after every step.
  struct HashEveryStep : physics::EventListener {
    std::uint64_t last = 0;
    void on_step(std::uint64_t, double, std::uint64_t hash) override { last = hash; }
  };
  std::vector<double> ours_ms;
  std::vector<double> hashed_ms;
  std::vector<double> raw_ms;
  std::vector<std::uint64_t> final_hashes;
  std::size_t awake_after = 0;
  for (int r = 0; r < rounds; ++r) {
    auto world = std::move(*physics::World::create(desc));
    auto hashed = std::move(*physics::World::create(desc));
    HashEveryStep listener;
    hashed->set_listener(&listener);
    RawBullet raw(desc);
    // Thread CPU time: the machine is shared, wall time would count other processes.
    auto run_ours = [&] {
      const double t0 = thread_cpu_s();
      for (int i = 0; i < steps; ++i) world->step();
      ours_ms.push_back(1000.0 * (thread_cpu_s() - t0));
    };
    auto run_hashed = [&] {
      const double t0 = thread_cpu_s();
      for (int i = 0; i < steps; ++i) hashed->step();
      hashed_ms.push_back(1000.0 * (thread_cpu_s() - t0));
    };
    auto run_raw = [&] {
      const double t0 = thread_cpu_s();
      for (int i = 0; i < steps; ++i) raw.step(dt);
      raw_ms.push_back(1000.0 * (thread_cpu_s() - t0));
    };
    if (r % 2 == 0) {
      run_ours();
      run_hashed();
      run_raw();
    } else {
      run_raw();
      run_hashed();
      run_ours();
    }
    final_hashes.push_back(world->state_hash());
    final_hashes.push_back(listener.last);
    if (r == 0) awake_after = world->awake_body_count();
  }
  double ours_total = 0.0;
  double hashed_total = 0.0;
  double raw_total = 0.0;
  std::vector<double> ratios;
  std::vector<double> hashed_ratios;
  for (std::size_t i = 0; i < ours_ms.size(); ++i) {
    ours_total += ours_ms[i];
    hashed_total += hashed_ms[i];
    raw_total += raw_ms[i];
    ratios.push_back(ours_ms[i] / raw_ms[i]);
    hashed_ratios.push_back(hashed_ms[i] / raw_ms[i]);
  }
  const bool same = std::all_of(final_hashes.begin(), final_hashes.end(),
                                [&](std::uint64_t h) { return h == final_hashes.front(); });
  std::printf(
      "[1] workshop scene: %zu bodies, %d steps (%.1f s) per round, %d rounds, alternating\n",
      desc.bodies.size(), steps, steps / 240.0, rounds);
  std::printf("    dynamic bodies still awake at the end of a round: %zu\n", awake_after);
  std::printf(
      "    adapter (hash on demand): %.3f ms/step   raw Bullet: %.3f ms/step (thread CPU)\n",
      ours_total / (rounds * steps), raw_total / (rounds * steps));
  std::printf("    ratio adapter/raw: total %.3f, median per round %.3f (overhead %+.1f %%)\n",
              ours_total / raw_total, median(ratios), 100.0 * (ours_total / raw_total - 1.0));
  std::printf(
      "    with a listener (contact events delivered + state hash every step): %.3f ms/step, "
      "ratio total %.3f, median per round %.3f\n",
      hashed_total / (rounds * steps), hashed_total / raw_total, median(hashed_ratios));
  std::printf("    final state hash identical in every rebuilt round: %s (%s)\n",
              same ? "yes" : "NO", core::to_hex(final_hashes.front()).c_str());
}

// One hand: reach for a part, grab it, carry it along the bench, put it down; repeated.
core::InputFrame scripted_frame(std::uint64_t i, const core::Pose& part) {
  core::InputFrame f;
  f.frame_index = i;
  f.time_s = static_cast<double>(i) / 90.0;
  auto& hand = f.hand(core::Hand::right);
  hand.tracked = true;
  const double cycle_s = 4.0;
  const double t = std::fmod(f.time_s, cycle_s) / cycle_s;  // 0..1 within a cycle
  float x = part.position_m[0];
  float y = part.position_m[1] + 0.25f;
  float z = part.position_m[2];
  if (t < 0.25) {
    y -= static_cast<float>(t / 0.25) * 0.25f;  // reach down
  } else if (t < 0.75) {
    y -= 0.25f - static_cast<float>((t - 0.25) / 0.5) * 0.2f;  // lift and carry
    x += static_cast<float>((t - 0.25) / 0.5) * 0.3f;
    hand.squeeze = 1.0f;
  } else {
    x += 0.3f;
    y -= 0.05f;
  }
  hand.T_world_grip.position_m = {x, y, z};
  hand.T_world_aim = hand.T_world_grip;
  f.T_world_head.position_m = {0.0f, 1.6f, 0.6f};
  return f;
}

// `awake`: nothing may sleep and the scene is measured from spawn (every body simulated).
void frame_cost(int frames, bool awake) {
  auto desc = bench::workshop();
  if (awake) {
    for (auto& b : desc.bodies) b.can_sleep = false;
  }
  auto world = std::move(*physics::World::create(desc));
  auto interaction = std::move(*physics::Interaction::create(*world));
  for (std::size_t i = 3; i < world->body_count() - 2; ++i) {
    (void)interaction->add_grabbable({world->body_id(static_cast<std::uint32_t>(i))});
  }
  if (!awake) {
    for (int i = 0; i < 240 * 10; ++i) world->step();  // let the scene settle first (untimed)
  }
  const core::Pose part = *world->body_pose("part4");
  std::vector<double> cpu_ms;
  std::uint64_t steps = 0;
  for (int i = 0; i < frames; ++i) {
    const auto f = scripted_frame(static_cast<std::uint64_t>(i), part);
    const double t0 = thread_cpu_s();
    steps += interaction->update(f);
    cpu_ms.push_back(1000.0 * (thread_cpu_s() - t0));
  }
  double sum = 0.0;
  for (double v : cpu_ms) sum += v;
  std::printf(
      "[2] 90 Hz frames, workshop scene %s + one scripted hand: %d frames, "
      "%.2f steps/frame, %zu bodies awake at the end\n",
      awake ? "from spawn, sleeping off (all awake)" : "settled for 10 s", frames,
      static_cast<double>(steps) / frames, world->awake_body_count());
  std::printf("    main-thread CPU per frame: mean %.3f ms, median %.3f, p99 %.3f, max %.3f\n",
              sum / frames, median(cpu_ms), percentile(cpu_ms, 0.99),
              *std::max_element(cpu_ms.begin(), cpu_ms.end()));
}

void headless_speed(double sim_seconds, int dynamic_bodies, const char* label) {
  auto world = std::move(*physics::World::create(bench::workshop(dynamic_bodies)));
  auto interaction = std::move(*physics::Interaction::create(*world));
  for (std::size_t i = 3; i < world->body_count() - 2; ++i) {
    (void)interaction->add_grabbable({world->body_id(static_cast<std::uint32_t>(i))});
  }
  const core::Pose part = *world->body_pose(dynamic_bodies > 34 ? "part4" : "crate0_4");
  const auto frames = static_cast<std::uint64_t>(sim_seconds * 90.0);
  const auto t0 = Clock::now();
  const double cpu0 = thread_cpu_s();
  for (std::uint64_t i = 0; i < frames; ++i) interaction->update(scripted_frame(i, part));
  const double cpu_s = thread_cpu_s() - cpu0;
  const double wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf(
      "[3] headless, %s (%zu bodies, %zu awake at the end), one scripted hand, from "
      "spawn: %.0f sim s in %.2f CPU s = %.0fx real time (wall %.2f s = %.0fx)\n",
      label, world->body_count(), world->awake_body_count(), world->sim_time_s(), cpu_s,
      world->sim_time_s() / cpu_s, wall_s, world->sim_time_s() / wall_s);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 6;
  int steps = 480;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(2, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--steps") == 0) steps = std::max(10, std::atoi(argv[i + 1]));
  }
  adapter_vs_raw(rounds, steps);
  frame_cost(900, false);
  frame_cost(450, true);
  headless_speed(60.0, 12, "small task scene");
  headless_speed(30.0, 197, "workshop scene");
  return 0;
}
