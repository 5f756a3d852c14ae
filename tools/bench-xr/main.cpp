// bench-xr: the XR frame loop of a scripted attempt under the simulated OpenXR runtime (lavapipe
// renders; the runtime paces at 72, 90 and 120 Hz, then unpaced). Reports the CPU time of the
// frame loop per frame (xrWaitFrame returning -> xrEndFrame returning, this thread only, so GPU
// work on lavapipe's threads is excluded), its median / p99, and the display slots missed. The
// baseline is the same attempt headless (session update only), per frame, in the same process.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "core/log.hpp"
#include "input/scripted_trainee.hpp"
#include "session/scripted_run.hpp"
#include "session/session.hpp"
#include "session/xr_run.hpp"

using namespace txr;

namespace {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string package =
      argc > 1 ? argv[1] : std::string(TXR_SOURCE_DIR) + "/scenarios/mechanical/bolt-torque-intro";
  const std::string script = argc > 2 ? argv[2] : package + "/scripts/expert.yaml";
  const std::string resolution = argc > 3 ? argv[3] : "512x512";
  core::set_log_level(core::LogLevel::warn);
  auto loaded = session::load_scenario(package);
  if (!loaded.scenario) {
    std::fprintf(stderr, "bench-xr: cannot load %s\n", package.c_str());
    return 2;
  }
  auto trainee_script = input::load_trainee_script(script);
  if (!trainee_script.ok()) {
    std::fprintf(stderr, "bench-xr: %s\n", trainee_script.errors.front().to_string().c_str());
    return 2;
  }
  ::setenv("XR_RUNTIME_JSON", TXR_XRSIM_MANIFEST, 1);
  ::setenv("TRADEXR_XRSIM_RESOLUTION", resolution.c_str(), 1);

  // Baseline: headless, the session's own work per frame.
  double headless_ms_per_frame = 0.0;
  {
    auto s = session::Session::create(*loaded.scenario, {});
    if (!s) return 2;
    input::ScriptedTrainee trainee(trainee_script.script, session::default_trainee_start());
    const double cpu0 = thread_cpu_ms();
    const auto run = session::run_scripted(**s, trainee);
    headless_ms_per_frame = (thread_cpu_ms() - cpu0) / static_cast<double>(run.frames);
  }
  std::printf("package %s, script %s, eyes %s (lavapipe)\n", package.c_str(), script.c_str(),
              resolution.c_str());
  std::printf("headless baseline: %.3f ms CPU per frame\n\n", headless_ms_per_frame);
  std::printf("%-9s %7s %8s %12s %10s %10s %9s\n", "rate", "frames", "missed", "cpu median",
              "cpu p99", "cpu max", "x base");
  for (const char* rate : {"72", "90", "120", "unpaced"}) {
    const bool unpaced = std::string(rate) == "unpaced";
    ::setenv("TRADEXR_XRSIM_REFRESH_HZ", unpaced ? "90" : rate, 1);
    ::setenv("TRADEXR_XRSIM_UNPACED", unpaced ? "1" : "0", 1);
    auto s = session::Session::create(*loaded.scenario, {});
    if (!s) return 2;
    input::ScriptedTrainee trainee(trainee_script.script, session::default_trainee_start());
    auto run = session::run_xr(**s, &trainee, {});
    if (!run) {
      std::fprintf(stderr, "bench-xr: %s\n", run.error().to_string().c_str());
      return 2;
    }
    const auto& t = run->timing;
    std::printf("%-9s %7llu %8llu %9.3f ms %7.3f ms %7.3f ms %8.1fx\n",
                unpaced ? "unpaced" : (std::string(rate) + " Hz").c_str(),
                static_cast<unsigned long long>(t.frames),
                static_cast<unsigned long long>(t.missed_frames), t.cpu_ms_median, t.cpu_ms_p99,
                t.cpu_ms_max, t.cpu_ms_median / headless_ms_per_frame);
  }
  return 0;
}
