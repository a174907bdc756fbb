// Decisions: issuing (with every rule checked and recorded), correcting, revoking.
#include <algorithm>
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

namespace {

// Records a rule the whole decision passed (subject empty), so that the decision carries every
// rule it applied, not only the per-recipient ones.
void passed(std::vector<RuleCheck>& checks, std::string rule, std::string detail,
            std::vector<Fact> facts = {}, std::string subject = {}) {
  checks.push_back(
      {std::move(rule), std::move(subject), true, std::move(detail), std::move(facts)});
}

// The shape of the decision itself, before any recipient is looked at.
std::optional<Verdict> refuse_form(const State& state, const IssueDecision& c,
                                   const Context& context, std::vector<RuleCheck>& checks) {
  if (state.decisions.contains(c.id)) {
    return Verdict::refuse("decision.never_edited",
                           "decision " + quoted(c.id) +
                               " is already issued; decisions are never edited: issue a "
                               "correction or a revocation");
  }
  passed(checks, "decision.never_edited", "decision " + quoted(c.id) + " is a new decision");
  if (auto it = state.numbers.find({c.issuer, c.number}); it != state.numbers.end()) {
    return Verdict::refuse("decision.unique_number",
                           quoted(name_of(state, c.issuer)) + " already issued number " +
                               quoted(c.number) + " (decision " + quoted(it->second) + ")");
  }
  passed(checks, "decision.unique_number",
         quoted(name_of(state, c.issuer)) + " has issued no other decision numbered " +
             quoted(c.number));
  if (context.today < c.date) {
    return Verdict::refuse("decision.date_not_future", "the decision is dated " +
                                                           c.date.to_string() + ", after today (" +
                                                           context.today.to_string() + ")");
  }
  passed(checks, "decision.date_not_future",
         "the decision is dated " + c.date.to_string() + ", not after today (" +
             context.today.to_string() + ")");
  auto issuer = state.organizations.find(c.issuer);
  if (issuer == state.organizations.end()) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.issuer) + " is registered");
  }
  passed(checks, "organization.exists",
         "the issuer " + quoted(issuer->second.name) + " is registered",
         {{issuer->second.position, "issuer " + quoted(issuer->second.name)}});
  std::set<SubjectRef> distinct;
  for (const Recipient& r : c.recipients) distinct.insert(r.subject);
  if (c.recipients.empty() || distinct.size() != c.recipients.size()) {
    return Verdict::refuse("decision.recipients",
                           "a decision names one or more distinct "
                           "recipients");
  }
  passed(checks, "decision.recipients",
         "the decision names " + std::to_string(c.recipients.size()) + " distinct recipient(s)");
  return std::nullopt;
}

// Government flags of one decision: per organiser, those already given for the year and those
// this decision gives stay within the quota of the organiser's cluster leaders.
std::optional<Verdict> refuse_over_quota(const State& state, const RuleSet& rules,
                                         const IssueDecision& c, std::vector<RuleCheck>& checks) {
  if (c.award != Award::kCO_CP || c.occasion != Occasion::kAnnual) return std::nullopt;
  std::map<std::string, std::int64_t> given;  // organiser -> flags
  for (const Recipient& r : c.recipients) {
    // Leaders of the clusters the law names receive the flag outright, outside any quota.
    if (co_cp_outright(state, rules, r.subject.id, c.year)) continue;
    ++given[organiser_led_by(state, r.subject.id, c.year)];
  }
  for (auto& [group, count] : given) {
    const auto leaders = leaders_of(state, c.year, group);
    std::vector<Fact> facts;
    for (const auto& [leader, pos] : leaders) {
      for (const AwardRecord& a : state.active_awards("organization/" + leader)) {
        if (a.award != Award::kCO_CP || a.year != c.year || a.occasion != Occasion::kAnnual) {
          continue;
        }
        ++count;
        facts.push_back({a.position, "CO_CP for " + std::to_string(a.year) + " to " +
                                         quoted(name_of(state, leader)) + " by decision " +
                                         quoted(a.decision)});
      }
    }
    const std::int64_t allowed =
        rules.co_cp_quota.share().at_most(static_cast<std::int64_t>(leaders.size()));
    const std::string detail = std::to_string(count) + " Government flag(s) for the " +
                               std::to_string(leaders.size()) + " leaders of clusters of " +
                               quoted(name_of(state, group)) + " in " + std::to_string(c.year) +
                               "; at most " + std::to_string(allowed) + " (" +
                               rules.co_cp_quota.share().to_string() + ")";
    if (count > allowed) return Verdict::refuse("award.CO_CP.quota", detail);
    passed(checks, "award.CO_CP.quota", detail, std::move(facts));
  }
  return std::nullopt;
}

// CSTDCS of one decision: per unit, those already given for the year and those this decision
// gives stay within the rule set's share of the unit's LDTT holders (Decree 91/2017 Art. 9(3)).
std::optional<Verdict> refuse_cstdcs_share(const State& state, const RuleSet& rules,
                                           const IssueDecision& c, std::vector<RuleCheck>& checks) {
  if (c.award != Award::kCSTDCS || !rules.cstdcs_share_of_ldtt) return std::nullopt;
  std::map<std::string, std::int64_t> given;  // unit -> CSTDCS of this decision
  for (const Recipient& r : c.recipients) {
    auto person = state.people.find(r.subject.id);
    if (person != state.people.end()) ++given[person->second.organization_on(Date{c.year, 12, 31})];
  }
  for (const auto& [unit, count] : given) {
    const UnitShare u = cstdcs_share_of(state, *rules.cstdcs_share_of_ldtt, unit, c.year);
    const std::int64_t used = static_cast<std::int64_t>(u.cstdcs.size()) + count;
    const std::string detail =
        share_detail(state, *rules.cstdcs_share_of_ldtt, unit, c.year, used, u);
    if (used > u.allowed) return Verdict::refuse("award.CSTDCS.share", detail);
    std::vector<Fact> facts = u.cstdcs;
    facts.insert(facts.end(), u.ldtt.begin(), u.ldtt.end());
    passed(checks, "award.CSTDCS.share", detail, std::move(facts));
  }
  return std::nullopt;
}

// The cited proposal matches the decision: same award and year, every recipient a nominee.
std::optional<Verdict> refuse_mismatch(const State& state, const IssueDecision& c,
                                       const ProposalState& proposal,
                                       std::vector<RuleCheck>& checks) {
  const ProposalSubmitted& p = proposal.submitted;
  if (c.date < p.date) {
    return Verdict::refuse("decision.proposal_matches",
                           "proposal " + quoted(p.id) + " is dated " + p.date.to_string() +
                               ", after the decision (" + c.date.to_string() + ")");
  }
  for (const Recipient& r : c.recipients) {
    const bool named =
        std::find(p.nominees.begin(), p.nominees.end(), r.subject) != p.nominees.end();
    if (p.award != c.award || p.year != c.year || p.occasion != c.occasion || !named) {
      return Verdict::refuse(
          "decision.proposal_matches",
          "proposal " + quoted(p.id) + " does not propose " + std::string(enum_name(c.occasion)) +
              " " + std::string(enum_name(c.award)) + " for " + std::to_string(c.year) + " to " +
              quoted(name_of(state, r.subject)));
    }
  }
  passed(checks, "decision.proposal_matches",
         "proposal " + quoted(p.id) + " of " + quoted(name_of(state, p.proposing_body)) +
             " proposes " + std::string(enum_name(c.award)) + " for " + std::to_string(c.year) +
             " to every recipient",
         {{proposal.position, "proposal " + quoted(p.id)}});
  return std::nullopt;
}

// The passing vote of council `id` for `subject` on the proposal, dated no later than `by`, or
// nullptr. With a floor the law sets, the vote must also be a secret ballot whose "yes" reaches
// the floor's share of the council's total membership.
const Located<CouncilVoteRecorded>* passing_vote(const ProposalState& proposal,
                                                 const std::string& id, const SubjectRef& subject,
                                                 Date by, const ShareSpec* floor) {
  for (const auto& vote : proposal.votes) {
    if (vote.value.council != id || by < vote.value.date) continue;
    if (floor && vote.value.ballot != BallotKind::kSecret) continue;
    for (const NomineeTally& t : vote.value.tallies) {
      if (t.nominee == subject && t.passed &&
          (!floor || floor->share().met_by(t.yes, vote.value.members_total))) {
        return &vote;
      }
    }
  }
  return nullptr;
}

// The councils of the issuer that must pass the award, by id.
std::vector<const CouncilState*> requiring_councils(const State& state, const IssueDecision& c) {
  std::vector<const CouncilState*> out;
  for (const auto& [id, council] : state.councils) {
    if (council.established.organization == c.issuer && council.threshold_for(c.award)) {
      out.push_back(&council);
    }
  }
  return out;
}

// When the issuer has councils that vote on the award, the one the cited proposal went to must
// have passed every recipient, by the decision's date (a new council replaces an old one: the
// proposal names which).
//
// Where the rule set sets a floor for the award (Decree 91/2017 Art. 45(8): a secret ballot of
// at least 90% of the council's total membership), a council must have voted, by secret ballot,
// reaching the floor whatever the council's own threshold: the council may only be stricter.
std::optional<Verdict> refuse_without_vote(const State& state, const RuleSet& rules,
                                           const IssueDecision& c, const ProposalState* proposal,
                                           std::vector<RuleCheck>& checks) {
  std::vector<const CouncilState*> councils = requiring_councils(state, c);
  const ShareSpec* floor = rules.council_floor_of(c.award);
  // A title the issuer confers on another body's proposal (CSTD_TQ, on a ministry's or a
  // province's) is voted on by the council the proposal went to.
  if (councils.empty() && floor && proposal && proposal->submitted.council) {
    auto k = state.councils.find(*proposal->submitted.council);
    if (k != state.councils.end() && k->second.threshold_for(c.award)) {
      councils.push_back(&k->second);
    }
  }
  if (councils.empty() && floor) {
    return Verdict::refuse("council.floor",
                           std::string(enum_name(c.award)) + " needs a secret-ballot vote of " +
                               floor->share().to_string() + " of the total members of " +
                               quoted(name_of(state, c.issuer)) +
                               "'s council, or of the council the proposal went to, under " +
                               rules.id + "; no such council voted on it");
  }
  if (councils.empty()) return std::nullopt;
  const CouncilState* council = nullptr;
  for (const CouncilState* k : councils) {
    if (proposal && proposal->submitted.council == k->established.id) council = k;
  }
  if (!council) {
    return Verdict::refuse("council.threshold", std::string(enum_name(c.award)) + " from " +
                                                    quoted(name_of(state, c.issuer)) +
                                                    " needs a proposal passed by its council " +
                                                    quoted(councils.front()->established.name));
  }
  const ShareSpec* threshold = council->threshold_for(c.award);
  std::string needs = threshold->share().to_string() + " of its " +
                      std::to_string(council->established.members.size()) + " members";
  if (floor) {
    needs += "; the law's floor under " + rules.id + ": " + floor->share().to_string() +
             " by secret ballot";
  }
  for (const Recipient& r : c.recipients) {
    const auto* vote = passing_vote(*proposal, council->established.id, r.subject, c.date, floor);
    if (!vote) {
      return Verdict::refuse(floor ? "council.floor" : "council.threshold",
                             quoted(council->established.name) + " has not passed " +
                                 std::string(enum_name(c.award)) + " for " +
                                 quoted(name_of(state, r.subject)) + " by " + c.date.to_string() +
                                 " (needs " + needs + ")");
    }
    passed(checks, "council.threshold",
           quoted(council->established.name) + " passed " + std::string(enum_name(c.award)) +
               " for " + quoted(name_of(state, r.subject)) + " on " + vote->value.date.to_string() +
               " (needs " + needs + ")",
           {{council->position, "council " + quoted(council->established.name)},
            {vote->position, "council vote on proposal " + quoted(vote->value.proposal)}},
           r.subject.to_string());
  }
  return std::nullopt;
}

// The cited proposal, and the council's vote when the issuer's council requires one.
std::optional<Verdict> refuse_proposal(const State& state, const RuleSet& rules,
                                       const IssueDecision& c, std::vector<RuleCheck>& checks) {
  const ProposalState* proposal = nullptr;
  if (c.proposal) {
    auto it = state.proposals.find(*c.proposal);
    if (it == state.proposals.end()) {
      return Verdict::refuse("proposal.exists", "no proposal " + quoted(*c.proposal) + " exists");
    }
    proposal = &it->second;
    passed(checks, "proposal.exists", "proposal " + quoted(*c.proposal) + " exists",
           {{proposal->position, "proposal " + quoted(*c.proposal)}});
    if (auto refused = refuse_mismatch(state, c, *proposal, checks)) return refused;
  }
  return refuse_without_vote(state, rules, c, proposal, checks);
}

// (issuer, number) is unique across decisions, corrections and revocations.
std::optional<Verdict> refuse_number_taken(const State& state, const std::string& issuer,
                                           const std::string& number) {
  auto it = state.numbers.find({issuer, number});
  if (it == state.numbers.end()) return std::nullopt;
  return Verdict::refuse("decision.unique_number",
                         quoted(name_of(state, issuer)) + " already used number " + quoted(number) +
                             " (for decision " + quoted(it->second) + ")");
}

// One achievement, one award: an initiative cited twice in one decision would support two
// awards (the state only knows of earlier decisions).
std::optional<Verdict> refuse_shared_initiative(const State& state, const IssueDecision& c) {
  std::set<std::string> cited;
  for (const Recipient& r : c.recipients) {
    for (const std::string& id : r.initiatives) {
      if (cited.insert(id).second) continue;
      auto it = state.initiatives.find(id);
      const std::string title = it == state.initiatives.end() ? id : it->second.recognized.title;
      return Verdict::refuse("initiative.one_award",
                             quoted(title) +
                                 " is cited more than once in the decision; one "
                                 "achievement supports one award");
    }
  }
  return std::nullopt;
}

// The rule set's reward multiple: filled in when the command leaves it out, refused when the
// command names another.
std::optional<Verdict> refuse_reward(const RuleSet& rules, const IssueDecision& c,
                                     DecisionIssued& e) {
  const Decimal* multiple = rules.reward_multiple_of(c.award);
  if (!multiple) return std::nullopt;
  const std::string detail = std::string(enum_name(c.award)) + " is rewarded " +
                             multiple->to_string() + " times the base salary under " + rules.id;
  if (c.reward_multiple && *c.reward_multiple != *multiple) {
    return Verdict::refuse("decision.reward_multiple",
                           detail + ", not " + c.reward_multiple->to_string());
  }
  e.reward_multiple = *multiple;
  passed(e.checks, "decision.reward_multiple", detail);
  return std::nullopt;
}

}  // namespace

EligibilityQuestion question_for(const State& state, const IssueDecision& c,
                                 const Recipient& recipient) {
  EligibilityQuestion q{recipient.subject, c.award, c.occasion, c.year,      recipient.initiatives,
                        c.issuer,          c.id,    c.date,     std::nullopt};
  if (c.proposal) {
    if (auto p = state.proposals.find(*c.proposal); p != state.proposals.end()) {
      q.proposed = p->second.submitted.date;
    }
  }
  return q;
}

Verdict decide_one(const State& state, const IssueDecision& c, const Context& context) {
  std::vector<RuleCheck> checks;
  if (auto refused = refuse_form(state, c, context, checks)) return *refused;
  const RuleSet* rules = context.rules->in_force(c.date);
  if (!rules) {
    return Verdict::refuse("ruleset.in_force", "no rule set covers " + c.date.to_string());
  }
  passed(checks, "ruleset.in_force",
         rules->id + " (" + rules->title + ") is in force on " + c.date.to_string());
  DecisionIssued e{c.id,         c.number,   c.date,        c.issuer,
                   c.signer,     c.capacity, c.legal_basis, c.award,
                   c.occasion,   c.year,     c.recipients,  c.reward_multiple,
                   c.proposal,   c.movement, rules->id,     std::move(checks),
                   context.today};
  if (auto refused = refuse_reward(*rules, c, e)) return *refused;
  if (auto refused = refuse_shared_initiative(state, c)) return *refused;
  // The law's rules for each recipient come first: a refusal then names what the recipient
  // lacks rather than a missing vote it could never have had.
  for (const Recipient& r : c.recipients) {
    for (RuleCheck& check : check_eligibility(state, *rules, question_for(state, c, r))) {
      if (!check.passed) return Verdict::refuse(check.rule, check.detail);
      e.checks.push_back(std::move(check));
    }
  }
  if (auto refused = refuse_cstdcs_share(state, *rules, c, e.checks)) return *refused;
  if (auto refused = refuse_proposal(state, *rules, c, e.checks)) return *refused;
  if (auto over = refuse_over_quota(state, *rules, c, e.checks)) return *over;
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
  if (it->second.revocation) {
    return Verdict::refuse("correction.not_revoked",
                           "decision " + quoted(c.decision) + " was revoked by " +
                               quoted(it->second.revocation->value.number) +
                               "; a revoked decision is not corrected");
  }
  if (auto refused = refuse_number_taken(state, it->second.issued.issuer, c.number)) {
    return *refused;
  }
  return Verdict::accept({Event{static_cast<const DecisionCorrected&>(c)}});
}

Verdict decide_one(const State& state, const RevokeDecision& c, const Context& context) {
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
  // The enum is closed, but a command may be built from an integer (a binary codec, a
  // migration); an unknown ground must not reach the log, where no one could read it back.
  const auto ground = static_cast<std::size_t>(c.ground);
  if (ground >= EnumNames<RevocationGround>::kNames.size()) {
    return Verdict::refuse("revocation.ground",
                           "a revocation cites ground a, b, c or d of the "
                           "Law, chapter VII, not ground #" +
                               std::to_string(ground));
  }
  const RuleSet* rules = context.rules->in_force(c.date);
  if (!rules) {
    return Verdict::refuse("ruleset.in_force", "no rule set covers " + c.date.to_string());
  }
  if (!rules->allows_ground(c.ground)) {
    return Verdict::refuse("revocation.ground", "ground " + std::string(enum_name(c.ground)) +
                                                    " is not a ground for revocation under " +
                                                    rules->id + " (" + rules->title + ")");
  }
  if (c.reason.empty()) {
    return Verdict::refuse("revocation.reason", "a revocation states its reason");
  }
  if (auto refused = refuse_number_taken(state, c.issuer, c.number)) return *refused;
  return Verdict::accept({Event{static_cast<const DecisionRevoked&>(c)}});
}

}  // namespace thidua::domain::internal
