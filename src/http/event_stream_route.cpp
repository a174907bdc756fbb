#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include "feed_query.hpp"
#include "thidua/http/authorization.hpp"
#include "thidua/http/feed_routes.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"

namespace thidua::http {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using Timer = asio::steady_timer;

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
// Positions examined per store read when a filter skips events, so that one step of a stream
// never holds a server thread for long.
constexpr std::size_t kMaxScanPerStep = 16384;
constexpr std::string_view kLastEventId = "Last-Event-ID";

// Wakes the event streams that wait for the log to grow. One commit listener serves them all;
// it only posts a cancel to each waiting stream's timer on that stream's strand, so it never
// blocks the store's thread. A stream arms its timer before it looks at the head and waits,
// and disarms it after: a commit between the look and the wait still cancels the wait, since
// the posted cancel runs on the strand only once the stream is suspended in it. Timers are
// posted to under the mutex and disarmed under it, so none is posted to once its stream (and
// so possibly the server's io_context) is gone.
class CommitWaker {
 public:
  // Registered last, once the members the listener uses exist.
  explicit CommitWaker(EventStore& store) : store_(store) {
    listener_ = store_.add_commit_listener([this](std::uint64_t) { wake(); });
  }
  ~CommitWaker() { store_.remove_commit_listener(listener_); }
  CommitWaker(const CommitWaker&) = delete;
  CommitWaker& operator=(const CommitWaker&) = delete;

  void arm(const std::shared_ptr<Timer>& timer) {
    std::lock_guard lock(mu_);
    armed_.push_back(timer);
  }

  void disarm(const std::shared_ptr<Timer>& timer) {
    std::lock_guard lock(mu_);
    std::erase(armed_, timer);
  }

 private:
  void wake() {
    std::lock_guard lock(mu_);
    for (std::shared_ptr<Timer>& timer : armed_) {
      asio::post(timer->get_executor(), [timer] { timer->cancel(); });
    }
    armed_.clear();
  }

  EventStore& store_;
  std::uint64_t listener_ = 0;
  std::mutex mu_;
  std::vector<std::shared_ptr<Timer>> armed_;  // guarded by mu_
};

// What every stream of one route shares.
struct FeedShared {
  FeedShared(EventStore& s, const Authenticator& a, FeedOptions o)
      : store(s), authenticator(a), options(std::move(o)), waker(s) {
    if (options.metrics) {
      clients = &options.metrics->gauge("thidua_sse_clients", "Open event streams.").get();
    }
  }

  EventStore& store;
  const Authenticator& authenticator;
  const FeedOptions options;
  CommitWaker waker;
  std::atomic<std::size_t> open{0};
  Gauge* clients = nullptr;
};

// One of the max_streams places, held from the handler's answer until the stream ends.
class StreamSlot {
 public:
  static std::optional<StreamSlot> acquire(const std::shared_ptr<FeedShared>& shared) {
    if (shared->open.fetch_add(1) >= shared->options.max_streams) {
      shared->open.fetch_sub(1);
      return std::nullopt;
    }
    if (shared->clients) shared->clients->add(1);
    return StreamSlot(shared);
  }
  StreamSlot(StreamSlot&& other) noexcept : shared_(std::move(other.shared_)) {}
  StreamSlot& operator=(StreamSlot&&) = delete;
  ~StreamSlot() {
    if (!shared_) return;
    if (shared_->clients) shared_->clients->add(-1);
    shared_->open.fetch_sub(1);
  }

 private:
  explicit StreamSlot(std::shared_ptr<FeedShared> shared) : shared_(std::move(shared)) {}
  std::shared_ptr<FeedShared> shared_;
};

// Keeps the waker from holding a timer whose stream is gone, however the stream ends.
struct Disarm {
  CommitWaker& waker;
  std::shared_ptr<Timer> timer;
  ~Disarm() { waker.disarm(timer); }
};

// One client's stream: a cursor over the log, advanced page by page, and the bookkeeping of
// heartbeats and checkpoints. Used on the connection's strand only.
class EventFeed {
 public:
  EventFeed(std::shared_ptr<FeedShared> shared, StreamSlot slot, std::uint64_t from,
            ReadFilter filter, bool whole)
      : shared_(std::move(shared)),
        slot_(std::move(slot)),
        cursor_(from),
        filter_(std::move(filter)),
        sight_(internal::restrict_feed(filter_, whole)) {}

  asio::awaitable<void> run(BodyWriter& writer);

 private:
  const FeedOptions& options() const { return shared_->options; }
  bool checkpoint_due() const {
    return events_since_checkpoint_ &&
           Clock::now() - last_checkpoint_ >= options().checkpoint_every;
  }
  asio::awaitable<bool> send(BodyWriter& writer, std::string_view text);
  asio::awaitable<bool> send_page(BodyWriter& writer);
  asio::awaitable<bool> send_checkpoint(BodyWriter& writer);
  asio::awaitable<void> wait_for_commit();

  std::shared_ptr<FeedShared> shared_;
  StreamSlot slot_;
  std::uint64_t cursor_;
  ReadFilter filter_;
  internal::Sight sight_;  // how personal data is shown to this client
  std::shared_ptr<Timer> timer_;
  Clock::time_point last_write_;
  Clock::time_point last_checkpoint_;
  bool events_since_checkpoint_ = false;
};

// Each round does one thing (a page, a checkpoint, a heartbeat or a wait) and looks again, so
// a stop or a new event is noticed between any two of them.
asio::awaitable<void> EventFeed::run(BodyWriter& writer) {
  auto executor = co_await asio::this_coro::executor;
  timer_ = std::make_shared<Timer>(executor);
  Disarm disarm{shared_->waker, timer_};
  writer.on_stop([timer = timer_] { timer->cancel(); });
  last_write_ = Clock::now();
  bool caught_up = false;
  while (!writer.stopping()) {
    bool ok = true;
    if (cursor_ < shared_->store.head()) {
      ok = co_await send_page(writer);
    } else if (!caught_up || checkpoint_due()) {
      caught_up = true;
      ok = co_await send_checkpoint(writer);
    } else if (Clock::now() - last_write_ >= options().heartbeat) {
      ok = co_await send(writer, ": heartbeat\n\n");
    } else {
      co_await wait_for_commit();
    }
    if (!ok) co_return;
  }
}

asio::awaitable<bool> EventFeed::send(BodyWriter& writer, std::string_view text) {
  bool written = co_await writer.write(text);
  if (!written) co_return false;
  last_write_ = Clock::now();
  co_return true;
}

// The stored bytes are canonical JSON: one line, so one "data:" field carries them exactly. A
// personal event this client may not see is withheld in place, or left out of a filtered read
// (internal::restrict_feed).
asio::awaitable<bool> EventFeed::send_page(BodyWriter& writer) {
  Result<ReadBatch> batch =
      shared_->store.read_all(cursor_, options().page_size, filter_, kMaxScanPerStep);
  if (!batch || batch->next_position <= cursor_) co_return false;
  cursor_ = batch->next_position;
  if (batch->events.empty()) co_return true;
  std::string text;
  for (const RecordedEvent& e : batch->events) {
    text += "id: " + std::to_string(e.position) + "\ndata: ";
    text += internal::feed_line(e, sight_);
    text += "\n\n";
  }
  bool sent = co_await send(writer, text);
  if (!sent) co_return false;
  events_since_checkpoint_ = true;
  if (!checkpoint_due()) co_return true;
  sent = co_await send_checkpoint(writer);
  co_return sent;
}

asio::awaitable<bool> EventFeed::send_checkpoint(BodyWriter& writer) {
  Result<std::optional<StoredCheckpoint>> latest = shared_->store.latest_checkpoint();
  if (!latest) co_return false;
  events_since_checkpoint_ = false;
  last_checkpoint_ = Clock::now();
  if (!*latest) co_return true;
  nlohmann::json data = {{"tree_size", (*latest)->tree_size}, {"note", (*latest)->note}};
  std::string text = "event: checkpoint\ndata: " +
                     data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
  bool sent = co_await send(writer, text);
  co_return sent;
}

// Until the log grows, a heartbeat or checkpoint falls due, or the server stops.
asio::awaitable<void> EventFeed::wait_for_commit() {
  Clock::time_point deadline = last_write_ + options().heartbeat;
  if (events_since_checkpoint_) {
    deadline = std::min(deadline, last_checkpoint_ + options().checkpoint_every);
  }
  shared_->waker.arm(timer_);
  if (shared_->store.head() <= cursor_) {
    timer_->expires_at(deadline);
    co_await timer_->async_wait(kAwait);
  }
  shared_->waker.disarm(timer_);
}

// The position to start from: after Last-Event-ID when the client sends one, else `from`.
Result<std::uint64_t> start_position(const Request& request, std::uint64_t from) {
  std::size_t count = request.count(kLastEventId);
  if (count == 0) return from;
  std::string_view value = request[kLastEventId];
  if (count > 1) return Status::invalid_argument("header 'Last-Event-ID': given more than once");
  if (value.empty()) return from;
  Result<std::uint64_t> last = parse_count(kLastEventId, value);
  if (!last) {
    return Status::invalid_argument(
        "header 'Last-Event-ID': must be the position of an event (decimal digits)");
  }
  return *last == UINT64_MAX ? *last : *last + 1;
}

Response too_many_streams(std::size_t max) {
  Response response = problem_response(
      http_problem(HttpStatus::service_unavailable, "too-many-streams",
                   "this server already serves " + std::to_string(max) + " event streams"));
  response.set(Field::retry_after, "5");
  return response;
}

Reply stream_events(const std::shared_ptr<FeedShared>& shared, const Request& request) {
  auto caller = authorize(shared->authenticator, request);
  if (auto* refusal = std::get_if<Response>(&caller)) return Reply{std::move(*refusal), {}};
  Result<internal::FeedQuery> q =
      internal::parse_feed_query(split_target(request.target()).query, false);
  if (!q) return Reply{status_response(q.status()), {}};
  Result<std::uint64_t> from = start_position(request, q->from);
  if (!from) return Reply{status_response(from.status()), {}};
  std::optional<StreamSlot> slot = StreamSlot::acquire(shared);
  if (!slot) return Reply{too_many_streams(shared->options.max_streams), {}};
  Response head = make_response(HttpStatus::ok, kEventStream, {});
  head.set(Field::cache_control, "no-store");
  head.set("X-Accel-Buffering", "no");  // tells nginx-like proxies not to hold messages back
  const bool whole = app::sees_personal_data(std::get<Principal>(caller));
  auto feed =
      std::make_shared<EventFeed>(shared, std::move(*slot), *from, std::move(q->filter), whole);
  return Reply{std::move(head), [feed](BodyWriter& writer) { return feed->run(writer); }};
}

[[noreturn]] void bad_options(std::string_view why) {
  std::fprintf(stderr, "fatal: event stream route: %.*s\n", static_cast<int>(why.size()),
               why.data());
  std::abort();
}

}  // namespace

void add_event_stream_route(Router& router, EventStore& store, const Authenticator& authenticator,
                            FeedOptions options) {
  if (options.heartbeat.count() <= 0 || options.checkpoint_every.count() <= 0) {
    bad_options("heartbeat and checkpoint_every must be positive");
  }
  if (options.page_size == 0 || options.max_streams == 0) {
    bad_options("page_size and max_streams must be at least 1");
  }
  auto shared = std::make_shared<FeedShared>(store, authenticator, std::move(options));
  router.add_streaming(
      Verb::get, "/v1/events/stream",
      [shared](const Request& request, const PathParams&) -> boost::asio::awaitable<Reply> {
        co_return stream_events(shared, request);
      });
}

void add_feed_routes(Router& router, EventStore& store, const Authenticator& authenticator,
                     FeedOptions options) {
  std::vector<std::string> categories = options.stream_categories;
  add_events_route(router, store, &authenticator);
  add_event_stream_route(router, store, authenticator, std::move(options));
  add_streams_route(router, store, authenticator, std::move(categories));
}

}  // namespace thidua::http
