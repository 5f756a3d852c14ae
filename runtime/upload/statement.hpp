#pragma once
// Statement: one xAPI statement serialised ONCE when its event happened. `json` is the exact
// byte string the outbox stores and every retry sends (re-serialising could change the bytes,
// and an LRS answers 409 to the same id with different content).
#include <string>
#include <vector>

namespace txr::upload {

// Which files ride along with the final statement (multipart/mixed). Raw motion identifies
// people, so it needs an explicit opt-in.
enum class AttachmentPolicy { none, summary, summary_and_motion };

struct StatementAttachment {
  std::string content_type;
  std::string sha256_hex;  // also in the statement's attachments[].sha2
  std::string bytes;
};

struct Statement {
  std::string id;            // client-side UUID
  std::string registration;  // the attempt it belongs to (ordering key)
  std::string verb_id;
  std::string json;  // the serialised statement
  std::vector<StatementAttachment> attachments;
};

}  // namespace txr::upload
