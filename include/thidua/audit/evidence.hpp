// Evidence packages: a decision and everything it relied on, proven against a signed
// checkpoint, in one JSON document that can be checked offline, and recomputed.
//
//   {"format": "thidua-evidence/v2",
//    "decision": "<id>",
//    "position": D,               the position of its DecisionIssued
//    "checkpoint": "<signed note: the C2SP tlog-checkpoint the proofs are against>",
//    "verifier_key": "<name>+<hex8>+<base64>",
//    "rankings": [{"cluster": "<id>", "year": Y, "vote": V,
//                  "ranking": [{"rank", "organization", "name", "total"}, ...]}, ...],
//    "events": [{"position": P, "role": "decision" | "proposal" | "fact" | "ranking" |
//                "context", "bytes": "<the stored event, exactly: its leaf data>",
//                "inclusion": ["<base64 hash>", ...]},
//               {"position": P, "role": "withheld", "leaf_hash": "<base64>",
//                "inclusion": [...]}, ...]}
//
// The events are every event the decision's conclusions depend on (domain/dependencies.hpp,
// add_decision_streams): the decision's own stream (with its corrections and revocation); and,
// before the decision, the whole of every stream its rule checks read: the proposal and the
// council's votes, the councils, the recipients' registrations, ratings, discipline, holds,
// awards and initiatives, the members of the units whose shares are counted, the clusters
// with their membership, the members' names, every score, correction and vote. Each event
// once, in position order, with its RFC 9162 inclusion proof in the checkpoint's tree. Roles
// say why an event is there: "fact" when a rule check cites it, "ranking" for the
// cluster-year streams behind a cited vote, "proposal", "decision", else "context".
// `rankings` states, for each cluster vote a check cites, the ranking the members voted on
// (the cluster-year as it stood just before the vote, with the members' names then).
//
// Personal data (Decree 13/2023/NĐ-CP): a person's discipline, holds and investigations and
// their release. Each lives in a stream of its own ("discipline/<person>", "hold/<id>"). A
// public package (Disclosure::kPublic) leaves those streams out: it does not show whether the
// person has any such record. An event of them that a check cites is given by its position and
// leaf hash alone (withheld), so its place in the log is proven and its content is not; so is a
// discipline record of an older log, which kept it in the person's stream (there it fills its
// version, so the stream still shows no hole). A decision is only issued when every check
// passes, and a passing check reads no withheld event into what it records (a subject "is under no
// hold", "was not disciplined at reprimand level or above"), so the public package recomputes as
// well. An auditor's package (kFull) holds them in full.
//
// verify_evidence() checks a package without the server: the checkpoint's signature by the
// verifier key (which the caller should compare with the key it trusts: the package cannot
// vouch for its own key), every inclusion proof against the checkpoint's root, that each
// event's `sequence` is its position and that it decodes as its type's domain event, that the
// events of every stream in the package run from version 0 with no gap (a gap no larger than
// the withheld events between its ends may be theirs), that every fact the
// checks cite and the proposal answered are there. Then it recomputes, with the domain's own
// code and the standard rule book, from the package alone: each stated ranking (folding the
// package's events before the vote), and the decision itself (deciding it again against the
// package's events before it, on the date the server took for today, which its
// decision.date_not_future check records); every rule check must come out as recorded, word
// for word. A package that leaves out an event the conclusions depend on recomputes to
// something else and is refused, naming what differs, or leaves a hole in a stream. A stream
// cut short after the last event it gives cannot be told from inclusion proofs, but the
// ranking it recomputes to must also equal the one the vote recorded (its `standings`); a vote
// recorded before those were kept leaves only `rankings`, the server's statement, to compare
// with its as-of ranking. A package proves
// what it holds: that a revocation or correction written after its last event does not exist cannot
// be shown by inclusion proofs; ask the server (or a newer package) for that. The recomputation
// uses this version's rules: a decision recorded under rules since changed differs, as `thidua
// recheck` would say. Pure functions apart from the store reads of build_evidence(); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "thidua/store/event_store.hpp"
#include "thidua/util/status.hpp"

namespace thidua::audit {

inline constexpr std::string_view kEvidenceFormat = "thidua-evidence/v2";

// The package for decision `decision_id` against the newest stored checkpoint, whose key is
// `verifier_key`, holding the events of `streams` (the decision's dependencies, named by
// domain::add_decision_streams from a state at or past the decision) before the decision and
// the whole of the decision's stream. kNotFound when the log has no such decision;
// kUnavailable when no checkpoint covers the package's events yet (one is signed within the
// checkpoint interval); kCorruption when a stored event does not decode; store errors as they
// come.
enum class Disclosure {
  kPublic,  // personal data withheld
  kFull,    // for an auditor
};
Result<std::string> build_evidence(const EventStore& store, std::string_view verifier_key,
                                   const std::string& decision_id,
                                   const std::set<std::string>& streams,
                                   Disclosure disclosure = Disclosure::kPublic);

struct EvidenceSummary {
  std::string decision;
  std::string number;   // the decision's document number
  std::string ruleset;  // the rule set it was decided under
  std::size_t recipients = 0;
  std::size_t checks = 0;
  std::size_t checks_passed = 0;
  std::size_t checks_recomputed = 0;  // equal to checks when the package verifies
  std::size_t rankings = 0;           // rankings recomputed
  std::size_t rankings_recorded = 0;  // of which equal to the ranking their vote recorded
  std::size_t events = 0;             // events proven
  std::size_t withheld = 0;           // of which personal data, proven by their hash alone
  std::uint64_t tree_size = 0;        // of the checkpoint they are proven against
  std::string origin;                 // of the checkpoint
  std::string key_name;               // of the key that signed it
  bool revoked = false;
  std::size_t corrections = 0;
};

// The summary of a package that passes every check above; kInvalidArgument saying the first
// that fails. With `trusted_key`, the package's verifier key must be that one.
Result<EvidenceSummary> verify_evidence(std::string_view package,
                                        std::optional<std::string_view> trusted_key = {});

}  // namespace thidua::audit
