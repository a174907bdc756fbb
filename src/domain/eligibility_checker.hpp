// The eligibility checker of check_eligibility(): general rules in eligibility.cpp, the
// ladders of each award in eligibility_ladders.cpp. Not a public header.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "decide_internal.hpp"
#include "ladders.hpp"

namespace thidua::domain::internal {

class Checker {
 public:
  Checker(const State& state, const RuleSet& rules, const EligibilityQuestion& q)
      : s_(state),
        r_(rules),
        q_(q),
        l_(state, q.subject, q.decision),
        subject_(q.subject.to_string()),
        counts_(q.occasion == Occasion::kAnnual) {}

  // REQUIRES: the subject is registered (check_eligibility refuses otherwise).
  std::vector<RuleCheck> run() {
    registered();
    const bool kind_ok = award_for(q_.award, q_.subject.kind);
    add("award.subject_kind", kind_ok,
        std::string(award_title(q_.award)) + (kind_ok ? " can" : " cannot") + " be given to " +
            (q_.subject.kind == SubjectKind::kPerson ? "a person" : "an organization"));
    if (!kind_ok) return std::move(out_);
    holds();
    if (q_.issuer) issuer();
    cited_initiatives();
    if (q_.occasion == Occasion::kAnnual) {
      once_per_year();
    } else {
      add("award.ladder", true,
          std::string(enum_name(q_.occasion)) +
              " awards neither need nor count toward the consecutive-year ladders; every other "
              "criterion of the award applies");
    }
    ladder();
    return std::move(out_);
  }

 private:
  void add(std::string rule, bool passed, std::string detail, std::vector<Fact> facts = {}) {
    out_.push_back({std::move(rule), subject_, passed, std::move(detail), std::move(facts)});
  }
  std::string who() const { return quoted(name_of(s_, q_.subject)); }
  std::string year(int y) const { return std::to_string(y); }

  void registered() {
    const std::uint64_t position = q_.subject.kind == SubjectKind::kPerson
                                       ? s_.people.at(q_.subject.id).position
                                       : s_.organizations.at(q_.subject.id).position;
    add("subject.exists", true, who() + " is registered as " + subject_,
        {{position, "registration of " + who()}});
  }

  void holds() {
    std::vector<Fact> facts;
    for (const HoldState* h : s_.active_holds(subject_, q_.date)) {
      facts.push_back({h->position, std::string(enum_name(h->placed.kind)) + " hold " +
                                        quoted(h->placed.id) + " since " +
                                        h->placed.date.to_string() + ": " + h->placed.reason});
    }
    add("hold.active", facts.empty(),
        facts.empty() ? who() + " is under no hold"
                      : who() + " is under a hold (" + facts[0].what +
                            "); no award is proposed or decided while it lasts",
        facts);
  }

  void issuer() {
    auto it = s_.organizations.find(*q_.issuer);
    const auto* kinds = r_.issuers_of(q_.award);
    const bool ok = it != s_.organizations.end() && !r_.abolished(it->second.registered.kind) &&
                    (!kinds || std::find(kinds->begin(), kinds->end(),
                                         it->second.registered.kind) != kinds->end());
    std::vector<Fact> facts;
    if (it != s_.organizations.end()) {
      facts.push_back(
          {it->second.position, quoted(it->second.name) + " is a " +
                                    std::string(enum_name(it->second.registered.kind))});
    }
    add("decision.competent_issuer", ok,
        quoted(name_of(s_, *q_.issuer)) + (ok ? " may" : " may not") + " decide " +
            std::string(award_title(q_.award)) + " under " + r_.id,
        facts);
  }

  void cited_initiatives() {
    for (const std::string& id : q_.initiatives) {
      auto it = s_.initiatives.find(id);
      if (it == s_.initiatives.end()) {
        add("initiative.exists", false, "no initiative " + quoted(id) + " is recognised");
        continue;
      }
      const InitiativeState& in = it->second;
      add("initiative.exists", true,
          quoted(in.recognized.title) + " was recognised by " +
              quoted(name_of(s_, in.recognized.recognized_by)) + " on " +
              in.recognized.date.to_string(),
          {{in.position, "initiative " + quoted(in.recognized.title)}});
      const auto& owners = in.recognized.owners;
      const bool owned = q_.subject.kind == SubjectKind::kPerson &&
                         std::find(owners.begin(), owners.end(), q_.subject.id) != owners.end();
      Fact fact{in.position, "initiative " + quoted(in.recognized.title)};
      add("initiative.owner", owned,
          quoted(in.recognized.title) + (owned ? " is" : " is not") + " an initiative of " + who(),
          {fact});
      const bool free = !in.used_by || (q_.decision && *in.used_by == *q_.decision);
      add("initiative.one_award", free,
          free ? quoted(in.recognized.title) + " supports no other award"
               : quoted(in.recognized.title) + " already supports decision " + quoted(*in.used_by) +
                     "; one achievement, one award",
          {fact});
    }
  }

  void once_per_year() {
    if (award_kind(q_.award) != AwardKind::kTitle) return;
    auto held = l_.annual(q_.award);
    auto it = held.find(q_.year);
    const bool ok = it == held.end();
    add("award.once_per_year", ok,
        ok ? who() + " holds no " + std::string(enum_name(q_.award)) + " for " + year(q_.year)
           : who() + " already received " + std::string(award_title(q_.award)) + " for " +
                 year(q_.year) + " by decision " + quoted(it->second.decision),
        ok ? std::vector<Fact>{} : std::vector<Fact>{{it->second.position, "earlier award"}});
  }

  void ladder();
  void ldtt(const std::string& rule);
  void ldtt_person();
  void cstdcs_share();
  void cstdcs();
  void cstd_tinh();
  void cstd_tq();
  void cstd_tq_timing(const std::map<int, AwardRecord>& held, int latest);
  void ttldtt();
  void ttldxs();
  void flag(bool government);
  void bk_tinh();
  void bk_ttg();

  const State& s_;
  const RuleSet& r_;
  const EligibilityQuestion& q_;
  internal::Ladders l_;
  std::string subject_;
  // Whether the consecutive-year counts apply: only annual awards need them (Decree 98 Art.
  // 4(3)); thematic and extraordinary awards are checked on every other criterion.
  bool counts_;
  std::vector<RuleCheck> out_;
};

}  // namespace thidua::domain::internal
