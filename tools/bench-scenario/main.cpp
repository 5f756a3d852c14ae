// bench-scenario: load+validate time of a large generated package (200 objects, 100 steps) and
// the per-simulation-step cost of evaluating all of its conditions, each next to a baseline
// measured in the same run (parsing the YAML alone; reading every slot once).
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenario/package_loader.hpp"
#include "scenario/step_engine.hpp"

namespace fs = std::filesystem;
using namespace txr::scenario;
// Thread CPU time: the machine running benchmarks is often shared, and wall time would count
// the time other processes hold the CPU.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(ts.tv_sec * 1000000000LL + ts.tv_nsec));
  }
};

namespace {

constexpr int k_objects = 200;
constexpr int k_steps = 100;

void write_package(const fs::path& dir) {
  fs::create_directories(dir / "locales");
  fs::create_directories(dir / "models");
  std::ofstream(dir / "models" / "part.gltf") << "{\"asset\":{\"version\":\"2.0\"}}\n";
  std::ostringstream y, keys;
  y << "format: 1\nmetadata:\n  id: " << dir.filename().string()
    << "\n  version: 1.0.0\n  trade: mechanical\n  title: meta.title\n  summary: meta.title\n"
       "  time_limit_min: 60\n  mastery_score: 70\n  author: bench\n  licence: CC0-1.0\n"
       "  languages: [vi, en]\nscene:\n  objects:\n";
  keys << "meta.title: Bench\nt.i: Do it\nt.h: Hint\nt.m: Careful\nr.s: Steps\n";
  for (int i = 0; i < k_objects; ++i) {
    y << "    - id: o" << i << "\n      model: models/part.gltf\n"
      << "      transform: {position_m: [" << i * 0.01 << ", 1, 0]}\n";
    if (i % 4 == 0) {
      y << "      physics: {body: dynamic, mass_kg: 0.5, shape: box, size_m: [0.1, 0.1, 0.1]}\n"
           "      interactions: [{type: grab}]\n"
           "      components: [{type: fastener, diameter_mm: 12, target_torque_nm: 72}]\n";
    } else if (i % 4 == 1) {
      y << "      physics: {body: static, shape: cylinder, radius_m: 0.05, height_m: 0.1}\n"
           "      interactions: [{type: turn, axis: [0, 1, 0], min_deg: 0, max_deg: 270, "
           "detents_deg: [0, 90, 180, 270]}]\n";
    } else if (i % 4 == 2) {
      y << "      physics: {body: static, shape: box, size_m: [0.1, 0.1, 0.1]}\n"
           "      interactions:\n        - type: socket\n          sockets:\n"
           "            - {id: s"
        << i << ", position_m: [0, 0, 0], accepts: [o" << i - 2 << "], tolerance_mm: 3}\n";
    } else {
      y << "      physics: {body: static, shape: sphere, radius_m: 0.02}\n"
           "      interactions: [{type: press, travel_mm: 3}]\n"
           "      components: [{type: isolator}]\n";
    }
  }
  y << "procedure:\n";
  for (int s = 0; s < k_steps; ++s) {
    const int o = (s * 2) % k_objects;
    const int base = o - o % 4;
    if (s % 10 == 0) y << "  - group: g" << s << "\n    steps:\n";
    const char* indent = (s % 10 < 3) ? "      " : "  ";
    y << indent << "- id: st" << s << "\n"
      << indent << "  instruction: t.i\n"
      << indent << "  hint: t.h\n"
      << indent << "  time_budget_s: 30\n"
      << indent << "  done_when: \"o" << base << ".torque_nm within 68..76 and s" << base + 2
      << ".occupant == 'o" << base << "' and o" << base + 1 << ".angle_deg > 80 or o" << base + 3
      << ".press_count >= " << s << "\"\n";
    if (s % 5 == 4) {
      y << indent << "  requires: \"not o" << base + 3 << ".closed and time_in_step_s > 0.5\"\n";
    }
  }
  y << "safety:\n";
  for (int r = 0; r < 20; ++r) {
    y << "  - {id: r" << r << ", when: \"o" << r * 8 << ".torque_nm > 90 or o" << r * 8 + 3
      << ".closed and o" << r * 8 + 1 << ".angle_deg / o" << r * 8 << ".torque_nm > 3\", severity: "
      << (r % 3 == 0   ? "critical"
          : r % 3 == 1 ? "major"
                       : "warning")
      << ", message: t.m}\n";
  }
  y << "rubric:\n  criteria:\n    - {id: steps, kind: step_completion, title: r.s, points: 100}\n";
  std::ofstream(dir / "scenario.yaml") << y.str();
  std::ofstream(dir / "locales" / "en.yaml") << keys.str();
  std::ofstream(dir / "locales" / "vi.yaml") << keys.str();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  const fs::path dir =
      fs::temp_directory_path() / ("txr-bench-scenario-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_package(dir);
  const std::string text = [&] {
    std::ifstream in(dir / "scenario.yaml");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }();

  // 1. Load + validate, against parsing the same YAML with yaml-cpp alone.
  std::vector<double> parse_ms, load_ms;
  std::optional<Scenario> scenario;
  for (int i = 0; i < 15; ++i) {
    auto t0 = Clock::now();
    YAML::Node n = YAML::Load(text);
    auto t1 = Clock::now();
    auto result = load_package(dir);
    auto t2 = Clock::now();
    if (!result.scenario) {
      for (const auto& f : result.diagnostics.findings())
        std::fprintf(stderr, "%s\n", f.to_string().c_str());
      return 1;
    }
    parse_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    load_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    scenario = std::move(result.scenario);
  }
  const Scenario& s = *scenario;
  std::size_t conditions = s.rules.size(), instructions = 0;
  for (const auto& st : s.steps) {
    ++conditions;
    instructions += st.done_when.size();
    if (st.precondition) {
      ++conditions;
      instructions += st.precondition->size();
    }
  }
  for (const auto& r : s.rules) instructions += r.when.size();

  // 2. Evaluate every condition once per simulated step; baseline: read every slot once.
  StateTable state = s.initial_state;
  const int k_iterations = 20000;
  double sink = 0.0;
  std::vector<double> eval_us, base_us, engine_us;
  for (int round = 0; round < 7; ++round) {
    auto t0 = Clock::now();
    for (int i = 0; i < k_iterations; ++i) {
      state.set_number(static_cast<SlotId>(i % state.size()), i * 0.01);
      for (const auto& st : s.steps) {
        sink += st.done_when.evaluate(state);
        if (st.precondition) sink += st.precondition->evaluate(state);
      }
      for (const auto& r : s.rules) sink += r.when.evaluate(state);
    }
    auto t1 = Clock::now();
    for (int i = 0; i < k_iterations; ++i) {
      state.set_number(static_cast<SlotId>(i % state.size()), i * 0.01);
      const double* v = state.raw();
      for (std::size_t k = 0; k < state.size(); ++k) sink += v[k];
    }
    auto t2 = Clock::now();
    eval_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / k_iterations);
    base_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count() / k_iterations);
  }
  // 3. The whole step engine update (rules, steps, early attempts, budgets) per step.
  for (int round = 0; round < 7; ++round) {
    StateTable st = s.initial_state;
    StepEngine engine(s, st, Mode::practice, nullptr);
    engine.start();
    auto t0 = Clock::now();
    for (int i = 0; i < k_iterations; ++i) engine.update(1.0 / 240.0);
    auto t1 = Clock::now();
    engine_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() / k_iterations);
  }
  fs::remove_all(dir);

  std::printf("package: %d objects, %zu steps, %zu rules, %zu state slots, %zu bytes of YAML\n",
              k_objects, s.steps.size(), s.rules.size(), s.initial_state.size(), text.size());
  std::printf(
      "load+validate        %8.2f ms  (yaml-cpp parse alone %6.2f ms, ratio %.1fx)  budget 50 ms\n",
      median(load_ms), median(parse_ms), median(load_ms) / median(parse_ms));
  std::printf(
      "all %zu conditions   %8.2f us/step (%zu instructions; reading every slot %.2f us, ratio "
      "%.1fx)  budget 20 us\n",
      conditions, median(eval_us), instructions, median(base_us),
      median(eval_us) / median(base_us));
  std::printf("step engine update   %8.2f us/step (all of the above plus bookkeeping)\n",
              median(engine_us));
  return sink == 12345.678 ? 2 : 0;
}
