#include "xr_sim_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "session/scripted_run.hpp"
#include "test_support.hpp"

namespace txr::test {

void set_env(const char* name, const std::string& value) {
  if (value.empty()) {
    ::unsetenv(name);
  } else {
    ::setenv(name, value.c_str(), 1);
  }
}

void use_xr_simulator(const std::string& resolution) {
  set_env("XR_RUNTIME_JSON", TXR_XRSIM_MANIFEST);
  set_env("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation");
  set_env("TRADEXR_XRSIM_UNPACED", "1");
  set_env("TRADEXR_XRSIM_RESOLUTION", resolution);
  for (const char* name :
       {"TRADEXR_XRSIM_SCRIPT", "TRADEXR_XRSIM_CAPTURE_DIR", "TRADEXR_XRSIM_CAPTURE_FRAMES",
        "TRADEXR_XRSIM_LOG", "TRADEXR_XRSIM_PROFILE", "TRADEXR_XRSIM_REFRESH_HZ"}) {
    set_env(name, "");
  }
}

IntroRun::IntroRun(const std::string& script) {
  const auto package = source_dir() / "scenarios/mechanical/bolt-torque-intro";
  loaded = session::load_scenario(package);
  REQUIRE(loaded.scenario);
  auto created = session::Session::create(*loaded.scenario, {});
  REQUIRE(created.has_value());
  session = std::move(*created);
  if (!script.empty()) {
    auto load = input::load_trainee_script(package / "scripts" / script);
    REQUIRE(load.ok());
    trainee.emplace(load.script, session::default_trainee_start());
  }
}

std::filesystem::path write_sim_script(const std::filesystem::path& dir, const std::string& json) {
  const auto path = dir / "sim-script.json";
  std::ofstream(path) << json;
  return path;
}

}  // namespace txr::test
