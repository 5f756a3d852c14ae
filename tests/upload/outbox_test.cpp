#include <doctest/doctest.h>

#include "test_support.hpp"
#include "upload/outbox.hpp"
#include "upload_test_util.hpp"

using namespace txr;

namespace {
std::vector<upload::Statement> session(
    upload::AttachmentPolicy policy = upload::AttachmentPolicy::none) {
  auto built =
      upload::build_session_statements(test::synthetic_session(), test::builder_options(policy));
  REQUIRE(built);
  return *built;
}
}  // namespace

TEST_CASE("[upload] the outbox keeps statements byte for byte and in order across reopen") {
  const auto path = test::scratch_dir("upload-outbox-order") / "outbox.sqlite";
  const auto a = session();
  const auto b = session();
  {
    auto outbox = upload::Outbox::open(path);
    REQUIRE(outbox);
    REQUIRE(outbox->enqueue_all(a));
    for (const auto& s : b) REQUIRE(outbox->enqueue(s));
  }
  auto outbox = upload::Outbox::open(path);  // a new process would see the same
  REQUIRE(outbox);
  auto batch = outbox->next_batch(1000);
  REQUIRE(batch);
  REQUIRE(batch->size() == a.size() + b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK((*batch)[i].id == a[i].id);
    CHECK((*batch)[i].json == a[i].json);
    CHECK((*batch)[a.size() + i].json == b[i].json);
  }
  auto counts = outbox->counts();
  REQUIRE(counts);
  CHECK(counts->queued == static_cast<std::int64_t>(a.size() + b.size()));
}

TEST_CASE("[upload] sent, parked and retried statements change state, nothing is deleted") {
  const auto path = test::scratch_dir("upload-outbox-states") / "outbox.sqlite";
  auto outbox = upload::Outbox::open(path);
  REQUIRE(outbox);
  const auto a = session(upload::AttachmentPolicy::summary);
  REQUIRE(outbox->enqueue_all(a));
  const std::vector<std::string> first{a[0].id, a[1].id};
  REQUIRE(outbox->mark_sent(first));
  REQUIRE(outbox->park(a[2].id, "HTTP 400: bad"));
  auto counts = outbox->counts();
  REQUIRE(counts);
  CHECK(counts->sent == 2);
  CHECK(counts->parked == 1);
  CHECK(counts->queued == static_cast<std::int64_t>(a.size()) - 3);
  auto next = outbox->next_batch(1);
  REQUIRE(next);
  CHECK(next->front().id == a[3].id);  // parked ones are skipped, order kept
  auto parked = outbox->find(a[2].id);
  REQUIRE(parked);
  REQUIRE(parked->has_value());
  CHECK((*parked)->reason == "HTTP 400: bad");
  CHECK((*parked)->state == upload::OutboxState::parked);
  auto retried = outbox->retry(a[2].id);
  REQUIRE(retried);
  CHECK(*retried);
  auto again = outbox->retry(a[2].id);
  REQUIRE(again);
  CHECK_FALSE(*again);
  next = outbox->next_batch(1);
  CHECK(next->front().id == a[2].id);
  // The judged statement carries the summary attachment, stored with it.
  bool found_attachment = false;
  auto all = outbox->next_batch(100);
  for (const auto& e : *all) found_attachment = found_attachment || e.attachments.size() == 1;
  CHECK(found_attachment);
  REQUIRE(outbox->set_last_error("HTTP 503"));
  CHECK(outbox->last_error()->find("HTTP 503") != std::string::npos);
}

TEST_CASE("[upload] the outbox refuses invalid statements and duplicate ids") {
  const auto path = test::scratch_dir("upload-outbox-invalid") / "outbox.sqlite";
  auto outbox = upload::Outbox::open(path);
  REQUIRE(outbox);
  auto a = session();
  REQUIRE(outbox->enqueue(a[0]));
  auto dup = outbox->enqueue(a[0]);
  CHECK_FALSE(dup);
  upload::Statement bad = a[1];
  bad.json = R"({"id":")" + bad.id + R"("})";
  auto invalid = outbox->enqueue(bad);
  REQUIRE_FALSE(invalid);
  CHECK(invalid.error().message.find("timestamp") != std::string::npos);
  // All or nothing: one bad statement in a set queues none of it.
  std::vector<upload::Statement> mixed{a[2], bad};
  CHECK_FALSE(outbox->enqueue_all(mixed));
  CHECK(outbox->counts()->queued == 1);
}

TEST_CASE("[upload] an unopenable outbox path gives a clear error") {
  auto outbox = upload::Outbox::open("/proc/definitely/not/here/outbox.sqlite");
  REQUIRE_FALSE(outbox);
  CHECK(outbox.error().message.find("outbox") != std::string::npos);
}
