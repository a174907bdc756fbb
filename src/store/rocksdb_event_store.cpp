#include "thidua/store/rocksdb_event_store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "append_planner.hpp"
#include "commit_notifier.hpp"
#include "rocksdb_layout.hpp"
#include "thidua/store/stream_name.hpp"
#include "thidua/util/coding.hpp"

namespace thidua {

using namespace store_internal;

namespace {

Status from_rocksdb(const rocksdb::Status& s, const std::string& what) {
  if (s.IsCorruption()) return Status::corruption(what + ": " + s.ToString());
  return Status::io_error(what + ": " + s.ToString());
}

struct Pending {
  PreparedRequest request;
  EventStore::AppendCallback done;
};

// What one request of a group commit comes to, once the group's write is known.
struct Outcome {
  Status error;                             // set when the request was refused
  std::vector<RecordedEvent> events;        // written by this request
  std::optional<IdempotencyRecord> replay;  // answered from an earlier request
};

constexpr std::size_t kMaxCachedStreams = 1 << 20;

// The stream name and its 0x00 separator: the part of a streams-family key shared by all of
// one stream's versions.
class StreamPrefix : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "thidua.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    const void* zero = std::memchr(key.data(), 0, key.size());
    std::size_t n = static_cast<std::size_t>(static_cast<const char*>(zero) - key.data()) + 1;
    return rocksdb::Slice(key.data(), n);
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return std::memchr(key.data(), 0, key.size()) != nullptr;
  }
};

}  // namespace

struct RocksDbEventStore::Impl {
  RocksDbStoreOptions options;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned; destroyed before db
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* index = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* ids = nullptr;
  rocksdb::ColumnFamilyHandle* keys = nullptr;
  rocksdb::ColumnFamilyHandle* tree = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints = nullptr;
  CommitNotifier notifier{0};

  std::mutex queue_mu;
  std::condition_variable queue_cv;
  std::deque<Pending> queue;
  bool closing = false;
  std::thread writer;

  std::mutex checkpoint_mu;  // serialises put_checkpoint's read-then-write
  mutable std::mutex status_mu;
  Status sticky;  // guarded by status_mu; non-ok once a write failed

  // The writer's metrics, when the options name a registry.
  struct WriterMetrics {
    Counter& requests;
    Counter& events;
    Histogram& group_requests;
    Histogram& sync_seconds;
  };
  std::optional<WriterMetrics> writer_metrics;

  // Writer-only state.
  std::uint64_t next_position = 0;
  merkle::Frontier frontier;  // of the tree over [0, next_position) as planned
  std::unordered_map<std::string, std::uint64_t> head_cache;  // durable stream heads

  ~Impl() { shutdown(); }

  Status open(const std::filesystem::path& dir);
  Status check_format();
  Status load_head();
  void shutdown();

  void writer_loop();
  std::deque<Pending> take_group();
  void commit_group(std::deque<Pending>& group);
  Status write_group(rocksdb::WriteBatch& batch);
  void record_write(std::size_t requests, std::uint64_t events, double seconds);
  void answer(Pending& p, Outcome& o, const Status& write_status);
  void set_sticky(const Status& s);
  Status sticky_status() const;

  Lookups lookups();
  Result<Digest> read_subtree(unsigned level, std::uint64_t index) const;
  Result<std::optional<std::uint64_t>> durable_stream_head(const std::string& stream,
                                                           std::uint64_t bound) const;
  Result<RecordedEvent> read_position(std::uint64_t position) const;
  Result<std::vector<RecordedEvent>> read_positions(std::uint64_t first, std::uint64_t count) const;
};

// ---- opening and closing -------------------------------------------------------------------

Status RocksDbEventStore::Impl::open(const std::filesystem::path& dir) {
  if (!options.read_only) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::io_error("cannot create " + dir.string() + ": " + ec.message());
  }

  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.IncreaseParallelism(2);
  if (options.env != nullptr) db_options.env = options.env;
  // Read-only beside a live server: open every table file now, so that files the server's
  // compactions delete later stay readable through their open descriptors.
  if (options.read_only) db_options.max_open_files = -1;

  // Lookup families (ids, idempotency keys, stream heads) are mostly asked about keys that are
  // absent: whole-key Bloom filters in tables and memtables answer those without a search.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions lookup_cf;
  lookup_cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  lookup_cf.memtable_prefix_bloom_size_ratio = 0.05;
  lookup_cf.memtable_whole_key_filtering = true;
  // Keys that only grow within a prefix get a memtable insert hint per prefix, which makes
  // each insert O(1) instead of a skiplist search: positions (one prefix), tree nodes (one
  // prefix per level) and stream versions (one prefix per stream).
  rocksdb::ColumnFamilyOptions log_cf;
  log_cf.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(1));
  rocksdb::ColumnFamilyOptions tree_cf = log_cf;
  rocksdb::ColumnFamilyOptions streams_cf = lookup_cf;
  streams_cf.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamPrefix>();

  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsFamily, log_cf},
      {kEventIndexFamily, log_cf},
      {kStreamsFamily, streams_cf},
      {kIdsFamily, lookup_cf},
      {kIdempotencyFamily, lookup_cf},
      {kTreeFamily, tree_cf},
      {kCheckpointsFamily, rocksdb::ColumnFamilyOptions()}};
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, dir.string(), families, &handles, &raw)
          : rocksdb::DB::Open(db_options, dir.string(), families, &handles, &raw);
  if (!s.ok()) return from_rocksdb(s, "cannot open the store in " + dir.string());
  db.reset(raw);
  events = handles[1];
  index = handles[2];
  streams = handles[3];
  ids = handles[4];
  keys = handles[5];
  tree = handles[6];
  checkpoints = handles[7];
  if (Status st = check_format(); !st.is_ok()) return st;
  return load_head();
}

Status RocksDbEventStore::Impl::check_format() {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), kFormatKey, &value);
  if (s.ok()) {
    if (value == kFormatVersion) return Status::ok();
    return Status::corruption("unknown store format '" + value + "'");
  }
  if (!s.IsNotFound()) return from_rocksdb(s, "reading the store format");
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), events));
  it->SeekToFirst();
  if (it->Valid()) return Status::corruption("store has events but no format marker");
  if (options.read_only) return Status::ok();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  s = db->Put(sync, kFormatKey, kFormatVersion);
  return s.ok() ? Status::ok() : from_rocksdb(s, "writing the store format");
}

Status RocksDbEventStore::Impl::load_head() {
  std::uint64_t head = 0;
  for (rocksdb::ColumnFamilyHandle* cf : {events, index}) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf));
    it->SeekToLast();
    if (!it->status().ok()) return from_rocksdb(it->status(), "finding the head");
    std::uint64_t h = 0;
    if (it->Valid()) {
      std::optional<std::uint64_t> last = decode_exact_fixed64_be(it->key().ToStringView());
      if (!last) return Status::corruption("malformed position key in " + cf->GetName());
      h = *last + 1;
    }
    // Events and their index are written in one batch; a difference means damage.
    if (cf == events) {
      head = h;
    } else if (h != head) {
      return Status::corruption("event log ends at " + std::to_string(head) + " but its index at " +
                                std::to_string(h));
    }
  }
  Result<merkle::Frontier> loaded = merkle::Frontier::load(
      head, [this](unsigned level, std::uint64_t index) { return read_subtree(level, index); });
  if (!loaded) return loaded.status();
  frontier = std::move(loaded).value();
  next_position = head;
  notifier.publish(head);
  return Status::ok();
}

void RocksDbEventStore::Impl::shutdown() {
  {
    std::lock_guard<std::mutex> lock(queue_mu);
    closing = true;
  }
  queue_cv.notify_all();
  if (writer.joinable()) writer.join();
  if (db) {
    for (rocksdb::ColumnFamilyHandle* h : handles) db->DestroyColumnFamilyHandle(h);
    handles.clear();
    db->Close().PermitUncheckedError();
    db.reset();
  }
}

Result<std::unique_ptr<RocksDbEventStore>> RocksDbEventStore::open(const std::filesystem::path& dir,
                                                                   RocksDbStoreOptions options) {
  if (options.stream_categories.empty()) options.stream_categories = default_stream_categories();
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  if (Status s = impl->open(dir); !s.is_ok()) return s;
  MetricRegistry* metrics = impl->options.metrics;
  if (metrics != nullptr) {
    impl->writer_metrics.emplace(Impl::WriterMetrics{
        metrics->counter("thidua_appends_total", "Append requests written durably").get(),
        metrics->counter("thidua_appended_events_total", "Events written durably").get(),
        metrics
            ->histogram("thidua_group_commit_requests",
                        "Append requests per synced write (group commit)",
                        {1, 2, 4, 8, 16, 64, 256, 1024, 4096})
            .get(),
        metrics
            ->histogram("thidua_fsync_seconds", "Time of each synced write",
                        {0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1})
            .get()});
  }
  if (impl->options.read_only) {
    impl->set_sticky(Status::write_refused("the store is open read-only"));
  } else {
    impl->writer = std::thread([p = impl.get()] {
      pthread_setname_np(pthread_self(), "thidua-writer");
      p->writer_loop();
    });
  }
  std::unique_ptr<RocksDbEventStore> store(new RocksDbEventStore(std::move(impl)));
  store->collector_ = ScopedCollector(metrics, [s = store.get()](MetricWriter& w) {
    w.family("thidua_log_events", "Events in the log (its head)", MetricType::kGauge);
    w.sample("thidua_log_events", {}, static_cast<double>(s->head()));
    auto checkpoint = s->latest_checkpoint();
    w.family("thidua_checkpoint_tree_size", "Tree size of the newest signed checkpoint",
             MetricType::kGauge);
    w.sample(
        "thidua_checkpoint_tree_size", {},
        checkpoint.is_ok() && *checkpoint ? static_cast<double>((*checkpoint)->tree_size) : 0.0);
  });
  return store;
}

RocksDbEventStore::RocksDbEventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RocksDbEventStore::~RocksDbEventStore() = default;
void RocksDbEventStore::close() { impl_->shutdown(); }

// ---- the writer ----------------------------------------------------------------------------

void RocksDbEventStore::append_async(AppendRequest request, AppendCallback done) {
  Result<PreparedRequest> prepared =
      prepare_request(request, impl_->options.stream_categories, impl_->options.limits);
  if (!prepared) return done(prepared.status());
  if (Status s = impl_->sticky_status(); !s.is_ok()) return done(s);
  {
    std::lock_guard<std::mutex> lock(impl_->queue_mu);
    if (!impl_->closing) {
      impl_->queue.push_back(Pending{std::move(prepared).value(), std::move(done)});
      impl_->queue_cv.notify_one();
      return;
    }
  }
  done(Status::unavailable("the store is closing"));
}

std::deque<Pending> RocksDbEventStore::Impl::take_group() {
  std::unique_lock<std::mutex> lock(queue_mu);
  queue_cv.wait(lock, [&] { return closing || !queue.empty(); });
  std::deque<Pending> group;
  std::size_t bytes = 0;
  while (!queue.empty() && group.size() < options.max_group_requests &&
         (group.empty() || bytes + queue.front().request.total_bytes <= options.max_group_bytes)) {
    bytes += queue.front().request.total_bytes;
    group.push_back(std::move(queue.front()));
    queue.pop_front();
  }
  return group;
}

void RocksDbEventStore::Impl::writer_loop() {
  while (true) {
    std::deque<Pending> group = take_group();
    if (group.empty()) return;  // closing, and everything queued is answered
    commit_group(group);
  }
}

void RocksDbEventStore::Impl::commit_group(std::deque<Pending>& group) {
  std::vector<Outcome> outcomes(group.size());
  Status write_status = sticky_status();
  rocksdb::WriteBatch batch;
  AppendPlanner planner(next_position, lookups(), &frontier);
  for (std::size_t i = 0; i < group.size() && write_status.is_ok(); ++i) {
    Result<Plan> plan = planner.plan(group[i].request);
    if (!plan) {
      outcomes[i].error = plan.status();
      continue;
    }
    outcomes[i].replay = plan->replay_of;
    for (const RecordedEvent& e : plan->events) {
      batch.Put(events, position_key(e.position), e.bytes);
      batch.Put(index, position_key(e.position), encode_index_value(e));
      batch.Put(streams, stream_key(e.subject, e.stream_version), position_key(e.position));
      batch.Put(ids, e.id, position_key(e.position));
    }
    if (plan->idempotency) {
      batch.Put(keys, group[i].request.idempotency_key, plan->idempotency->encode());
    }
    for (const TreeNode& n : plan->tree_nodes) {
      batch.Put(tree, tree_key(n.level, n.index), digest_bytes(n.hash));
    }
    outcomes[i].events = std::move(plan->events);
  }
  if (write_status.is_ok() && batch.Count() > 0) {
    const auto started = std::chrono::steady_clock::now();
    write_status = write_group(batch);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    if (write_status.is_ok())
      record_write(group.size(), planner.next_position() - next_position, took.count());
  }
  if (write_status.is_ok() && planner.next_position() != next_position) {
    for (const Outcome& o : outcomes) {
      for (const RecordedEvent& e : o.events) head_cache[e.subject] = e.stream_version;
    }
    next_position = planner.next_position();
    notifier.publish(next_position);
  }
  for (std::size_t i = 0; i < group.size(); ++i) answer(group[i], outcomes[i], write_status);
}

Status RocksDbEventStore::Impl::write_group(rocksdb::WriteBatch& batch) {
  rocksdb::WriteOptions sync;
  sync.sync = true;
  rocksdb::Status s = db->Write(sync, &batch);
  if (s.ok()) return Status::ok();
  // The write may or may not have reached the disk: durability is in doubt, so refuse every
  // later write until the store is reopened and recovery tells what is there.
  Status failed = from_rocksdb(s, "write failed; the store refuses writes until it is reopened");
  set_sticky(failed);
  return failed;
}

void RocksDbEventStore::Impl::record_write(std::size_t requests, std::uint64_t events,
                                           double seconds) {
  if (!writer_metrics) return;
  writer_metrics->requests.add(static_cast<double>(requests));
  writer_metrics->events.add(static_cast<double>(events));
  writer_metrics->group_requests.observe(static_cast<double>(requests));
  writer_metrics->sync_seconds.observe(seconds);
}

void RocksDbEventStore::Impl::answer(Pending& p, Outcome& o, const Status& write_status) {
  if (!write_status.is_ok()) return p.done(write_status);
  if (!o.error.is_ok()) return p.done(o.error);
  if (o.replay) {
    Result<std::vector<RecordedEvent>> original =
        read_positions(o.replay->first_position, o.replay->count);
    if (!original) return p.done(original.status());
    return p.done(make_result(*original, true));
  }
  p.done(make_result(o.events, false));
}

void RocksDbEventStore::Impl::set_sticky(const Status& s) {
  std::lock_guard<std::mutex> lock(status_mu);
  if (sticky.is_ok()) sticky = Status::write_refused(s.message());
}

Status RocksDbEventStore::Impl::sticky_status() const {
  std::lock_guard<std::mutex> lock(status_mu);
  return sticky;
}

Lookups RocksDbEventStore::Impl::lookups() {
  if (head_cache.size() > kMaxCachedStreams) head_cache.clear();
  return {[this](const std::string& stream) -> Result<std::optional<std::uint64_t>> {
            auto it = head_cache.find(stream);
            if (it != head_cache.end()) return std::optional<std::uint64_t>(it->second);
            return durable_stream_head(stream, next_position);
          },
          [this](const std::string& id) -> Result<bool> {
            std::string value;
            rocksdb::Status s = db->Get(rocksdb::ReadOptions(), ids, id, &value);
            if (s.IsNotFound()) return false;
            if (!s.ok()) return from_rocksdb(s, "looking up event id");
            return true;
          },
          [this](const std::string& key) -> Result<std::optional<IdempotencyRecord>> {
            std::string value;
            rocksdb::Status s = db->Get(rocksdb::ReadOptions(), keys, key, &value);
            if (s.IsNotFound()) return std::optional<IdempotencyRecord>();
            if (!s.ok()) return from_rocksdb(s, "looking up idempotency key");
            std::optional<IdempotencyRecord> r = IdempotencyRecord::decode(value);
            if (!r) return Status::corruption("malformed idempotency record for '" + key + "'");
            return r;
          }};
}

// ---- reads ---------------------------------------------------------------------------------

Result<Digest> RocksDbEventStore::Impl::read_subtree(unsigned level, std::uint64_t index) const {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), tree, tree_key(level, index), &value);
  if (s.IsNotFound() || (s.ok() && value.size() != 32)) {
    return Status::corruption("tree node (" + std::to_string(level) + ", " + std::to_string(index) +
                              ") is " + (s.ok() ? "malformed" : "missing"));
  }
  if (!s.ok()) return from_rocksdb(s, "reading the tree");
  Digest d;
  std::copy(value.begin(), value.end(), d.begin());
  return d;
}

Result<std::optional<std::uint64_t>> RocksDbEventStore::Impl::durable_stream_head(
    const std::string& stream, std::uint64_t bound) const {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), streams));
  // Versions written after `bound` was read are not acknowledged yet: step back over them.
  for (it->SeekForPrev(stream_end_key(stream)); it->Valid(); it->Prev()) {
    std::optional<StreamKey> k = parse_stream_key(it->key().ToStringView());
    if (!k || k->stream != stream) break;
    std::optional<std::uint64_t> pos = decode_exact_fixed64_be(it->value().ToStringView());
    if (!pos) return Status::corruption("malformed stream index entry of '" + stream + "'");
    if (*pos < bound) return std::optional<std::uint64_t>(k->version);
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading stream " + stream);
  return std::optional<std::uint64_t>();
}

Result<RecordedEvent> RocksDbEventStore::Impl::read_position(std::uint64_t position) const {
  // Two point lookups in one call; cheaper than two iterators for a single event.
  const std::string key = position_key(position);
  std::vector<rocksdb::ColumnFamilyHandle*> families = {events, index};
  std::vector<rocksdb::Slice> keys = {key, key};
  std::vector<std::string> values;
  std::vector<rocksdb::Status> got = db->MultiGet(rocksdb::ReadOptions(), families, keys, &values);
  for (const rocksdb::Status& s : got) {
    if (s.IsNotFound()) {
      return Status::corruption("event or index entry missing at position " +
                                std::to_string(position));
    }
    if (!s.ok()) return from_rocksdb(s, "reading position " + std::to_string(position));
  }
  RecordedEvent e;
  e.position = position;
  if (!decode_index_value(values[1], e)) {
    return Status::corruption("malformed index entry at position " + std::to_string(position));
  }
  e.bytes = std::move(values[0]);
  return e;
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::Impl::read_positions(
    std::uint64_t first, std::uint64_t count) const {
  std::vector<RecordedEvent> out;
  out.reserve(count);
  std::unique_ptr<rocksdb::Iterator> ev(db->NewIterator(rocksdb::ReadOptions(), events));
  std::unique_ptr<rocksdb::Iterator> ix(db->NewIterator(rocksdb::ReadOptions(), index));
  ev->Seek(position_key(first));
  ix->Seek(position_key(first));
  for (std::uint64_t p = first; p < first + count; ++p, ev->Next(), ix->Next()) {
    std::string key = position_key(p);
    if (!ev->Valid() || ev->key() != key || !ix->Valid() || ix->key() != key) {
      if (!ev->status().ok()) return from_rocksdb(ev->status(), "reading events");
      if (!ix->status().ok()) return from_rocksdb(ix->status(), "reading the event index");
      return Status::corruption("event or index entry missing at position " + std::to_string(p));
    }
    RecordedEvent e;
    e.position = p;
    if (!decode_index_value(ix->value().ToStringView(), e)) {
      return Status::corruption("malformed index entry at position " + std::to_string(p));
    }
    e.bytes.assign(ev->value().data(), ev->value().size());
    out.push_back(std::move(e));
  }
  return out;
}

Result<ReadBatch> RocksDbEventStore::read_all(std::uint64_t from, std::size_t limit,
                                              const ReadFilter& filter,
                                              std::size_t max_scan) const {
  const std::uint64_t end = head();
  ReadBatch out;
  out.next_position = from;
  if (from >= end || limit == 0) return out;
  std::unique_ptr<rocksdb::Iterator> ix(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->index));
  std::unique_ptr<rocksdb::Iterator> ev(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->events));
  ix->Seek(position_key(from));
  std::uint64_t p = from;
  for (std::size_t scanned = 0; p < end && out.events.size() < limit && scanned < max_scan;
       ++p, ++scanned, ix->Next()) {
    if (!ix->Valid() || ix->key() != position_key(p)) {
      if (!ix->status().ok()) return from_rocksdb(ix->status(), "reading the event index");
      return Status::corruption("index entry missing at position " + std::to_string(p));
    }
    RecordedEvent e;
    e.position = p;
    if (!decode_index_value(ix->value().ToStringView(), e)) {
      return Status::corruption("malformed index entry at position " + std::to_string(p));
    }
    if (!filter.matches(e.type, e.subject)) continue;
    std::string key = position_key(p);
    // Step to the next match, seeking over long runs of filtered-out events.
    constexpr int kMaxSteps = 8;
    int steps = 0;
    while (ev->Valid() && ev->key().compare(key) < 0 && steps++ < kMaxSteps) ev->Next();
    if (!ev->Valid() || ev->key().compare(key) != 0) ev->Seek(key);
    if (!ev->Valid() || ev->key() != key) {
      if (!ev->status().ok()) return from_rocksdb(ev->status(), "reading events");
      return Status::corruption("event missing at position " + std::to_string(p));
    }
    e.bytes.assign(ev->value().data(), ev->value().size());
    out.events.push_back(std::move(e));
  }
  out.next_position = p;
  return out;
}

Result<std::vector<std::uint64_t>> RocksDbEventStore::stream_positions(const std::string& stream,
                                                                       std::uint64_t from_version,
                                                                       std::size_t limit) const {
  const std::uint64_t end = head();
  std::vector<std::uint64_t> out;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->streams));
  for (it->Seek(stream_key(stream, from_version)); it->Valid() && out.size() < limit; it->Next()) {
    std::optional<StreamKey> k = parse_stream_key(it->key().ToStringView());
    if (!k || k->stream != stream) break;
    std::optional<std::uint64_t> pos = decode_exact_fixed64_be(it->value().ToStringView());
    if (!pos) return Status::corruption("malformed stream index entry of '" + stream + "'");
    if (*pos >= end) break;  // not acknowledged yet
    out.push_back(*pos);
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading stream " + stream);
  return out;
}

Result<std::vector<RecordedEvent>> RocksDbEventStore::read_stream(const std::string& stream,
                                                                  std::uint64_t from_version,
                                                                  std::size_t limit) const {
  Result<std::vector<std::uint64_t>> positions = stream_positions(stream, from_version, limit);
  if (!positions) return positions.status();
  std::vector<RecordedEvent> out;
  out.reserve(positions->size());
  for (std::uint64_t p : *positions) {
    Result<RecordedEvent> e = impl_->read_position(p);
    if (!e) return e.status();
    out.push_back(std::move(e).value());
  }
  return out;
}

Result<std::uint64_t> RocksDbEventStore::position_of(const std::string& id) const {
  std::string value;
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), impl_->ids, id, &value);
  if (s.IsNotFound()) return Status::not_found("no event with id " + id);
  if (!s.ok()) return from_rocksdb(s, "looking up event id");
  std::optional<std::uint64_t> pos = decode_exact_fixed64_be(value);
  if (!pos) return Status::corruption("malformed id index entry for " + id);
  if (*pos >= head()) return Status::not_found("no event with id " + id);
  return *pos;
}

Result<std::vector<std::pair<std::string, std::uint64_t>>> RocksDbEventStore::id_index(
    const std::string& after, std::size_t limit) const {
  const std::uint64_t end = head();
  std::vector<std::pair<std::string, std::uint64_t>> out;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->ids));
  for (it->Seek(after); it->Valid() && out.size() < limit; it->Next()) {
    if (it->key() == after) continue;
    std::optional<std::uint64_t> pos = decode_exact_fixed64_be(it->value().ToStringView());
    if (!pos) return Status::corruption("malformed id index entry for " + it->key().ToString());
    if (*pos < end) out.emplace_back(it->key().ToString(), *pos);
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the id index");
  return out;
}

Result<RecordedEvent> RocksDbEventStore::read_event(const std::string& id) const {
  Result<std::uint64_t> pos = position_of(id);
  if (!pos) return pos.status();
  return impl_->read_position(*pos);
}

Result<std::optional<IdempotencyEntry>> RocksDbEventStore::idempotency_entry(
    const std::string& key) const {
  const std::uint64_t head = this->head();
  std::string value;
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), impl_->keys, key, &value);
  if (s.IsNotFound()) return std::optional<IdempotencyEntry>();
  if (!s.ok()) return from_rocksdb(s, "looking up idempotency key");
  std::optional<IdempotencyRecord> r = IdempotencyRecord::decode(value);
  if (!r) return Status::corruption("malformed idempotency record for '" + key + "'");
  // Written with its events but not acknowledged yet: not there for readers.
  if (r->first_position + r->count > head) return std::optional<IdempotencyEntry>();
  return std::optional<IdempotencyEntry>(
      IdempotencyEntry{r->request_hash, r->first_position, r->count});
}

std::uint64_t RocksDbEventStore::head() const { return impl_->notifier.head(); }

Result<std::optional<std::uint64_t>> RocksDbEventStore::stream_head(
    const std::string& stream) const {
  return impl_->durable_stream_head(stream, head());
}

bool RocksDbEventStore::wait_beyond(std::uint64_t position,
                                    std::chrono::milliseconds timeout) const {
  return impl_->notifier.wait_beyond(position, timeout);
}

std::uint64_t RocksDbEventStore::add_commit_listener(CommitListener listener) {
  return impl_->notifier.add_listener(std::move(listener));
}

void RocksDbEventStore::remove_commit_listener(std::uint64_t id) {
  impl_->notifier.remove_listener(id);
}

Status RocksDbEventStore::write_status() const { return impl_->sticky_status(); }

}  // namespace thidua

namespace thidua {

Result<Digest> RocksDbEventStore::subtree_hash(unsigned level, std::uint64_t index) const {
  if (Status s = check_subtree_bound(level, index, head()); !s.is_ok()) return s;
  return impl_->read_subtree(level, index);
}

Result<std::vector<Digest>> RocksDbEventStore::subtree_hashes(unsigned level, std::uint64_t first,
                                                              std::size_t count) const {
  std::vector<Digest> out;
  if (count == 0) return out;
  if (Status s = check_subtree_bound(level, first + count - 1, head()); !s.is_ok()) return s;
  out.reserve(count);
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->tree));
  it->Seek(tree_key(level, first));
  for (std::uint64_t i = first; i < first + count; ++i, it->Next()) {
    if (!it->Valid() || it->key() != tree_key(level, i) || it->value().size() != 32) {
      if (!it->status().ok()) return from_rocksdb(it->status(), "reading the tree");
      return Status::corruption("tree node (" + std::to_string(level) + ", " + std::to_string(i) +
                                ") is missing or malformed");
    }
    Digest d;
    std::memcpy(d.data(), it->value().data(), 32);
    out.push_back(d);
  }
  return out;
}

Status RocksDbEventStore::put_checkpoint(std::uint64_t tree_size, std::string note) {
  if (Status s = check_checkpoint(tree_size, note, head()); !s.is_ok()) return s;
  if (Status s = impl_->sticky_status(); !s.is_ok()) return s;
  std::lock_guard<std::mutex> lock(impl_->checkpoint_mu);
  std::string existing;
  std::string key = position_key(tree_size);
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), impl_->checkpoints, key, &existing);
  if (s.ok()) {
    if (existing == note) return Status::ok();
    return Status::conflict("another checkpoint is stored for size " + std::to_string(tree_size));
  }
  if (!s.IsNotFound()) return from_rocksdb(s, "reading checkpoints");
  rocksdb::WriteOptions sync;
  sync.sync = true;
  s = impl_->db->Put(sync, impl_->checkpoints, key, note);
  if (s.ok()) return Status::ok();
  Status failed =
      from_rocksdb(s, "checkpoint write failed; the store refuses writes until it is reopened");
  impl_->set_sticky(failed);
  return failed;
}

Result<std::vector<StoredCheckpoint>> RocksDbEventStore::checkpoints(std::uint64_t from_size,
                                                                     std::size_t limit) const {
  std::vector<StoredCheckpoint> out;
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->checkpoints));
  for (it->Seek(position_key(from_size)); it->Valid() && out.size() < limit; it->Next()) {
    std::optional<std::uint64_t> size = decode_exact_fixed64_be(it->key().ToStringView());
    if (!size) return Status::corruption("malformed checkpoint key");
    out.push_back({*size, it->value().ToString()});
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading checkpoints");
  return out;
}

Result<std::optional<StoredCheckpoint>> RocksDbEventStore::latest_checkpoint() const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->checkpoints));
  it->SeekToLast();
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading checkpoints");
  if (!it->Valid()) return std::optional<StoredCheckpoint>();
  std::optional<std::uint64_t> size = decode_exact_fixed64_be(it->key().ToStringView());
  if (!size) return Status::corruption("malformed checkpoint key");
  return std::optional<StoredCheckpoint>(StoredCheckpoint{*size, it->value().ToString()});
}

}  // namespace thidua
