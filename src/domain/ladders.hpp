// The consecutive-year facts the award rules read for one subject: annual awards by year,
// ratings, and initiatives. Only active (not revoked) annual awards count toward a ladder
// (Decree 98 Art. 4(3)); the decision being decided is left out. Not a public header.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/state.hpp"

namespace thidua::domain::internal {

class Ladders {
 public:
  Ladders(const State& state, const SubjectRef& subject, std::optional<std::string> decision)
      : s_(state), subject_(subject), decision_(std::move(decision)) {}

  // Active annual awards of `award`, by year.
  std::map<int, AwardRecord> annual(Award award) const {
    std::map<int, AwardRecord> out;
    for (const AwardRecord& r : s_.active_awards(subject_.to_string())) {
      if (r.award == award && r.occasion == Occasion::kAnnual && r.decision != decision_) {
        out.emplace(r.year, r);
      }
    }
    return out;
  }

  // How many years in a row, ending with `year` and later than `after`, hold `award`; each adds
  // a fact. `after` is the year of an award these years already earned: an achievement counts
  // once, so the years before it start no new count.
  int consecutive(Award award, int year, std::vector<Fact>& facts, int after = 0) const {
    auto held = annual(award);
    int n = 0;
    for (int y = year; y > after && held.contains(y); --y, ++n) {
      facts.push_back({held.at(y).position, std::string(enum_name(award)) + " for " +
                                                std::to_string(y) + " by decision " +
                                                held.at(y).decision});
    }
    return n;
  }

  // The latest year before `year` with an active annual `award`, or 0.
  int latest_before(Award award, int year) const {
    int latest = 0;
    for (const auto& [y, rec] : annual(award)) {
      if (y < year) latest = y;
    }
    return latest;
  }

  const Located<Rating>* rating(int year) const { return rating_of(s_, subject_, year); }

  static const Located<Rating>* rating_of(const State& s, const SubjectRef& who, int year) {
    const std::map<int, Located<Rating>>* ratings = nullptr;
    if (who.kind == SubjectKind::kPerson) {
      auto it = s.people.find(who.id);
      if (it != s.people.end()) ratings = &it->second.ratings;
    } else {
      auto it = s.organizations.find(who.id);
      if (it != s.organizations.end()) ratings = &it->second.ratings;
    }
    if (!ratings) return nullptr;
    auto r = ratings->find(year);
    return r == ratings->end() ? nullptr : &r->second;
  }

  // Initiatives of the subject recognised in [from, to] with at least `scope`. For a decision,
  // only the ones it cites: an initiative supports the award that cites it, and citing is what
  // marks it used (one achievement, one award). For the eligibility query (no decision), the
  // cited ones when any are cited, otherwise every one that supports no other award.
  std::vector<const InitiativeState*> initiatives(int from, int to, Scope scope,
                                                  const std::vector<std::string>& cited) const {
    std::vector<const InitiativeState*> out;
    for (const auto& [id, in] : s_.initiatives) {
      const auto& r = in.recognized;
      const bool owned = std::find(r.owners.begin(), r.owners.end(), subject_.id) != r.owners.end();
      const bool is_cited = std::find(cited.begin(), cited.end(), id) != cited.end();
      const bool listed = decision_ || !cited.empty() ? is_cited : !in.used_by.has_value();
      if (owned && listed && r.year >= from && r.year <= to && r.scope >= scope) {
        out.push_back(&in);
      }
    }
    return out;
  }

 private:
  const State& s_;
  SubjectRef subject_;
  std::optional<std::string> decision_;
};

}  // namespace thidua::domain::internal
