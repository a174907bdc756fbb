#include "thidua/projections/document_store.hpp"

#include <rocksdb/db.h>
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

std::string chunk_key(std::uint64_t index) {
  std::string key(kSnapshotKey);
  key += '/';
  put_fixed64_be(key, index);
  return key;
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
  s = raw->Get(rocksdb::ReadOptions(), slice(kSnapshotKey), &value);
  if (s.ok()) {
    auto position = decode_exact_fixed64_be(std::string_view(value).substr(0, 8));
    auto chunks = decode_exact_fixed64_be(std::string_view(value).substr(8));
    if (value.size() != 16 || !position || !chunks || *position > store->applied_) {
      return Status::corruption("projections: bad snapshot record");
    }
    store->snapshot_position_ = *position;
    store->snapshot_chunks_ = *chunks;
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

Result<std::optional<DocumentStore::Snapshot>> DocumentStore::snapshot() const {
  // Read at one point in time, so that a concurrent commit cannot mix two snapshots.
  const rocksdb::Snapshot* at = db_->GetSnapshot();
  rocksdb::ReadOptions options;
  options.snapshot = at;
  std::string value;
  rocksdb::Status s = db_->Get(options, slice(kSnapshotKey), &value);
  std::optional<Snapshot> out;
  if (s.ok() && value.size() == 16) {
    out.emplace();
    out->position = decode_fixed64_be(std::string_view(value).substr(0, 8));
    const std::uint64_t chunks = decode_fixed64_be(std::string_view(value).substr(8));
    out->bytes.reserve(chunks * kSnapshotChunk);
    rocksdb::PinnableSlice chunk;
    for (std::uint64_t i = 0; s.ok() && i < chunks; ++i) {
      chunk.Reset();
      s = db_->Get(options, db_->DefaultColumnFamily(), chunk_key(i), &chunk);
      out->bytes.append(chunk.data(), chunk.size());
    }
  }
  db_->ReleaseSnapshot(at);
  if (s.IsNotFound() && !out) return out;
  if (!s.ok()) return io(s, "reading the snapshot");
  return out;
}

Status DocumentStore::commit(const std::map<std::string, std::optional<std::string>>& documents,
                             std::uint64_t applied, std::optional<std::string_view> snapshot) {
  if (read_only_) return Status::write_refused("projections opened read-only");
  if (!failed_.is_ok()) return Status::write_refused("projections: " + failed_.message());
  rocksdb::WriteBatch batch;
  for (const auto& [key, value] : documents) {
    if (value) {
      batch.Put(key, *value);
    } else {
      batch.Delete(key);
    }
  }
  batch.Put(rocksdb::Slice(kAppliedKey.data(), kAppliedKey.size()), encode_fixed64_be(applied));
  std::uint64_t chunks = snapshot_chunks_;
  if (snapshot) {
    chunks = (snapshot->size() + kSnapshotChunk - 1) / kSnapshotChunk;
    for (std::uint64_t i = 0; i < chunks; ++i) {
      batch.Put(chunk_key(i), slice(snapshot->substr(i * kSnapshotChunk, kSnapshotChunk)));
    }
    for (std::uint64_t i = chunks; i < snapshot_chunks_; ++i) batch.Delete(chunk_key(i));
    batch.Put(slice(kSnapshotKey), encode_fixed64_be(applied) + encode_fixed64_be(chunks));
  }
  rocksdb::Status s = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!s.ok()) {
    failed_ = io(s, "committing projections");
    return failed_;
  }
  applied_ = applied;
  if (snapshot) {
    snapshot_position_ = applied;
    snapshot_chunks_ = chunks;
    // Flushed in the background, so that the next open does not replay a write-ahead log
    // holding the whole snapshot. A failed flush leaves the log to replay: nothing is lost.
    rocksdb::FlushOptions flush;
    flush.wait = false;
    (void)db_->Flush(flush);
  }
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
  snapshot_chunks_ = 0;
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
