#pragma once
// UploadConfig: where and how statements are uploaded, from a JSON file (docs/upload.md).
// Credentials come from the file (refused unless only the owner can read it) or from the
// environment (TXR_LRS_KEY / TXR_LRS_SECRET); they are never printed or logged.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "upload/statement.hpp"

namespace txr::upload {

// Basic-auth credentials, or a ready-made token (a cmi5 fetch answer). Only
// authorization_header() ever turns the secret into text, for the HTTP request itself.
class Credentials {
 public:
  Credentials() = default;
  static Credentials basic(std::string key, std::string secret);
  static Credentials token(std::string auth_token);  // sent as "Authorization: Basic <token>"
  bool empty() const { return key_.empty() && token_.empty(); }
  const std::string& key() const { return key_; }
  std::string authorization_header() const;

 private:
  std::string key_;
  std::string secret_;
  std::string token_;
};

struct UploadConfig {
  std::string endpoint;  // the LRS xAPI base, ending in '/': "https://lrs.example/xAPI/"
  Credentials credentials;
  std::string xapi_version = "1.0.3";  // or "2.0.0"
  std::string actor_home_page;
  std::size_t batch_size = 50;
  long connect_timeout_ms = 10000;
  long request_timeout_ms = 30000;
  long backoff_initial_ms = 1000;     // first retry delay after a transient failure
  long backoff_max_ms = 300000;       // cap of the exponential backoff
  long retry_after_max_ms = 3600000;  // a Retry-After beyond this is clamped
  double give_up_after_s = 120.0;     // on-demand drain: stop after this long without progress
  AttachmentPolicy attachments = AttachmentPolicy::summary;
  std::string ca_bundle;  // PEM file; empty = the system store. TLS peer checks are always on.
  std::filesystem::path outbox_path;  // relative paths resolve against the config file's folder
};

using GetEnv = std::function<std::optional<std::string>(const std::string& name)>;
// std::getenv
std::optional<std::string> process_env(const std::string& name);

// Errors carry file:line:column for JSON syntax errors and name the key for bad values.
// need_credentials = false serves tools that only read the outbox (`tradexr outbox`).
core::Result<UploadConfig> load_upload_config(const std::filesystem::path& path,
                                              const GetEnv& env = process_env,
                                              bool need_credentials = true);
// The same rules on text already read (path only names the file in messages and resolves
// relative paths); the permission check needs the real file and is done by load_upload_config.
core::Result<UploadConfig> parse_upload_config(const std::string& text,
                                               const std::filesystem::path& path,
                                               const GetEnv& env = process_env,
                                               bool need_credentials = true);

std::string_view to_string(AttachmentPolicy policy);

// Where this machine's upload config lives when no --config is given: $TRADEXR_UPLOAD_CONFIG
// (returned even if the file is missing, so loading it says what is wrong), else
// $XDG_CONFIG_HOME/tradexr/upload.json, else ~/.config/tradexr/upload.json — the first that
// exists. nullopt: no upload config, so nothing is queued for an LRS.
std::optional<std::filesystem::path> find_upload_config(const GetEnv& env = process_env);

}  // namespace txr::upload
