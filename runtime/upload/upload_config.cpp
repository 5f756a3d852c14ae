#include "upload/upload_config.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "upload/statement_validation.hpp"

namespace txr::upload {
namespace {

using core::Result;
using nlohmann::json;

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

core::SourceLocation location_of(const std::string& text, std::size_t byte,
                                 const std::string& file) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {file, line, column};
}

}  // namespace

Credentials Credentials::basic(std::string key, std::string secret) {
  Credentials c;
  c.key_ = std::move(key);
  c.secret_ = std::move(secret);
  return c;
}

Credentials Credentials::token(std::string auth_token) {
  Credentials c;
  c.token_ = std::move(auth_token);
  return c;
}

std::string Credentials::authorization_header() const {
  if (!token_.empty()) return "Authorization: Basic " + token_;
  return "Authorization: Basic " + base64(key_ + ":" + secret_);
}

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<std::filesystem::path> find_upload_config(const GetEnv& env) {
  if (auto explicit_path = env("TRADEXR_UPLOAD_CONFIG"); explicit_path && !explicit_path->empty()) {
    return std::filesystem::path(*explicit_path);
  }
  std::filesystem::path folder;
  if (auto xdg = env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
    folder = *xdg;
  } else if (auto home = env("HOME"); home && !home->empty()) {
    folder = std::filesystem::path(*home) / ".config";
  } else {
    return std::nullopt;
  }
  const auto path = folder / "tradexr" / "upload.json";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  return path;
}

std::string_view to_string(AttachmentPolicy policy) {
  switch (policy) {
    case AttachmentPolicy::none:
      return "none";
    case AttachmentPolicy::summary:
      return "summary";
    case AttachmentPolicy::summary_and_motion:
      return "summary_and_motion";
  }
  return "none";
}

Result<UploadConfig> parse_upload_config(const std::string& text, const std::filesystem::path& path,
                                         const GetEnv& env, bool need_credentials) {
  const std::string file = path.string();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    if (auto pos = what.find("syntax error"); pos != std::string::npos) what = what.substr(pos);
    return core::fail("invalid JSON: " + what, location_of(text, at, file));
  }
  if (!doc.is_object()) return core::fail("the upload config must be a JSON object", {file, 1, 1});

  UploadConfig cfg;
  auto where = core::SourceLocation{file, 0, 0};
  auto bad = [&](const std::string& key, const std::string& why) {
    return core::fail("'" + key + "' " + why, where);
  };
  static const char* const k_known[] = {"endpoint",           "auth",
                                        "xapi_version",       "actor_home_page",
                                        "batch_size",         "connect_timeout_ms",
                                        "request_timeout_ms", "backoff_initial_ms",
                                        "backoff_max_ms",     "retry_after_max_ms",
                                        "give_up_after_s",    "attachments",
                                        "ca_bundle",          "outbox"};
  for (const auto& [key, value] : doc.items()) {
    bool known = false;
    for (const char* k : k_known) known = known || key == k;
    if (!known) return bad(key, "is not a known setting (see docs/upload.md)");
  }
  auto get_string = [&](const char* key, std::string& out, bool required) -> Result<void> {
    if (!doc.contains(key)) {
      if (required) return bad(key, "is required");
      return {};
    }
    if (!doc[key].is_string()) return bad(key, "must be a string");
    out = doc[key].get<std::string>();
    return {};
  };
  auto get_int = [&](const char* key, long& out, long lo, long hi) -> Result<void> {
    if (!doc.contains(key)) return {};
    if (!doc[key].is_number_integer()) return bad(key, "must be an integer");
    const auto v = doc[key].get<long long>();
    if (v < lo || v > hi) {
      return bad(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    }
    out = static_cast<long>(v);
    return {};
  };

  if (auto ok = get_string("endpoint", cfg.endpoint, false); !ok)
    return std::unexpected(ok.error());
  if (auto e = env("TXR_LRS_ENDPOINT")) cfg.endpoint = *e;
  if (cfg.endpoint.empty()) return bad("endpoint", "is required (or set TXR_LRS_ENDPOINT)");
  if (!is_http_iri(cfg.endpoint)) return bad("endpoint", "must be an http(s) URL");
  if (!cfg.endpoint.ends_with('/')) cfg.endpoint += '/';

  if (auto ok = get_string("xapi_version", cfg.xapi_version, false); !ok) {
    return std::unexpected(ok.error());
  }
  if (cfg.xapi_version != "1.0.3" && cfg.xapi_version != "2.0.0") {
    return bad("xapi_version", "must be \"1.0.3\" or \"2.0.0\"");
  }
  if (auto ok = get_string("actor_home_page", cfg.actor_home_page, true); !ok) {
    return std::unexpected(ok.error());
  }
  if (!is_http_iri(cfg.actor_home_page)) return bad("actor_home_page", "must be an http(s) IRI");

  long batch = static_cast<long>(cfg.batch_size);
  for (auto ok : {get_int("batch_size", batch, 1, 1000),
                  get_int("connect_timeout_ms", cfg.connect_timeout_ms, 10, 600000),
                  get_int("request_timeout_ms", cfg.request_timeout_ms, 10, 3600000),
                  get_int("backoff_initial_ms", cfg.backoff_initial_ms, 1, 3600000),
                  get_int("backoff_max_ms", cfg.backoff_max_ms, 1, 86400000),
                  get_int("retry_after_max_ms", cfg.retry_after_max_ms, 0, 86400000)}) {
    if (!ok) return std::unexpected(ok.error());
  }
  cfg.batch_size = static_cast<std::size_t>(batch);
  if (cfg.backoff_max_ms < cfg.backoff_initial_ms) {
    return bad("backoff_max_ms", "must not be smaller than backoff_initial_ms");
  }
  if (doc.contains("give_up_after_s")) {
    if (!doc["give_up_after_s"].is_number() || doc["give_up_after_s"].get<double>() < 0.0) {
      return bad("give_up_after_s", "must be a number of seconds >= 0");
    }
    cfg.give_up_after_s = doc["give_up_after_s"].get<double>();
  }
  std::string policy = std::string(to_string(cfg.attachments));
  if (auto ok = get_string("attachments", policy, false); !ok) return std::unexpected(ok.error());
  if (policy == "none")
    cfg.attachments = AttachmentPolicy::none;
  else if (policy == "summary")
    cfg.attachments = AttachmentPolicy::summary;
  else if (policy == "summary_and_motion")
    cfg.attachments = AttachmentPolicy::summary_and_motion;
  else
    return bad("attachments", "must be \"none\", \"summary\" or \"summary_and_motion\"");

  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  if (auto ok = get_string("ca_bundle", cfg.ca_bundle, false); !ok)
    return std::unexpected(ok.error());
  if (!cfg.ca_bundle.empty()) {
    std::filesystem::path ca = cfg.ca_bundle;
    if (ca.is_relative()) ca = folder / ca;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(ca, ec)) {
      return bad("ca_bundle", "names '" + ca.string() + "', which is not a readable file");
    }
    cfg.ca_bundle = ca.string();
  }
  std::string outbox = "outbox.sqlite";
  if (auto ok = get_string("outbox", outbox, false); !ok) return std::unexpected(ok.error());
  cfg.outbox_path =
      std::filesystem::path(outbox).is_relative() ? folder / outbox : std::filesystem::path(outbox);

  // Credentials: the environment wins over the file, so a site can keep them out of files.
  const auto env_key = env("TXR_LRS_KEY");
  const auto env_secret = env("TXR_LRS_SECRET");
  if (env_key && env_secret) {
    cfg.credentials = Credentials::basic(*env_key, *env_secret);
  } else if (doc.contains("auth")) {
    const json& auth = doc["auth"];
    if (!auth.is_object() || !auth.contains("key") || !auth.contains("secret") ||
        !auth["key"].is_string() || !auth["secret"].is_string()) {
      return bad("auth", "must be an object {\"key\": \"...\", \"secret\": \"...\"}");
    }
    cfg.credentials =
        Credentials::basic(auth["key"].get<std::string>(), auth["secret"].get<std::string>());
  } else if (need_credentials) {
    return core::fail(
        "no LRS credentials: add \"auth\": {\"key\", \"secret\"} to the config or "
        "set TXR_LRS_KEY and TXR_LRS_SECRET",
        where);
  }
  return cfg;
}

Result<UploadConfig> load_upload_config(const std::filesystem::path& path, const GetEnv& env,
                                        bool need_credentials) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail("cannot open the upload config", {path.string(), 0, 0});
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto cfg = parse_upload_config(text, path, env, need_credentials);
  if (!cfg) return cfg;
  // A file holding the secret must be private: refuse rather than warn, so a leak gets fixed.
  bool file_has_secret = false;
  try {
    const json doc = json::parse(text);
    file_has_secret = doc.contains("auth");
  } catch (const json::exception&) {
  }
  if (file_has_secret) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      return core::fail("cannot check the permissions of the upload config", {path.string(), 0, 0});
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      return core::fail(
          "the upload config holds LRS credentials but group/others can read it; "
          "run `chmod 600 " +
              path.string() + "` or move the credentials to TXR_LRS_KEY / TXR_LRS_SECRET",
          {path.string(), 0, 0});
    }
  }
  return cfg;
}

}  // namespace txr::upload
