// The simulated world of the history generator: units, people, councils, clusters and the
// bookkeeping that lets it choose commands the domain will accept, without asking the domain
// first. Plain data; not thread-safe. Not a public header.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "thidua/domain/values.hpp"

namespace thidua::generator::internal {

struct Unit {
  std::string id{};
  std::string name{};
  domain::OrganizationKind kind = domain::OrganizationKind::kAgency;
  int province = -1;     // index into World::provinces; -1 for central bodies
  int sector = -1;       // index into sectors(), for ministries and departments
  std::string head{};    // the name of its head, who signs its covenants and decisions
  std::string deputy{};  // the name of its deputy head, who signs some decisions
  std::string head_capacity{};
  std::string code{};            // in document numbers: "QĐ-<code>", "TTr-<code>"
  std::vector<int> staff{};      // everyone ever posted there (registered or transferred in)
  std::vector<int> workforce{};  // the people working there now
  std::vector<int> clusters{};   // clusters and blocs it is a member of
  int next_number = 0;           // its documents are numbered on from this
  int council = -1;              // index into World::councils
  int successor = -1;            // after a merger
  bool ended = false;
  bool held = false;
  int since = 0;            // the year it was registered
  int base_strength = 850;  // per mille of the maximum points it tends to reach
  int ward_renamed = 0;     // communes: renamed a ward
  std::set<int> flags{};    // years with CO_TINH (a title: at most one a year)
  std::set<int> ttldtt{};   // years with TTLDTT
  std::map<int, domain::Rating> ratings{};
};

struct Initiative {
  std::string id{};
  int year = 0;
  domain::Scope scope = domain::Scope::kGrassroots;
  bool used = false;
};

struct Person {
  std::string id{};
  std::string name{};
  std::vector<std::pair<int, int>> postings{};  // (first year, unit), in order; the last is now
  bool leader = false;  // the head or the deputy of its first unit, who stays
  int since = 0;        // the year it was registered
  int talent = 1;       // 0 weak, 1 ordinary, 2 strong, 3 outstanding
  bool held = false;
  std::map<int, domain::Rating> ratings{};
  // Years of active (not revoked) annual awards, mirroring what the ladders count.
  std::set<int> ldtt{}, cstdcs{}, cstd_tinh{}, bk_tinh{};
  bool cstd_tq = false;
  bool bk_ttg = false;
  std::vector<Initiative> initiatives{};
  std::map<int, domain::DisciplineLevel> disciplines{};  // year -> heaviest measure
};

struct Council {
  std::string id{};
  int unit = -1;
  int members = 0;
  domain::Share quorum;
  std::map<domain::Award, domain::Share> thresholds{};
};

struct Cluster {
  std::string id{};
  std::string name{};
  domain::ClusterKind kind = domain::ClusterKind::kCluster;
  int organiser = -1;
  std::vector<int> members{};  // current members, in the order the head rotates
  domain::RankingBasis basis = domain::RankingBasis::kFinal;
  bool ict = false;            // the covenant criteria of Cụm thi đua số 6
  int conference_day = 6;      // of March
  std::map<int, int> heads{};  // year -> head
  // The sheet being scored: its year, its members and their strengths that year.
  int sheet_year = 0;
  std::vector<int> sheet{};
  std::vector<int> strength{};
  // The outcome of the last closed year, in ranking order.
  int result_year = 0;
  std::vector<int> leaders{};
  std::vector<int> award_nominees{};
};

// A nominee or recipient: a person or a unit, with the initiatives its award relies on.
struct Nominee {
  int person = -1;
  int unit = -1;
  std::vector<std::string> initiatives{};
};

// A proposal to a council, the council's vote and the decision on the nominees who passed,
// built over three steps of the calendar.
struct Round {
  int proposing_body = -1;
  int council = -1;
  int issuer = -1;
  domain::Award award = domain::Award::kGK;
  int year = 0;
  std::vector<Nominee> nominees{};
  int cluster = -1;  // the cluster whose vote the proposal carries, for flags
  std::string proposal{};
  std::vector<bool> passed{};
};

struct DecisionRecord {
  std::string id{};
  std::string number{};
  int issuer = -1;
  domain::Date date{};
  domain::Award award = domain::Award::kGK;
  int year = 0;
  std::vector<Nominee> recipients{};
  bool revoked = false;
  bool deputy = false;  // signed by the deputy head
};

struct HoldRecord {
  std::string id{};
  int person = -1;
  int unit = -1;
  domain::HoldKind kind = domain::HoldKind::kInvestigation;
  domain::Date placed{};
  int release_year = 0;  // released in October of the year it was placed, or February after
};

struct Movement {
  std::string id{};
  int province = -1;
  std::vector<domain::Target> targets{};
  std::vector<std::pair<int, std::vector<domain::Pledge>>> registrations{};
};

struct World {
  std::vector<Unit> units{};
  std::vector<Person> people{};
  std::vector<Council> councils{};
  std::vector<Cluster> clusters{};
  std::vector<int> provinces{};       // their People's Committees, in the order of province_names()
  std::vector<std::string> places{};  // "tỉnh Gia Lai", "thành phố Đà Nẵng", by province
  std::set<int> new_agencies{};       // provinces that set up an agency during the history
  std::vector<int> ministries{};      // one per sector
  int government = -1;
  std::vector<std::vector<int>> departments{};             // [province][sector]
  std::map<int, std::vector<DecisionRecord>> decisions{};  // by the year of the achievements
  std::vector<HoldRecord> holds{};
  std::vector<Movement> movements{};  // of the current year
  int next_initiative = 0;
  int next_hold = 0;

  // The unit someone of `unit` works for now: `unit`, or its successor after mergers.
  int current(int unit) const;
  int current_unit(int person) const { return current(people[person].postings.back().second); }
  // The unit a person worked for on 31 December of `year`, or -1 before the first posting.
  int unit_in(int person, int year) const;
  // The province a unit belongs to, as the index of its People's Committee; -1 if none.
  int province_of(int unit) const;
};

}  // namespace thidua::generator::internal
