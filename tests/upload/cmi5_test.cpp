#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "upload/cmi5.hpp"
#include "upload/statement_builder.hpp"
#include "upload/vocabulary.hpp"
#include "upload_test_util.hpp"

using namespace txr;
using nlohmann::json;

namespace {

// A one-route HTTP server on 127.0.0.1 that answers every request with a fixed JSON body and
// counts the requests (the LRS used elsewhere has no cmi5 fetch endpoint).
class TinyServer {
 public:
  TinyServer(int status, std::string body) : status_(status), body_(std::move(body)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd_, 4) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~TinyServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int requests() const { return requests_; }
  std::string last_method() const { return last_method_; }

 private:
  void serve() {
    while (true) {
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string request;
      char buf[1024];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = read(client, buf, sizeof buf);
        if (n <= 0) break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      ++requests_;
      last_method_ = request.substr(0, request.find(' '));
      const std::string response = "HTTP/1.1 " + std::to_string(status_) +
                                   " X\r\nContent-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" +
                                   body_;
      (void)!write(client, response.data(), response.size());
      close(client);
    }
  }
  int status_;
  std::string body_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::string last_method_;
  std::thread thread_;
};

const std::string k_actor =
    R"({"objectType":"Agent","account":{"homePage":"https://lms.example-school.edu.vn","name":"TR-2026-0042"}})";

std::string encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string launch_url(const std::string& fetch, const std::string& actor = k_actor) {
  return "https://app.local/launch?endpoint=" + encode("https://lrs.example.org/xAPI") +
         "&fetch=" + encode(fetch) + "&actor=" + encode(actor) +
         "&registration=ec531277-b57b-4c15-8d91-d292c5b2b8f7&activityId=" +
         encode("https://lms.example.org/au/loto-1");
}

}  // namespace

TEST_CASE("[upload] a cmi5 launch URL yields endpoint, fetch, actor, registration and activity") {
  auto launch = upload::parse_cmi5_launch(launch_url("https://lms.example.org/fetch?k=1&x=2"));
  REQUIRE(launch);
  CHECK(launch->endpoint == "https://lrs.example.org/xAPI/");
  CHECK(launch->fetch == "https://lms.example.org/fetch?k=1&x=2");
  CHECK(launch->registration == "ec531277-b57b-4c15-8d91-d292c5b2b8f7");
  CHECK(launch->activity_id == "https://lms.example.org/au/loto-1");
  CHECK(launch->actor["account"]["name"] == "TR-2026-0042");

  CHECK_FALSE(upload::parse_cmi5_launch("https://app.local/launch"));
  auto no_fetch =
      upload::parse_cmi5_launch("https://app.local/launch?endpoint=https%3A%2F%2Fa.org");
  REQUIRE_FALSE(no_fetch);
  CHECK(no_fetch.error().message.find("fetch") != std::string::npos);
  auto mbox = upload::parse_cmi5_launch(
      launch_url("https://lms.example.org/fetch", R"({"mbox":"mailto:an@school.edu.vn"})"));
  CHECK_FALSE(mbox);
}

TEST_CASE("[upload] the cmi5 fetch URL is POSTed once and gives the auth token") {
  TinyServer server(200, R"({"auth-token":"QWxhZGRpbjpvcGVuIHNlc2FtZQ=="})");
  upload::HttpClient http;
  auto credentials = upload::fetch_cmi5_token(http, server.url("/fetch?id=1"), 2000);
  REQUIRE(credentials);
  CHECK(server.requests() == 1);
  CHECK(server.last_method() == "POST");
  CHECK(credentials->authorization_header() == "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");

  TinyServer refusing(400, R"({"error-code":"1","error-text":"already used"})");
  auto refused = upload::fetch_cmi5_token(http, refusing.url("/fetch"), 2000);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("already used") != std::string::npos);
}

TEST_CASE("[upload] our cmi5 session statements follow the cmi5 rules") {
  auto facts = test::synthetic_session();
  facts.cmi5 = true;
  facts.activity_id = "https://lms.example.org/au/loto-1";
  facts.mastery_scaled = 0.8;
  auto built = upload::build_session_statements(facts, test::builder_options());
  REQUIRE(built);
  upload::Cmi5SessionRules rules(facts.activity_id, upload::MoveOn::completed_and_passed, 0.8);
  for (const auto& s : *built) {
    const auto j = json::parse(s.json);
    CHECK(j["verb"]["id"] != upload::iri::k_launched);  // the LMS sends launched
    auto ok = rules.accept(j);
    CHECK_MESSAGE(ok, (ok ? "" : ok.error().message));
  }
  CHECK(rules.satisfied());
  CHECK(rules.terminated());
  const auto judged = json::parse((*built)[built->size() - 2].json);
  CHECK(judged["context"]["extensions"][std::string(upload::iri::k_cmi5_masteryscore)] == 0.8);
  bool has_moveon = false;
  for (const auto& c : judged["context"]["contextActivities"]["category"]) {
    has_moveon = has_moveon || c["id"] == upload::iri::k_cmi5_moveon;
  }
  CHECK(has_moveon);
}

TEST_CASE("[upload] cmi5 rule breaks are caught") {
  const std::string au = "https://lms.example.org/au/loto-1";
  auto st = [&](std::string_view verb, json result = json::object(), std::string object = "") {
    json s{{"verb", {{"id", verb}}}, {"object", {{"id", object.empty() ? au : object}}}};
    if (!result.empty()) s["result"] = result;
    return s;
  };
  const json dur{{"duration", "PT1M"}};
  const json scored{{"duration", "PT1M"}, {"score", {{"scaled", 0.9}}}};
  {
    upload::Cmi5SessionRules r(au, upload::MoveOn::passed);
    auto first = r.accept(st(upload::iri::k_completed, dur));
    REQUIRE_FALSE(first);
    CHECK(first.error().message.find("initialized") != std::string::npos);
  }
  {
    upload::Cmi5SessionRules r(au, upload::MoveOn::passed);
    REQUIRE(r.accept(st(upload::iri::k_initialized)));
    REQUIRE(r.accept(st(upload::iri::k_completed, dur)));
    CHECK_FALSE(r.accept(st(upload::iri::k_completed, dur)));     // only one completed
    CHECK_FALSE(r.accept(st(upload::iri::k_completed, scored)));  // no score on completed
    REQUIRE(r.accept(st(upload::iri::k_passed, scored)));
    CHECK_FALSE(r.accept(st(upload::iri::k_failed, scored)));  // no failed after passed
    CHECK_FALSE(r.accept(st(upload::iri::k_passed, scored)));  // only one passed
    CHECK(r.satisfied());
    CHECK_FALSE(r.accept(st(upload::iri::k_terminated)));  // terminated needs a duration
    REQUIRE(r.accept(st(upload::iri::k_terminated, dur)));
    CHECK_FALSE(r.accept(st(upload::iri::k_initialized)));  // nothing after terminated
  }
  {
    upload::Cmi5SessionRules r(au, upload::MoveOn::completed_and_passed, 0.95);
    REQUIRE(r.accept(st(upload::iri::k_initialized)));
    CHECK_FALSE(r.accept(st(upload::iri::k_passed, scored)));  // below masteryScore
    REQUIRE(r.accept(st(upload::iri::k_failed, scored)));
    REQUIRE(r.accept(st(upload::iri::k_completed, dur)));
    CHECK_FALSE(r.satisfied());
    CHECK(r.accept(st(upload::iri::k_completed, dur, au + "/steps/x")));  // cmi5-allowed
  }
  CHECK(upload::parse_move_on("CompletedOrPassed") == upload::MoveOn::completed_or_passed);
  CHECK_FALSE(upload::parse_move_on("Sometimes"));
}
