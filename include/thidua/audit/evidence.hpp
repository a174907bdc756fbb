// Evidence packages: a decision and everything it relied on, proven against a signed
// checkpoint, in one JSON document that can be checked offline.
//
//   {"format": "thidua-evidence/v1",
//    "decision": "<id>",
//    "checkpoint": "<signed note: the C2SP tlog-checkpoint the proofs are against>",
//    "verifier_key": "<name>+<hex8>+<base64>",
//    "events": [{"position": P, "role": "decision" | "proposal" | "fact" | "ranking",
//                "bytes": "<the stored event, exactly: its leaf data>",
//                "inclusion": ["<base64 hash>", ...]}, ...]}
//
// The events are those of the decision's stream (the decision, its corrections and its
// revocation), of the proposal it answers (the proposal and the council's votes), and every
// event a rule check of the decision cites as a fact (registrations, leader votes, ratings,
// initiatives, ...), and for a cited cluster vote the ranking it was taken on: the
// cluster-year's stream up to the vote (covenant, signatures, scores, corrections, close), from
// which anyone can recompute the ranking; each event once, in position order, each with its
// RFC 9162 inclusion proof in the checkpoint's tree.
//
// verify_evidence() checks a package without the server: the checkpoint's signature by the
// verifier key (which the caller should compare with the key it trusts: the package cannot
// vouch for its own key), every inclusion proof against the checkpoint's root, that each
// event's `sequence` is its position, that the decision's stream is the decision's, and that
// every fact the decision's checks cite is in the package, as is the proposal it answers and
// the whole cluster-year stream before each cluster vote in it, and
// that the decision's stream is given whole from version 0. A package proves what it holds:
// that a revocation or correction written after its last event does not exist cannot be
// shown by inclusion proofs; ask the server (or a newer package) for that. Pure functions
// apart from the store reads of build_evidence(); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "thidua/store/event_store.hpp"
#include "thidua/util/status.hpp"

namespace thidua::audit {

inline constexpr std::string_view kEvidenceFormat = "thidua-evidence/v1";

// The package for decision `decision_id` against the newest stored checkpoint, whose key is
// `verifier_key`. kNotFound when the log has no such decision; kUnavailable when no
// checkpoint covers the decision's events yet (one is signed within the checkpoint interval);
// store errors as they come.
Result<std::string> build_evidence(const EventStore& store, std::string_view verifier_key,
                                   const std::string& decision_id);

struct EvidenceSummary {
  std::string decision;
  std::string number;   // the decision's document number
  std::string ruleset;  // the rule set it was decided under
  std::size_t recipients = 0;
  std::size_t checks = 0;
  std::size_t checks_passed = 0;
  std::size_t events = 0;       // events proven
  std::uint64_t tree_size = 0;  // of the checkpoint they are proven against
  std::string origin;           // of the checkpoint
  std::string key_name;         // of the key that signed it
  bool revoked = false;
  std::size_t corrections = 0;
};

// The summary of a package that passes every check above; kInvalidArgument saying the first
// that fails. With `trusted_key`, the package's verifier key must be that one.
Result<EvidenceSummary> verify_evidence(std::string_view package,
                                        std::optional<std::string_view> trusted_key = {});

}  // namespace thidua::audit
