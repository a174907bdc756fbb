// Events of proposals, council votes and decisions (issued, corrected, revoked).
// Part of the domain's events (events.hpp); plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/event_parts.hpp"

namespace thidua::domain {

struct ProposalSubmitted {
  std::string id;
  std::string proposing_body;  // organization id
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;
  std::vector<SubjectRef> nominees;
  std::vector<Document> documents;
  std::optional<std::string> council;  // the council that considers it
  std::optional<std::string> cluster;  // the cluster whose vote it carries, for flags
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("proposing_body", s.proposing_body);
    v("award", s.award);
    v("occasion", s.occasion);
    v("year", s.year);
    v("nominees", s.nominees);
    v("documents", s.documents);
    v("council", s.council);
    v("cluster", s.cluster);
    v("date", s.date);
  }
};

// A proposal published for the public's comment before the council meets, where the rule set
// requires it (Decree 91/2017 Art. 45(10); Decree 98/2023 Art. 46(2)). Subject: the proposal's
// stream.
struct ProposalPublished {
  std::string proposal;
  Date date;           // the first day it was public
  std::string medium;  // e.g. "Cổng thông tin điện tử tỉnh Gia Lai"
  std::optional<std::string> url;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("proposal", s.proposal);
    v("date", s.date);
    v("medium", s.medium);
    v("url", s.url);
  }
};

// A council's vote on a proposal: tallies only, never who voted how. `members_total` and each
// tally's `passed` are derived by the domain from the council (a vote without its quorum is
// refused, so every recorded vote had one).
// Subject: the proposal's stream.
struct CouncilVoteRecorded {
  std::string council;
  std::string proposal;
  Date date;
  BallotKind ballot = BallotKind::kSecret;
  std::int64_t members_total = 0;
  std::int64_t present = 0;  // members voting, in the meeting or by written opinion
  std::vector<NomineeTally> tallies;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("council", s.council);
    v("proposal", s.proposal);
    v("date", s.date);
    v("ballot", s.ballot);
    v("members_total", s.members_total);
    v("present", s.present);
    v("tallies", s.tallies);
  }
};

// An award decision. `ruleset` and `checks` are derived by the domain: the rule set in force
// on `date`, and every rule it applied with the facts used.
struct DecisionIssued {
  std::string id;
  std::string number;  // e.g. "123/QĐ-BTTTT"
  Date date;
  std::string issuer;    // organization id
  std::string signer;    // name of the person who signed
  std::string capacity;  // e.g. "Bộ trưởng", "KT. Bộ trưởng – Thứ trưởng"
  std::vector<std::string> legal_basis;
  Award award = Award::kGK;
  Occasion occasion = Occasion::kAnnual;
  int year = 0;  // the year of the achievements
  std::vector<Recipient> recipients;
  std::optional<Decimal> reward_multiple;  // of the base salary
  std::optional<std::string> proposal;
  std::optional<std::string> movement;
  std::string ruleset;
  std::vector<RuleCheck> checks;
  // The date taken for today when it was decided, which rules such as
  // decision.date_not_future read (absent from decisions recorded before it was kept).
  std::optional<Date> decided_on;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("number", s.number);
    v("date", s.date);
    v("issuer", s.issuer);
    v("signer", s.signer);
    v("capacity", s.capacity);
    v("legal_basis", s.legal_basis);
    v("award", s.award);
    v("occasion", s.occasion);
    v("year", s.year);
    v("recipients", s.recipients);
    v("reward_multiple", s.reward_multiple);
    v("proposal", s.proposal);
    v("movement", s.movement);
    v("ruleset", s.ruleset);
    v("checks", s.checks);
    v("decided_on", s.decided_on);
  }
};

// A correction of a decision's descriptive text by a correcting document. Award, recipients
// and year are never corrected: a wrong award is revoked and a new decision issued.
struct DecisionCorrected {
  std::string decision;
  std::string number;  // the correcting document
  Date date;
  std::string reason;
  std::optional<std::string> signer;
  std::optional<std::string> capacity;
  std::optional<std::vector<std::string>> legal_basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("decision", s.decision);
    v("number", s.number);
    v("date", s.date);
    v("reason", s.reason);
    v("signer", s.signer);
    v("capacity", s.capacity);
    v("legal_basis", s.legal_basis);
  }
};

struct DecisionRevoked {
  std::string decision;
  RevocationGround ground = RevocationGround::kA;
  std::string number;  // the revocation decision
  Date date;
  std::string issuer;
  std::string reason;
  std::optional<std::string> recovery;  // what is recovered (items, money)
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("decision", s.decision);
    v("ground", s.ground);
    v("number", s.number);
    v("date", s.date);
    v("issuer", s.issuer);
    v("reason", s.reason);
    v("recovery", s.recovery);
  }
};

}  // namespace thidua::domain
