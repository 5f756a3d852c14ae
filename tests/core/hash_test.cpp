#include <doctest/doctest.h>

#include "core/hash.hpp"

using txr::core::StableHasher;

TEST_CASE("[core] stable hash matches the published FNV-1a 64 test vectors") {
  // Vectors from the FNV reference (Fowler/Noll/Vo): "" and "a".
  CHECK(txr::core::stable_hash("") == 0xcbf29ce484222325ull);
  CHECK(txr::core::stable_hash("a") == 0xaf63dc4c8601ec8cull);
  CHECK(txr::core::stable_hash("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("[core] stable hash separates values and folds negative zero") {
  CHECK(StableHasher().add(1.0).value() != StableHasher().add(1.0000001).value());
  CHECK(StableHasher().add(0.0).value() == StableHasher().add(-0.0).value());
  CHECK(StableHasher().add(0.0f).value() == StableHasher().add(-0.0f).value());
  // Length-prefixed strings: ("ab","c") and ("a","bc") must differ.
  CHECK(StableHasher().add("ab").add("c").value() != StableHasher().add("a").add("bc").value());
  CHECK(txr::core::to_hex(0x0123456789abcdefull) == "0123456789abcdef");
}
