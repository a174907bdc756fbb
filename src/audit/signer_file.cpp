#include "thidua/audit/signer_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>

#include "ed25519.hpp"

namespace thidua::audit {
namespace {

// A signer key string is about 100 bytes; anything much larger is not one.
constexpr std::size_t kMaxFileSize = 4096;

Status sys_error(const std::string& what, const std::filesystem::path& file, int err) {
  return Status::io_error(what + " " + file.string() + ": " + std::strerror(err));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now so that a failing close() is reported, not lost.
  int close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

Status check_mode(const Fd& fd, const std::filesystem::path& file) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return sys_error("cannot stat", file, errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::invalid_argument("signer key file " + file.string() + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::invalid_argument("signer key file " + file.string() + " has mode " + mode +
                                    "; it must not be accessible to group or others (chmod 600)");
  }
  if (st.st_size > static_cast<off_t>(kMaxFileSize)) {
    return Status::invalid_argument("signer key file " + file.string() + " is too large");
  }
  return Status::ok();
}

Result<std::string> read_all(const Fd& fd, const std::filesystem::path& file) {
  std::string content(kMaxFileSize + 1, '\0');
  std::size_t have = 0;
  while (have < content.size()) {
    ssize_t n = ::read(fd.get(), content.data() + have, content.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error("cannot read", file, errno);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  content.resize(have);
  return content;
}

Result<Ed25519Signer> parse_file(std::string& content, const std::filesystem::path& file,
                                 const std::string& name) {
  if (content.empty()) {
    return Status::invalid_argument("signer key file " + file.string() +
                                    " is empty; remove it to generate a new key");
  }
  std::string_view key = content;
  if (key.ends_with('\n')) key.remove_suffix(1);
  Result<Ed25519Signer> signer = Ed25519Signer::from_signer_key(key);
  if (!signer.is_ok()) {
    return Status::invalid_argument("signer key file " + file.string() +
                                    " is malformed: " + signer.status().message());
  }
  if (signer->name() != name) {
    return Status::invalid_argument("signer key file " + file.string() + " holds a key named '" +
                                    signer->name() + "', not '" + name + "'");
  }
  return signer;
}

Result<Ed25519Signer> load(const Fd& fd, const std::filesystem::path& file,
                           const std::string& name) {
  Status mode = check_mode(fd, file);
  if (!mode.is_ok()) return mode;
  Result<std::string> content = read_all(fd, file);
  if (!content.is_ok()) return content.status();
  ed25519::WipeOnExit wipe(*content);
  return parse_file(*content, file, name);
}

Status write_all(const Fd& fd, std::string_view data, const std::filesystem::path& file) {
  while (!data.empty()) {
    ssize_t n = ::write(fd.get(), data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error("cannot write", file, errno);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok();
}

// Makes the new directory entry durable, so a synced key file does not vanish in a crash.
Status sync_directory(const std::filesystem::path& file) {
  std::filesystem::path dir = file.parent_path().empty() ? "." : file.parent_path();
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return sys_error("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0) return sys_error("cannot sync directory", dir, errno);
  return Status::ok();
}

Status write_new_key(Fd& fd, const Ed25519Signer& signer, const std::filesystem::path& file) {
  std::string content = signer.signer_key() + "\n";
  ed25519::WipeOnExit wipe(content);
  Status s = write_all(fd, content, file);
  if (s.is_ok() && ::fsync(fd.get()) != 0) s = sys_error("cannot sync", file, errno);
  if (fd.close() != 0 && s.is_ok()) s = sys_error("cannot close", file, errno);
  if (s.is_ok()) s = sync_directory(file);
  return s;
}

}  // namespace

Result<Ed25519Signer> load_or_create_signer(const std::filesystem::path& file,
                                            const std::string& name) {
  if (!is_valid_key_name(name)) {
    return Status::invalid_argument("invalid key name '" + name + "'");
  }
  for (;;) {
    Fd existing(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (existing.get() >= 0) return load(existing, file, name);
    if (errno != ENOENT) return sys_error("cannot open", file, errno);
    // The key is written and synced under a temporary name, then linked into place: a crash
    // never leaves a half-written key file behind to block every later start. O_EXCL with mode
    // 0600: the file never exists with wider permissions. link() does not overwrite, so a key
    // published meanwhile by another process is read rather than replaced.
    std::filesystem::path tmp = file;
    tmp += ".new";
    ::unlink(tmp.c_str());  // what a start that died before publishing its key left behind
    Fd created(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (created.get() < 0) return sys_error("cannot create", tmp, errno);
    Result<Ed25519Signer> signer = Ed25519Signer::generate(name);
    Status s = signer.is_ok() ? write_new_key(created, *signer, tmp) : signer.status();
    int link_error = s.is_ok() && ::link(tmp.c_str(), file.c_str()) != 0 ? errno : 0;
    ::unlink(tmp.c_str());
    if (link_error == EEXIST) continue;
    if (link_error != 0) return sys_error("cannot create", file, link_error);
    if (s.is_ok()) s = sync_directory(file);
    if (!s.is_ok()) return s;
    return signer;
  }
}

}  // namespace thidua::audit
