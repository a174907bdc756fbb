// Movements: launch, registration, progress. Every rule decide_movement.cpp can refuse with,
// passed and refused. The movement is the 100-day campaign of the Lạng Sơn Department of
// Information and Communications in 2021 (seed 004).
#include <catch2/catch.hpp>

#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const char* const kCampaign =
    "Phấn đấu 100 ngày tăng tốc hoàn thành các nhiệm vụ trọng tâm năm 2021";

struct LangSon : World {
  LangSon() {
    org("so-tttt-lang-son", "Sở Thông tin và Truyền thông Lạng Sơn");
    org("trung-tam-cntt-lang-son", "Trung tâm Công nghệ thông tin và Truyền thông Lạng Sơn",
        OrganizationKind::kAgency, "so-tttt-lang-son");
    org("vnpt-lang-son", "Viễn thông Lạng Sơn", OrganizationKind::kEnterprise);
  }

  LaunchMovement campaign(const std::string& id = "tang-toc-100-ngay-2021") {
    LaunchMovement c;
    c.id = id;
    c.name = kCampaign;
    c.form = MovementForm::kCampaign;
    c.launched_by = "so-tttt-lang-son";
    c.start = date("2021-09-17");
    c.end = date("2021-12-26");
    c.slogan = "Làm gương, Kỷ cương, Trọng tâm, Bứt phá!";
    c.targets = {
        {2, "Hộ gia đình có cửa hàng số và tài khoản thanh toán điện tử",
         "hộ gia đình dùng thanh toán số", Decimal::units(50), "%", date("2021-12-26")},
        {5, "Hồ sơ thủ tục hành chính xử lý trực tuyến mức độ 4", "hồ sơ trực tuyến mức độ 4",
         Decimal::units(20), "%", std::nullopt},
    };
    c.criteria = {
        {"TC1", "Hoàn thành các nhiệm vụ chuyển đổi số", {"Kế hoạch chuyển đổi số", "Nền tảng số"}},
        {"TC2", "Cải cách hành chính", {"Dịch vụ công trực tuyến"}},
    };
    return c;
  }

  SubmitRegistration registration(const std::string& organization, int year) {
    SubmitRegistration c;
    c.movement = "tang-toc-100-ngay-2021";
    c.organization = organization;
    c.year = year;
    c.titles = {Award::kTTLDXS};
    c.pledges = {{2, Decimal::units(55)}, {5, Decimal::units(25)}};
    return c;
  }

  ReportProgress progress(int target, double value, const char* on) {
    ReportProgress c;
    c.movement = "tang-toc-100-ngay-2021";
    c.organization = "trung-tam-cntt-lang-son";
    c.target = target;
    c.value = points(value);
    c.date = date(on);
    c.note = "Số liệu tổng hợp đến ngày báo cáo";
    return c;
  }
};

}  // namespace

TEST_CASE("movement.unique: a movement is launched once", "[domain][movement]") {
  LangSon w;
  auto events = w.ok(w.campaign());
  REQUIRE(events.size() == 1);
  const auto& e = std::get<MovementLaunched>(events[0]);
  CHECK(e.name == kCampaign);
  CHECK(e.form == MovementForm::kCampaign);
  CHECK(e.slogan == "Làm gương, Kỷ cương, Trọng tâm, Bứt phá!");
  CHECK(e.targets.size() == 2);
  CHECK(subject_of(events[0]) == "movement/tang-toc-100-ngay-2021");
  const MovementState& m = w.state.movements.at("tang-toc-100-ngay-2021");
  CHECK(m.launched.launched_by == "so-tttt-lang-son");
  CHECK(m.position == w.state.next_position - 1);
  CHECK(m.registrations.empty());

  LaunchMovement again = w.campaign();
  again.name = "Thi đua chuyển đổi số năm 2021";
  CHECK(contains(w.refused(again, "movement.unique").detail, "tang-toc-100-ngay-2021"));
  CHECK(w.state.movements.at("tang-toc-100-ngay-2021").launched.name == kCampaign);
}

TEST_CASE("organization.exists: movements are launched, joined and reported by known units",
          "[domain][movement]") {
  LangSon w;
  LaunchMovement launch = w.campaign();
  launch.launched_by = "ubnd-lang-son";
  CHECK(contains(w.refused(launch, "organization.exists").detail, "ubnd-lang-son"));
  w.ok(w.campaign());

  CHECK(contains(w.refused(w.registration("so-tttt-cao-bang", 2021), "organization.exists").detail,
                 "so-tttt-cao-bang"));
  w.ok(w.registration("vnpt-lang-son", 2021));

  ReportProgress p = w.progress(2, 12.5, "2021-10-01");
  p.organization = "so-tttt-cao-bang";
  CHECK(contains(w.refused(p, "organization.exists").detail, "so-tttt-cao-bang"));
  p.organization = "vnpt-lang-son";
  w.ok(p);
}

TEST_CASE("movement.period: a movement ends on or after its start", "[domain][movement]") {
  LangSon w;
  LaunchMovement c = w.campaign();
  c.end = date("2021-09-16");
  Refusal r = w.refused(c, "movement.period");
  CHECK(contains(r.detail, "2021-09-16"));
  CHECK(contains(r.detail, "2021-09-17"));
  CHECK(w.state.movements.empty());

  c.end = c.start;  // a one-day movement
  w.ok(c);
}

TEST_CASE("movement.targets_numbered: target numbers are unique", "[domain][movement]") {
  LangSon w;
  LaunchMovement c = w.campaign();
  c.targets[1].number = 2;
  CHECK(contains(w.refused(c, "movement.targets_numbered").detail, "2"));
  c.targets[1].number = 15;
  w.ok(c);
  CHECK(w.state.movements.at("tang-toc-100-ngay-2021").launched.targets[1].number == 15);
}

TEST_CASE("movement.criteria_unique: criterion codes are unique", "[domain][movement]") {
  LangSon w;
  LaunchMovement c = w.campaign();
  c.criteria[1].code = "TC1";
  CHECK(contains(w.refused(c, "movement.criteria_unique").detail, "\"TC1\""));
  c.criteria[1].code = "TC2";
  w.ok(c);

  // A movement without targets or criteria is allowed.
  LaunchMovement bare = w.campaign("hoc-tap-va-lam-theo-bac");
  bare.name = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";
  bare.form = MovementForm::kRegular;
  bare.targets.clear();
  bare.criteria.clear();
  w.ok(bare);
}

TEST_CASE("movement.exists: registrations and progress need a launched movement",
          "[domain][movement]") {
  LangSon w;
  CHECK(
      contains(w.refused(w.registration("trung-tam-cntt-lang-son", 2021), "movement.exists").detail,
               "tang-toc-100-ngay-2021"));
  w.refused(w.progress(2, 10, "2021-10-01"), "movement.exists");
  w.ok(w.campaign());
  w.ok(w.registration("trung-tam-cntt-lang-son", 2021));
  w.ok(w.progress(2, 10, "2021-10-01"));
}

TEST_CASE("registration.within_period: a registration is for a year of the movement",
          "[domain][registration]") {
  LangSon w;
  w.ok(w.campaign());
  Refusal after = w.refused(w.registration("vnpt-lang-son", 2022), "registration.within_period");
  CHECK(contains(after.detail, std::string("\"") + kCampaign + "\""));
  CHECK(contains(after.detail, "2022"));
  w.refused(w.registration("vnpt-lang-son", 2020), "registration.within_period");

  auto events = w.ok(w.registration("vnpt-lang-son", 2021));
  const auto& e = std::get<RegistrationSubmitted>(events[0]);
  CHECK(e.titles == std::vector<Award>{Award::kTTLDXS});
  CHECK(e.pledges.size() == 2);
  CHECK(e.pledges[0].value == Decimal::units(55));
  CHECK(subject_of(events[0]) == "movement/tang-toc-100-ngay-2021");

  // A movement over several years accepts each of them, first and last included.
  LaunchMovement plan = w.campaign("chuyen-doi-so-2021-2025");
  plan.name = "Thi đua thực hiện chuyển đổi số tỉnh Lạng Sơn giai đoạn 2021 – 2025";
  plan.form = MovementForm::kThematic;
  plan.end = date("2025-12-31");
  w.ok(plan);
  for (int year : {2021, 2023, 2025}) {
    SubmitRegistration r = w.registration("vnpt-lang-son", year);
    r.movement = "chuyen-doi-so-2021-2025";
    w.ok(r);
  }
  SubmitRegistration late = w.registration("vnpt-lang-son", 2026);
  late.movement = "chuyen-doi-so-2021-2025";
  w.refused(late, "registration.within_period");
  CHECK(w.state.movements.at("chuyen-doi-so-2021-2025").registrations.size() == 3);
}

TEST_CASE("registration.once: a unit registers once per movement and year",
          "[domain][registration]") {
  LangSon w;
  w.ok(w.campaign());
  w.ok(w.registration("trung-tam-cntt-lang-son", 2021));
  const std::uint64_t at = w.state.next_position - 1;
  const auto& registrations = w.state.movements.at("tang-toc-100-ngay-2021").registrations;
  CHECK(registrations.at({"trung-tam-cntt-lang-son", 2021}).position == at);

  Refusal r = w.refused(w.registration("trung-tam-cntt-lang-son", 2021), "registration.once");
  CHECK(contains(r.detail, "\"Trung tâm Công nghệ thông tin và Truyền thông Lạng Sơn\""));
  CHECK(contains(r.detail, "2021"));
  CHECK(registrations.size() == 1);

  // Another unit registers for the same year.
  w.ok(w.registration("vnpt-lang-son", 2021));
  CHECK(registrations.size() == 2);
}

TEST_CASE("registration.target_exists: a pledge names a target of the movement",
          "[domain][registration]") {
  LangSon w;
  w.ok(w.campaign());
  SubmitRegistration c = w.registration("vnpt-lang-son", 2021);
  c.pledges.push_back({3, Decimal::units(2)});
  CHECK(contains(w.refused(c, "registration.target_exists").detail, "3"));
  CHECK(w.state.movements.at("tang-toc-100-ngay-2021").registrations.empty());

  c.pledges.pop_back();
  w.ok(c);
  // A registration may pledge titles only.
  SubmitRegistration titles_only = w.registration("trung-tam-cntt-lang-son", 2021);
  titles_only.pledges.clear();
  w.ok(titles_only);
}

TEST_CASE("progress.target_exists: progress is reported against a target", "[domain][progress]") {
  LangSon w;
  w.ok(w.campaign());
  CHECK(contains(w.refused(w.progress(7, 10, "2021-10-15"), "progress.target_exists").detail, "7"));
  auto events = w.ok(w.progress(5, 12.75, "2021-10-15"));
  const auto& e = std::get<ProgressReported>(events[0]);
  CHECK(e.target == 5);
  CHECK(e.value == points(12.75));
  CHECK(e.note == "Số liệu tổng hợp đến ngày báo cáo");
  CHECK(subject_of(events[0]) == "movement/tang-toc-100-ngay-2021");
}

TEST_CASE("progress.within_period: progress is not dated before the movement starts",
          "[domain][progress]") {
  LangSon w;
  w.ok(w.campaign());
  Refusal r = w.refused(w.progress(2, 5, "2021-09-16"), "progress.within_period");
  CHECK(contains(r.detail, "2021-09-17"));
  w.ok(w.progress(2, 5, "2021-09-17"));
  // Reports after the end (a late final count) are accepted.
  w.ok(w.progress(2, 51.5, "2022-01-10"));
}

TEST_CASE("progress.non_negative: progress values are not negative", "[domain][progress]") {
  LangSon w;
  w.ok(w.campaign());
  w.refused(w.progress(2, -0.01, "2021-10-01"), "progress.non_negative");
  w.ok(w.progress(2, 0, "2021-10-01"));
}
