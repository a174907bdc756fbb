#include "temp_dir.hpp"

#include <stdexcept>

#include "thidua/util/uuid.hpp"

namespace thidua::testing {

TempDir::TempDir(const std::string& prefix)
    : path_(std::filesystem::temp_directory_path() / (prefix + "-" + new_uuid())) {
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace thidua::testing
