#pragma once
// Client-side checks run before a statement enters the outbox: the xAPI rules an LRS enforces
// (so a bad statement fails at the event, not days later on upload) plus our privacy rules
// (account actor with an opaque id, no e-mail address anywhere).
#include <nlohmann/json.hpp>

#include <string_view>

#include "core/result.hpp"

namespace txr::upload {

// An opaque trainee id: 3-64 of [A-Za-z0-9._:-], starting alphanumeric, with at least one digit.
// Spaces (names) and '@' (e-mail) are refused with a message saying why.
core::Result<void> check_trainee_id(std::string_view id);
// An absolute http(s) IRI without spaces.
bool is_http_iri(std::string_view text);
// "YYYY-MM-DDThh:mm:ss[.fff]Z" (we only emit UTC).
bool is_utc_timestamp(std::string_view text);
// True when the text contains something shaped like an e-mail address.
bool contains_email(std::string_view text);

// Every rule above on a whole statement; the error names the field ("result.score.scaled: ...").
core::Result<void> validate_statement(const nlohmann::json& statement);

}  // namespace txr::upload
