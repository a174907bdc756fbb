// The simulation behind HistoryGenerator: a calendar of steps, year after year, each step
// queueing the commands of one moment of the year (a conference, the scoring, the council's
// meeting...) from the world's bookkeeping and the domain state as it stands when the step
// runs. Steps run only once the commands before them were decided and applied, so a step sees
// their effects (the ranking reads the scores). Not thread-safe. Not a public header.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rng.hpp"
#include "thidua/domain/commands.hpp"
#include "thidua/domain/rule_set.hpp"
#include "thidua/domain/state.hpp"
#include "thidua/generator/history_generator.hpp"
#include "world.hpp"

namespace thidua::generator::internal {

std::string two_digits(int n);
std::string day_month_year(domain::Date date);  // "06/03/2020"

struct Pending {
  domain::Command command;
  domain::Date date;  // the day it happens: the decision context's today and the event's time
};

class Simulation {
 public:
  // REQUIRES: check_options(options) is OK.
  Simulation(const HistoryOptions& options, std::uint64_t first_position);

  // The next command of the history, or nullptr when the calendar ran out (the year 2999).
  // The command lives until the next call.
  const Pending* next_command();

  domain::State& state() { return state_; }
  const domain::RuleBook& rules() const { return rules_; }

 private:
  // ---- The calendar (simulation.cpp)
  void plan_year();
  void plan_awards();
  void plan_scoring();
  void step(std::function<void()> action) { steps_.push_back(std::move(action)); }
  void enqueue(domain::Command command, domain::Date date);
  domain::Date on(int month, int day) const { return domain::Date{year_, month, day}; }
  const domain::RuleSet& rules_on(domain::Date date) const;
  int first_year() const { return options_.first_year; }
  bool first() const { return year_ == options_.first_year; }

  // ---- Naming and documents (simulation.cpp)
  std::string person_name();
  std::string number(int unit, std::string_view kind);  // "12/QĐ-STTTT"
  domain::SubjectRef ref(const Nominee& nominee) const;
  std::string place(int province) const;  // "tỉnh Gia Lai", "thành phố Đà Nẵng"
  std::vector<std::string> legal_basis(domain::Date date) const;
  domain::Document document(std::string title) const;

  // ---- The world at the start (setup.cpp)
  void register_world();
  void register_province_units(int p);
  int add_unit(Unit unit, std::optional<int> parent);
  void register_people(int unit);
  void establish_councils();
  int add_council(int unit, int members, std::vector<domain::Award> majority,
                  std::vector<domain::Award> nine_tenths);
  void establish_clusters();
  void add_cluster(Cluster cluster);
  // Splits `units` evenly into as few clusters of at most members_per_cluster as allow three
  // members each; named `prefix` [" số " k] `suffix`, with ids `id` ["-" k].
  void group_into_clusters(const std::vector<int>& units, const Cluster& pattern,
                           const std::string& id, const std::string& prefix,
                           const std::string& suffix, bool numbered);

  // ---- Clusters and blocs (clusters.cpp, scoring.cpp)
  void hold_conference(int cluster);
  void close_and_vote(int cluster, domain::Date date);
  void vote(int cluster, int nominee, std::optional<domain::Award> award, bool pass,
            domain::Date date);
  void elect_officers(int cluster, domain::Date date);
  void adopt_and_sign(int cluster, domain::Date date);
  std::vector<domain::CovenantCriterion> criteria(const Cluster& cluster) const;
  void enter_scores(int cluster, domain::ScoreKind kind);
  void correct_score(int cluster);
  domain::Decimal points(const domain::CovenantCriterion& criterion, int strength);

  // ---- People and their titles (people.cpp)
  void rate_year();
  void recognise_initiatives();
  std::string recognise(int person, domain::Scope scope, int recognised_by);
  void issue_unit_titles();
  void issue_collective_titles();
  int streak(const Person& person, int year) const;
  Initiative* unused(Person& person, domain::Scope scope, int from, int to);

  // ---- Proposals, council votes, decisions (rounds.cpp, decisions.cpp)
  void plan_cluster_rounds();
  int secretariat(int province) const;
  void plan_person_rounds();
  void plan_government_rounds();
  void plan_government_flags(const domain::RuleSet& rules);
  void plan_national_titles(const domain::RuleSet& rules);
  void submit_proposals(domain::Date date);
  void record_council_votes(domain::Date date);
  void issue_round_decisions(domain::Date date);
  std::string issue(int issuer, domain::Award award, int year, std::vector<Nominee> recipients,
                    domain::Date date, std::optional<std::string> proposal);
  void record_award(domain::Award award, int year, const Nominee& nominee, bool active);
  std::string capacity(const Unit& issuer, bool deputy) const;

  // ---- Movements (movements.cpp)
  void launch_movements(bool campaign);
  void launch_movement(int province, bool campaign);
  void register_units(Movement& movement, domain::Date date);
  void report_progress(bool final_report);

  // ---- Restructuring, holds, revocations, corrections (incidents.cpp)
  void restructure();
  void merge_departments();
  void merge(int from, int into);
  void rename_units();
  void rename(Unit& unit, std::string name, std::string basis);
  void transfer(int person, int to, domain::Date effective, std::string basis);
  void transfer_people();
  void set_up_agencies();
  void place_holds();
  void record_disciplines();
  void release_holds(int placed_in);
  void revoke_decisions();
  void correct_decisions();

  HistoryOptions options_;
  Rng rng_;
  domain::RuleBook rules_;
  domain::State state_;
  World world_;
  std::unordered_map<std::string, int> unit_by_id_;
  std::deque<Pending> queue_;
  Pending current_;
  std::deque<std::function<void()>> steps_;
  int year_ = 0;  // the calendar year being simulated; awards are for the year before
  std::vector<Round> rounds_;
  std::vector<Nominee> cstdcs_plan_;
  std::vector<int> ttldxs_plan_;
};

}  // namespace thidua::generator::internal
