// The audit routes: the log's signed checkpoint, its verifier key, and Merkle proofs against
// it, so that anyone can check that an event is in the log and that the log only grows. All
// are public reads (no token).
//
// GET /v1/checkpoint -> 200 text/plain: the newest stored signed checkpoint, byte for byte as
//   stored (a C2SP signed note whose body is a tlog-checkpoint: origin, tree size, base64
//   root). 503 problem (with Retry-After) while no checkpoint has been stored yet.
//
// GET /v1/checkpoint/key -> 200 text/plain: the verifier key, "<name>+<hex8>+<base64>\n".
//
// GET /v1/proofs/inclusion?index=I[&tree_size=N] -> 200 application/json
//   {"index":I,"tree_size":N,"leaf_hash":"<base64>","hashes":["<base64>",...]}: the RFC 9162
//   inclusion proof of the event at position I in the tree of the first N events, whose leaf
//   hash is SHA-256(0x00 || the event's stored bytes).
//
// GET /v1/proofs/consistency?from=M[&to=N] -> 200 application/json
//   {"from":M,"to":N,"hashes":["<base64>",...]}: the RFC 9162 consistency proof that the tree
//   of M events is a prefix of the tree of N events (empty when M == N).
//
// GET /v1/decisions/{id}/evidence -> 200 application/json: the decision's evidence package
//   (audit/evidence.hpp): the decision and every event its conclusions depend on (the streams
//   named from the projector's state, domain/dependencies.hpp), each with an inclusion proof
//   against the newest signed checkpoint, the rankings behind its cited votes, and the
//   verifier key; check and recompute it offline with `thidua verify --evidence FILE`. Without
//   a token, personal data (discipline, holds, investigations) is withheld: proven by its leaf
//   hash, not shown; with an auditor's or admin's bearer token (when the routes have an
//   authenticator) the package holds it in full, and any other token is 403. 404 for an
//   unknown decision, 503 (with Retry-After) until a checkpoint covers its events, while the
//   projections have not reached the decision, or without a projector.
//
// An omitted tree_size or `to` means the newest stored checkpoint's tree size, so a client can
// prove against the checkpoint it has just fetched (503 while there is none). Parameters are
// decimal counts; one that is missing, repeated, unknown, not a number, over 64 bits or out of
// range (I < N, 0 < M <= N, N at most the log's size) is a 400 problem naming it.
//
// Thread-safety: the handlers only read the store and the projector, which are thread-safe;
// both must outlive the router.
#pragma once

#include <string>

#include "thidua/http/authentication.hpp"
#include "thidua/http/router.hpp"
#include "thidua/projections/projector.hpp"
#include "thidua/store/event_store.hpp"

namespace thidua::http {

// Adds the five routes above. `verifier_key` is the verifier key string of the key that
// signs the store's checkpoints (audit::Checkpointer::verifier_key()).
void add_audit_routes(Router& router, const EventStore& store, std::string verifier_key,
                      const projections::Projector* projector = nullptr,
                      const Authenticator* authenticator = nullptr);

}  // namespace thidua::http
