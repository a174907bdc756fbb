#include "remote_verify.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "args.hpp"
#include "http_client.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::cli {
namespace {

constexpr std::uint64_t kPage = 1000;

struct Signed {
  std::string note;
  audit::Checkpoint checkpoint;
};

Result<HttpAnswer> get_ok(HttpClient& client, const std::string& target) {
  Result<HttpAnswer> answer = client.get(target);
  if (!answer) return answer.status();
  if (answer->status != 200) {
    return Status::io_error("GET " + target + " answered " + std::to_string(answer->status) + ": " +
                            answer->body);
  }
  return answer;
}

Result<Signed> open_checkpoint(const std::string& note, const audit::NoteVerifier& key) {
  Result<std::string> text = audit::open_note(note, key);
  if (!text) return text.status();
  Result<audit::Checkpoint> checkpoint = audit::Checkpoint::parse(*text);
  if (!checkpoint) return checkpoint.status();
  return Signed{note, *checkpoint};
}

Result<audit::NoteVerifier> server_key(HttpClient& client, const std::string& key) {
  if (!key.empty()) return audit::NoteVerifier::parse(key);
  Result<HttpAnswer> answer = get_ok(client, "/v1/checkpoint/key");
  if (!answer) return answer.status();
  std::string text = answer->body;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::cerr << "thidua verify: trusting the server's own key " << text
            << "; pass --key to check against a key you trust\n";
  return audit::NoteVerifier::parse(text);
}

// The leaf hash of a feed line: of its bytes, or, for personal data withheld from this token
// ({"sequence", "withheld": true, "leaf_hash"}), the hash it gives; a wrong one makes the
// recomputed root differ from the signed one.
Result<Digest> feed_leaf(const nlohmann::json& event, const std::string& line) {
  if (!event.contains("withheld")) return merkle::leaf_hash(line);
  const auto hash = event.find("leaf_hash");
  std::optional<std::string> bytes =
      event["withheld"] == true && hash != event.end() && hash->is_string()
          ? base64_decode(hash->get<std::string>())
          : std::nullopt;
  if (!bytes || bytes->size() != 32) {
    return Status::corruption("the feed's withheld event at position " +
                              std::to_string(event.value("sequence", UINT64_MAX)) +
                              " has no leaf hash");
  }
  Digest d;
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

// Recomputes the tree of the first `size` events of the feed; records the root at `mark`.
struct Recomputed {
  Digest root{};
  std::optional<Digest> root_at_mark;
  std::uint64_t withheld = 0;  // lines that gave a leaf hash in place of a personal event
};

Result<Recomputed> recompute(HttpClient& client, std::uint64_t size, std::uint64_t mark) {
  merkle::Frontier tree;
  Recomputed out;
  if (mark == 0) out.root_at_mark = tree.root();
  while (tree.size() < size) {
    std::uint64_t limit = std::min(kPage, size - tree.size());
    Result<HttpAnswer> page = get_ok(client, "/v1/events?from=" + std::to_string(tree.size()) +
                                                 "&limit=" + std::to_string(limit));
    if (!page) return page.status();
    std::istringstream lines(page->body);
    std::string line;
    std::uint64_t before = tree.size();
    while (tree.size() < size && std::getline(lines, line)) {
      nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
      if (event.is_discarded() || event.value("sequence", UINT64_MAX) != tree.size()) {
        return Status::corruption("the feed's event at position " + std::to_string(tree.size()) +
                                  " is not that position's event");
      }
      Result<Digest> leaf = feed_leaf(event, line);
      if (!leaf) return leaf.status();
      if (event.contains("withheld")) ++out.withheld;
      tree.append(*leaf, [](unsigned, std::uint64_t, const Digest&) {});
      if (tree.size() == mark) out.root_at_mark = tree.root();
    }
    if (tree.size() == before) {
      return Status::corruption("the feed ends at " + std::to_string(before) +
                                " events but the checkpoint has " + std::to_string(size));
    }
  }
  out.root = tree.root();
  return out;
}

Status check_consistency(HttpClient& client, const audit::Checkpoint& old_cp,
                         const audit::Checkpoint& new_cp) {
  if (old_cp.size == 0 || old_cp.size == new_cp.size) return Status::ok();
  Result<HttpAnswer> answer =
      get_ok(client, "/v1/proofs/consistency?from=" + std::to_string(old_cp.size) +
                         "&to=" + std::to_string(new_cp.size));
  if (!answer) return answer.status();
  nlohmann::json body = nlohmann::json::parse(answer->body, nullptr, false);
  std::vector<Digest> proof;
  if (!body.is_discarded() && body.contains("hashes") && body["hashes"].is_array()) {
    for (const auto& h : body["hashes"]) {
      std::optional<std::string> bytes =
          h.is_string() ? base64_decode(h.get<std::string>()) : std::nullopt;
      if (!bytes || bytes->size() != 32) return Status::corruption("malformed consistency proof");
      Digest d;
      std::copy(bytes->begin(), bytes->end(), d.begin());
      proof.push_back(d);
    }
  }
  if (!merkle::verify_consistency(old_cp.size, new_cp.size, old_cp.root, new_cp.root, proof)) {
    return Status::corruption("the server's consistency proof from " + std::to_string(old_cp.size) +
                              " to " + std::to_string(new_cp.size) + " does not verify");
  }
  return Status::ok();
}

// Writes `text` to `path` so that a crash leaves either the old file or the new one, synced.
Status save_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io_error("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return Status::io_error("cannot write " + tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::io_error("cannot replace " + path + ": " + std::strerror(errno));
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::ok();
}

Result<std::optional<Signed>> load_saved(const std::string& path, const audit::NoteVerifier& key) {
  if (path.empty() || !std::filesystem::exists(path)) return std::optional<Signed>();
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  Result<Signed> saved = open_checkpoint(text.str(), key);
  if (!saved) return Status::invalid_argument(path + ": " + saved.status().message());
  return std::optional<Signed>(*saved);
}

int fault(const std::string& what) {
  std::printf("FAILED: %s\n", what.c_str());
  return 1;
}

}  // namespace

int verify_remote(const std::string& url, const std::string& key, const std::string& since_file) {
  auto client = HttpClient::create(url);
  if (!client) return complain(client.status().message(), 2);
  // The event feed needs a token; the checkpoint and the proofs are public.
  if (const char* token = std::getenv("THIDUA_TOKEN"); token != nullptr)
    (*client)->set_token(token);
  Result<audit::NoteVerifier> verifier = server_key(**client, key);
  if (!verifier) return fault("verifier key: " + verifier.status().message());
  Result<std::optional<Signed>> saved = load_saved(since_file, *verifier);
  if (!saved) return fault(saved.status().message());
  Result<HttpAnswer> note = get_ok(**client, "/v1/checkpoint");
  if (!note) return fault(note.status().message());
  Result<Signed> latest = open_checkpoint(note->body, *verifier);
  if (!latest) return fault("the server's checkpoint: " + latest.status().message());
  const audit::Checkpoint& now = latest->checkpoint;
  std::uint64_t mark = *saved ? (*saved)->checkpoint.size : 0;
  if (*saved && ((*saved)->checkpoint.origin != now.origin || mark > now.size)) {
    return fault("the server's checkpoint (" + now.origin + ", size " + std::to_string(now.size) +
                 ") does not extend the saved one (" + (*saved)->checkpoint.origin + ", size " +
                 std::to_string(mark) + ")");
  }
  Result<Recomputed> tree = recompute(**client, now.size, mark);
  if (!tree) return fault(tree.status().message());
  if (tree->root != now.root) return fault("the feed's root does not match the signed checkpoint");
  if (*saved) {
    if (!tree->root_at_mark || *tree->root_at_mark != (*saved)->checkpoint.root) {
      return fault("history was rewritten: the first " + std::to_string(mark) +
                   " events no longer match the saved checkpoint");
    }
    if (Status s = check_consistency(**client, (*saved)->checkpoint, now); !s.is_ok()) {
      return fault(s.message());
    }
  }
  if (!since_file.empty()) {
    if (Status s = save_atomically(since_file, latest->note); !s.is_ok()) return fault(s.message());
  }
  std::string also;
  if (*saved) also += ", consistent with the saved size " + std::to_string(mark);
  if (tree->withheld > 0) {
    also += "; " + std::to_string(tree->withheld) +
            " personal events withheld from this token, proven by their leaf hash";
  }
  std::printf("ok: checkpoint %s size %llu verified against the feed%s\n", now.origin.c_str(),
              static_cast<unsigned long long>(now.size), also.c_str());
  return 0;
}

}  // namespace thidua::cli
