#pragma once
// ModelCache: imports each model file once and hands out shared read-only copies.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "assets/model.hpp"
#include "assets/model_importer.hpp"
#include "core/result.hpp"

namespace txr::assets {

class ModelCache {
 public:
  explicit ModelCache(ImportOptions options = {}) : options_(options) {}

  // Same canonical path -> same object, imported on first use. Failures are not cached, so a
  // fixed file can be retried.
  core::Result<std::shared_ptr<const Model>> load(const std::filesystem::path& path);

  std::size_t import_count() const { return import_count_; }
  std::size_t size() const;
  void clear();

 private:
  ImportOptions options_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Model>> models_;
  std::size_t import_count_ = 0;
};

}  // namespace txr::assets
