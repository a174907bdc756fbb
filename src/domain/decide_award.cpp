// Proposals and council votes.
#include <algorithm>
#include <set>

#include "decide_internal.hpp"

namespace thidua::domain::internal {

namespace {

std::optional<Verdict> refuse_held(const State& state, const SubjectRef& subject, Date on,
                                   const std::string& what) {
  auto holds = state.active_holds(subject.to_string(), on);
  if (holds.empty()) return std::nullopt;
  const HoldPlaced& h = holds.front()->placed;
  return Verdict::refuse("hold.active", quoted(name_of(state, subject)) + " is under a " +
                                            std::string(enum_name(h.kind)) + " hold since " +
                                            h.date.to_string() + " (" + h.reason + "); " + what +
                                            " while it lasts");
}

// CO_CP proposals: per organiser, the distinct nominees of the year's proposals stay within
// the quota of that organiser's cluster leaders.
std::optional<Verdict> refuse_over_quota(const State& state, const RuleSet& rules,
                                         const ProposalSubmitted& p) {
  std::map<std::string, std::set<std::string>> proposed;  // organiser -> nominees
  auto count = [&](const ProposalSubmitted& q) {
    if (q.award != Award::kCO_CP || q.year != p.year || q.occasion != Occasion::kAnnual) return;
    for (const SubjectRef& n : q.nominees) {
      if (co_cp_outright(state, rules, n.id, p.year)) continue;  // outside any quota
      const std::string group = organiser_led_by(state, n.id, p.year);
      if (!group.empty()) proposed[group].insert(n.id);
    }
  };
  for (const auto& [id, q] : state.proposals) count(q.submitted);
  count(p);
  for (const auto& [group, nominees] : proposed) {
    const auto leaders = static_cast<std::int64_t>(leaders_of(state, p.year, group).size());
    const std::int64_t allowed = rules.co_cp_quota.share().at_most(leaders);
    if (static_cast<std::int64_t>(nominees.size()) > allowed) {
      return Verdict::refuse(
          "award.CO_CP.quota",
          std::to_string(nominees.size()) + " units proposed for the Government flag among the " +
              std::to_string(leaders) + " leaders of clusters organised by " +
              quoted(name_of(state, group)) + " in " + std::to_string(p.year) + "; at most " +
              std::to_string(allowed) + " (" + rules.co_cp_quota.share().to_string() + ")");
    }
  }
  return std::nullopt;
}

}  // namespace

Verdict decide_one(const State& state, const SubmitProposal& c, const Context& context) {
  if (state.proposals.contains(c.id)) {
    return Verdict::refuse("proposal.unique", "proposal " + quoted(c.id) + " already exists");
  }
  if (!state.organizations.contains(c.proposing_body)) {
    return Verdict::refuse("organization.exists",
                           "no organization " + quoted(c.proposing_body) + " is registered");
  }
  if (c.council && !state.councils.contains(*c.council)) {
    return Verdict::refuse("council.exists", "no council " + quoted(*c.council) + " exists");
  }
  if (c.cluster && !state.clusters.contains(*c.cluster)) {
    return Verdict::refuse("cluster.exists", "no cluster " + quoted(*c.cluster) + " exists");
  }
  std::set<SubjectRef> distinct(c.nominees.begin(), c.nominees.end());
  if (c.nominees.empty() || distinct.size() != c.nominees.size()) {
    return Verdict::refuse("proposal.nominees", "a proposal names one or more distinct nominees");
  }
  for (const SubjectRef& n : c.nominees) {
    if (!state.subject_exists(n)) {
      return Verdict::refuse("subject.exists", n.to_string() + " is not registered");
    }
    if (!award_for(c.award, n.kind)) {
      return Verdict::refuse("award.subject_kind", std::string(award_title(c.award)) +
                                                       " cannot be given to " + n.to_string());
    }
    if (auto held = refuse_held(state, n, c.date, "no proposal for an award passes")) return *held;
  }
  const RuleSet* rules = context.rules->in_force(c.date);
  if (!rules) {
    return Verdict::refuse("ruleset.in_force", "no rule set covers " + c.date.to_string());
  }
  if (auto over = refuse_over_quota(state, *rules, c)) return *over;
  return Verdict::accept({Event{static_cast<const ProposalSubmitted&>(c)}});
}

Verdict decide_one(const State& state, const PublishProposal& c, const Context& context) {
  auto proposal = state.proposals.find(c.proposal);
  if (proposal == state.proposals.end()) {
    return Verdict::refuse("proposal.exists", "no proposal " + quoted(c.proposal) + " exists");
  }
  if (const auto& earlier = proposal->second.published) {
    return Verdict::refuse(
        "publication.once",
        "proposal " + quoted(c.proposal) + " was published on " + earlier->value.date.to_string());
  }
  const Date submitted = proposal->second.submitted.date;
  if (c.date < submitted || context.today < c.date) {
    return Verdict::refuse("publication.date", "a publication is dated on or after its proposal (" +
                                                   submitted.to_string() +
                                                   ") and not after today (" +
                                                   context.today.to_string() +
                                                   "); this one is dated " + c.date.to_string());
  }
  return Verdict::accept({Event{static_cast<const ProposalPublished&>(c)}});
}

namespace {

// Where the rule set in force on the vote's date requires the proposal to be published for
// comment, the council votes only once the window has closed.
std::optional<Verdict> refuse_before_notice(const RuleSet* rules, const ProposalState& proposal,
                                            Date vote) {
  const PublicNotice* notice = rules ? rules->public_notice_of(proposal.submitted.award) : nullptr;
  if (!notice) return std::nullopt;
  const std::string needs = std::string(enum_name(proposal.submitted.award)) + " under " +
                            rules->id + ": published " + std::to_string(notice->working_days) +
                            " working day(s) or more before the council votes";
  if (!proposal.published) {
    return Verdict::refuse("council.public_notice", "proposal " + quoted(proposal.submitted.id) +
                                                        " was not published for comment; " + needs);
  }
  const Date from = proposal.published->value.date;
  const Date closes =
      notice->working_days == 0 ? from.next() : from.plus_working_days(notice->working_days);
  if (vote < closes) {
    return Verdict::refuse("council.public_notice", "proposal " + quoted(proposal.submitted.id) +
                                                        " was published on " + from.to_string() +
                                                        "; the council may vote from " +
                                                        closes.to_string() + " (" + needs + ")");
  }
  return std::nullopt;
}

}  // namespace

Verdict decide_one(const State& state, const RecordCouncilVote& c, const Context& context) {
  auto council = state.councils.find(c.council);
  if (council == state.councils.end()) {
    return Verdict::refuse("council.exists", "no council " + quoted(c.council) + " exists");
  }
  auto proposal = state.proposals.find(c.proposal);
  if (proposal == state.proposals.end()) {
    return Verdict::refuse("proposal.exists", "no proposal " + quoted(c.proposal) + " exists");
  }
  const ProposalSubmitted& p = proposal->second.submitted;
  if (c.date < p.date) {
    return Verdict::refuse("council.vote_after_proposal", "the vote (" + c.date.to_string() +
                                                              ") cannot predate the proposal (" +
                                                              p.date.to_string() + ")");
  }
  if (p.council && *p.council != c.council) {
    return Verdict::refuse("council.vote_council",
                           "the proposal goes to council " + quoted(*p.council));
  }
  const CouncilEstablished& k = council->second.established;
  const auto total = static_cast<std::int64_t>(k.members.size());
  if (c.present < 0 || c.present > total) {
    return Verdict::refuse("council.tallies", std::to_string(c.present) +
                                                  " present is not between 0 and the " +
                                                  std::to_string(total) + " members");
  }
  if (!k.quorum.share().met_by(c.present, total)) {
    return Verdict::refuse("council.quorum",
                           std::to_string(c.present) + " of " + std::to_string(total) +
                               " members voted; the quorum is " + k.quorum.share().to_string());
  }
  const ShareSpec* threshold = council->second.threshold_for(p.award);
  if (!threshold) {
    return Verdict::refuse(
        "council.threshold_configured",
        quoted(k.name) + " has no vote threshold for " + std::string(enum_name(p.award)));
  }
  // The law's floor for the award, in force on the vote's date: a council's own threshold may
  // only be stricter, and the floor's votes are secret ballots (Decree 91/2017 Art. 45(8)).
  const RuleSet* rules = context.rules->in_force(c.date);
  if (auto early = refuse_before_notice(rules, proposal->second, c.date)) return *early;
  const ShareSpec* floor = rules ? rules->council_floor_of(p.award) : nullptr;
  CouncilVoteRecorded e{c.council, c.proposal, c.date, c.ballot, total, c.present, {}};
  std::set<SubjectRef> seen;
  for (const Tally& t : c.tallies) {
    if (std::find(p.nominees.begin(), p.nominees.end(), t.nominee) == p.nominees.end() ||
        !seen.insert(t.nominee).second) {
      return Verdict::refuse("council.vote_nominees", quoted(name_of(state, t.nominee)) +
                                                          " is not a nominee of proposal " +
                                                          quoted(p.id) + ", or is counted twice");
    }
    // A negative count would let "yes" exceed those present while the sum still fits.
    if (t.yes < 0 || t.no < 0 || t.abstain < 0 || t.yes + t.no + t.abstain > c.present) {
      return Verdict::refuse("council.tallies", "the tallies for " +
                                                    quoted(name_of(state, t.nominee)) +
                                                    " are negative or add up to more than the " +
                                                    std::to_string(c.present) + " present");
    }
    const bool passed =
        threshold->share().met_by(t.yes, total) &&
        (!floor || (c.ballot == BallotKind::kSecret && floor->share().met_by(t.yes, total)));
    if (passed) {
      if (auto held = refuse_held(state, t.nominee, c.date, "no proposal for an award passes")) {
        return *held;
      }
    }
    e.tallies.push_back({t.nominee, t.yes, t.no, t.abstain, passed});
  }
  return Verdict::accept({Event{std::move(e)}});
}

}  // namespace thidua::domain::internal
