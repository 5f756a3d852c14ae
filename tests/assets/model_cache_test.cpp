#include <doctest/doctest.h>

#include "assets/model_cache.hpp"
#include "test_support.hpp"

TEST_CASE("[assets] the cache imports a model once however often it is asked for") {
  txr::assets::ModelCache cache;
  const auto path = txr::test::source_dir() / "assets/models/shaft.gltf";
  auto first = cache.load(path);
  auto second = cache.load(txr::test::source_dir() / "assets/models/../models/shaft.gltf");
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(first->get() == second->get());
  CHECK(cache.import_count() == 1);
  CHECK(cache.size() == 1);
}

TEST_CASE("[assets] the cache does not remember failures") {
  txr::assets::ModelCache cache;
  auto missing = cache.load(txr::test::source_dir() / "tests/assets/fixtures/absent.gltf");
  CHECK_FALSE(missing.has_value());
  CHECK(cache.size() == 0);
  CHECK(cache.import_count() == 0);
}
