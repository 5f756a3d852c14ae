#pragma once
// HttpClient: one reusable libcurl handle (keep-alive) for the uploader's thread. TLS peer and
// host verification are always on; a CA bundle can replace the system store. Headers are never
// logged (they carry the credentials).
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace txr::upload {

enum class NetError {
  none,
  connect,  // refused, unreachable, DNS
  timeout,  // connect or whole-request timeout
  reset,    // connection dropped, empty reply, send/receive failure
  tls,      // certificate or handshake problem (not retried quickly: needs a fix)
  aborted,  // the abort flag was raised (uploader stopping)
  other,
};

struct HttpRequest {
  std::string method = "POST";  // "POST" or "GET"
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long connect_timeout_ms = 10000;
  long timeout_ms = 30000;
  std::string ca_bundle;
};

struct HttpResponse {
  long status = 0;  // 0 when no HTTP answer arrived (see error)
  std::string body;
  std::string retry_after;  // the Retry-After header, if any
  NetError error = NetError::none;
  std::string error_text;  // curl's description when error != none
};

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Raising *abort_flag makes a running perform() return NetError::aborted promptly.
  void set_abort_flag(const std::atomic<bool>* abort_flag) { abort_flag_ = abort_flag; }
  HttpResponse perform(const HttpRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const std::atomic<bool>* abort_flag_ = nullptr;
};

std::string_view to_string(NetError error);

}  // namespace txr::upload
