// Router: which handler answers a request, by method and path.
//
// Routes are patterns of '/'-separated segments: a literal ("events"), a parameter ("{id}",
// one segment) or, as the last segment only, a rest parameter ("{subject...}", one or more
// segments joined by '/'). Segments are percent-decoded before they are compared or captured.
// When several routes match, the most specific wins, segment by segment: literal over
// parameter over rest. A path that matches no route is 404; a path that matches only routes of
// other methods is 405 with an Allow header. HEAD is answered by the GET handler (the session
// drops the body). All answers for routing failures are problem+json.
//
// A route answers with a whole Response (add) or with a Reply whose body may be streamed
// (add_streaming, see message.hpp). route() tells the session which pattern matched, so that
// logs and metrics name the route ("/v1/clusters/{id}/years/{year}/ranking"), never the raw
// path, and their cardinality stays bounded.
//
// Thread-safety: build the router on one thread with add() and add_streaming(); after that,
// route() and dispatch() may be called concurrently (the server does so from every
// connection).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "thidua/http/message.hpp"

namespace thidua::http {

// The captured path parameters of a matched route, by name, percent-decoded.
using PathParams = std::map<std::string, std::string, std::less<>>;

// A handler returns the response for one request. It runs on the connection's strand and may
// co_await asynchronous work; it must not block for long, since it shares the server's
// threads. An exception escaping a handler becomes a 500 problem. The router keeps each handler
// for its own lifetime, so a coroutine lambda may use its captures.
using Handler = std::function<boost::asio::awaitable<Response>(const Request&, const PathParams&)>;

// A handler whose answer may stream its body (message.hpp); otherwise as Handler.
using StreamingHandler =
    std::function<boost::asio::awaitable<Reply>(const Request&, const PathParams&)>;

// The pattern route() names when no route matched (404, 405, or a target that is no path).
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// The answer to one request and the pattern of the route that gave it.
struct Routed {
  std::string_view route;  // the matched pattern, owned by the router; or kUnmatchedRoute
  Reply reply;
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Adds a route. REQUIRES: `pattern` starts with '/', has no empty segment, puts a rest
  // parameter only last, and is not already routed for `method`; the process stops with a
  // message otherwise, as that is a programming error.
  void add(Verb method, std::string_view pattern, Handler handler);
  // The same for a handler that may stream its body.
  void add_streaming(Verb method, std::string_view pattern, StreamingHandler handler);

  // The reply to `request`: the matched handler's, or a 400 (target not an absolute path,
  // bad percent-encoding), 404 or 405 problem; with the matched route's pattern.
  boost::asio::awaitable<Routed> route(const Request& request) const;

  // route()'s response alone. A streaming route's body stream is dropped unrun, so this is
  // for routes that answer with whole responses.
  boost::asio::awaitable<Response> dispatch(const Request& request) const;

 private:
  struct Route;
  struct Match;

  // The most specific route for `parts` and `method`, if any; `allowed` collects the methods
  // of every route whose pattern matches.
  std::optional<Match> find(const std::vector<std::string>& parts, Verb method,
                            std::vector<Verb>& allowed) const;

  std::vector<Route> routes_;
};

}  // namespace thidua::http
