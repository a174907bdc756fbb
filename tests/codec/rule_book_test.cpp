// The standard rule book loads, says what docs/rules.md says, and picks the set by date;
// other rule books are checked before they are used.
#include <catch2/catch.hpp>

#include <algorithm>

#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/rule_book.hpp"

using namespace thidua;
using domain::Award;
using domain::Date;
using domain::OrganizationKind;

namespace {

nlohmann::json standard_json() {
  return nlohmann::json(codec::to_json(codec::load_standard_rule_book()));
}

}  // namespace

TEST_CASE("the standard rule book picks the set in force on a date", "[codec][rules]") {
  domain::RuleBook book = codec::load_standard_rule_book();
  REQUIRE(book.sets.size() == 3);
  CHECK(book.in_force(Date{2023, 12, 31})->id == "vn-2013");
  CHECK(book.in_force(Date{2024, 1, 1})->id == "vn-2022");
  CHECK(book.in_force(Date{2025, 6, 30})->id == "vn-2022");
  CHECK(book.in_force(Date{2025, 7, 1})->id == "vn-2025");
  CHECK(book.in_force(Date{1900, 1, 1})->id == "vn-2013");
  CHECK(book.in_force(Date{2999, 12, 31})->id == "vn-2025");
}

TEST_CASE("vn-2022 holds the defaults of RuleSet, vn-2013 differs where the old law did",
          "[codec][rules]") {
  domain::RuleBook book = codec::load_standard_rule_book();
  const domain::RuleSet& old_law = book.sets[0];
  const domain::RuleSet& new_law = book.sets[1];
  const domain::RuleSet& today = book.sets[2];
  CHECK(old_law.until == Date{2023, 12, 31});
  CHECK(new_law.until == Date{2025, 6, 30});
  CHECK_FALSE(today.until.has_value());

  // Apart from what names it and the two lists, vn-2022 is RuleSet's defaults.
  auto figures = [](domain::RuleSet set) {
    set.id.clear();
    set.title.clear();
    set.from = Date{};
    set.until.reset();
    set.competent_issuers.clear();
    set.reward_multiples.clear();
    return nlohmann::json(codec::to_json(set));
  };
  CHECK(figures(new_law) == figures(domain::RuleSet{}));
  // Decree 91/2017 and the 2003 law (docs/rules.md).
  domain::RuleSet expected_old{};
  expected_old.cstdcs_excellent_replaces_initiative = false;
  expected_old.bk_ttg_min_rating = domain::Rating::kExcellent;
  expected_old.bk_ttg_cstdcs = 0;
  expected_old.bk_ttg_initiatives = 5;
  expected_old.bk_ttg_years_follow_bk = true;
  expected_old.public_notices = {{Award::kCSTD_TQ, 0}};
  expected_old.ldtt_discipline_bar = domain::DisciplineLevel::kReprimand;
  expected_old.ldtt_min_months = 10;
  expected_old.cstdcs_share_of_ldtt = domain::ShareSpec{15, 100, false};
  expected_old.ttldxs_discipline_bar = domain::DisciplineLevel::kWarning;
  expected_old.cstd_tq_years_after = 1;
  expected_old.council_floors = {{Award::kCSTD_TINH, {9, 10, false}},
                                 {Award::kCSTD_TQ, {9, 10, false}}};
  expected_old.revocation_grounds = {domain::RevocationGround::kA};
  CHECK(figures(old_law) == figures(expected_old));
  // vn-2025 differs from vn-2022 by the districts it abolishes.
  domain::RuleSet expected_today{};
  expected_today.abolished_kinds = {OrganizationKind::kDistrict};
  CHECK(figures(today) == figures(expected_today));
  CHECK(today.reward_multiples.size() == new_law.reward_multiples.size());

  // A commune decides LDTT and GK only until 2025 (Law 06/2022 Art. 80(3)); from 1 July 2025
  // CSTDCS and TTLDTT too (Decree 129/2025), and no district decides anything.
  for (const domain::RuleSet* set : {&old_law, &new_law}) {
    INFO(set->id);
    CHECK(set->issuers_of(Award::kCSTDCS)->size() == 8);
    CHECK(set->issuers_of(Award::kTTLDTT)->size() == 8);
  }
  CHECK(today.issuers_of(Award::kCSTDCS)->size() == 8);
  CHECK(today.issuers_of(Award::kLDTT)->size() == 8);
  for (const auto& c : today.competent_issuers) {
    INFO(domain::enum_name(c.award));
    CHECK(std::find(c.kinds.begin(), c.kinds.end(), OrganizationKind::kDistrict) == c.kinds.end());
  }

  for (const domain::RuleSet* set : {&old_law, &new_law, &today}) {
    INFO(set->id);
    REQUIRE(set->competent_issuers.size() == 11);
    CHECK(*set->issuers_of(Award::kCSTD_TINH) ==
          std::vector<OrganizationKind>{OrganizationKind::kMinistry, OrganizationKind::kProvince});
    CHECK(*set->issuers_of(Award::kCO_CP) ==
          std::vector<OrganizationKind>{OrganizationKind::kGovernment});
    CHECK(*set->reward_multiple_of(Award::kCO_CP) == domain::Decimal{1200});
    CHECK(*set->reward_multiple_of(Award::kLDTT) == domain::Decimal{30});
    CHECK(*set->reward_multiple_of(Award::kCSTD_TQ) == domain::Decimal{450});
    CHECK(set->reward_multiple_of(Award::kGK) == nullptr);
  }
}

TEST_CASE("rule books are checked before use", "[codec][rules]") {
  REQUIRE(codec::parse_rule_book(standard_json()).is_ok());

  nlohmann::json doc = standard_json();
  doc["sets"][1]["from"] = "2023-06-01";
  std::vector<codec::FieldError> errors;
  CHECK_FALSE(codec::parse_rule_book(doc, &errors).is_ok());
  CHECK(errors ==
        std::vector<codec::FieldError>{{"/sets/1/from", "in force on dates of /sets/0 too"}});

  doc = standard_json();
  doc["sets"][0]["until"] = "1899-12-31";
  errors.clear();
  CHECK_FALSE(codec::parse_rule_book(doc, &errors).is_ok());
  CHECK(errors.front().pointer == "/sets/0/until");

  doc = standard_json();
  doc["sets"][1]["reward_multiples"][3]["award"] = "CO_CP";
  errors.clear();
  CHECK_FALSE(codec::parse_rule_book(doc, &errors).is_ok());
  CHECK(errors ==
        std::vector<codec::FieldError>{{"/sets/1/reward_multiples/6/award", "award listed twice"}});

  doc = standard_json();
  doc["sets"][0]["bk_ttg_cstdcs"] = -1;
  doc["sets"][1]["quota"] = 1;
  errors.clear();
  CHECK_FALSE(codec::parse_rule_book(doc, &errors).is_ok());
  CHECK(errors.size() == 2);

  doc = standard_json();
  doc["sets"][1]["reward_multiples"][0]["multiple"] = 4.505;
  CHECK(codec::parse_rule_book(doc).status().message() ==
        "/sets/1/reward_multiples/0/multiple: at most two decimal places");
}
