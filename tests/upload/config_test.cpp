#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "test_support.hpp"
#include "upload/retry_policy.hpp"
#include "upload/upload_config.hpp"
#include "upload_test_util.hpp"

using namespace txr;

namespace {
upload::GetEnv no_env() {
  return [](const std::string&) { return std::optional<std::string>(); };
}
std::filesystem::path write(const std::filesystem::path& dir, const std::string& text,
                            mode_t mode) {
  const auto path = dir / "upload.json";
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
  return path;
}
constexpr const char* k_good = R"({
  "endpoint": "https://lrs.example.org/xAPI",
  "auth": {"key": "site-7", "secret": "S3cr3t-do-not-print"},
  "xapi_version": "2.0.0",
  "actor_home_page": "https://lms.example-school.edu.vn",
  "batch_size": 25,
  "attachments": "none",
  "outbox": "queue/outbox.sqlite"
})";
}  // namespace

TEST_CASE("[upload] a private config file with credentials loads") {
  const auto dir = test::scratch_dir("upload-config-ok");
  auto cfg = upload::load_upload_config(write(dir, k_good, 0600), no_env());
  REQUIRE(cfg);
  CHECK(cfg->endpoint == "https://lrs.example.org/xAPI/");
  CHECK(cfg->xapi_version == "2.0.0");
  CHECK(cfg->batch_size == 25);
  CHECK(cfg->attachments == upload::AttachmentPolicy::none);
  CHECK(cfg->outbox_path == dir / "queue/outbox.sqlite");
  CHECK(cfg->credentials.key() == "site-7");
  CHECK(cfg->credentials.authorization_header().starts_with("Authorization: Basic "));
}

TEST_CASE("[upload] a config with credentials readable by others is refused with a fix") {
  const auto dir = test::scratch_dir("upload-config-perm");
  auto cfg = upload::load_upload_config(write(dir, k_good, 0644), no_env());
  REQUIRE_FALSE(cfg);
  CHECK(cfg.error().message.find("chmod 600") != std::string::npos);
  CHECK(cfg.error().to_string().find("S3cr3t") == std::string::npos);
}

TEST_CASE("[upload] credentials may come from the environment instead of the file") {
  const auto dir = test::scratch_dir("upload-config-env");
  const std::string no_auth = R"({"endpoint": "http://127.0.0.1:9/xAPI/",
    "actor_home_page": "https://lms.example-school.edu.vn"})";
  const auto path = write(dir, no_auth, 0644);  // no secret inside: readable is fine
  auto missing = upload::load_upload_config(path, no_env());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("TXR_LRS_KEY") != std::string::npos);
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TXR_LRS_KEY") return "env-key";
    if (name == "TXR_LRS_SECRET") return "env-secret";
    return std::nullopt;
  };
  auto cfg = upload::load_upload_config(path, env);
  REQUIRE(cfg);
  CHECK(cfg->credentials.key() == "env-key");
  CHECK(cfg->xapi_version == "1.0.3");
}

TEST_CASE("[upload] config mistakes name the file, line and column or the key") {
  const auto dir = test::scratch_dir("upload-config-bad");
  auto syntax = upload::load_upload_config(write(dir, "{\n  \"endpoint\": \"x\",\n  oops\n}", 0600),
                                           no_env());
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().where.line == 3);
  CHECK(syntax.error().where.column >= 3);
  auto version = upload::parse_upload_config(
      R"({"endpoint":"https://a.org/","auth":{"key":"k","secret":"s"},"actor_home_page":"https://a.org","xapi_version":"1.0"})",
      dir / "u.json", no_env());
  REQUIRE_FALSE(version);
  CHECK(version.error().message.find("xapi_version") != std::string::npos);
  auto unknown = upload::parse_upload_config(
      R"({"endpoint":"https://a.org/","auth":{"key":"k","secret":"s"},"actor_home_page":"https://a.org","batchsize":3})",
      dir / "u.json", no_env());
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("batchsize") != std::string::npos);
  auto ca = upload::parse_upload_config(
      R"({"endpoint":"https://a.org/","auth":{"key":"k","secret":"s"},"actor_home_page":"https://a.org","ca_bundle":"missing.pem"})",
      dir / "u.json", no_env());
  REQUIRE_FALSE(ca);
  CHECK(ca.error().message.find("ca_bundle") != std::string::npos);
}

TEST_CASE("[upload] Retry-After is read as seconds or as an HTTP date") {
  const auto now = upload::Clock::from_time_t(1795000000);  // Wed, 18 Nov 2026 11:06:40 GMT
  CHECK(upload::parse_retry_after_ms("3", now) == 3000);
  CHECK(upload::parse_retry_after_ms("0", now) == 0);
  const std::string date = "Wed, 18 Nov 2026 11:06:50 GMT";  // 10 s later
  CHECK(upload::parse_retry_after_ms(date, now) == 10000);
  CHECK(upload::parse_retry_after_ms("Thu, 01 Jan 2026 00:00:00 GMT", now) == 0);  // past
  CHECK_FALSE(upload::parse_retry_after_ms("soon", now));
  CHECK_FALSE(upload::parse_retry_after_ms("", now));
}

TEST_CASE("[upload] backoff grows exponentially with jitter and stays bounded") {
  for (int attempt = 0; attempt < 40; ++attempt) {
    for (double r : {0.0, 0.5, 0.999}) {
      const long d = upload::backoff_delay_ms(attempt, 100, 5000, r);
      const double base = std::min(5000.0, 100.0 * std::pow(2.0, std::min(attempt, 30)));
      CHECK(d >= static_cast<long>(base * 0.5) - 1);
      CHECK(d <= static_cast<long>(base));
    }
  }
  CHECK(upload::backoff_delay_ms(3, 100, 5000, 0.999) >
        upload::backoff_delay_ms(1, 100, 5000, 0.999));
}
