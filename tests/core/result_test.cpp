#include <doctest/doctest.h>

#include "core/result.hpp"

using namespace txr::core;

namespace {
Result<int> parse_positive(int v) {
  if (v <= 0) return fail("expected a positive number", {"bolt.yaml", 3, 14});
  return v;
}
}  // namespace

TEST_CASE("[core] errors carry a file:line:column location") {
  auto bad = parse_positive(-1);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().to_string() == "bolt.yaml:3:14: expected a positive number");
  CHECK(Error("no display").to_string() == "no display");
  CHECK(SourceLocation{"a.yaml", 2, 0}.to_string() == "a.yaml:2");
  REQUIRE(parse_positive(5).has_value());
  CHECK(*parse_positive(5) == 5);
}
