// Khronos' hello_xr (Debian libopenxr-utils) as a third-party app on the simulator, under the
// OpenXR core validation layer and the Vulkan validation layer.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stb/stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "test_support.hpp"
#include "xr_app.hpp"

extern char** environ;

namespace {

struct RunResult {
  bool finished = false;
  int exit_code = -1;
  std::string output;
};

// Runs a program with stdin held open (hello_xr quits on the first key or EOF) and stdout and
// stderr in `log`; kills it if it has not finished after `timeout`.
RunResult run(const std::vector<std::string>& args, const std::filesystem::path& log,
              std::chrono::seconds timeout) {
  RunResult result;
  int stdin_pipe[2];
  REQUIRE(pipe(stdin_pipe) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_pipe[0], 0);
  posix_spawn_file_actions_addclose(&actions, stdin_pipe[1]);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(stdin_pipe[0]);
  REQUIRE(rc == 0);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      result.finished = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!result.finished) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  close(stdin_pipe[1]);
  if (result.finished && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.output = txr::test::read_file(log);
  return result;
}

// A hello_xr frame is a coloured clear with cubes drawn over it: many colours, not one.
std::size_t distinct_colours(const std::filesystem::path& png) {
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 4);
  if (pixels == nullptr) return 0;
  std::set<std::uint32_t> colours;
  for (int i = 0; i < w * h; ++i) {
    const unsigned char* p = pixels + i * 4;
    colours.insert(static_cast<std::uint32_t>(p[0]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 |
                   p[2]);
  }
  stbi_image_free(pixels);
  return colours.size();
}

void check_hello_xr(const std::string& graphics) {
  if (std::string(TXR_HELLO_XR).empty()) {
    MESSAGE("hello_xr not installed (Debian package libopenxr-utils): skipped");
    return;
  }
  const auto dir = txr::test::scratch_dir("xrsim-hello-xr-" + graphics);
  const auto script = dir / "script.json";
  // The right controller presses select at 0.1 s: hello_xr's grab action then vibrates it.
  std::ofstream(script) << R"({
    "keyframes": [
      {"t": 0.0, "right": {"grip": {"position": [0.15, 1.4, -0.5]}}},
      {"t": 0.1, "right": {"buttons": ["select"]}},
      {"t": 0.2, "right": {"grip": {"position": [0.05, 1.5, -0.5]}, "buttons": []}}
    ],
    "events": [{"t": 0.3, "event": "request_exit"}]})";
  txr::test::use_simulator(true);
  txr::test::set_env("TRADEXR_XRSIM_RESOLUTION", "256x256");
  txr::test::set_env("TRADEXR_XRSIM_SCRIPT", script.string());
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_DIR", (dir / "frames").string());
  txr::test::set_env("TRADEXR_XRSIM_CAPTURE_FRAMES", "every:10");
  txr::test::set_env("TRADEXR_XRSIM_LOG", (dir / "log.json").string());
  txr::test::set_env("VK_INSTANCE_LAYERS", "VK_LAYER_KHRONOS_validation");
  if (std::getenv("XDG_RUNTIME_DIR") == nullptr) {
    txr::test::set_env("XDG_RUNTIME_DIR", dir.string());
  }
  const RunResult r =
      run({TXR_HELLO_XR, "-g", graphics, "-v"}, dir / "hello_xr.log", std::chrono::seconds(90));
  txr::test::set_env("VK_INSTANCE_LAYERS", "");
  INFO("hello_xr output:\n" << r.output);
  REQUIRE(r.finished);  // no hang: the scripted exit ended the session
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("XR_SESSION_STATE_EXITING") != std::string::npos);
  // Any validation message (OpenXR core validation, Vulkan validation) or runtime complaint fails.
  for (const char* bad : {"VUID", "Validation Error", "[Error", "XrResult failure",
                          "VkResult failure", "[xr-simulator]"}) {
    INFO(bad);
    CHECK(r.output.find(bad) == std::string::npos);
  }
  const auto log = nlohmann::json::parse(txr::test::read_file(dir / "log.json"));
  CHECK(log["frames"]["ended"].get<int>() >= 20);
  CHECK(log["layers"]["projection"].get<int>() >= 20);
  REQUIRE(log["captures"].size() >= 4);
  for (const auto& name : log["captures"]) {
    INFO(name.get<std::string>());
    CHECK(distinct_colours(dir / "frames" / name.get<std::string>()) >= 4);
  }
  REQUIRE(!log["haptics"].empty());
  CHECK(log["haptics"][0]["target"] == "/user/hand/right/output/haptic");
}

}  // namespace

TEST_CASE("[xr-simulator] hello_xr with Vulkan2 renders under validation and exits on request") {
  check_hello_xr("Vulkan2");
}

TEST_CASE("[xr-simulator] hello_xr with XR_KHR_vulkan_enable renders and exits on request") {
  check_hello_xr("Vulkan");
}
