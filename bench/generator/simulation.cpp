// The calendar of a simulated year and the helpers every part of the simulation shares.
#include "simulation.hpp"

#include <algorithm>

#include "names.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::generator::internal {

int World::current(int unit) const {
  while (units[unit].successor >= 0) unit = units[unit].successor;
  return unit;
}

int World::unit_in(int person, int year) const {
  int unit = -1;
  for (const auto& [from, posted] : people[person].postings) {
    if (from <= year) unit = posted;
  }
  return unit;
}

int World::province_of(int unit) const {
  const int p = units[unit].province;
  return p < 0 ? -1 : provinces[p];
}

namespace {

// The standard book without the refinements of docs/rules.md that the planner does not follow
// yet: the CSTDCS share (the simulated units have three or four staff, so 15% of their LDTT
// holders allows none), the LDTT exclusions, council floors, TTLDTT's own rating, TTLDXS
// discipline, CSTD_TQ timing, the initiatives of BK_TTG, revocation grounds by set, the public
// notice of proposals, and the commune's and district's competences. A generated history is a load
// and a test fixture, not a lawful record: `thidua recheck` on one lists the decisions these would
// refuse.
domain::RuleBook planning_book() {
  domain::RuleBook book = codec::load_standard_rule_book();
  for (domain::RuleSet& set : book.sets) {
    set.ldtt_discipline_bar.reset();
    set.ldtt_min_months = 0;
    set.cstdcs_share_of_ldtt.reset();
    set.ttldtt_unit_rating = domain::Rating::kNotCompleted;
    set.ttldxs_discipline_bar.reset();
    set.cstd_tq_years_after.reset();
    set.bk_ttg_initiatives = 0;
    set.council_floors.clear();
    set.revocation_grounds = {domain::RevocationGround::kA, domain::RevocationGround::kB,
                              domain::RevocationGround::kC, domain::RevocationGround::kD};
    set.abolished_kinds.clear();
    set.public_notices.clear();
    for (domain::CompetentIssuers& c : set.competent_issuers) {
      for (domain::OrganizationKind kind :
           {domain::OrganizationKind::kCommune, domain::OrganizationKind::kDistrict}) {
        if (c.kinds.size() >= 7 &&
            std::find(c.kinds.begin(), c.kinds.end(), kind) == c.kinds.end()) {
          c.kinds.push_back(kind);
        }
      }
    }
  }
  return book;
}

}  // namespace

Simulation::Simulation(const HistoryOptions& options, std::uint64_t first_position)
    : options_(options),
      rng_(options.seed),
      rules_(planning_book()),
      year_(options.first_year - 1) {
  state_.next_position = first_position;
}

const Pending* Simulation::next_command() {
  while (queue_.empty()) {
    if (steps_.empty()) {
      // Awards of a year are decided the year after, and dates end with 2999.
      if (year_ >= 2998) return nullptr;
      ++year_;
      plan_year();
    }
    std::function<void()> action = std::move(steps_.front());
    steps_.pop_front();
    action();
  }
  current_ = std::move(queue_.front());
  queue_.pop_front();
  return &current_;
}

// One calendar year, in date order: the previous year's titles in January, the conferences of
// the clusters in March, the councils in spring, holds and incidents over the summer, and the
// scoring of the year in November and December.
void Simulation::plan_year() {
  if (first()) {
    step([this] { register_world(); });
  } else {
    step([this] { restructure(); });
    step([this] { rate_year(); });
    step([this] { recognise_initiatives(); });
    step([this] { issue_unit_titles(); });
    step([this] { issue_collective_titles(); });
    step([this] { release_holds(year_ - 1); });
  }
  step([this] { launch_movements(false); });
  for (std::size_t c = 0; c < world_.clusters.size(); ++c) {
    step([this, c] { hold_conference(static_cast<int>(c)); });
  }
  if (!first()) plan_awards();
  step([this] { report_progress(false); });
  step([this] { transfer_people(); });
  step([this] { place_holds(); });
  if (!first()) {
    step([this] {
      revoke_decisions();
      correct_decisions();
    });
  }
  step([this] { launch_movements(true); });
  step([this] { record_disciplines(); });
  step([this] { release_holds(year_); });
  step([this] { report_progress(true); });
  plan_scoring();
}

void Simulation::plan_awards() {
  step([this] {
    plan_cluster_rounds();
    plan_person_rounds();
    submit_proposals(on(3, 25));
  });
  step([this] { record_council_votes(on(4, 10)); });
  step([this] { issue_round_decisions(on(4, 25)); });
  step([this] {
    plan_government_rounds();
    submit_proposals(on(5, 5));
  });
  step([this] { record_council_votes(on(5, 25)); });
  step([this] { issue_round_decisions(on(6, 10)); });
}

// Scoring goes phase by phase across all clusters (every self-score, then every cross-score),
// one step per cluster so that the queue stays one cluster-year long.
void Simulation::plan_scoring() {
  const int clusters = static_cast<int>(world_.clusters.size());
  for (const domain::ScoreKind kind :
       {domain::ScoreKind::kSelf, domain::ScoreKind::kCross, domain::ScoreKind::kFinal}) {
    for (int c = 0; c < clusters; ++c) step([this, c, kind] { enter_scores(c, kind); });
  }
  for (int c = 0; c < clusters; ++c) step([this, c] { correct_score(c); });
}

void Simulation::enqueue(domain::Command command, domain::Date date) {
  queue_.push_back(Pending{std::move(command), date});
}

const domain::RuleSet& Simulation::rules_on(domain::Date date) const {
  const domain::RuleSet* rules = rules_.in_force(date);
  // Should no set cover the date, the last one stands in for planning; decide() then refuses
  // with ruleset.in_force and the generator reports it.
  return rules ? *rules : rules_.sets.back();
}

std::string Simulation::person_name() {
  const bool female = rng_.chance(500);
  return std::string(rng_.pick(family_names())) + " " +
         std::string(rng_.pick(middle_names(female))) + " " +
         std::string(rng_.pick(given_names(female)));
}

std::string Simulation::number(int unit, std::string_view kind) {
  Unit& u = world_.units[unit];
  return std::to_string(++u.next_number) + "/" + std::string(kind) + "-" + u.code;
}

domain::SubjectRef Simulation::ref(const Nominee& nominee) const {
  if (nominee.person >= 0) {
    return {domain::SubjectKind::kPerson, world_.people[nominee.person].id};
  }
  return {domain::SubjectKind::kOrganization, world_.units[nominee.unit].id};
}

std::string Simulation::place(int province) const { return world_.places[province]; }

std::vector<std::string> Simulation::legal_basis(domain::Date date) const {
  if (date < domain::Date{2024, 1, 1}) {
    return {
        "Luật Thi đua, Khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung một số điều của "
        "Luật Thi đua, Khen thưởng ngày 16/11/2013",
        "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ"};
  }
  if (date < domain::Date{2025, 7, 1}) {
    return {"Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
            "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ"};
  }
  return {"Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022",
          "Nghị định số 152/2025/NĐ-CP của Chính phủ"};
}

domain::Document Simulation::document(std::string title) const {
  std::string hash = to_hex(sha256(title));
  return domain::Document{std::move(title), std::move(hash)};
}

std::string Simulation::capacity(const Unit& issuer, bool deputy) const {
  switch (issuer.kind) {
    case domain::OrganizationKind::kGovernment:
      return deputy ? "KT. Thủ tướng – Phó Thủ tướng" : "Thủ tướng Chính phủ";
    case domain::OrganizationKind::kMinistry:
      return deputy ? "KT. Bộ trưởng – Thứ trưởng" : "Bộ trưởng";
    case domain::OrganizationKind::kProvince:
    case domain::OrganizationKind::kCommune:
      return deputy ? "KT. Chủ tịch – Phó Chủ tịch" : "Chủ tịch";
    default:
      return deputy ? "KT. Giám đốc – Phó Giám đốc" : "Giám đốc";
  }
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string day_month_year(domain::Date date) {
  return two_digits(date.day) + "/" + two_digits(date.month) + "/" + std::to_string(date.year);
}

}  // namespace thidua::generator::internal
