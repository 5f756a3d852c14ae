#include "assets/model_cache.hpp"

namespace txr::assets {

core::Result<std::shared_ptr<const Model>> ModelCache::load(const std::filesystem::path& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string key = ec ? path.lexically_normal().string() : canonical.string();
  std::lock_guard lock(mutex_);
  if (auto it = models_.find(key); it != models_.end()) return it->second;
  auto model = import_model(path, options_);
  if (!model) return std::unexpected(model.error());
  ++import_count_;
  auto shared = std::make_shared<const Model>(std::move(*model));
  models_.emplace(key, shared);
  return shared;
}

std::size_t ModelCache::size() const {
  std::lock_guard lock(mutex_);
  return models_.size();
}

void ModelCache::clear() {
  std::lock_guard lock(mutex_);
  models_.clear();
}

}  // namespace txr::assets
