// Decisions: issuing (with every rule checked and recorded), correcting, revoking.
#include <algorithm>
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

namespace {

// The shape of the decision itself, before any recipient is looked at.
std::optional<Verdict> refuse_form(const State& state, const IssueDecision& c,
                                   const Context& context) {
  if (state.decisions.contains(c.id)) {
    return Verdict::refuse("decision.never_edited",
                           "decision " + quoted(c.id) +
                               " is already issued; decisions are never edited: issue a "
                               "correction or a revocation");
  }
  if (auto it = state.numbers.find({c.issuer, c.number}); it != state.numbers.end()) {
    return Verdict::refuse("decision.unique_number",
                           quoted(name_of(state, c.issuer)) + " already issued number " +
                               quoted(c.number) + " (decision " + quoted(it->second) + ")");
  }
  if (context.today < c.date) {
    return Verdict::refuse("decision.date_not_future", "the decision is dated " +
                                                           c.date.to_string() + ", after today (" +
                                                           context.today.to_string() + ")");
  }
  if (!state.organizations.contains(c.issuer)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.issuer) + " is registered");
  }
  std::set<SubjectRef> distinct;
  for (const Recipient& r : c.recipients) distinct.insert(r.subject);
  if (c.recipients.empty() || distinct.size() != c.recipients.size()) {
    return Verdict::refuse("decision.recipients",
                           "a decision names one or more distinct "
                           "recipients");
  }
  return std::nullopt;
}

const std::vector<Located<CouncilVoteRecorded>> kNoVotes;

// Government flags of one decision: per organiser, those already given for the year and those
// this decision gives stay within the quota of the organiser's cluster leaders.
std::optional<Verdict> refuse_over_quota(const State& state, const RuleSet& rules,
                                         const IssueDecision& c) {
  if (c.award != Award::kCO_CP || c.occasion != Occasion::kAnnual) return std::nullopt;
  std::map<std::string, std::int64_t> given;  // organiser -> flags
  for (const Recipient& r : c.recipients) ++given[organiser_led_by(state, r.subject.id, c.year)];
  for (auto& [group, count] : given) {
    const auto leaders = leaders_of(state, c.year, group);
    for (const auto& [leader, pos] : leaders) {
      for (const AwardRecord& a : state.active_awards("organization/" + leader)) {
        count += a.award == Award::kCO_CP && a.year == c.year && a.occasion == Occasion::kAnnual;
      }
    }
    const std::int64_t allowed =
        rules.co_cp_quota.share().at_most(static_cast<std::int64_t>(leaders.size()));
    if (count > allowed) {
      return Verdict::refuse("award.CO_CP.quota",
                             std::to_string(count) + " Government flags for the " +
                                 std::to_string(leaders.size()) + " leaders of clusters of " +
                                 quoted(name_of(state, group)) + " in " + std::to_string(c.year) +
                                 "; at most " + std::to_string(allowed));
    }
  }
  return std::nullopt;
}

// The cited proposal, and the council's vote when the issuer's council requires one.
std::optional<Verdict> refuse_proposal(const State& state, const IssueDecision& c) {
  const ProposalState* proposal = nullptr;
  if (c.proposal) {
    auto it = state.proposals.find(*c.proposal);
    if (it == state.proposals.end()) {
      return Verdict::refuse("proposal.exists", "no proposal " + quoted(*c.proposal) + " exists");
    }
    proposal = &it->second;
    const ProposalSubmitted& p = proposal->submitted;
    for (const Recipient& r : c.recipients) {
      const bool named =
          std::find(p.nominees.begin(), p.nominees.end(), r.subject) != p.nominees.end();
      if (p.award != c.award || p.year != c.year || !named) {
        return Verdict::refuse("decision.proposal_matches",
                               "proposal " + quoted(p.id) + " does not propose " +
                                   std::string(enum_name(c.award)) + " for " +
                                   std::to_string(c.year) + " to " + r.subject.to_string());
      }
    }
  }
  for (const auto& [id, council] : state.councils) {
    if (council.established.organization != c.issuer || !council.threshold_for(c.award)) continue;
    for (const Recipient& r : c.recipients) {
      bool passed = false;
      for (const auto& vote : proposal ? proposal->votes : kNoVotes) {
        if (vote.value.council != id) continue;
        for (const NomineeTally& t : vote.value.tallies) {
          passed |= t.nominee == r.subject && t.passed;
        }
      }
      if (!passed) {
        return Verdict::refuse("council.threshold",
                               quoted(council.established.name) + " has not passed " +
                                   std::string(enum_name(c.award)) + " for " +
                                   quoted(name_of(state, r.subject)) + " (needs " +
                                   council.threshold_for(c.award)->share().to_string() +
                                   " of its members)");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Verdict decide_one(const State& state, const IssueDecision& c, const Context& context) {
  if (auto refused = refuse_form(state, c, context)) return *refused;
  const RuleSet* rules = context.rules->in_force(c.date);
  if (!rules) {
    return Verdict::refuse("ruleset.in_force", "no rule set covers " + c.date.to_string());
  }
  DecisionIssued e{c.id,          c.number,   c.date,     c.issuer, c.signer,     c.capacity,
                   c.legal_basis, c.award,    c.occasion, c.year,   c.recipients, c.reward_multiple,
                   c.proposal,    c.movement, rules->id,  {}};
  if (const Decimal* multiple = rules->reward_multiple_of(c.award)) {
    if (c.reward_multiple && *c.reward_multiple != *multiple) {
      return Verdict::refuse("decision.reward_multiple",
                             std::string(enum_name(c.award)) + " is rewarded " +
                                 multiple->to_string() + " times the base salary under " +
                                 rules->id + ", not " + c.reward_multiple->to_string());
    }
    e.reward_multiple = *multiple;
  }
  if (auto refused = refuse_proposal(state, c)) return *refused;
  for (const Recipient& r : c.recipients) {
    EligibilityQuestion q{r.subject, c.award, c.occasion, c.year, r.initiatives, c.issuer, c.id};
    for (RuleCheck& check : check_eligibility(state, *rules, q)) {
      if (!check.passed) return Verdict::refuse(check.rule, check.detail);
      e.checks.push_back(std::move(check));
    }
  }
  if (auto over = refuse_over_quota(state, *rules, c)) return *over;
  return Verdict::accept({Event{std::move(e)}});
}

Verdict decide_one(const State& state, const CorrectDecision& c, const Context&) {
  auto it = state.decisions.find(c.decision);
  if (it == state.decisions.end()) {
    return Verdict::refuse("decision.exists", "no decision " + quoted(c.decision) + " exists");
  }
  if (c.reason.empty()) {
    return Verdict::refuse("correction.reason", "a correction states its reason");
  }
  if (!c.signer && !c.capacity && !c.legal_basis) {
    return Verdict::refuse("correction.changes_something",
                           "a correction corrects the signer, the capacity or the legal basis");
  }
  if (c.date < it->second.issued.date) {
    return Verdict::refuse("correction.after_decision",
                           "a correction cannot predate the decision it corrects");
  }
  return Verdict::accept({Event{static_cast<const DecisionCorrected&>(c)}});
}

Verdict decide_one(const State& state, const RevokeDecision& c, const Context&) {
  auto it = state.decisions.find(c.decision);
  if (it == state.decisions.end()) {
    return Verdict::refuse("decision.exists", "no decision " + quoted(c.decision) + " exists");
  }
  if (it->second.revocation) {
    return Verdict::refuse("revocation.once", "decision " + quoted(c.decision) +
                                                  " was already revoked by " +
                                                  quoted(it->second.revocation->value.number));
  }
  if (c.date < it->second.issued.date) {
    return Verdict::refuse("revocation.after_decision",
                           "a revocation cannot predate the decision it revokes");
  }
  if (!state.organizations.contains(c.issuer)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.issuer) + " is registered");
  }
  if (c.reason.empty()) {
    return Verdict::refuse("revocation.reason", "a revocation states its reason");
  }
  return Verdict::accept({Event{static_cast<const DecisionRevoked&>(c)}});
}

}  // namespace thidua::domain::internal
