// The Province fixture of the decision tests: the province of Gia Lai, its Department of
// Information and Communications with three staff, its council, and helpers to read a
// decision's recorded checks.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "decision_checks.hpp"
#include "world.hpp"

namespace thidua::testing {

using namespace thidua::domain;

inline constexpr const char* kProvince = "ubnd-gia-lai";
inline constexpr const char* kDepartment = "so-tttt-gia-lai";
inline constexpr const char* kCouncil = "hd-tdkt-gia-lai";
inline constexpr const char* kCouncilName = "\"Hội đồng Thi đua – Khen thưởng tỉnh Gia Lai\"";

// The province of Gia Lai and its Department of Information and Communications with three
// staff; today is the World's (2026-11-28).
struct Province : World {
  Province() {
    org(kProvince, "Ủy ban nhân dân tỉnh Gia Lai", OrganizationKind::kProvince);
    org(kDepartment, "Sở Thông tin và Truyền thông tỉnh Gia Lai", OrganizationKind::kDepartment,
        kProvince);
    person("hoa", "Nguyễn Thị Hoa", kDepartment);
    person("minh", "Trần Văn Minh", kDepartment);
    person("lan", "Võ Thị Lan", kDepartment);
  }

  std::uint64_t next() const { return state.next_position; }

  // The province's council: nine members, a quorum of two thirds, more than half of the
  // membership for a Bằng khen and 90% for CSTD_TINH. Returns its position.
  std::uint64_t council() {
    EstablishCouncil c;
    c.id = kCouncil;
    c.organization = kProvince;
    c.name = "Hội đồng Thi đua – Khen thưởng tỉnh Gia Lai";
    c.members = {{"Trương Hải Long", "Chủ tịch Hội đồng"},
                 {"Nguyễn Tuấn Anh", "Phó Chủ tịch Hội đồng"},
                 {"Rah Lan Chung", "Ủy viên"},
                 {"Nguyễn Thị Thanh Lịch", "Ủy viên"},
                 {"Hồ Phước Thành", "Ủy viên"},
                 {"Đỗ Tiến Đông", "Ủy viên"},
                 {"Lê Văn Thắng", "Ủy viên"},
                 {"Phan Thị Kim Oanh", "Ủy viên"},
                 {"Ksor H'Bơ Khăp", "Ủy viên, Thư ký Hội đồng"}};
    c.quorum = {2, 3, false};
    c.thresholds = {{Award::kBK_TINH, {1, 2, true}}, {Award::kCSTD_TINH, {9, 10, false}}};
    const std::uint64_t at = next();
    ok(c);
    return at;
  }

  // Two annual CSTDCS in a row, 2024 and 2025: route (d) of the province's Bằng khen.
  void bk_ready(const std::string& who) {
    for (int y = 2024; y <= 2025; ++y) {
      rate(person_ref(who), y, Rating::kExcellent);
      award("qd-cstdcs-" + who + "-" + std::to_string(y), Award::kCSTDCS, person_ref(who), y,
            kDepartment);
    }
  }

  SubmitProposal proposal(const std::string& id, Award award, std::vector<SubjectRef> nominees,
                          int year = 2025) {
    SubmitProposal p;
    p.id = id;
    p.proposing_body = kDepartment;
    p.award = award;
    p.year = year;
    p.nominees = std::move(nominees);
    p.documents = {{"Tờ trình số 45/TTr-STTTT", std::string(64, 'a')},
                   {"Biên bản họp Hội đồng Thi đua – Khen thưởng Sở", std::string(64, 'b')}};
    p.council = kCouncil;
    p.date = Date{year + 1, 1, 20};
    return p;
  }

  RecordCouncilVote vote(const std::string& proposal, std::int64_t present,
                         std::vector<Tally> tallies) {
    RecordCouncilVote v;
    v.council = kCouncil;
    v.proposal = proposal;
    v.date = date("2026-02-10");
    v.present = present;
    v.tallies = std::move(tallies);
    return v;
  }

  IssueDecision bk(const std::string& id, const std::string& who, const std::string& proposal) {
    IssueDecision c = decision(id, Award::kBK_TINH, person_ref(who), 2025, kProvince);
    c.proposal = proposal;
    return c;
  }

  RevokeDecision revocation(const std::string& decision, const std::string& number) {
    RevokeDecision c;
    c.decision = decision;
    c.ground = RevocationGround::kD;
    c.number = number;
    c.date = date("2026-10-05");
    c.issuer = kDepartment;
    c.reason = "Kết luận thanh tra: không đạt tiêu chuẩn trong thời gian xét";
    c.recovery = "Thu hồi giấy chứng nhận và tiền thưởng";
    return c;
  }
};

inline Tally tally(const std::string& who, std::int64_t yes, std::int64_t no,
                   std::int64_t abstain = 0) {
  return Tally{person_ref(who), yes, no, abstain};
}

}  // namespace thidua::testing
