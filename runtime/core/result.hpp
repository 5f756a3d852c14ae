#pragma once
// Error and Result: how every fallible operation on user input reports failure.
#include <cstdint>
#include <expected>
#include <string>
#include <utility>

namespace txr::core {

// A position in a user-authored file, 1-based like editors show it. Line 0 means "whole file".
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  // "file:line:column", "file:line" or "file", whichever is known.
  std::string to_string() const;
};

// A failure with a message the user can act on and, for files, where it happened.
struct Error {
  std::string message;
  SourceLocation where;

  Error() = default;
  explicit Error(std::string msg) : message(std::move(msg)) {}
  Error(std::string msg, SourceLocation loc) : message(std::move(msg)), where(std::move(loc)) {}

  // "file:line:column: message", or just the message without a location.
  std::string to_string() const;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for `return fail("...")` inside functions returning Result<T>.
inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected<Error>(Error(std::move(message)));
}
inline std::unexpected<Error> fail(std::string message, SourceLocation where) {
  return std::unexpected<Error>(Error(std::move(message), std::move(where)));
}

}  // namespace txr::core
