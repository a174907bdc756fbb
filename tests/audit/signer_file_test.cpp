#include "thidua/audit/signer_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace thidua;
using namespace thidua::audit;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "thidua-audit-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, const std::string& content, fs::perms perms) {
  std::ofstream(p, std::ios::binary) << content;
  fs::permissions(p, perms);
}

// Sets the process umask for one scope; tests run on one thread.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

std::string error_of(const fs::path& file, const std::string& name,
                     Status::Code code = Status::Code::kInvalidArgument) {
  Result<Ed25519Signer> r = load_or_create_signer(file, name);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == code);
  return r.status().message();
}

constexpr fs::perms kOwnerOnly = fs::perms::owner_read | fs::perms::owner_write;

}  // namespace

TEST_CASE("load_or_create_signer creates a 0600 key file and reloads the same key",
          "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  ScopedUmask permissive(0);  // even so, the file must not be readable by others

  Result<Ed25519Signer> created = load_or_create_signer(file, "thidua.example/log");
  REQUIRE(created.is_ok());
  CHECK(created->name() == "thidua.example/log");
  CHECK(mode_of(file) == 0600u);
  CHECK(read_file(file) == created->signer_key() + "\n");

  Result<Ed25519Signer> loaded = load_or_create_signer(file, "thidua.example/log");
  REQUIRE(loaded.is_ok());
  CHECK(loaded->verifier_key() == created->verifier_key());
  CHECK(loaded->sign("checkpoint") == created->sign("checkpoint"));
  CHECK(mode_of(file) == 0600u);
}

TEST_CASE("a key left half-written by a crash does not block the next start", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  fs::path leftover = dir.path() / "signer.key.new";
  std::ofstream(leftover) << "PRIVATE+KEY+thidua.example/log+";  // died before publishing
  fs::permissions(leftover, kOwnerOnly);
  Result<Ed25519Signer> created = load_or_create_signer(file, "thidua.example/log");
  REQUIRE(created.is_ok());
  CHECK(read_file(file) == created->signer_key() + "\n");
  CHECK_FALSE(fs::exists(leftover));
  CHECK(mode_of(file) == 0600u);
}

TEST_CASE("load_or_create_signer accepts a key written without a final newline", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  Result<Ed25519Signer> key = Ed25519Signer::generate("log");
  REQUIRE(key.is_ok());
  write_file(file, key->signer_key(), kOwnerOnly);
  Result<Ed25519Signer> loaded = load_or_create_signer(file, "log");
  REQUIRE(loaded.is_ok());
  CHECK(loaded->verifier_key() == key->verifier_key());
}

TEST_CASE("load_or_create_signer refuses a key file others can read", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  REQUIRE(load_or_create_signer(file, "log").is_ok());
  fs::permissions(file, kOwnerOnly | fs::perms::group_read | fs::perms::others_read);
  CHECK_THAT(error_of(file, "log"), Catch::Contains("mode 0644") && Catch::Contains("chmod 600"));
  fs::permissions(file, kOwnerOnly | fs::perms::group_read);
  CHECK_THAT(error_of(file, "log"), Catch::Contains("mode 0640"));
  fs::permissions(file, kOwnerOnly | fs::perms::others_write);
  CHECK_THAT(error_of(file, "log"), Catch::Contains("mode 0602"));
  fs::permissions(file, fs::perms::owner_read);
  CHECK(load_or_create_signer(file, "log").is_ok());
}

TEST_CASE("load_or_create_signer refuses a key for another name", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  REQUIRE(load_or_create_signer(file, "first.example/log").is_ok());
  std::string before = read_file(file);
  CHECK_THAT(error_of(file, "second.example/log"),
             Catch::Contains("'first.example/log', not 'second.example/log'"));
  CHECK(read_file(file) == before);  // never overwritten
}

TEST_CASE("load_or_create_signer refuses malformed, empty and odd files", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  Result<Ed25519Signer> key = Ed25519Signer::generate("log");
  REQUIRE(key.is_ok());
  std::string secret = key->signer_key();

  SECTION("a damaged key") {
    std::string damaged = secret;
    damaged[damaged.size() - 3] = damaged[damaged.size() - 3] == 'A' ? 'B' : 'A';
    write_file(file, damaged + "\n", kOwnerOnly);
    std::string msg = error_of(file, "log");
    CHECK_THAT(msg, Catch::Contains("is malformed"));
    CHECK_THAT(msg,
               !Catch::Contains(damaged.substr(std::string("PRIVATE+KEY+log+01234567+").size())));
  }
  SECTION("two newlines") {
    write_file(file, secret + "\n\n", kOwnerOnly);
    CHECK_THAT(error_of(file, "log"), Catch::Contains("is malformed"));
  }
  SECTION("an empty file") {
    write_file(file, "", kOwnerOnly);
    CHECK_THAT(error_of(file, "log"), Catch::Contains("is empty"));
  }
  SECTION("a verifier key") {
    write_file(file, key->verifier_key() + "\n", kOwnerOnly);
    CHECK_THAT(error_of(file, "log"), Catch::Contains("is malformed"));
  }
  SECTION("a directory") {
    fs::create_directory(file);
    CHECK_THAT(error_of(file, "log"), Catch::Contains("not a regular file"));
  }
  SECTION("a symbolic link") {
    write_file(dir.path() / "target", secret + "\n", kOwnerOnly);
    fs::create_symlink(dir.path() / "target", file);
    error_of(file, "log", Status::Code::kIOError);
  }
}

TEST_CASE("load_or_create_signer reports bad names and missing directories", "[signer_file]") {
  TempDir dir;
  fs::path file = dir.path() / "signer.key";
  CHECK_THAT(error_of(file, "bad name"), Catch::Contains("invalid key name"));
  CHECK_FALSE(fs::exists(file));
  CHECK_THAT(error_of(dir.path() / "missing" / "signer.key", "log", Status::Code::kIOError),
             Catch::Contains("cannot create"));
}
