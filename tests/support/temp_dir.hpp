// A fresh directory under the system temporary directory, removed with the object.
#pragma once

#include <filesystem>
#include <string>

namespace thidua::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "thidua-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace thidua::testing
