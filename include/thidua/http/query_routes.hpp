// The query routes: read models served from the projections. All are public reads except
// the eligibility query and a decision's recheck, which need a token when the context has an
// authenticator (what rules read of a person may show in their answers).
//
// Every answer is a JSON object whose first member is "as_of": the position of the last event
// it reflects, so anyone can replay the log to that position and get the same answer. The
// ETag is a digest of the answer without "as_of": it changes only when the document does, and
// a matching If-None-Match gets 304.
//
// Every query takes two moments (docs/http.md, "As of a position"):
//   as_of=P      the answer as it stood at position P, recomputed from the log up to P alone
//                (projections/as_of.hpp): the same bytes however much later it is asked (P
//                below the log's size; 400 otherwise). Such an answer never changes: it is
//                sent with Cache-Control: public, max-age=31536000, immutable, and kept in
//                memory to be answered again (projections/answer_cache.hpp).
//   min_as_of=P  (or the header Thidua-Min-As-Of: P) read-your-writes: the answer reflects at
//                least position P (a command's answer gives its position; P below the log's
//                size, 400 otherwise). The query waits,
//                without holding a thread, until the projections have applied P; past
//                QueryContext::freshness_wait, 503 /problems/projection-lag with Retry-After.
//
// GET /v1/clusters/{id}/years/{year}/ranking -> the ranking document of the cluster-year
//   (docs/projections.md).
// GET /v1/organizations/{id}/awards, GET /v1/people/{id}/awards -> the award history, revoked
//   awards shown with their revocation, an organization's with the awards it inherited
//   through mergers and splits.
// GET /v1/decisions/{id} -> a decision with its rule checks, corrections and revocation.
// GET /v1/decisions[?year=&award=&issuer=&limit=&after=] -> decision summaries in (year,
//   award, issuer, id) order; at most `limit` (default 100, at most 1000); `next` and a
//   Link rel="next" give the following page.
// GET /v1/movements/{id} -> a movement with its targets, progress per unit and registrations.
// GET /v1/eligibility?subject=&award=&year=[&occasion=][&issuer=][&date=] -> every rule of the
//   award for the subject and year, passed or not, why, and the facts (positions) used, under
//   the rule set in force on `date` (default: today); 503 while the state is loading.
// Unknown names are 404 problems; bad parameters 400 problems naming the parameter.
//
// Thread-safety: handlers only read the projector and the store, which are thread-safe; both
// must outlive the router.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "thidua/domain/rule_set.hpp"
#include "thidua/http/authentication.hpp"
#include "thidua/http/router.hpp"
#include "thidua/projections/answer_cache.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::http {

struct QueryContext {
  const projections::Projector* projector = nullptr;
  const EventStore* store = nullptr;
  const domain::RuleBook* rules = nullptr;
  std::function<domain::Date()> today;  // the server's clock, as a date
  // When set, the eligibility query needs a valid bearer token (any role); the other queries
  // stay public.
  const Authenticator* authenticator = nullptr;
  // How long a query waits for the projections to reach the position it asks for.
  std::chrono::milliseconds freshness_wait{2000};
  // The memory kept for as-of answers asked again (projections/answer_cache.hpp); 0 keeps
  // none. add_query_routes() makes the cache when `answers` is not given.
  std::size_t as_of_cache_bytes = std::size_t{64} << 20;
  std::shared_ptr<projections::AnswerCache> answers = nullptr;
};

// The request header that says the least position an answer must reflect (as min_as_of=).
inline constexpr char kMinAsOfHeader[] = "Thidua-Min-As-Of";

void add_query_routes(Router& router, QueryContext context);

}  // namespace thidua::http
