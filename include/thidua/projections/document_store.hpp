// DocumentStore: where projections keep their state, on RocksDB, apart from the event log.
//
// A projection's state is a set of documents (key -> bytes). Every commit writes a set of
// documents together with the number of events applied so far, in one atomic RocksDB write
// batch, so after any crash the documents and the position agree and a restart resumes where
// the last commit stopped. Commits are not synced: a projection can always be recomputed from
// the log, and the write-ahead log keeps each commit whole. Keys are "<projection>/<key>";
// docs/projections.md describes each projection's keys and documents.
//
// Thread-safety: reads may run concurrently with each other and with one committer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace rocksdb {
class DB;
class Env;
class Snapshot;
}  // namespace rocksdb

namespace thidua::projections {

struct DocumentStoreOptions {
  bool read_only = false;
  rocksdb::Env* env = nullptr;  // for tests: a fault-injecting environment; not owned
  // Whether commits keep versions (commit(), version_at_or_before()). A store written without
  // them, even for a while, keeps none of its earlier versions in use once it keeps them again.
  bool keep_versions = true;
};

// A consistent view of the documents at one commit; reads through it never see a later
// commit. Lives no longer than its store.
class DocumentView;

class DocumentStore {
 public:
  // Opens (creating if absent) the documents in `dir`. kIOError when RocksDB cannot.
  static Result<std::unique_ptr<DocumentStore>> open(const std::filesystem::path& dir,
                                                     DocumentStoreOptions options = {});
  ~DocumentStore();
  DocumentStore(const DocumentStore&) = delete;
  DocumentStore& operator=(const DocumentStore&) = delete;

  // How many events (positions 0..n-1) the committed documents reflect; 0 when none.
  std::uint64_t applied() const;

  // The document at `key`, or nullopt. kIOError on a read failure.
  Result<std::optional<std::string>> get(std::string_view key) const;

  // Up to `limit` documents whose keys start with `prefix` and sort after `after` (all when
  // empty), in key order.
  Result<std::vector<std::pair<std::string, std::string>>> scan(std::string_view prefix,
                                                                std::string_view after,
                                                                std::size_t limit) const;

  // Writes `documents` (nullopt: delete the key) and records `applied`, atomically. Each is
  // also kept as its key's version as of position `applied - 1`, the last event it reflects
  // (a deleted one as absent), under keys no projection uses, so that an answer as of an
  // earlier position is read rather than recomputed (as_of.hpp). `changed_at` says, for a
  // document, the first position since its previous commit at which an event changed it (a
  // key it does not name: `applied - 1`); when that is before `applied - 1`, the document as
  // of the positions from there to `applied - 2` is not kept, and a mark says so. So the
  // version found at or before a position is the document as of that position, provided each
  // commit holds every document that the events since the previous one changed.
  // REQUIRES: applied >= this->applied(). kIOError when the write fails; later commits are
  // then refused (kWriteRefused) until the store is opened again.
  Status commit(const std::map<std::string, std::optional<std::string>>& documents,
                std::uint64_t applied, const std::map<std::string, std::uint64_t>& changed_at = {});

  // What is kept of a document as of `position` and the positions after it, up to its next
  // version: the document (`bytes`; nullopt when it did not exist), or, when `kept` is false,
  // only that it changed at `position` and is not kept until its next version.
  struct Version {
    std::uint64_t position = 0;
    bool kept = true;
    std::optional<std::string> bytes;
  };
  // The latest version of `key` at a position at or before `position`, or nullopt when there
  // is none in use: none is kept, or it is older than the first commit after the store was
  // last written without versions (by this code with keep_versions false, or by code that kept
  // none), whose changes then went unrecorded. kIOError on a read failure; kCorruption for a
  // damaged version.
  Result<std::optional<Version>> version_at_or_before(std::string_view key,
                                                      std::uint64_t position) const;

  // Replaces the stored snapshot (the projector's state after `position` events) in one
  // write, under keys no projection uses, so that projections' scans and hashes never see it.
  // A snapshot is only ever used with documents at or past its position: written after the
  // documents it goes with, a crash between the two loses the snapshot, not the documents.
  // Errors as commit().
  Status write_snapshot(std::string_view bytes, std::uint64_t position);
  // The last snapshot written and the number of events it reflects; nullopt when there is
  // none, or when its record is damaged or ahead of the documents. For the committer's thread.
  struct Snapshot {
    std::uint64_t position = 0;
    std::string bytes;
  };
  Result<std::optional<Snapshot>> snapshot() const;
  // The position of the last snapshot (0 when there is none). For the committer's thread.
  std::uint64_t snapshot_position() const { return snapshot_position_; }

  // Deletes every document and sets applied to 0 (for a rebuild in place).
  Status clear();

  // SHA-256 over every (key, document) pair under `prefix`, in key order, each framed: the
  // content hash of a projection, equal for equal states however they were reached.
  Result<Digest> content_hash(std::string_view prefix) const;

 private:
  DocumentStore() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::uint64_t applied_ = 0;
  std::uint64_t snapshot_position_ = 0;
  bool keep_versions_ = true;
  std::uint64_t versions_from_ = 0;  // versions at earlier positions are not in use
  Status failed_;
  bool read_only_ = false;
};

}  // namespace thidua::projections
