// The decisions list and the eligibility query.
#include <string>
#include <vector>

#include "query_support.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/domain/dependencies.hpp"
#include "thidua/http/problem.hpp"
#include "thidua/http/query.hpp"
#include "thidua/projections/as_of.hpp"

namespace thidua::http::query_internal {

namespace {

constexpr std::string_view kIndex = "decision-index/";
constexpr std::uint64_t kDefaultLimit = 100, kMaxLimit = 1000, kMaxScan = 20000;

struct DecisionFilter {
  std::string prefix;  // the longest key prefix the filter fixes
  std::string award, issuer;
};

// The filter of the decisions list. The index sorts by year, award, issuer, id, so a year
// (and an award after it) narrows the scan; other filters are checked per entry.
Result<DecisionFilter> decision_filter(const Params& params) {
  DecisionFilter f{std::string(kIndex), "", ""};
  if (auto it = params.find("award"); it != params.end()) {
    if (!domain::parse_enum<domain::Award>(it->second)) {
      return bad_parameter("award", "is not an award code (LDTT, CSTDCS, ..., BK_TTG)");
    }
    f.award = it->second;
  }
  if (auto it = params.find("issuer"); it != params.end()) {
    if (!domain::valid_id(it->second)) return bad_parameter("issuer", "is not an id");
    f.issuer = it->second;
  }
  if (auto it = params.find("year"); it != params.end()) {
    Result<int> year = parse_year("year", it->second);
    if (!year) return year.status();
    f.prefix += it->second + "/";
    if (!f.award.empty()) f.prefix += f.award + "/";
    if (!f.award.empty() && !f.issuer.empty()) f.prefix += f.issuer + "/";
  }
  return f;
}

bool matches(const DecisionFilter& f, std::string_view key) {
  // decision-index/<year>/<award>/<issuer>/<id>
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t slash = key.find('/', start);
    parts.push_back(key.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts.size() == 5 && (f.award.empty() || parts[2] == f.award) &&
         (f.issuer.empty() || parts[3] == f.issuer);
}

Result<std::uint64_t> parse_limit(const Params& params) {
  auto it = params.find("limit");
  if (it == params.end()) return kDefaultLimit;
  Result<std::uint64_t> n = parse_count("limit", it->second);
  if (!n) return n.status();
  if (*n == 0 || *n > kMaxLimit) return bad_parameter("limit", "must be from 1 to 1000");
  return *n;
}

std::string next_link(const Request& request, const std::string& cursor) {
  std::string target(split_target(request.target()).path);
  std::string query;
  Result<std::vector<QueryParam>> params = parse_query(split_target(request.target()).query);
  for (const QueryParam& p : *params) {
    if (p.name != "after") query += p.name + "=" + percent_encode(p.value) + "&";
  }
  return "<" + target + "?" + query + "after=" + percent_encode(cursor) + ">; rel=\"next\"";
}

}  // namespace

boost::asio::awaitable<Response> decisions(const QueryContext& c, const Request& request) {
  Result<Params> params = parse_params(request, {"year", "award", "issuer", "limit", "after"});
  if (!params) co_return status_response(params.status());
  Result<DecisionFilter> filter = decision_filter(*params);
  if (!filter) co_return status_response(filter.status());
  Result<std::uint64_t> limit = parse_limit(*params);
  if (!limit) co_return status_response(limit.status());
  std::string after = params->contains("after") ? params->at("after") : "";
  if (!after.empty() && !after.starts_with(filter->prefix)) {
    co_return status_response(bad_parameter("after", "is not a cursor of this list"));
  }
  Result<Moment> moment = parse_moment(c, request, *params);
  if (!moment) co_return status_response(moment.status());
  if (auto late = co_await await_applied(c, moment->need)) co_return std::move(*late);
  if (moment->as_of && !c.projector->ready()) {
    Response busy = status_response(Status::unavailable("the state is loading; try again"));
    busy.set(Field::retry_after, "1");
    co_return busy;
  }
  // The list as of one position: the one asked for, or the one the projections had reached at
  // the first page. Later entries (decisions issued after it) are passed over whichever page
  // they are read in, and a decision revoked since is shown as it stood then. Only entries that
  // existed at that position count toward the limit and the scan, and only they move the
  // cursor, so that the page is the one it was. A page has a next one when an entry follows it
  // (or the scan stopped at kMaxScan entries).
  std::optional<std::uint64_t> bound;
  if (moment->as_of) bound = *moment->as_of + 1;
  codec::OrderedJson list = codec::OrderedJson::array();
  std::uint64_t examined = 0;
  std::string scan = after;  // where the next page of the index starts
  bool more = true, has_next = false;
  while (more && !has_next) {
    auto page = c.projector->documents(filter->prefix, scan, 500);
    if (!page) co_return status_response(page.status());
    if (!bound) bound = page->first;
    more = page->second.size() == 500;
    for (auto& [key, value] : page->second) {
      scan = key;
      codec::OrderedJson entry = codec::OrderedJson::parse(value);
      if (entry["position"].get<std::uint64_t>() >= *bound) continue;
      if (list.size() == *limit || examined == kMaxScan) {
        has_next = true;  // something follows: the page ends where it stopped
        break;
      }
      ++examined;
      after = key;
      if (!matches(*filter, key)) continue;
      if (moment->as_of && entry["status"] != "active") {
        const std::string& name = key;  // clang 14 cannot capture a structured binding
        auto then = projections::render_as_of(
            *c.store,
            [&] {
              return c.projector->read([&](const domain::State& now, std::uint64_t) {
                return projections::document_streams(now, name);
              });
            },
            name, *moment->as_of, c.answers.get(), &c.projector->document_store());
        if (!then) co_return status_response(then.status());
        if (!*then) continue;
        entry = codec::OrderedJson::parse(**then);
      }
      list.push_back(std::move(entry));
    }
    if (page->second.empty()) more = false;
  }
  std::uint64_t applied = bound.value_or(0);
  if (applied == 0) applied = c.projector->applied();
  if (applied == 0) co_return status_response(Status::not_found("no event has been recorded yet"));
  codec::OrderedJson body = {{"decisions", std::move(list)},
                             {"next", has_next ? codec::OrderedJson(after) : nullptr}};
  Response response = answer(request, applied, body.dump());
  if (has_next && response.result() == HttpStatus::ok) {
    response.set(Field::link, next_link(request, after));
  }
  co_return response;
}

namespace {

struct EligibilityParams {
  domain::EligibilityQuestion question;
  domain::Date date;
};

Result<EligibilityParams> eligibility_params(const QueryContext& c, const Params& params) {
  EligibilityParams out;
  for (std::string_view name : {"subject", "award", "year"}) {
    if (!params.contains(name)) return bad_parameter(name, "is required");
  }
  auto subject = domain::SubjectRef::parse(params.find("subject")->second);
  if (!subject) return bad_parameter("subject", "must be person/<id> or organization/<id>");
  auto award = domain::parse_enum<domain::Award>(params.find("award")->second);
  if (!award) return bad_parameter("award", "is not an award code (LDTT, CSTDCS, ..., BK_TTG)");
  Result<int> year = parse_year("year", params.find("year")->second);
  if (!year) return year.status();
  out.question = {*subject,     *award,       domain::Occasion::kAnnual,
                  *year,        {},           std::nullopt,
                  std::nullopt, std::nullopt, std::nullopt};
  if (auto it = params.find("occasion"); it != params.end()) {
    auto occasion = domain::parse_enum<domain::Occasion>(it->second);
    if (!occasion) return bad_parameter("occasion", "must be annual, thematic or extraordinary");
    out.question.occasion = *occasion;
  }
  if (auto it = params.find("issuer"); it != params.end()) {
    if (!domain::valid_id(it->second)) return bad_parameter("issuer", "is not an id");
    out.question.issuer = it->second;
  }
  out.date = c.today();
  // An answer as of a position is the same whenever it is asked: its date cannot be today's.
  if (params.contains("as_of") && !params.contains("date")) {
    return bad_parameter("date", "is required with as_of (the date the question is asked for)");
  }
  if (auto it = params.find("date"); it != params.end()) {
    auto date = domain::Date::parse(it->second);
    if (!date) return bad_parameter("date", "must be a real date, YYYY-MM-DD");
    out.date = *date;
  }
  out.question.date = out.date;
  return out;
}

}  // namespace

boost::asio::awaitable<Response> eligibility(const QueryContext& c, const Request& request) {
  Result<Params> params =
      parse_params(request, {"subject", "award", "year", "occasion", "issuer", "date"});
  if (!params) co_return status_response(params.status());
  Result<EligibilityParams> p = eligibility_params(c, *params);
  if (!p) co_return status_response(p.status());
  const domain::RuleSet* rules = c.rules->in_force(p->date);
  if (!rules) co_return status_response(bad_parameter("date", "no rule set covers it"));
  Result<Moment> moment = parse_moment(c, request, *params);
  if (!moment) co_return status_response(moment.status());
  if (auto late = co_await await_applied(c, moment->need)) co_return std::move(*late);
  if (!c.projector->ready()) {
    Response busy = status_response(Status::unavailable("the state is loading; try again"));
    busy.set(Field::retry_after, "1");
    co_return busy;
  }
  const domain::EligibilityQuestion& q = p->question;
  auto respond = [&](const domain::State& state, std::uint64_t applied) {
    if (!state.subject_exists(q.subject)) {
      return status_response(Status::not_found(
          q.subject.to_string() + " is not registered" +
          (moment->as_of ? " at position " + std::to_string(applied - 1) : std::string())));
    }
    codec::OrderedJson checks = codec::OrderedJson::array();
    bool eligible = true;
    for (const domain::RuleCheck& check : domain::check_eligibility(state, *rules, q)) {
      eligible = eligible && check.passed;
      checks.push_back(codec::to_json(check));
    }
    codec::OrderedJson body = {{"subject", q.subject.to_string()},
                               {"award", domain::enum_name(q.award)},
                               {"award_title", domain::award_title(q.award)},
                               {"year", q.year},
                               {"occasion", domain::enum_name(q.occasion)},
                               {"date", p->date.to_string()},
                               {"ruleset", rules->id},
                               {"eligible", eligible},
                               {"checks", std::move(checks)}};
    Result<std::string> text = codec::dump_json(body);
    if (!text) return status_response(text.status());
    return answer(request, applied, *text);
  };
  if (!moment->as_of) co_return c.projector->read(respond);
  // As of an earlier position: the state folded from the streams the question reads.
  std::set<std::string> streams = c.projector->read([&](const domain::State& now, std::uint64_t) {
    domain::StreamSet out(now);
    domain::add_eligibility_streams(now, q, out);
    return out.streams();
  });
  Result<domain::State> then = projections::fold_streams(*c.store, streams, *moment->as_of);
  if (!then) co_return status_response(then.status());
  co_return respond(*then, *moment->as_of + 1);
}

}  // namespace thidua::http::query_internal
