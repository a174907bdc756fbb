#include "thidua/http/router.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"

namespace thidua::http {
namespace {

// Ranks of segment kinds; a lower rank is more specific.
enum class SegmentKind { kLiteral = 0, kParam = 1, kRest = 2 };

struct Segment {
  SegmentKind kind = SegmentKind::kLiteral;
  std::string text;  // the literal, or the parameter's name
};

[[noreturn]] void bad_route(std::string_view pattern, std::string_view why) {
  std::fprintf(stderr, "fatal: route '%.*s': %.*s\n", static_cast<int>(pattern.size()),
               pattern.data(), static_cast<int>(why.size()), why.data());
  std::abort();
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    std::size_t slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return parts;
    path.remove_prefix(slash + 1);
  }
}

Segment parse_segment(std::string_view pattern, std::string_view text) {
  if (text.empty()) bad_route(pattern, "empty segment");
  if (text.front() != '{') return {SegmentKind::kLiteral, std::string(text)};
  if (text.back() != '}' || text.size() < 3) bad_route(pattern, "unclosed parameter");
  std::string_view name = text.substr(1, text.size() - 2);
  if (name.size() > 3 && name.substr(name.size() - 3) == "...") {
    return {SegmentKind::kRest, std::string(name.substr(0, name.size() - 3))};
  }
  return {SegmentKind::kParam, std::string(name)};
}

std::string join_segments(const std::vector<std::string>& parts, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (i > from) out += '/';
    out += parts[i];
  }
  return out;
}

std::string allow_header(std::vector<Verb> methods) {
  if (std::find(methods.begin(), methods.end(), Verb::get) != methods.end()) {
    methods.push_back(Verb::head);
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string out;
  for (Verb m : methods) {
    if (!out.empty()) out += ", ";
    out += beast_http::to_string(m);
  }
  return out;
}

// The percent-decoded segments of `path`.
Result<std::vector<std::string>> decode_path(std::string_view path) {
  if (path.empty() || path.front() != '/') {
    return Status::invalid_argument("the target must be an absolute path");
  }
  std::vector<std::string> parts;
  for (std::string_view raw : split_path(path)) {
    Result<std::string> part = percent_decode(raw, false);
    if (!part) return Status::invalid_argument("the path is not valid percent-encoding");
    parts.push_back(std::move(*part));
  }
  return parts;
}

Response method_not_allowed(const Request& request, std::vector<Verb> allowed) {
  Problem problem = http_problem(HttpStatus::method_not_allowed, "method-not-allowed",
                                 std::string(request.method_string()) + " is not allowed here");
  std::string allow = allow_header(std::move(allowed));
  problem.extensions["allow"] = allow;
  Response response = problem_response(problem);
  response.set(Field::allow, allow);
  return response;
}

}  // namespace

struct Router::Route {
  Verb method = Verb::get;
  std::string pattern;
  std::vector<Segment> segments;
  StreamingHandler handler;

  // The captured parameters when `parts` matches, with the route's specificity ranks.
  std::optional<std::pair<PathParams, std::vector<int>>> match(
      const std::vector<std::string>& parts) const;
};

struct Router::Match {
  const Route* route = nullptr;
  PathParams params;
  std::vector<int> ranks;
};

std::optional<std::pair<PathParams, std::vector<int>>> Router::Route::match(
    const std::vector<std::string>& parts) const {
  PathParams params;
  std::vector<int> ranks;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    ranks.push_back(static_cast<int>(s.kind));
    if (s.kind == SegmentKind::kRest) {
      if (i >= parts.size()) return std::nullopt;
      params.emplace(s.text, join_segments(parts, i));
      return std::make_pair(std::move(params), std::move(ranks));
    }
    if (i >= parts.size()) return std::nullopt;
    if (s.kind == SegmentKind::kLiteral && s.text != parts[i]) return std::nullopt;
    if (s.kind == SegmentKind::kParam) params.emplace(s.text, parts[i]);
  }
  if (parts.size() != segments.size()) return std::nullopt;
  return std::make_pair(std::move(params), std::move(ranks));
}

Router::Router() = default;
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::add(Verb method, std::string_view pattern, Handler handler) {
  // The wrapper keeps `handler` alive in the route for the router's lifetime, as the contract
  // for coroutine lambdas with captures requires.
  add_streaming(
      method, pattern,
      [handler = std::move(handler)](const Request& request,
                                     const PathParams& params) -> boost::asio::awaitable<Reply> {
        // Not `co_return Reply{co_await ...}`: GCC 12 miscompiles a co_await inside a braced
        // initializer (the temporary is destroyed twice).
        Response response = co_await handler(request, params);
        co_return Reply{std::move(response), {}};
      });
}

void Router::add_streaming(Verb method, std::string_view pattern, StreamingHandler handler) {
  if (pattern.empty() || pattern.front() != '/') bad_route(pattern, "must start with '/'");
  Route route{method, std::string(pattern), {}, std::move(handler)};
  for (std::string_view text : split_path(pattern)) {
    if (!route.segments.empty() && route.segments.back().kind == SegmentKind::kRest) {
      bad_route(pattern, "a rest parameter must be last");
    }
    route.segments.push_back(parse_segment(pattern, text));
  }
  for (const Route& r : routes_) {
    if (r.method == method && r.pattern == route.pattern) bad_route(pattern, "routed twice");
  }
  routes_.push_back(std::move(route));
}

std::optional<Router::Match> Router::find(const std::vector<std::string>& parts, Verb method,
                                          std::vector<Verb>& allowed) const {
  std::optional<Match> best;
  for (const Route& route : routes_) {
    auto m = route.match(parts);
    if (!m) continue;
    allowed.push_back(route.method);
    if (route.method != method) continue;
    if (!best || m->second < best->ranks) best = Match{&route, std::move(m->first), m->second};
  }
  return best;
}

boost::asio::awaitable<Routed> Router::route(const Request& request) const {
  std::string_view path = split_target(request.target()).path;
  Result<std::vector<std::string>> parts = decode_path(path);
  if (!parts) {
    co_return Routed{kUnmatchedRoute,
                     {problem_response(http_problem(HttpStatus::bad_request, "bad-target",
                                                    parts.status().message())),
                      {}}};
  }
  Verb wanted = request.method() == Verb::head ? Verb::get : request.method();
  std::vector<Verb> allowed;
  std::optional<Match> best = find(*parts, wanted, allowed);
  if (best) {
    Reply reply = co_await best->route->handler(request, best->params);
    co_return Routed{best->route->pattern, std::move(reply)};
  }
  if (allowed.empty()) {
    co_return Routed{
        kUnmatchedRoute,
        {status_response(Status::not_found("no resource at " + std::string(path))), {}}};
  }
  co_return Routed{kUnmatchedRoute, {method_not_allowed(request, std::move(allowed)), {}}};
}

boost::asio::awaitable<Response> Router::dispatch(const Request& request) const {
  Routed routed = co_await route(request);
  co_return std::move(routed.reply.response);
}

}  // namespace thidua::http
