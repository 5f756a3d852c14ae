#pragma once
// Imports glTF 2.0 (.gltf/.glb) and OBJ files through Assimp into an assets::Model.
#include <filesystem>

#include "assets/model.hpp"
#include "core/result.hpp"

namespace txr::assets {

struct ImportOptions {
  // A texture that cannot be found or decoded is an error when true; otherwise the material
  // falls back to its base-colour factor and Model::warnings names the path.
  bool missing_texture_is_error = false;
};

// Errors name the file and the cause: not found, cannot be parsed (Assimp's reason), or
// contains no triangle meshes.
core::Result<Model> import_model(const std::filesystem::path& path,
                                 const ImportOptions& options = {});

}  // namespace txr::assets
