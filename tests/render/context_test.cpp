#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "gpu_fixture.hpp"
#include "render/vk_check.hpp"

using namespace txr;

TEST_CASE("[render] the validation messenger counts a deliberate API misuse") {
  auto ctx = render::VulkanContext::create(test::validated_options());
  REQUIRE(ctx.has_value());
  CHECK((*ctx)->validation_enabled());
  CHECK((*ctx)->validation_message_count() == 0);
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = 0;  // invalid: size must be > 0
  info.usage = VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  if (vkCreateBuffer((*ctx)->device(), &info, nullptr, &buffer) == VK_SUCCESS) {
    vkDestroyBuffer((*ctx)->device(), buffer, nullptr);
  }
  CHECK((*ctx)->validation_message_count() >= 1);
}

TEST_CASE("[render] lavapipe is chosen when no GPU exists and can be named with --gpu") {
  test::ValidationWatch watch;
  {
    auto options = test::validated_options();
    auto automatic = render::VulkanContext::create(options);
    REQUIRE(automatic.has_value());
    const auto devices = render::VulkanContext::list_devices((*automatic)->instance());
    REQUIRE(devices.has_value());
    REQUIRE_FALSE(devices->empty());
    const bool has_gpu = std::any_of(devices->begin(), devices->end(), [](const auto& d) {
      return d.type == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU ||
             d.type == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU;
    });
    if (!has_gpu) CHECK((*automatic)->device_info().type == VK_PHYSICAL_DEVICE_TYPE_CPU);
    options.gpu = "LLVMPIPE";  // case-insensitive substring
    auto by_name = render::VulkanContext::create(options);
    REQUIRE(by_name.has_value());
    CHECK((*by_name)->device_info().name.find("llvmpipe") != std::string::npos);
    options.gpu = std::to_string((*by_name)->device_info().index);
    auto by_index = render::VulkanContext::create(options);
    REQUIRE(by_index.has_value());
    CHECK((*by_index)->device_info().name == (*by_name)->device_info().name);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] an unknown --gpu is an error that lists the devices") {
  auto options = test::validated_options();
  options.gpu = "no-such-gpu-xyz";
  auto ctx = render::VulkanContext::create(options);
  REQUIRE_FALSE(ctx.has_value());
  CHECK(ctx.error().message.find("no-such-gpu-xyz") != std::string::npos);
  CHECK(ctx.error().message.find("llvmpipe") != std::string::npos);
}

TEST_CASE("[render] creation hooks replace instance, device choice and device creation") {
  test::ValidationWatch watch;
  {
    auto options = test::validated_options();
    int instance_calls = 0, choose_calls = 0, device_calls = 0;
    bool saw_validation_layer = false;
    options.create_instance = [&](const VkInstanceCreateInfo& info) -> core::Result<VkInstance> {
      ++instance_calls;
      for (std::uint32_t i = 0; i < info.enabledLayerCount; ++i) {
        if (std::string(info.ppEnabledLayerNames[i]) == "VK_LAYER_KHRONOS_validation")
          saw_validation_layer = true;
      }
      VkInstance instance = VK_NULL_HANDLE;
      TXR_VK_TRY(vkCreateInstance(&info, nullptr, &instance));
      return instance;
    };
    options.choose_physical_device = [&](VkInstance instance) -> core::Result<VkPhysicalDevice> {
      ++choose_calls;
      std::uint32_t n = 1;
      VkPhysicalDevice first = VK_NULL_HANDLE;
      const VkResult r = vkEnumeratePhysicalDevices(instance, &n, &first);
      if (r != VK_SUCCESS && r != VK_INCOMPLETE)
        return std::unexpected(render::vk_error("enumerate", r));
      return first;
    };
    options.create_device = [&](VkPhysicalDevice gpu,
                                const VkDeviceCreateInfo& info) -> core::Result<VkDevice> {
      ++device_calls;
      VkDevice device = VK_NULL_HANDLE;
      TXR_VK_TRY(vkCreateDevice(gpu, &info, nullptr, &device));
      return device;
    };
    auto ctx = render::VulkanContext::create(options);
    REQUIRE(ctx.has_value());
    CHECK(instance_calls == 1);
    CHECK(choose_calls == 1);
    CHECK(device_calls == 1);
    CHECK(saw_validation_layer);
    CHECK((*ctx)->device() != VK_NULL_HANDLE);
  }
  CHECK(watch.count() == 0);
}

TEST_CASE("[render] a failing hook's error is passed through") {
  auto options = test::validated_options();
  options.create_instance = [](const VkInstanceCreateInfo&) -> core::Result<VkInstance> {
    return core::fail("XR runtime refused the instance");
  };
  auto ctx = render::VulkanContext::create(options);
  REQUIRE_FALSE(ctx.has_value());
  CHECK(ctx.error().message == "XR runtime refused the instance");
}

TEST_CASE("[render] with no Vulkan driver the context says so instead of crashing") {
  const char* old = std::getenv("VK_ICD_FILENAMES");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("VK_ICD_FILENAMES", "/nonexistent/txr-no-driver.json", 1);
  auto options = test::validated_options();
  options.enable_validation = false;  // nothing to validate without a driver
  auto ctx = render::VulkanContext::create(options);
  if (old != nullptr) {
    ::setenv("VK_ICD_FILENAMES", saved.c_str(), 1);
  } else {
    ::unsetenv("VK_ICD_FILENAMES");
  }
  REQUIRE_FALSE(ctx.has_value());
  const auto& msg = ctx.error().message;
  CHECK(msg.find("Vulkan") != std::string::npos);
  CHECK((msg.find("driver") != std::string::npos || msg.find("device") != std::string::npos));
}
