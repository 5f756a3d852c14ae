#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "core/suggest.hpp"

using namespace txr::core;

TEST_CASE("[core] misspelt keys get a did-you-mean suggestion, unrelated words none") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("modle", "model") == 1);
  const std::array<std::string_view, 4> keys = {"mass_kg", "model", "transform", "physics"};
  CHECK(closest_match("modle", keys) == "model");
  CHECK(closest_match("trasnform", keys) == "transform");
  CHECK(closest_match("colour", keys).empty());
  CHECK(did_you_mean("phisics", keys) == " (did you mean 'physics'?)");
  CHECK(did_you_mean("zzz", keys).empty());
}
