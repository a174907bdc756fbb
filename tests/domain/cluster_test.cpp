// Clusters and blocs: establishment, membership by year, officers in rotation, the covenant and
// its signatures. Every rule decide_cluster.cpp can refuse with, passed and refused. The cluster
// is Cluster No. 6 of the Ministry of Information and Communications (seed 003).
#include <catch2/catch.hpp>

#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using Ids = std::vector<std::string>;

const std::string kGiaLai = "so-tttt-gia-lai";
const std::string kPhuYen = "so-tttt-phu-yen";
const std::string kDakLak = "so-tttt-dak-lak";
const std::string kLamDong = "so-tttt-lam-dong";
const std::string kKonTum = "so-tttt-kon-tum";  // not a member at first

struct Cluster6 : World {
  Cluster6() {
    org("bo-tttt", "Bộ Thông tin và Truyền thông", OrganizationKind::kMinistry);
    org(kGiaLai, "Sở Thông tin và Truyền thông Gia Lai");
    org(kPhuYen, "Sở Thông tin và Truyền thông Phú Yên");
    org(kDakLak, "Sở Thông tin và Truyền thông Đắk Lắk");
    org(kLamDong, "Sở Thông tin và Truyền thông Lâm Đồng");
    org(kKonTum, "Sở Thông tin và Truyền thông Kon Tum");
  }

  static EstablishCluster establishment() {
    EstablishCluster c;
    c.id = "cum-6";
    c.name = "Cụm thi đua số 6";
    c.kind = ClusterKind::kCluster;
    c.organiser = "bo-tttt";
    c.year = 2019;
    c.members = {kGiaLai, kPhuYen, kDakLak, kLamDong};
    return c;
  }
  void establish() { ok(establishment()); }

  const ClusterState& cluster() const { return state.clusters.at("cum-6"); }

  static JoinCluster join(const std::string& organization, int year) {
    JoinCluster c;
    c.cluster = "cum-6";
    c.organization = organization;
    c.year = year;
    return c;
  }
  static LeaveCluster leave(const std::string& organization, int year) {
    LeaveCluster c;
    c.cluster = "cum-6";
    c.organization = organization;
    c.year = year;
    return c;
  }
  static ElectOfficers officers(int year, const std::string& head, const std::string& deputy) {
    ElectOfficers c;
    c.cluster = "cum-6";
    c.year = year;
    c.head = head;
    c.deputy = deputy;
    return c;
  }
  static AdoptCovenant covenant(int year) {
    AdoptCovenant c;
    c.cluster = "cum-6";
    c.year = year;
    c.criteria = {
        {"TC1", "Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương",
         Decimal::units(10)},
        {"TC2", "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin", Decimal::units(10)},
        {"TC3", "Tổ chức phát động, triển khai các phong trào thi đua", Decimal::units(20)},
    };
    c.ranking_basis = RankingBasis::kFinal;
    return c;
  }
  static SignCovenant signature(int year, const std::string& organization) {
    SignCovenant c;
    c.cluster = "cum-6";
    c.year = year;
    c.organization = organization;
    c.representative = "Nguyễn Văn Hùng";
    c.capacity = "Giám đốc Sở";
    c.date = Date{year, 3, 6};
    return c;
  }
  static CloseScoring close(int year) {
    CloseScoring c;
    c.cluster = "cum-6";
    c.year = year;
    c.date = Date{year + 1, 1, 15};
    return c;
  }
};

}  // namespace

// ---- Establishment --------------------------------------------------------------------------

TEST_CASE("cluster.unique: a cluster is established once", "[domain][cluster]") {
  Cluster6 w;
  auto events = w.ok(Cluster6::establishment());
  REQUIRE(events.size() == 1);
  const auto& e = std::get<ClusterEstablished>(events[0]);
  CHECK(e.name == "Cụm thi đua số 6");
  CHECK(e.organiser == "bo-tttt");
  CHECK(subject_of(events[0]) == "cluster/cum-6");
  const ClusterState& c = w.cluster();
  CHECK(c.position == w.state.next_position - 1);
  CHECK(c.members(2019) == Ids{kDakLak, kGiaLai, kLamDong, kPhuYen});  // sorted
  CHECK(c.members(2025) == c.members(2019));
  CHECK(c.members(2018).empty());  // the listed members count from the cluster's first year
  CHECK(c.years.empty());

  EstablishCluster again = Cluster6::establishment();
  again.name = "Cụm thi đua các Sở Thông tin và Truyền thông Tây Nguyên";
  CHECK(contains(w.refused(again, "cluster.unique").detail, "cum-6"));
  CHECK(w.cluster().established.name == "Cụm thi đua số 6");

  // A bloc (khối) is established the same way.
  w.org("ubnd-gia-lai", "Ủy ban nhân dân tỉnh Gia Lai", OrganizationKind::kProvince);
  w.org("so-noi-vu-gia-lai", "Sở Nội vụ Gia Lai");
  w.org("so-tai-chinh-gia-lai", "Sở Tài chính Gia Lai");
  EstablishCluster bloc;
  bloc.id = "khoi-tham-muu-gia-lai";
  bloc.name = "Khối thi đua các cơ quan tham mưu tổng hợp tỉnh Gia Lai";
  bloc.kind = ClusterKind::kBloc;
  bloc.organiser = "ubnd-gia-lai";
  bloc.year = 2024;
  bloc.members = {"so-noi-vu-gia-lai", "so-tai-chinh-gia-lai"};
  w.ok(bloc);
  CHECK(w.state.clusters.at("khoi-tham-muu-gia-lai").established.kind == ClusterKind::kBloc);
}

TEST_CASE("organization.exists: clusters list and admit only registered units",
          "[domain][cluster]") {
  Cluster6 w;
  EstablishCluster c = Cluster6::establishment();
  c.members.push_back("so-tttt-dak-nong");
  CHECK(contains(w.refused(c, "organization.exists").detail, "so-tttt-dak-nong"));
  c = Cluster6::establishment();
  c.organiser = "bo-khcn";
  CHECK(contains(w.refused(c, "organization.exists").detail, "bo-khcn"));
  CHECK(w.state.clusters.empty());

  w.establish();
  CHECK(contains(w.refused(Cluster6::join("so-tttt-dak-nong", 2020), "organization.exists").detail,
                 "so-tttt-dak-nong"));
  w.org("so-tttt-dak-nong", "Sở Thông tin và Truyền thông Đắk Nông");
  w.ok(Cluster6::join("so-tttt-dak-nong", 2020));
}

TEST_CASE("cluster.members_distinct: a cluster lists each member once", "[domain][cluster]") {
  Cluster6 w;
  EstablishCluster c = Cluster6::establishment();
  c.members.push_back(kPhuYen);
  w.refused(c, "cluster.members_distinct");
  c.members.pop_back();
  w.ok(c);
}

TEST_CASE("cluster.exists: membership, officers, covenant and signatures need the cluster",
          "[domain][cluster]") {
  Cluster6 w;
  auto elsewhere = [](auto command) {
    command.cluster = "cum-9";
    return command;
  };
  CHECK(contains(w.refused(elsewhere(Cluster6::join(kKonTum, 2020)), "cluster.exists").detail,
                 "\"cum-9\""));
  w.refused(elsewhere(Cluster6::leave(kGiaLai, 2020)), "cluster.exists");
  w.refused(elsewhere(Cluster6::officers(2019, kDakLak, kLamDong)), "cluster.exists");
  w.refused(elsewhere(Cluster6::covenant(2019)), "cluster.exists");
  w.refused(elsewhere(Cluster6::signature(2019, kGiaLai)), "cluster.exists");
  // The same commands pass against an established cluster.
  w.establish();
  w.ok(Cluster6::officers(2019, kDakLak, kLamDong));
  w.ok(Cluster6::covenant(2019));
  w.ok(Cluster6::signature(2019, kGiaLai));
  w.ok(Cluster6::join(kKonTum, 2020));
  w.ok(Cluster6::leave(kGiaLai, 2020));
}

// ---- Membership by year ---------------------------------------------------------------------

TEST_CASE("cluster.join_not_member: a unit joins from its year on, once", "[domain][cluster]") {
  Cluster6 w;
  w.establish();
  Refusal member = w.refused(Cluster6::join(kGiaLai, 2020), "cluster.join_not_member");
  CHECK(contains(member.detail, "\"Sở Thông tin và Truyền thông Gia Lai\""));
  CHECK(contains(member.detail, "2020"));

  auto events = w.ok(Cluster6::join(kKonTum, 2021));
  const auto& e = std::get<ClusterMemberJoined>(events[0]);
  CHECK(e.organization == kKonTum);
  CHECK(e.year == 2021);
  CHECK(subject_of(events[0]) == "cluster/cum-6");
  const ClusterState& c = w.cluster();
  CHECK_FALSE(c.is_member(kKonTum, 2020));
  CHECK(c.is_member(kKonTum, 2021));
  CHECK(c.is_member(kKonTum, 2030));
  CHECK(c.members(2020) == Ids{kDakLak, kGiaLai, kLamDong, kPhuYen});
  CHECK(c.members(2021) == Ids{kDakLak, kGiaLai, kKonTum, kLamDong, kPhuYen});

  // Already a member from 2021 on, so not again in 2022; but 2020 is still open.
  CHECK(contains(w.refused(Cluster6::join(kKonTum, 2022), "cluster.join_not_member").detail,
                 "\"Sở Thông tin và Truyền thông Kon Tum\""));
  w.ok(Cluster6::join(kKonTum, 2020));
  CHECK(c.is_member(kKonTum, 2020));
  CHECK_FALSE(c.is_member(kKonTum, 2019));
}

TEST_CASE("cluster.year_covered: membership changes only for years the cluster exists in",
          "[domain][cluster]") {
  Cluster6 w;
  w.establish();
  Refusal early = w.refused(Cluster6::join(kKonTum, 2018), "cluster.year_covered");
  CHECK(contains(early.detail, "\"Cụm thi đua số 6\" exists from 2019"));
  w.refused(Cluster6::leave(kGiaLai, 2018), "cluster.year_covered");
  w.ok(Cluster6::join(kKonTum, 2019));  // the first year is covered
  CHECK(w.cluster().is_member(kKonTum, 2019));
  w.ok(Cluster6::leave(kGiaLai, 2019));
  CHECK_FALSE(w.cluster().is_member(kGiaLai, 2019));
}

TEST_CASE("cluster.leave_member: a member leaves from its year on", "[domain][cluster]") {
  Cluster6 w;
  w.establish();
  Refusal outsider = w.refused(Cluster6::leave(kKonTum, 2020), "cluster.leave_member");
  CHECK(contains(outsider.detail, "\"Sở Thông tin và Truyền thông Kon Tum\""));
  CHECK(contains(outsider.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(outsider.detail, "2020"));

  auto events = w.ok(Cluster6::leave(kLamDong, 2021));
  const auto& e = std::get<ClusterMemberLeft>(events[0]);
  CHECK(e.organization == kLamDong);
  CHECK(subject_of(events[0]) == "cluster/cum-6");
  const ClusterState& c = w.cluster();
  CHECK(c.is_member(kLamDong, 2020));
  CHECK_FALSE(c.is_member(kLamDong, 2021));
  CHECK_FALSE(c.is_member(kLamDong, 2022));
  CHECK(c.members(2021) == Ids{kDakLak, kGiaLai, kPhuYen});

  w.refused(Cluster6::leave(kLamDong, 2022), "cluster.leave_member");
  // Leaving is not possible before the cluster's first year either.
  w.refused(Cluster6::leave(kGiaLai, 2018), "cluster.year_covered");
}

TEST_CASE("cluster membership: joins and leaves take effect from their year, in any order",
          "[domain][cluster]") {
  Cluster6 w;
  w.establish();
  // Lâm Đồng leaves in 2021 and comes back in 2023; Kon Tum joins in 2020 and leaves in 2022.
  w.ok(Cluster6::leave(kLamDong, 2021));
  w.ok(Cluster6::join(kKonTum, 2020));
  w.ok(Cluster6::join(kLamDong, 2023));
  w.ok(Cluster6::leave(kKonTum, 2022));
  const ClusterState& c = w.cluster();
  CHECK(c.changes.size() == 4);
  CHECK(c.members(2019) == Ids{kDakLak, kGiaLai, kLamDong, kPhuYen});
  CHECK(c.members(2020) == Ids{kDakLak, kGiaLai, kKonTum, kLamDong, kPhuYen});
  CHECK(c.members(2021) == Ids{kDakLak, kGiaLai, kKonTum, kPhuYen});
  CHECK(c.members(2022) == Ids{kDakLak, kGiaLai, kPhuYen});
  CHECK(c.members(2023) == Ids{kDakLak, kGiaLai, kLamDong, kPhuYen});
  CHECK(c.members(2024) == c.members(2023));

  // Gia Lai leaves from 2024 and comes back from 2026.
  w.ok(Cluster6::leave(kGiaLai, 2024));
  w.ok(Cluster6::join(kGiaLai, 2026));
  w.refused(Cluster6::join(kGiaLai, 2027), "cluster.join_not_member");
  CHECK(c.is_member(kGiaLai, 2023));
  CHECK_FALSE(c.is_member(kGiaLai, 2025));
  CHECK(c.is_member(kGiaLai, 2026));

  // For the same year, the later record wins: a leave undone by a join of that year.
  w.ok(Cluster6::leave(kPhuYen, 2025));
  CHECK_FALSE(c.is_member(kPhuYen, 2025));
  w.ok(Cluster6::join(kPhuYen, 2025));
  CHECK(c.is_member(kPhuYen, 2025));
  CHECK(c.is_member(kPhuYen, 2030));
  CHECK(c.members(2025) == Ids{kDakLak, kLamDong, kPhuYen});
}

// ---- Officers -------------------------------------------------------------------------------

TEST_CASE("officers.distinct: head and deputy are two different members", "[domain][officers]") {
  Cluster6 w;
  w.establish();
  Refusal r = w.refused(Cluster6::officers(2019, kDakLak, kDakLak), "officers.distinct");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Đắk Lắk\""));
  CHECK(w.cluster().years.empty());

  auto events = w.ok(Cluster6::officers(2019, kDakLak, kLamDong));
  const auto& e = std::get<OfficersElected>(events[0]);
  CHECK(e.head == kDakLak);
  CHECK(e.deputy == kLamDong);
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  const auto& officers = w.cluster().years.at(2019).officers;
  REQUIRE(officers.has_value());
  CHECK(officers->value.head == kDakLak);
  CHECK(officers->position == w.state.next_position - 1);
}

TEST_CASE("officers.members: head and deputy are members that year", "[domain][officers]") {
  Cluster6 w;
  w.establish();
  w.ok(Cluster6::leave(kLamDong, 2021));
  w.ok(Cluster6::join(kKonTum, 2021));

  Refusal head = w.refused(Cluster6::officers(2020, kKonTum, kGiaLai), "officers.members");
  CHECK(contains(head.detail, "\"Sở Thông tin và Truyền thông Kon Tum\""));
  CHECK(contains(head.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(head.detail, "2020"));
  Refusal deputy = w.refused(Cluster6::officers(2021, kGiaLai, kLamDong), "officers.members");
  CHECK(contains(deputy.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\""));
  CHECK(contains(deputy.detail, "2021"));
  w.refused(Cluster6::officers(2018, kGiaLai, kPhuYen), "officers.members");

  // The same units are eligible in the years they are members.
  w.ok(Cluster6::officers(2020, kGiaLai, kLamDong));
  w.ok(Cluster6::officers(2021, kKonTum, kGiaLai));
}

TEST_CASE("officers.once: officers are elected once per year", "[domain][officers]") {
  Cluster6 w;
  w.establish();
  w.ok(Cluster6::officers(2020, kGiaLai, kPhuYen));
  CHECK(contains(w.refused(Cluster6::officers(2020, kLamDong, kDakLak), "officers.once").detail,
                 "2020"));
  CHECK(w.cluster().years.at(2020).officers->value.head == kGiaLai);
  w.ok(Cluster6::officers(2022, kLamDong, kDakLak));
}

TEST_CASE("officers.rotation: the head is not the previous year's head", "[domain][officers]") {
  Cluster6 w;
  w.establish();
  // 2019: Đắk Lắk heads; 2020: Gia Lai heads, Phú Yên deputy (seed 003).
  w.ok(Cluster6::officers(2019, kDakLak, kLamDong));
  w.ok(Cluster6::officers(2020, kGiaLai, kPhuYen));

  Refusal twice = w.refused(Cluster6::officers(2021, kGiaLai, kLamDong), "officers.rotation");
  CHECK(contains(twice.detail, "\"Sở Thông tin và Truyền thông Gia Lai\""));
  CHECK(contains(twice.detail, "2020"));
  CHECK_FALSE(w.cluster().years.contains(2021));

  // The deputy may become head, and a former head may head again after a year.
  w.ok(Cluster6::officers(2021, kPhuYen, kGiaLai));
  w.ok(Cluster6::officers(2022, kGiaLai, kDakLak));
  CHECK(w.cluster().years.at(2022).officers->value.head == kGiaLai);
}

TEST_CASE("officers.rotation: a year elected late cannot give the next year's head two years",
          "[domain][officers]") {
  Cluster6 w;
  w.establish();
  w.ok(Cluster6::officers(2024, kLamDong, kGiaLai));
  // 2023 is recorded after 2024: Lâm Đồng would head 2023 and 2024.
  Refusal r = w.refused(Cluster6::officers(2023, kLamDong, kPhuYen), "officers.rotation");
  CHECK(contains(r.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\""));
  CHECK(contains(r.detail, "2024"));
  w.ok(Cluster6::officers(2023, kPhuYen, kLamDong));
}

// ---- Covenant and signatures ----------------------------------------------------------------

TEST_CASE("covenant.once: a cluster adopts one covenant per year", "[domain][covenant]") {
  Cluster6 w;
  w.establish();
  auto events = w.ok(Cluster6::covenant(2019));
  const auto& e = std::get<CovenantAdopted>(events[0]);
  CHECK(e.criteria.size() == 3);
  CHECK(e.criteria[2].max_points == Decimal::units(20));
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  const auto& covenant = w.cluster().years.at(2019).covenant;
  REQUIRE(covenant.has_value());
  CHECK(covenant->value.ranking_basis == RankingBasis::kFinal);
  CHECK(covenant->value.criteria[0].text ==
        "Thực hiện nhiệm vụ là đầu mối triển khai Chính quyền điện tử tại địa phương");

  AdoptCovenant again = Cluster6::covenant(2019);
  again.ranking_basis = RankingBasis::kCrossAverage;
  CHECK(contains(w.refused(again, "covenant.once").detail, "2019"));
  CHECK(w.cluster().years.at(2019).covenant->value.ranking_basis == RankingBasis::kFinal);
  w.ok(Cluster6::covenant(2020));
}

TEST_CASE("covenant.criteria: criteria have unique codes and positive maxima",
          "[domain][covenant]") {
  Cluster6 w;
  w.establish();
  AdoptCovenant duplicate = Cluster6::covenant(2019);
  duplicate.criteria[2].code = "TC1";
  CHECK(contains(w.refused(duplicate, "covenant.criteria").detail, "\"TC1\""));
  AdoptCovenant zero = Cluster6::covenant(2019);
  zero.criteria[1].max_points = Decimal{0};
  CHECK(contains(w.refused(zero, "covenant.criteria").detail, "\"TC2\""));
  AdoptCovenant negative = Cluster6::covenant(2019);
  negative.criteria[0].max_points = points(-5);
  w.refused(negative, "covenant.criteria");
  AdoptCovenant empty = Cluster6::covenant(2019);
  empty.criteria.clear();
  w.refused(empty, "covenant.criteria");
  CHECK_FALSE(w.cluster().years.contains(2019));

  AdoptCovenant smallest = Cluster6::covenant(2019);
  smallest.criteria = {{"TC1", "Giữ gìn đoàn kết nội bộ", points(0.01)}};
  w.ok(smallest);
}

namespace {

// A cluster whose `year` was adopted, signed by Gia Lai and closed.
void close_year(Cluster6& w, int year) {
  w.establish();
  w.ok(Cluster6::covenant(year));
  w.ok(Cluster6::signature(year, kGiaLai));
  w.ok(Cluster6::close(year));
}

}  // namespace

TEST_CASE("cluster.closed: no unit joins or leaves a closed year, nor from before it",
          "[domain][cluster]") {
  Cluster6 w;
  close_year(w, 2020);
  Refusal join = w.refused(Cluster6::join(kKonTum, 2020), "cluster.closed");
  CHECK(contains(join.detail, "for 2020 is closed"));
  CHECK(contains(join.detail, "only from a later year"));
  // From 2019 on would change 2020's members too.
  w.refused(Cluster6::join(kKonTum, 2019), "cluster.closed");
  w.refused(Cluster6::leave(kLamDong, 2020), "cluster.closed");
  w.refused(Cluster6::leave(kLamDong, 2019), "cluster.closed");
  CHECK(w.cluster().members(2020) == Ids{kDakLak, kGiaLai, kLamDong, kPhuYen});
  // The next year is open.
  w.ok(Cluster6::join(kKonTum, 2021));
  w.ok(Cluster6::leave(kLamDong, 2021));
  CHECK(w.cluster().members(2021) == Ids{kDakLak, kGiaLai, kKonTum, kPhuYen});
}

TEST_CASE("cluster.closed: no covenant or signature is added to a closed year",
          "[domain][covenant]") {
  Cluster6 w;
  close_year(w, 2019);
  REQUIRE(w.cluster().years.at(2019).closed_at.has_value());

  Refusal sign = w.refused(Cluster6::signature(2019, kPhuYen), "cluster.closed");
  CHECK(contains(sign.detail, "\"Cụm thi đua số 6\""));
  CHECK(contains(sign.detail, "2019"));
  w.refused(Cluster6::covenant(2019), "cluster.closed");
  CHECK(w.cluster().years.at(2019).signatures.size() == 1);

  // The next year is open.
  w.ok(Cluster6::covenant(2020));
  w.ok(Cluster6::signature(2020, kPhuYen));
}

TEST_CASE("signature.covenant_adopted: members sign an adopted covenant", "[domain][signature]") {
  Cluster6 w;
  w.establish();
  CHECK(contains(w.refused(Cluster6::signature(2019, kGiaLai), "signature.covenant_adopted").detail,
                 "2019"));
  // Officers alone do not make a covenant.
  w.ok(Cluster6::officers(2019, kDakLak, kLamDong));
  w.refused(Cluster6::signature(2019, kGiaLai), "signature.covenant_adopted");
  w.ok(Cluster6::covenant(2019));
  w.ok(Cluster6::signature(2019, kGiaLai));
}

TEST_CASE("signature.member: only that year's members sign", "[domain][signature]") {
  Cluster6 w;
  w.establish();
  w.ok(Cluster6::leave(kLamDong, 2020));
  w.ok(Cluster6::join(kKonTum, 2020));
  w.ok(Cluster6::covenant(2019));
  w.ok(Cluster6::covenant(2020));

  Refusal outsider = w.refused(Cluster6::signature(2019, kKonTum), "signature.member");
  CHECK(contains(outsider.detail, "\"Sở Thông tin và Truyền thông Kon Tum\""));
  CHECK(contains(outsider.detail, "\"Cụm thi đua số 6\""));
  Refusal left = w.refused(Cluster6::signature(2020, kLamDong), "signature.member");
  CHECK(contains(left.detail, "\"Sở Thông tin và Truyền thông Lâm Đồng\""));
  // The organiser is not a member.
  w.refused(Cluster6::signature(2020, "bo-tttt"), "signature.member");

  w.ok(Cluster6::signature(2019, kLamDong));
  w.ok(Cluster6::signature(2020, kKonTum));
}

TEST_CASE("signature.once: each member signs once", "[domain][signature]") {
  Cluster6 w;
  w.establish();
  w.ok(Cluster6::covenant(2019));
  auto events = w.ok(Cluster6::signature(2019, kPhuYen));
  const auto& e = std::get<CovenantSigned>(events[0]);
  CHECK(e.representative == "Nguyễn Văn Hùng");
  CHECK(e.capacity == "Giám đốc Sở");
  CHECK(e.date == date("2019-03-06"));
  CHECK(subject_of(events[0]) == "cluster/cum-6/2019");
  const auto& signatures = w.cluster().years.at(2019).signatures;
  REQUIRE(signatures.contains(kPhuYen));
  CHECK(signatures.at(kPhuYen).position == w.state.next_position - 1);

  SignCovenant again = Cluster6::signature(2019, kPhuYen);
  again.representative = "Trần Thị Mai";
  CHECK(contains(w.refused(again, "signature.once").detail,
                 "\"Sở Thông tin và Truyền thông Phú Yên\""));
  CHECK(signatures.at(kPhuYen).value.representative == "Nguyễn Văn Hùng");
}
