#include "thidua/projections/document_store.hpp"

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "thidua/util/coding.hpp"

namespace thidua::projections {

namespace {

// The applied count lives under a key no projection can use (projection keys start with a
// letter).
constexpr std::string_view kAppliedKey = "\x01applied";
// The snapshot: its position and number of chunks under kSnapshotKey, its bytes in chunks
// under kSnapshotKey + "/" + the chunk's index (fixed64, big-endian).
constexpr std::string_view kSnapshotKey = "\x01snapshot";
constexpr std::size_t kSnapshotChunk = 4 << 20;
// The versions' record: the position from which they are in use and the applied count of the
// last commit that kept them (fixed64 each, big-endian). A commit that keeps versions writes
// it; when it does not match the applied count, a commit kept none since.
constexpr std::string_view kVersionsKey = "\x01versions";
// More chunks than this (a 64 GiB snapshot) is a damaged record.
constexpr std::uint64_t kMaxSnapshotChunks = 1 << 14;
const std::string kChunkPrefix = std::string(kSnapshotKey) + "/";

// The position and chunk count of a snapshot record; nullopt when it is damaged.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_snapshot_record(
    std::string_view value) {
  if (value.size() != 16) return std::nullopt;
  const std::uint64_t position = decode_fixed64_be(value.substr(0, 8));
  const std::uint64_t chunks = decode_fixed64_be(value.substr(8));
  if (chunks > kMaxSnapshotChunks) return std::nullopt;
  return std::make_pair(position, chunks);
}

std::string chunk_key(std::uint64_t index) {
  std::string key = kChunkPrefix;
  put_fixed64_be(key, index);
  return key;
}

// A document's versions: "\x02" + its key + "\0" + the position (fixed64, big-endian), so that
// the versions of one key sort by position and no key is a prefix of another's (keys hold no
// NUL). The value is "\x01" + the document, empty when the commit deleted it, or "\x02" alone
// for a mark: the document changed there and is not kept until its next version.
constexpr char kVersionTag = '\x02';
constexpr char kPresent = '\x01';
constexpr std::string_view kNotKept = "\x02";

std::string version_prefix(std::string_view key) {
  std::string out(1, kVersionTag);
  out.append(key);
  out.push_back('\0');
  return out;
}

std::string version_key(std::string_view key, std::uint64_t position) {
  std::string out = version_prefix(key);
  put_fixed64_be(out, position);
  return out;
}

rocksdb::Slice slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

Status io(const rocksdb::Status& s, std::string_view what) {
  return Status::io_error(std::string(what) + ": " + s.ToString());
}

}  // namespace

Result<std::unique_ptr<DocumentStore>> DocumentStore::open(const std::filesystem::path& dir,
                                                           DocumentStoreOptions options) {
  rocksdb::Options db_options;
  db_options.create_if_missing = !options.read_only;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 64 << 10;
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  db_options.compression = rocksdb::kZSTD;
  if (options.env != nullptr) db_options.env = options.env;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = options.read_only
                          ? rocksdb::DB::OpenForReadOnly(db_options, dir.string(), &raw)
                          : rocksdb::DB::Open(db_options, dir.string(), &raw);
  if (!s.ok()) return io(s, "opening projections in " + dir.string());
  std::unique_ptr<DocumentStore> store(new DocumentStore());
  store->db_.reset(raw);
  store->read_only_ = options.read_only;
  std::string value;
  s = raw->Get(rocksdb::ReadOptions(), rocksdb::Slice(kAppliedKey.data(), kAppliedKey.size()),
               &value);
  if (s.ok()) {
    auto applied = decode_exact_fixed64_be(value);
    if (!applied) return Status::corruption("projections: bad applied count");
    store->applied_ = *applied;
  } else if (!s.IsNotFound()) {
    return io(s, "reading the applied count");
  }
  store->keep_versions_ = options.keep_versions;
  s = raw->Get(rocksdb::ReadOptions(), slice(kVersionsKey), &value);
  if (!s.ok() && !s.IsNotFound()) return io(s, "reading the versions' record");
  store->versions_from_ = store->applied_;
  if (s.ok() && value.size() == 16 && decode_fixed64_be(value.substr(8)) == store->applied_) {
    store->versions_from_ = decode_fixed64_be(value.substr(0, 8));
  }
  // A damaged snapshot record only means there is no snapshot to start from.
  s = raw->Get(rocksdb::ReadOptions(), slice(kSnapshotKey), &value);
  if (s.ok()) {
    auto record = parse_snapshot_record(value);
    if (record && record->first <= store->applied_) store->snapshot_position_ = record->first;
  } else if (!s.IsNotFound()) {
    return io(s, "reading the snapshot record");
  }
  return store;
}

DocumentStore::~DocumentStore() = default;

std::uint64_t DocumentStore::applied() const { return applied_; }

Result<std::optional<std::string>> DocumentStore::get(std::string_view key) const {
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return io(s, "reading a projection document");
  return std::optional<std::string>(std::move(value));
}

Result<std::vector<std::pair<std::string, std::string>>> DocumentStore::scan(
    std::string_view prefix, std::string_view after, std::size_t limit) const {
  std::vector<std::pair<std::string, std::string>> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  const std::string start = after.empty() ? std::string(prefix) : std::string(after);
  for (it->Seek(start); it->Valid() && out.size() < limit; it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    if (!after.empty() && key == after) continue;
    out.emplace_back(std::string(key), it->value().ToString());
  }
  if (!it->status().ok()) return io(it->status(), "scanning projection documents");
  return out;
}

Result<std::optional<DocumentStore::Version>> DocumentStore::version_at_or_before(
    std::string_view key, std::uint64_t position) const {
  if (!keep_versions_ || position < versions_from_) return std::optional<Version>();
  const std::string prefix = version_prefix(key);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  it->SeekForPrev(version_key(key, position));
  if (!it->status().ok()) return io(it->status(), "reading a document's version");
  if (!it->Valid()) return std::optional<Version>();
  std::string_view found(it->key().data(), it->key().size());
  if (found.size() != prefix.size() + 8 || !found.starts_with(prefix)) {
    return std::optional<Version>();
  }
  Version out;
  out.position = decode_fixed64_be(found.substr(prefix.size()));
  if (out.position < versions_from_) return std::optional<Version>();
  std::string_view value(it->value().data(), it->value().size());
  if (value == kNotKept) {
    out.kept = false;
  } else if (!value.empty()) {
    if (value.front() != kPresent) return Status::corruption("projections: bad document version");
    out.bytes = std::string(value.substr(1));
  }
  return std::optional<Version>(std::move(out));
}

Result<std::optional<DocumentStore::Snapshot>> DocumentStore::snapshot() const {
  // Read at one point in time, so that a concurrent write cannot mix two snapshots.
  const rocksdb::Snapshot* at = db_->GetSnapshot();
  rocksdb::ReadOptions options;
  options.snapshot = at;
  std::string value;
  rocksdb::Status s = db_->Get(options, slice(kSnapshotKey), &value);
  std::optional<Snapshot> out;
  auto record = s.ok() ? parse_snapshot_record(value) : std::nullopt;
  if (record && record->first <= applied_) {
    out.emplace();
    out->position = record->first;
    rocksdb::PinnableSlice chunk;
    for (std::uint64_t i = 0; s.ok() && i < record->second; ++i) {
      chunk.Reset();
      s = db_->Get(options, db_->DefaultColumnFamily(), chunk_key(i), &chunk);
      if (i == 0 && s.ok())
        out->bytes.reserve(std::min<std::uint64_t>(record->second, 64) * chunk.size());
      out->bytes.append(chunk.data(), chunk.size());
    }
  }
  db_->ReleaseSnapshot(at);
  if (s.IsNotFound() && !out) return out;
  if (!s.ok()) return io(s, "reading the snapshot");
  return out;
}

Status DocumentStore::write_snapshot(std::string_view bytes, std::uint64_t position) {
  if (read_only_) return Status::write_refused("projections opened read-only");
  if (!failed_.is_ok()) return Status::write_refused("projections: " + failed_.message());
  if (position > applied_) {
    return Status::invalid_argument("a snapshot cannot be ahead of the documents");
  }
  rocksdb::WriteBatch batch;
  const std::uint64_t chunks = (bytes.size() + kSnapshotChunk - 1) / kSnapshotChunk;
  if (chunks > kMaxSnapshotChunks) return Status::invalid_argument("the snapshot is too large");
  // The chunks of the snapshot it replaces that it does not overwrite go.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(chunk_key(chunks)); it->Valid() && it->key().starts_with(kChunkPrefix);
       it->Next()) {
    batch.Delete(it->key());
  }
  if (!it->status().ok()) return io(it->status(), "reading the snapshot's chunks");
  for (std::uint64_t i = 0; i < chunks; ++i) {
    batch.Put(chunk_key(i), slice(bytes.substr(i * kSnapshotChunk, kSnapshotChunk)));
  }
  batch.Put(slice(kSnapshotKey), encode_fixed64_be(position) + encode_fixed64_be(chunks));
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) {
    failed_ = io(s, "writing the state snapshot");
    return failed_;
  }
  snapshot_position_ = position;
  // Flushed in the background, so that the next open does not replay a write-ahead log
  // holding the whole snapshot. A failed flush leaves the log to replay: nothing is lost.
  rocksdb::FlushOptions flush;
  flush.wait = false;
  (void)db_->Flush(flush);
  return Status::ok();
}

Status DocumentStore::commit(const std::map<std::string, std::optional<std::string>>& documents,
                             std::uint64_t applied,
                             const std::map<std::string, std::uint64_t>& changed_at) {
  if (read_only_) return Status::write_refused("projections opened read-only");
  if (!failed_.is_ok()) return Status::write_refused("projections: " + failed_.message());
  rocksdb::WriteBatch batch;
  for (const auto& [key, value] : documents) {
    if (value) {
      batch.Put(key, *value);
    } else {
      batch.Delete(key);
    }
    if (keep_versions_ && applied > 0) {
      std::string kept;
      if (value) {
        kept.reserve(value->size() + 1);
        kept.push_back(kPresent);
        kept.append(*value);
      }
      batch.Put(version_key(key, applied - 1), kept);
      auto changed = changed_at.find(key);
      if (changed != changed_at.end() && changed->second < applied - 1) {
        batch.Put(version_key(key, changed->second), slice(kNotKept));
      }
    }
  }
  batch.Put(rocksdb::Slice(kAppliedKey.data(), kAppliedKey.size()), encode_fixed64_be(applied));
  if (keep_versions_) {
    batch.Put(slice(kVersionsKey), encode_fixed64_be(versions_from_) + encode_fixed64_be(applied));
  }
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) {
    failed_ = io(s, "committing projections");
    return failed_;
  }
  applied_ = applied;
  return Status::ok();
}

Status DocumentStore::clear() {
  if (read_only_) return Status::write_refused("projections opened read-only");
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) batch.Delete(it->key());
  if (!it->status().ok()) return io(it->status(), "clearing projections");
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) return io(s, "clearing projections");
  applied_ = 0;
  snapshot_position_ = 0;
  versions_from_ = 0;
  return Status::ok();
}

Result<Digest> DocumentStore::content_hash(std::string_view prefix) const {
  Sha256 hash;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!key.starts_with(prefix)) break;
    hash.update_framed(key);
    hash.update_framed(std::string_view(it->value().data(), it->value().size()));
  }
  if (!it->status().ok()) return io(it->status(), "hashing projections");
  return hash.finish();
}

}  // namespace thidua::projections
