// Proposals, the council's secret ballot (tallies only), and the decisions: numbered by the
// issuer, signed by its head or a deputy, under the legal basis in force on their date.
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

// The fewest votes of `total` that meet `share`; total + 1 when none does.
int least(const domain::Share& share, int total) {
  int n = 0;
  while (n <= total && !share.met_by(n, total)) ++n;
  return n;
}

// How often a council turns a nominee down, per mille: never a flag the cluster voted for,
// now and then a person.
int refusal_chance(domain::Award award, const Nominee& nominee) {
  if (award == domain::Award::kCO_TINH || award == domain::Award::kCO_CP ||
      award == domain::Award::kTTLDXS) {
    return 0;
  }
  return nominee.person >= 0 ? 40 : 20;
}

}  // namespace

void Simulation::submit_proposals(domain::Date date) {
  for (Round& r : rounds_) {
    Unit& body = world_.units[r.proposing_body];
    const int n = ++body.next_number;
    r.proposal = "tt-" + body.id + "-" + std::to_string(n);
    domain::SubmitProposal p;
    p.id = r.proposal;
    p.proposing_body = body.id;
    p.award = r.award;
    p.year = r.year;
    for (const Nominee& nominee : r.nominees) p.nominees.push_back(ref(nominee));
    p.documents.push_back(document("Tờ trình số " + std::to_string(n) + "/TTr-" + body.code +
                                   " ngày " + day_month_year(date) + " đề nghị tặng " +
                                   std::string(domain::award_title(r.award)) + " năm " +
                                   std::to_string(r.year)));
    if (r.cluster >= 0) {
      const Cluster& cluster = world_.clusters[r.cluster];
      p.cluster = cluster.id;
      p.documents.push_back(
          document("Biên bản họp " + cluster.name + " ngày " +
                   day_month_year(domain::Date{year_, 3, cluster.conference_day})));
    }
    p.council = world_.councils[r.council].id;
    p.date = date;
    enqueue(std::move(p), date);
  }
}

void Simulation::record_council_votes(domain::Date date) {
  for (Round& r : rounds_) {
    const Council& council = world_.councils[r.council];
    const int total = council.members;
    const domain::Share threshold = council.thresholds.at(r.award);
    const int needed = least(threshold, total);
    std::vector<bool> intended;
    bool any = false;
    for (const Nominee& n : r.nominees) {
      intended.push_back(needed <= total && !rng_.chance(refusal_chance(r.award, n)));
      any = any || intended.back();
    }
    const int present =
        rng_.between(std::max(least(council.quorum, total), any ? needed : 0), total);
    domain::RecordCouncilVote v;
    v.council = council.id;
    v.proposal = r.proposal;
    v.date = date;
    v.ballot = rng_.chance(900) ? domain::BallotKind::kSecret : domain::BallotKind::kWrittenOpinion;
    v.present = present;
    r.passed.clear();
    for (std::size_t i = 0; i < r.nominees.size(); ++i) {
      const int yes = intended[i] ? rng_.between(needed, present)
                                  : rng_.between(0, std::min(needed - 1, present));
      const int abstain = present > yes && rng_.chance(200) ? rng_.between(0, present - yes) : 0;
      v.tallies.push_back({ref(r.nominees[i]), yes, present - yes - abstain, abstain});
      r.passed.push_back(threshold.met_by(yes, total));
    }
    enqueue(std::move(v), date);
  }
}

void Simulation::issue_round_decisions(domain::Date date) {
  for (Round& r : rounds_) {
    std::vector<Nominee> recipients;
    for (std::size_t i = 0; i < r.nominees.size(); ++i) {
      Nominee& n = r.nominees[i];
      if (r.passed[i]) {
        recipients.push_back(std::move(n));
        continue;
      }
      // Turned down: the flag's place and the initiative are free again.
      if (r.award == domain::Award::kCO_TINH) world_.units[n.unit].flags.erase(r.year);
      if (n.person < 0) continue;
      for (Initiative& in : world_.people[n.person].initiatives) {
        if (!n.initiatives.empty() && in.id == n.initiatives.front()) in.used = false;
      }
    }
    if (!recipients.empty()) {
      issue(r.issuer, r.award, r.year, std::move(recipients), date, r.proposal);
    }
  }
  rounds_.clear();
}

std::string Simulation::issue(int issuer, domain::Award award, int year,
                              std::vector<Nominee> recipients, domain::Date date,
                              std::optional<std::string> proposal) {
  Unit& unit = world_.units[issuer];
  const int n = ++unit.next_number;
  const bool deputy = rng_.chance(350);
  domain::IssueDecision d;
  d.id = "qd-" + unit.id + "-" + std::to_string(n);
  d.number = std::to_string(n) + "/QĐ-" + unit.code;
  d.date = date;
  d.issuer = unit.id;
  d.signer = deputy ? unit.deputy : unit.head;
  d.capacity = capacity(unit, deputy);
  d.legal_basis = legal_basis(date);
  if (proposal) {
    d.legal_basis.push_back("Biên bản họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm " +
                            std::to_string(year));
  }
  d.award = award;
  d.year = year;
  for (const Nominee& r : recipients) {
    d.recipients.push_back({ref(r), r.initiatives});
    record_award(award, year, r, true);
  }
  d.proposal = std::move(proposal);
  world_.decisions[year].push_back(DecisionRecord{d.id, d.number, issuer, date, award, year,
                                                  std::move(recipients), false, deputy});
  std::string id = d.id;
  enqueue(std::move(d), date);
  return id;
}

// Mirrors the awards the ladders count: set when a decision is issued, cleared when revoked.
void Simulation::record_award(domain::Award award, int year, const Nominee& nominee, bool active) {
  auto mark = [&](std::set<int>& years) {
    if (active) {
      years.insert(year);
    } else {
      years.erase(year);
    }
  };
  if (nominee.unit >= 0) {
    Unit& u = world_.units[nominee.unit];
    if (award == domain::Award::kCO_TINH) mark(u.flags);
    if (award == domain::Award::kTTLDTT) mark(u.ttldtt);
    return;
  }
  Person& p = world_.people[nominee.person];
  switch (award) {
    case domain::Award::kLDTT:
      return mark(p.ldtt);
    case domain::Award::kCSTDCS:
      return mark(p.cstdcs);
    case domain::Award::kCSTD_TINH:
      return mark(p.cstd_tinh);
    case domain::Award::kBK_TINH:
      return mark(p.bk_tinh);
    case domain::Award::kCSTD_TQ:
      p.cstd_tq = active;
      return;
    case domain::Award::kBK_TTG:
      p.bk_ttg = active;
      return;
    default:
      return;
  }
}

}  // namespace thidua::generator::internal
