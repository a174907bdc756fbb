// The vocabulary of the generated world: real province names, ministries and their provincial
// departments, Vietnamese personal names, and the texts of criteria, targets, initiatives,
// holds and revocations. Constant data; thread-safe. Not a public header.
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace thidua::generator::internal {

struct ProvinceName {
  std::string_view name;  // "Gia Lai"
  std::string_view slug;  // "gia-lai", for ids
  bool city = false;      // a centrally-governed city ("thành phố"), else a "tỉnh"
};

// The 63 provinces and cities before 2025, those of the Central Highlands and the south
// central coast first (the members of Cụm thi đua số 6 lead).
const std::vector<ProvinceName>& province_names();

// 2025 mergers: the province absorbed, then the one it merged into (by slug).
const std::vector<std::array<std::string_view, 2>>& merger_pairs();

struct Sector {
  std::string_view ministry;         // "Bộ Thông tin và Truyền thông"
  std::string_view department;       // "Sở Thông tin và Truyền thông"
  std::string_view slug;             // "tttt"
  std::string_view ministry_code;    // "BTTTT", in decision numbers
  std::string_view department_code;  // "STTTT"
};

const std::vector<Sector>& sectors();

struct AgencyName {
  std::string_view name;  // "Đài Phát thanh và Truyền hình", followed by the province
  std::string_view slug;
  std::string_view code;
};

const std::vector<AgencyName>& agency_names();
// The agency a province sets up later in the history and adds to its bloc.
const AgencyName& new_agency_name();
const std::vector<ProvinceName>& commune_names();  // name and slug; `city` unused

const std::vector<std::string_view>& family_names();
const std::vector<std::string_view>& middle_names(bool female);
const std::vector<std::string_view>& given_names(bool female);

// Covenant criteria: those of Cụm thi đua số 6 (seed 003) for the information and
// communications sector, general ones for the others.
const std::vector<std::string_view>& ict_criteria();
const std::vector<std::string_view>& general_criteria();

struct TargetText {
  std::string_view text;
  std::string_view metric;
  long value_hundredths;
  std::string_view unit;
};

// Movement targets, after the 15 tasks of the 100-day campaign of seed 004.
const std::vector<TargetText>& target_texts();
const std::vector<std::string_view>& movement_criteria();
const std::vector<std::string_view>& initiative_subjects();

// Indexed by domain::HoldKind and domain::RevocationGround.
const std::vector<std::string_view>& hold_reasons();
const std::vector<std::string_view>& hold_release_reasons();
const std::vector<std::string_view>& revocation_reasons();

}  // namespace thidua::generator::internal
