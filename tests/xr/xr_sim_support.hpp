#pragma once
// Running sessions of the reference scenario under the simulated OpenXR runtime, in process:
// the loader is pointed at tools/xr-simulator with the core validation layer on.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "input/scripted_trainee.hpp"
#include "scenario/package_loader.hpp"
#include "session/session.hpp"
#include "session/xr_run.hpp"

namespace txr::test {

// XR_RUNTIME_JSON -> simulator, core validation layer, unpaced, small eyes; the simulator's
// optional variables (script, capture, log, profile) cleared.
void use_xr_simulator(const std::string& resolution = "96x96");
void set_env(const char* name, const std::string& value);

// The reference scenario bolt-torque-intro, loaded once per test.
struct IntroRun {
  scenario::LoadResult loaded;
  std::unique_ptr<session::Session> session;
  std::optional<input::ScriptedTrainee> trainee;

  // `script`: a file under the package's scripts/ ("" = controllers drive).
  explicit IntroRun(const std::string& script = "");
  input::ScriptedTrainee* trainee_ptr() { return trainee ? &*trainee : nullptr; }
};

// A simulator script file written into `dir`.
std::filesystem::path write_sim_script(const std::filesystem::path& dir, const std::string& json);

}  // namespace txr::test
