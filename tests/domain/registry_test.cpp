// Organizations (registration, renames, mergers, splits), people, councils, initiatives,
// ratings, discipline and holds: every rule decide_registry.cpp can refuse with, passed and
// refused, and what an accepted command leaves in the state.
#include <catch2/catch.hpp>

#include <algorithm>

#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Units of Gia Lai and Phú Yên before and after the 2025 reorganisation of departments.
struct Province : World {
  Province() {
    org("ubnd-gia-lai", "Ủy ban nhân dân tỉnh Gia Lai", OrganizationKind::kProvince);
    org("so-tttt-gia-lai", "Sở Thông tin và Truyền thông Gia Lai", OrganizationKind::kDepartment,
        "ubnd-gia-lai");
    org("so-khcn-gia-lai", "Sở Khoa học và Công nghệ Gia Lai", OrganizationKind::kDepartment,
        "ubnd-gia-lai");
    org("so-ldtbxh-phu-yen", "Sở Lao động – Thương binh và Xã hội Phú Yên");
    org("so-noi-vu-phu-yen", "Sở Nội vụ Phú Yên");
    org("so-y-te-phu-yen", "Sở Y tế Phú Yên");
  }

  MergeOrganizations merger(std::vector<std::string> predecessors, const std::string& successor) {
    MergeOrganizations c;
    c.predecessors = std::move(predecessors);
    c.successor = successor;
    c.effective = date("2025-03-01");
    c.basis = "Quyết định số 25/QĐ-UBND ngày 28/02/2025";
    return c;
  }

  SplitOrganization split(const std::string& predecessor, std::vector<std::string> successors) {
    SplitOrganization c;
    c.predecessor = predecessor;
    c.successors = std::move(successors);
    c.effective = date("2025-03-01");
    c.basis = "Quyết định số 26/QĐ-UBND ngày 28/02/2025";
    return c;
  }

  RenameOrganization rename(const std::string& id, const std::string& name) {
    RenameOrganization c;
    c.id = id;
    c.name = name;
    c.effective = date("2025-07-01");
    c.basis = "Quyết định số 1130/QĐ-UBND";
    return c;
  }

  EstablishCouncil council(const std::string& id) {
    EstablishCouncil c;
    c.id = id;
    c.organization = "ubnd-gia-lai";
    c.name = "Hội đồng Thi đua – Khen thưởng tỉnh Gia Lai";
    c.members = {{"Trương Hải Long", "Chủ tịch Hội đồng"},
                 {"Rah Lan Chung", "Phó Chủ tịch Hội đồng"},
                 {"Nguyễn Thị Thanh Lịch", "Ủy viên"}};
    c.quorum = {2, 3, false};
    c.thresholds = {{Award::kBK_TINH, {1, 2, true}}, {Award::kCSTD_TINH, {9, 10, false}}};
    return c;
  }

  RecognizeInitiative initiative_of(const std::string& id, std::vector<std::string> owners) {
    RecognizeInitiative c;
    c.id = id;
    c.title = "Ứng dụng nền tảng số trong tiếp nhận phản ánh của người dân";
    c.owners = std::move(owners);
    c.recognized_by = "so-tttt-gia-lai";
    c.scope = Scope::kGrassroots;
    c.year = 2024;
    c.date = date("2024-11-20");
    return c;
  }

  PlaceHold hold(const std::string& id, const SubjectRef& subject) {
    PlaceHold c;
    c.id = id;
    c.subject = subject;
    c.kind = HoldKind::kComplaint;
    c.reason = "Đang giải quyết đơn khiếu nại của công dân";
    c.date = date("2025-04-10");
    return c;
  }

  ReleaseHold release(const std::string& id, const char* on) {
    ReleaseHold c;
    c.id = id;
    c.reason = "Đã giải quyết xong khiếu nại";
    c.date = date(on);
    return c;
  }

  RateTask rating(const SubjectRef& subject, int year, Rating value) {
    RateTask c;
    c.subject = subject;
    c.year = year;
    c.rating = value;
    return c;
  }
};

}  // namespace

// ---- Organizations --------------------------------------------------------------------------

TEST_CASE("organization.unique: an id is registered once", "[domain][organization]") {
  Province w;
  RegisterOrganization c;
  c.id = "so-gtvt-gia-lai";
  c.name = "Sở Giao thông vận tải Gia Lai";
  c.kind = OrganizationKind::kDepartment;
  c.parent = "ubnd-gia-lai";
  auto events = w.ok(c);
  REQUIRE(events.size() == 1);
  const auto& e = std::get<OrganizationRegistered>(events[0]);
  CHECK(e.id == "so-gtvt-gia-lai");
  CHECK(e.name == "Sở Giao thông vận tải Gia Lai");
  CHECK(e.parent == "ubnd-gia-lai");
  CHECK(subject_of(events[0]) == "organization/so-gtvt-gia-lai");
  const OrganizationState& o = w.state.organizations.at("so-gtvt-gia-lai");
  CHECK(o.name == "Sở Giao thông vận tải Gia Lai");
  CHECK(o.registered.kind == OrganizationKind::kDepartment);
  CHECK_FALSE(o.ended);
  CHECK(o.position == w.state.next_position - 1);

  RegisterOrganization again = c;
  again.name = "Sở Xây dựng Gia Lai";
  Refusal r = w.refused(again, "organization.unique");
  CHECK(contains(r.detail, "\"Sở Giao thông vận tải Gia Lai\""));
  CHECK(w.state.organizations.at("so-gtvt-gia-lai").name == "Sở Giao thông vận tải Gia Lai");
}

TEST_CASE("organization.parent_exists: a parent must be registered first",
          "[domain][organization]") {
  Province w;
  RegisterOrganization c;
  c.id = "ubnd-xa-ia-hru";
  c.name = "Ủy ban nhân dân xã Ia Hrú";
  c.kind = OrganizationKind::kCommune;
  c.parent = "ubnd-huyen-chu-prong";
  Refusal r = w.refused(c, "organization.parent_exists");
  CHECK(contains(r.detail, "ubnd-huyen-chu-prong"));
  CHECK_FALSE(w.state.organizations.contains("ubnd-xa-ia-hru"));

  w.org("ubnd-huyen-chu-prong", "Ủy ban nhân dân huyện Chư Prông", OrganizationKind::kDistrict,
        "ubnd-gia-lai");
  w.ok(c);
  CHECK(w.state.organizations.at("ubnd-xa-ia-hru").registered.parent == "ubnd-huyen-chu-prong");

  // No parent at all is fine too.
  RegisterOrganization top;
  top.id = "ubnd-phu-yen";
  top.name = "Ủy ban nhân dân tỉnh Phú Yên";
  top.kind = OrganizationKind::kProvince;
  w.ok(top);
  CHECK_FALSE(w.state.organizations.at("ubnd-phu-yen").registered.parent.has_value());
}

TEST_CASE("organization.exists: every registry command that names an unknown unit is refused",
          "[domain][organization]") {
  Province w;
  // Each refusal names the unknown id; the same commands pass with registered units below and
  // in the tests of their own rules.
  CHECK(contains(
      w.refused(w.rename("so-gtvt-kon-tum", "Sở Xây dựng Kon Tum"), "organization.exists").detail,
      "so-gtvt-kon-tum"));
  CHECK(contains(w.refused(w.merger({"so-tttt-gia-lai", "so-tttt-kon-tum"}, "so-khcn-gia-lai"),
                           "organization.exists")
                     .detail,
                 "so-tttt-kon-tum"));
  CHECK(contains(w.refused(w.merger({"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-moi"),
                           "organization.exists")
                     .detail,
                 "so-khcn-moi"));
  CHECK(contains(w.refused(w.split("so-ldtbxh-kon-tum", {"so-noi-vu-phu-yen", "so-y-te-phu-yen"}),
                           "organization.exists")
                     .detail,
                 "so-ldtbxh-kon-tum"));
  CHECK(contains(w.refused(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-y-te-kon-tum"}),
                           "organization.exists")
                     .detail,
                 "so-y-te-kon-tum"));

  RegisterPerson p;
  p.id = "tran-van-duc";
  p.name = "Trần Văn Đức";
  p.organization = "so-tttt-kon-tum";
  w.refused(p, "organization.exists");
  p.organization = "so-tttt-gia-lai";
  w.ok(p);

  EstablishCouncil council = w.council("hdtdkt-kon-tum");
  council.organization = "ubnd-kon-tum";
  w.refused(council, "organization.exists");
  council.organization = "ubnd-gia-lai";
  w.ok(council);

  RecognizeInitiative initiative = w.initiative_of("sk-2024-01", {"tran-van-duc"});
  initiative.recognized_by = "so-tttt-kon-tum";
  w.refused(initiative, "organization.exists");
  initiative.recognized_by = "so-tttt-gia-lai";
  w.ok(initiative);
}

TEST_CASE("organization.rename_changes: a rename changes the name", "[domain][organization]") {
  Province w;
  Refusal same = w.refused(w.rename("so-tttt-gia-lai", "Sở Thông tin và Truyền thông Gia Lai"),
                           "organization.rename_changes");
  CHECK(contains(same.detail, "\"Sở Thông tin và Truyền thông Gia Lai\""));

  w.org("phong-vhtt-krong-pa", "Phòng Văn hóa và Thông tin huyện Krông Pa",
        OrganizationKind::kAgency);
  const std::string renamed = "Phòng Văn hóa, Khoa học và Thông tin huyện Krông Pa";
  auto events = w.ok(w.rename("phong-vhtt-krong-pa", renamed));
  const auto& e = std::get<OrganizationRenamed>(events[0]);
  CHECK(e.name == renamed);
  CHECK(e.effective == date("2025-07-01"));
  CHECK(e.basis == "Quyết định số 1130/QĐ-UBND");
  CHECK(subject_of(events[0]) == "organization/phong-vhtt-krong-pa");
  const OrganizationState& o = w.state.organizations.at("phong-vhtt-krong-pa");
  CHECK(o.name == renamed);
  CHECK(o.registered.name == "Phòng Văn hóa và Thông tin huyện Krông Pa");  // never rewritten
  CHECK_FALSE(o.ended);
  CHECK(o.successors.empty());
  CHECK(o.predecessors.empty());

  // Renaming back to the current name is refused; messages use the current name.
  CHECK(contains(
      w.refused(w.rename("phong-vhtt-krong-pa", renamed), "organization.rename_changes").detail,
      renamed));
  RegisterOrganization dup;
  dup.id = "phong-vhtt-krong-pa";
  dup.name = "Phòng Văn hóa và Thông tin huyện Krông Pa";
  CHECK(contains(w.refused(dup, "organization.unique").detail, "\"" + renamed + "\""));
}

TEST_CASE("restructure.distinct: a merger needs two different predecessors",
          "[domain][organization]") {
  Province w;
  w.refused(w.merger({"so-tttt-gia-lai"}, "so-khcn-gia-lai"), "restructure.distinct");
  w.refused(w.merger({"so-tttt-gia-lai", "so-tttt-gia-lai"}, "so-khcn-gia-lai"),
            "restructure.distinct");
  w.refused(w.merger({}, "so-khcn-gia-lai"), "restructure.distinct");
  w.ok(w.merger({"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-gia-lai"));
}

TEST_CASE("restructure.distinct: a split needs two successors other than the unit",
          "[domain][organization]") {
  Province w;
  w.refused(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen"}), "restructure.distinct");
  w.refused(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-noi-vu-phu-yen"}),
            "restructure.distinct");
  w.refused(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-ldtbxh-phu-yen"}),
            "restructure.distinct");
  w.ok(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-y-te-phu-yen"}));
}

TEST_CASE("restructuring: a merger into one of its units ends the others and links both ways",
          "[domain][organization]") {
  Province w;
  // In 2025 the Department of Information and Communications merged into the Department of
  // Science and Technology, which continues.
  auto events = w.ok(w.merger({"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-gia-lai"));
  REQUIRE(events.size() == 1);
  const auto& e = std::get<OrganizationsMerged>(events[0]);
  CHECK(e.successor == "so-khcn-gia-lai");
  CHECK(e.basis == "Quyết định số 25/QĐ-UBND ngày 28/02/2025");
  CHECK(subject_of(events[0]) == "organization/so-khcn-gia-lai");

  const OrganizationState& tttt = w.state.organizations.at("so-tttt-gia-lai");
  CHECK(tttt.ended);
  CHECK(tttt.successors == std::vector<std::string>{"so-khcn-gia-lai"});
  const OrganizationState& khcn = w.state.organizations.at("so-khcn-gia-lai");
  CHECK_FALSE(khcn.ended);
  CHECK(khcn.successors.empty());
  CHECK(khcn.predecessors == std::vector<std::string>{"so-tttt-gia-lai"});
}

TEST_CASE("restructuring: a merger into a new unit ends every predecessor",
          "[domain][organization]") {
  Province w;
  w.org("so-khcn-moi", "Sở Khoa học và Công nghệ tỉnh Gia Lai (mới)");
  w.ok(w.merger({"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-moi"));
  for (const char* p : {"so-tttt-gia-lai", "so-khcn-gia-lai"}) {
    const OrganizationState& o = w.state.organizations.at(p);
    CHECK(o.ended);
    CHECK(o.successors == std::vector<std::string>{"so-khcn-moi"});
  }
  const OrganizationState& successor = w.state.organizations.at("so-khcn-moi");
  CHECK_FALSE(successor.ended);
  CHECK(successor.predecessors == std::vector<std::string>{"so-tttt-gia-lai", "so-khcn-gia-lai"});
}

TEST_CASE("restructuring: a split ends the unit and each successor names it",
          "[domain][organization]") {
  Province w;
  auto events = w.ok(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-y-te-phu-yen"}));
  const auto& e = std::get<OrganizationSplit>(events[0]);
  CHECK(e.predecessor == "so-ldtbxh-phu-yen");
  CHECK(subject_of(events[0]) == "organization/so-ldtbxh-phu-yen");
  const OrganizationState& old = w.state.organizations.at("so-ldtbxh-phu-yen");
  CHECK(old.ended);
  CHECK(old.successors == std::vector<std::string>{"so-noi-vu-phu-yen", "so-y-te-phu-yen"});
  for (const char* s : {"so-noi-vu-phu-yen", "so-y-te-phu-yen"}) {
    const OrganizationState& o = w.state.organizations.at(s);
    CHECK_FALSE(o.ended);
    CHECK(o.predecessors == std::vector<std::string>{"so-ldtbxh-phu-yen"});
  }
}

TEST_CASE("organization.active: an ended unit takes part in no further restructuring",
          "[domain][organization]") {
  Province w;
  w.ok(w.merger({"so-tttt-gia-lai", "so-khcn-gia-lai"}, "so-khcn-gia-lai"));
  w.ok(w.split("so-ldtbxh-phu-yen", {"so-noi-vu-phu-yen", "so-y-te-phu-yen"}));
  const std::string tttt = "\"Sở Thông tin và Truyền thông Gia Lai\"";
  const std::string ldtbxh = "\"Sở Lao động – Thương binh và Xã hội Phú Yên\"";

  SECTION("renamed") {
    CHECK(contains(
        w.refused(w.rename("so-tttt-gia-lai", "Sở Chuyển đổi số Gia Lai"), "organization.active")
            .detail,
        tttt));
    // The surviving unit can still be renamed.
    w.ok(w.rename("so-khcn-gia-lai", "Sở Khoa học, Công nghệ và Chuyển đổi số Gia Lai"));
  }
  SECTION("merged again, as a predecessor") {
    CHECK(
        contains(w.refused(w.merger({"so-tttt-gia-lai", "so-noi-vu-phu-yen"}, "so-noi-vu-phu-yen"),
                           "organization.active")
                     .detail,
                 tttt));
  }
  SECTION("merged into, as the successor") {
    CHECK(
        contains(w.refused(w.merger({"so-noi-vu-phu-yen", "so-y-te-phu-yen"}, "so-ldtbxh-phu-yen"),
                           "organization.active")
                     .detail,
                 ldtbxh));
  }
  SECTION("split again") {
    CHECK(contains(w.refused(w.split("so-ldtbxh-phu-yen", {"so-khcn-gia-lai", "so-y-te-phu-yen"}),
                             "organization.active")
                       .detail,
                   ldtbxh));
  }
  SECTION("split into, as a successor") {
    w.org("so-gd-gia-lai", "Sở Giáo dục và Đào tạo Gia Lai");
    CHECK(contains(w.refused(w.split("so-gd-gia-lai", {"so-khcn-gia-lai", "so-tttt-gia-lai"}),
                             "organization.active")
                       .detail,
                   tttt));
    w.ok(w.split("so-gd-gia-lai", {"so-khcn-gia-lai", "so-noi-vu-phu-yen"}));
  }
  // Nothing refused changed the restructured units.
  CHECK(w.state.organizations.at("so-tttt-gia-lai").successors ==
        std::vector<std::string>{"so-khcn-gia-lai"});
}

// ---- People ---------------------------------------------------------------------------------

TEST_CASE("person.unique: a person id is registered once", "[domain][person]") {
  Province w;
  RegisterPerson c;
  c.id = "nguyen-thi-hong-nhung";
  c.name = "Nguyễn Thị Hồng Nhung";
  c.organization = "so-tttt-gia-lai";
  c.job_title = "Trưởng phòng Bưu chính, Viễn thông";
  auto events = w.ok(c);
  const auto& e = std::get<PersonRegistered>(events[0]);
  CHECK(e.name == "Nguyễn Thị Hồng Nhung");
  CHECK(e.job_title == "Trưởng phòng Bưu chính, Viễn thông");
  CHECK(subject_of(events[0]) == "person/nguyen-thi-hong-nhung");
  CHECK(w.state.people.at("nguyen-thi-hong-nhung").registered.organization == "so-tttt-gia-lai");
  CHECK(w.state.staff.at("so-tttt-gia-lai").contains("nguyen-thi-hong-nhung"));

  RegisterPerson again = c;
  again.organization = "so-khcn-gia-lai";
  CHECK(contains(w.refused(again, "person.unique").detail, "nguyen-thi-hong-nhung"));
  CHECK_FALSE(w.state.staff.contains("so-khcn-gia-lai"));
}

TEST_CASE("person.exists: owners of an initiative and the disciplined must be registered",
          "[domain][person]") {
  Province w;
  w.person("le-thi-thu-ha", "Lê Thị Thu Hà", "so-tttt-gia-lai");

  CHECK(contains(
      w.refused(w.initiative_of("sk-2024-02", {"le-thi-thu-ha", "pham-quoc-viet"}), "person.exists")
          .detail,
      "pham-quoc-viet"));
  CHECK_FALSE(w.state.initiatives.contains("sk-2024-02"));

  RecordDiscipline d;
  d.person = "pham-quoc-viet";
  d.year = 2024;
  d.level = DisciplineLevel::kReprimand;
  d.date = date("2024-10-15");
  d.basis = "Quyết định kỷ luật số 87/QĐ-STTTT";
  w.refused(d, "person.exists");

  d.person = "le-thi-thu-ha";
  auto events = w.ok(d);
  CHECK(subject_of(events[0]) == "discipline/le-thi-thu-ha");  // personal data, apart
  const auto& disciplines = w.state.people.at("le-thi-thu-ha").disciplines;
  REQUIRE(disciplines.size() == 1);
  CHECK(disciplines[0].value.level == DisciplineLevel::kReprimand);
  CHECK(disciplines[0].value.basis == "Quyết định kỷ luật số 87/QĐ-STTTT");
  CHECK(disciplines[0].position == w.state.next_position - 1);
}

TEST_CASE("subject.exists: ratings and holds are for registered subjects", "[domain][subject]") {
  Province w;
  w.refused(w.rating(person_ref("pham-quoc-viet"), 2024, Rating::kGood), "subject.exists");
  w.refused(w.rating(org_ref("so-tttt-kon-tum"), 2024, Rating::kGood), "subject.exists");
  // A person id is not an organization id, and the other way round.
  w.person("pham-quoc-viet", "Phạm Quốc Việt", "so-tttt-gia-lai");
  w.refused(w.rating(org_ref("pham-quoc-viet"), 2024, Rating::kGood), "subject.exists");
  Refusal hold = w.refused(w.hold("kn-2025-01", person_ref("so-tttt-gia-lai")), "subject.exists");
  CHECK(contains(hold.detail, "person/so-tttt-gia-lai"));

  auto events = w.ok(w.rating(person_ref("pham-quoc-viet"), 2024, Rating::kExcellent));
  CHECK(subject_of(events[0]) == "person/pham-quoc-viet");
  CHECK(w.state.people.at("pham-quoc-viet").ratings.at(2024).value == Rating::kExcellent);
  w.ok(w.hold("kn-2025-01", org_ref("so-tttt-gia-lai")));
  CHECK(w.state.active_holds("organization/so-tttt-gia-lai").size() == 1);
}

// ---- Councils -------------------------------------------------------------------------------

TEST_CASE("council.unique: a council is established once", "[domain][council]") {
  Province w;
  auto events = w.ok(w.council("hdtdkt-gia-lai"));
  CHECK(subject_of(events[0]) == "council/hdtdkt-gia-lai");
  const CouncilState& c = w.state.councils.at("hdtdkt-gia-lai");
  CHECK(c.established.members.size() == 3);
  CHECK(c.established.members[0].name == "Trương Hải Long");
  REQUIRE(c.threshold_for(Award::kCSTD_TINH) != nullptr);
  CHECK(c.threshold_for(Award::kCSTD_TINH)->share() == Share{9, 10, false});
  CHECK(c.threshold_for(Award::kCO_CP) == nullptr);

  EstablishCouncil again = w.council("hdtdkt-gia-lai");
  again.members.pop_back();
  CHECK(contains(w.refused(again, "council.unique").detail, "hdtdkt-gia-lai"));
  CHECK(w.state.councils.at("hdtdkt-gia-lai").established.members.size() == 3);
}

TEST_CASE("council.members: a council has members", "[domain][council]") {
  Province w;
  EstablishCouncil c = w.council("hdtdkt-gia-lai");
  c.members.clear();
  w.refused(c, "council.members");
  c.members = {{"Trương Hải Long", "Chủ tịch Hội đồng"}};
  w.ok(c);
}

TEST_CASE("council.shares: quorum and thresholds are shares, one per award", "[domain][council]") {
  Province w;
  auto refused_with = [&](auto change) {
    EstablishCouncil c = w.council("hdtdkt-gia-lai");
    change(c);
    w.refused(c, "council.shares");
  };
  refused_with([](EstablishCouncil& c) { c.quorum = {2, 0, false}; });
  refused_with([](EstablishCouncil& c) { c.quorum = {4, 3, false}; });
  refused_with([](EstablishCouncil& c) { c.quorum = {-1, 3, false}; });
  refused_with([](EstablishCouncil& c) { c.thresholds[1].threshold = {11, 10, false}; });
  refused_with([](EstablishCouncil& c) { c.thresholds[0].threshold = {1, -2, true}; });
  refused_with([](EstablishCouncil& c) {
    c.thresholds.push_back({Award::kBK_TINH, {2, 3, false}});
  });
  CHECK(w.state.councils.empty());

  // The bounds themselves are shares: none and all of the members; no thresholds at all.
  EstablishCouncil c = w.council("hdtdkt-gia-lai");
  c.quorum = {1, 1, false};
  c.thresholds = {{Award::kGK, {0, 1, false}}};
  w.ok(c);
  EstablishCouncil bare = w.council("hdtdkt-so-tttt");
  bare.thresholds.clear();
  w.ok(bare);
}

// ---- Initiatives ----------------------------------------------------------------------------

TEST_CASE("initiative.unique: an initiative is recognised once", "[domain][initiative]") {
  Province w;
  w.person("le-thi-thu-ha", "Lê Thị Thu Hà", "so-tttt-gia-lai");
  w.person("tran-van-duc", "Trần Văn Đức", "so-tttt-gia-lai");
  auto events = w.ok(w.initiative_of("sk-2024-01", {"le-thi-thu-ha", "tran-van-duc"}));
  CHECK(subject_of(events[0]) == "initiative/sk-2024-01");
  const InitiativeState& i = w.state.initiatives.at("sk-2024-01");
  CHECK(i.recognized.title == "Ứng dụng nền tảng số trong tiếp nhận phản ánh của người dân");
  CHECK(i.recognized.owners == std::vector<std::string>{"le-thi-thu-ha", "tran-van-duc"});
  CHECK_FALSE(i.used_by.has_value());

  RecognizeInitiative again = w.initiative_of("sk-2024-01", {"tran-van-duc"});
  CHECK(contains(w.refused(again, "initiative.unique").detail, "sk-2024-01"));
  CHECK(w.state.initiatives.at("sk-2024-01").recognized.owners.size() == 2);
}

TEST_CASE("initiative.owners: an initiative has owners", "[domain][initiative]") {
  Province w;
  w.refused(w.initiative_of("sk-2024-03", {}), "initiative.owners");
  w.person("le-thi-thu-ha", "Lê Thị Thu Hà", "so-tttt-gia-lai");
  w.ok(w.initiative_of("sk-2024-03", {"le-thi-thu-ha"}));
}

// ---- Ratings --------------------------------------------------------------------------------

TEST_CASE("rating.once_per_year: a subject is rated once per year", "[domain][rating]") {
  Province w;
  w.person("tran-van-duc", "Trần Văn Đức", "so-tttt-gia-lai");
  w.ok(w.rating(person_ref("tran-van-duc"), 2023, Rating::kGood));
  Refusal person = w.refused(w.rating(person_ref("tran-van-duc"), 2023, Rating::kExcellent),
                             "rating.once_per_year");
  CHECK(contains(person.detail, "\"Trần Văn Đức\""));
  CHECK(contains(person.detail, "2023"));
  CHECK(w.state.people.at("tran-van-duc").ratings.at(2023).value == Rating::kGood);
  w.ok(w.rating(person_ref("tran-van-duc"), 2024, Rating::kExcellent));
  CHECK(w.state.people.at("tran-van-duc").ratings.size() == 2);

  auto events = w.ok(w.rating(org_ref("so-tttt-gia-lai"), 2024, Rating::kExcellent));
  const auto& e = std::get<TaskRated>(events[0]);
  CHECK(e.subject == org_ref("so-tttt-gia-lai"));
  CHECK(subject_of(events[0]) == "organization/so-tttt-gia-lai");
  const auto& rated = w.state.organizations.at("so-tttt-gia-lai").ratings.at(2024);
  CHECK(rated.value == Rating::kExcellent);
  CHECK(rated.position == w.state.next_position - 1);
  Refusal unit =
      w.refused(w.rating(org_ref("so-tttt-gia-lai"), 2024, Rating::kGood), "rating.once_per_year");
  CHECK(contains(unit.detail, "\"Sở Thông tin và Truyền thông Gia Lai\""));
}

// ---- Holds ----------------------------------------------------------------------------------

TEST_CASE("hold.unique: a hold id is placed once", "[domain][hold]") {
  Province w;
  w.person("nguyen-van-binh", "Nguyễn Văn Bình", "so-tttt-gia-lai");
  auto events = w.ok(w.hold("kn-2025-01", person_ref("nguyen-van-binh")));
  const auto& e = std::get<HoldPlaced>(events[0]);
  CHECK(e.reason == "Đang giải quyết đơn khiếu nại của công dân");
  CHECK(subject_of(events[0]) == "hold/kn-2025-01");
  auto active = w.state.active_holds("person/nguyen-van-binh");
  REQUIRE(active.size() == 1);
  CHECK(active[0]->placed.kind == HoldKind::kComplaint);

  CHECK(contains(w.refused(w.hold("kn-2025-01", org_ref("so-tttt-gia-lai")), "hold.unique").detail,
                 "kn-2025-01"));
  CHECK(w.state.active_holds("organization/so-tttt-gia-lai").empty());
}

TEST_CASE("hold.exists: only a placed hold is released", "[domain][hold]") {
  Province w;
  CHECK(contains(w.refused(w.release("kn-2025-09", "2025-05-01"), "hold.exists").detail,
                 "kn-2025-09"));
  w.ok(w.hold("kn-2025-09", org_ref("so-tttt-gia-lai")));
  w.ok(w.release("kn-2025-09", "2025-05-01"));
}

TEST_CASE("hold.released_once: a hold is released once", "[domain][hold]") {
  Province w;
  w.ok(w.hold("tt-2025-02", org_ref("so-khcn-gia-lai")));
  auto events = w.ok(w.release("tt-2025-02", "2025-06-30"));
  CHECK(subject_of(events[0]) == "hold/tt-2025-02");
  const std::uint64_t released_at = w.state.next_position - 1;
  CHECK(w.state.holds.at("tt-2025-02").released_at == released_at);
  CHECK(w.state.active_holds("organization/so-khcn-gia-lai").empty());

  w.refused(w.release("tt-2025-02", "2025-07-01"), "hold.released_once");
  CHECK(w.state.holds.at("tt-2025-02").released_at == released_at);
}

TEST_CASE("hold.release_after_placing: a hold is not released before it was placed",
          "[domain][hold]") {
  Province w;
  w.ok(w.hold("kn-2025-03", org_ref("so-y-te-phu-yen")));  // placed 2025-04-10
  w.refused(w.release("kn-2025-03", "2025-04-09"), "hold.release_after_placing");
  CHECK(w.state.active_holds("organization/so-y-te-phu-yen").size() == 1);
  w.ok(w.release("kn-2025-03", "2025-04-10"));  // the same day is allowed
  CHECK(w.state.active_holds("organization/so-y-te-phu-yen").empty());
}
