// Clusters and blocs: how they are formed, and the yearly conference where the last year's
// sheet is closed, the members vote, the year's officers are elected in rotation and the new
// covenant is adopted and signed (seed 003: Cụm thi đua số 6, 6 March 2020).
#include "names.hpp"
#include "simulation.hpp"
#include "thidua/domain/ranking.hpp"

namespace thidua::generator::internal {

void Simulation::establish_clusters() {
  for (int m : world_.ministries) {
    const Sector& sector = sectors()[world_.units[m].sector];
    std::vector<int> members;
    for (int p = 0; p < options_.provinces; ++p) {
      members.push_back(world_.departments[p][world_.units[m].sector]);
    }
    Cluster pattern{.kind = domain::ClusterKind::kCluster, .organiser = m};
    pattern.ict = sector.slug == "tttt";
    group_into_clusters(members, pattern, "cum-" + std::string(sector.slug), "Cụm thi đua",
                        " – " + std::string(sector.ministry), true);
  }
  for (int p = 0; p < options_.provinces; ++p) {
    std::vector<int> departments, communes;
    for (std::size_t u = 0; u < world_.units.size(); ++u) {
      const Unit& unit = world_.units[u];
      if (unit.province != p || unit.kind == domain::OrganizationKind::kProvince) continue;
      (unit.kind == domain::OrganizationKind::kCommune ? communes : departments)
          .push_back(static_cast<int>(u));
    }
    const std::string slug(province_names()[p].slug);
    Cluster pattern{.kind = domain::ClusterKind::kBloc, .organiser = world_.provinces[p]};
    group_into_clusters(departments, pattern, "khoi-so-nganh-" + slug,
                        "Khối thi đua các sở, ban, ngành", " " + place(p), false);
    pattern.basis = domain::RankingBasis::kCrossAverage;
    group_into_clusters(communes, pattern, "khoi-xa-" + slug, "Khối thi đua các xã, phường",
                        " " + place(p), false);
  }
  // Conferences run through March in the order the clusters were formed.
  const int count = static_cast<int>(world_.clusters.size());
  for (int c = 0; c < count; ++c) world_.clusters[c].conference_day = 2 + c * 19 / count;
}

void Simulation::group_into_clusters(const std::vector<int>& units, const Cluster& pattern,
                                     const std::string& id, const std::string& prefix,
                                     const std::string& suffix, bool numbered) {
  const int n = static_cast<int>(units.size());
  if (n < 2) return;  // officers need a head and a deputy
  int groups = (n + options_.members_per_cluster - 1) / options_.members_per_cluster;
  while (groups > 1 && n / groups < 3) --groups;
  for (int k = 0; k < groups; ++k) {
    Cluster cluster = pattern;
    const bool number = numbered || groups > 1;
    cluster.id = id + (number ? "-" + std::to_string(k + 1) : "");
    cluster.name = prefix + (number ? " số " + std::to_string(k + 1) : "") + suffix;
    cluster.members.assign(units.begin() + k * n / groups, units.begin() + (k + 1) * n / groups);
    add_cluster(std::move(cluster));
  }
}

void Simulation::add_cluster(Cluster cluster) {
  const int index = static_cast<int>(world_.clusters.size());
  domain::EstablishCluster c;
  c.id = cluster.id;
  c.name = cluster.name;
  c.kind = cluster.kind;
  c.organiser = world_.units[cluster.organiser].id;
  c.year = year_;
  for (int u : cluster.members) {
    c.members.push_back(world_.units[u].id);
    world_.units[u].clusters.push_back(index);
  }
  enqueue(std::move(c), on(1, 2));
  world_.clusters.push_back(std::move(cluster));
}

void Simulation::hold_conference(int c) {
  Cluster& cluster = world_.clusters[c];
  const domain::Date date = on(3, cluster.conference_day);
  if (cluster.sheet_year == year_ - 1 && cluster.sheet_year != 0) close_and_vote(c, date);
  if (cluster.members.size() < 2) return;
  elect_officers(c, date);
  adopt_and_sign(c, date);
}

// Closes the last year's sheet and votes on its ranking: the top one or two lead the cluster
// (the ground for a flag), the next ones are proposed for a Bằng khen. Units that have ended
// or are under a hold are passed over.
void Simulation::close_and_vote(int c, domain::Date date) {
  Cluster& cluster = world_.clusters[c];
  const int year = cluster.sheet_year;
  enqueue(domain::CloseScoring{{cluster.id, year, date}}, date);
  std::vector<int> candidates;
  for (const domain::RankedMember& m :
       domain::rank_cluster_year(state_.clusters.at(cluster.id), year)) {
    const int u = unit_by_id_.at(m.organization);
    if (!world_.units[u].ended && !world_.units[u].held) candidates.push_back(u);
  }
  const std::size_t n = cluster.sheet.size();
  const std::size_t leaders = n >= 4 ? 2 : 1;
  const std::size_t awards = leaders + (n >= 6 ? 2 : 1);
  cluster.result_year = year;
  cluster.leaders.clear();
  cluster.award_nominees.clear();
  for (std::size_t i = 0; i < candidates.size() && i < awards; ++i) {
    if (i < leaders) {
      vote(c, candidates[i], std::nullopt, true, date);
      cluster.leaders.push_back(candidates[i]);
      continue;
    }
    // Now and then a third unit is put forward as a leader and the members turn it down.
    if (i == leaders && rng_.chance(150)) vote(c, candidates[i], std::nullopt, false, date);
    vote(c, candidates[i], domain::Award::kBK_TINH, true, date);
    cluster.award_nominees.push_back(candidates[i]);
  }
}

void Simulation::vote(int c, int nominee, std::optional<domain::Award> award, bool pass,
                      domain::Date date) {
  const Cluster& cluster = world_.clusters[c];
  const domain::Share share = rules_on(date).cluster_vote_pass.share();
  const int eligible = static_cast<int>(cluster.sheet.size());
  int needed = 0;
  while (needed < eligible && !share.met_by(needed, eligible)) ++needed;
  domain::RecordClusterVote v;
  v.cluster = cluster.id;
  v.year = cluster.sheet_year;
  v.motion = award ? domain::Motion::kAward : domain::Motion::kLeader;
  v.award = award;
  v.question = award ? "Đề nghị " + world_.units[cluster.organiser].name + " tặng Bằng khen năm " +
                           std::to_string(v.year)
                     : "Đơn vị dẫn đầu " + cluster.name + " năm " + std::to_string(v.year);
  v.nominee = world_.units[nominee].id;
  v.eligible = eligible;
  v.yes = pass ? rng_.between(needed, eligible) : rng_.between(0, std::max(0, needed - 1));
  v.abstain = rng_.chance(300) ? rng_.between(0, eligible - static_cast<int>(v.yes)) : 0;
  v.no = eligible - v.yes - v.abstain;
  v.ballot = domain::BallotKind::kSecret;
  v.date = date;
  enqueue(std::move(v), date);
}

// The head rotates through the members in order and never serves two years in a row; the
// deputy is the next member after the head.
void Simulation::elect_officers(int c, domain::Date date) {
  Cluster& cluster = world_.clusters[c];
  const std::vector<int>& m = cluster.members;
  const int n = static_cast<int>(m.size());
  auto previous = cluster.heads.find(year_ - 1);
  const int last = previous == cluster.heads.end() ? -1 : previous->second;
  int at = (year_ - first_year() + c) % n;
  for (int i = 0; i < n; ++i) {
    if (m[i] == last) at = (i + 1) % n;
  }
  if (m[at] == last) at = (at + 1) % n;
  domain::ElectOfficers e;
  e.cluster = cluster.id;
  e.year = year_;
  e.head = world_.units[m[at]].id;
  e.deputy = world_.units[m[(at + 1) % n]].id;
  cluster.heads[year_] = m[at];
  cluster.heads.erase(year_ - 2);
  enqueue(std::move(e), date);
}

void Simulation::adopt_and_sign(int c, domain::Date date) {
  Cluster& cluster = world_.clusters[c];
  domain::AdoptCovenant covenant;
  covenant.cluster = cluster.id;
  covenant.year = year_;
  covenant.criteria = criteria(cluster);
  covenant.ranking_basis = cluster.basis;
  enqueue(std::move(covenant), date);
  for (int u : cluster.members) {
    const Unit& unit = world_.units[u];
    enqueue(domain::SignCovenant{{cluster.id, year_, unit.id, unit.head, unit.head_capacity, date}},
            date);
  }
  // The sheet of the year: its members, and how well each does this year.
  cluster.sheet_year = year_;
  cluster.sheet = cluster.members;
  cluster.strength.clear();
  for (int u : cluster.members) {
    cluster.strength.push_back(
        std::clamp(world_.units[u].base_strength + rng_.between(-50, 40), 550, 995));
  }
}

std::vector<domain::CovenantCriterion> Simulation::criteria(const Cluster& cluster) const {
  const std::vector<std::string_view>& texts = cluster.ict ? ict_criteria() : general_criteria();
  std::vector<domain::CovenantCriterion> out;
  for (int k = 0; k < options_.criteria; ++k) {
    const bool last = k == options_.criteria - 1 && k > 0;
    out.push_back({"TC" + std::to_string(k + 1),
                   k < static_cast<int>(texts.size())
                       ? std::string(texts[k])
                       : "Tiêu chí bổ sung số " + std::to_string(k + 1),
                   domain::Decimal::units(last ? 20 : 10)});
  }
  return out;
}

}  // namespace thidua::generator::internal
