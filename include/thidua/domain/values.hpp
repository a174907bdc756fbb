// The small value types of the thidua domain: calendar dates, fixed-point decimals, shares,
// and the closed vocabularies of domain.md (organization kinds, ratings, award codes, ...).
//
// Everything here is pure: no I/O, no clock, no JSON. Each enumeration has a table of its
// wire names (EnumNames<T>) so that the codec layer can spell and parse every enum the same
// way; the wire names are the code names of domain.md's glossary. Plain values; thread-safe.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace thidua::domain {

// A calendar date (proleptic Gregorian), written "YYYY-MM-DD".
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // The date written in `text`, or nullopt when it is not a real "YYYY-MM-DD" date between
  // the years 1900 and 2999.
  static std::optional<Date> parse(std::string_view text);
  std::string to_string() const;
  // The day after this one; REQUIRES: a real date.
  Date next() const;
  // Monday to Friday.
  bool working_day() const;
  // The `n`th working day after this date (this date itself when n is 0).
  Date plus_working_days(int n) const;
  auto operator<=>(const Date&) const = default;
};

// A non-negative or negative amount with exactly two decimal places, held as hundredths so
// that sums, comparisons and hashes are exact: points of a score, target values, reward
// multiples. 9.5 is Decimal{950}.
struct Decimal {
  std::int64_t hundredths = 0;

  static constexpr Decimal units(std::int64_t n) { return Decimal{n * 100}; }
  // "9.5", "10", "0.25", "-3.75".
  std::string to_string() const;
  auto operator<=>(const Decimal&) const = default;
};

// A share of a whole: at least (or, when `strict`, more than) numerator/denominator of it.
// Council thresholds and quorums, quotas and member percentages are shares, so that "two
// thirds of nine" is decided in integers, never in floating point.
struct Share {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  bool strict = false;  // true: more than the share; false: at least the share

  // Whether `part` of `whole` meets the share. REQUIRES: denominator > 0.
  bool met_by(std::int64_t part, std::int64_t whole) const;
  // The largest count of `whole` that stays within the share (for quotas "at most 20%").
  std::int64_t at_most(std::int64_t whole) const;
  // "at least 2/3", "more than 1/2".
  std::string to_string() const;
  bool operator==(const Share&) const = default;
};

// Wire names of an enumeration, in the order of its enumerators. Specialised below for each
// enumeration of the domain.
template <typename E>
struct EnumNames;

template <typename E>
std::string_view enum_name(E value) {
  return EnumNames<E>::kNames[static_cast<std::size_t>(value)];
}

template <typename E>
std::optional<E> parse_enum(std::string_view text) {
  for (std::size_t i = 0; i < EnumNames<E>::kNames.size(); ++i) {
    if (EnumNames<E>::kNames[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

#define THIDUA_ENUM_NAMES(E, ...)                                                  \
  template <>                                                                      \
  struct EnumNames<E> {                                                            \
    static constexpr auto kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
  }

enum class OrganizationKind {
  kGovernment,  // the Government / the Prime Minister's office
  kMinistry,
  kProvince,    // a provincial People's Committee
  kDepartment,  // a department of a ministry or a province (Sở)
  kDistrict,
  kCommune,
  kAgency,  // any other public body or unit
  kEnterprise,
  kAssociation,
};
THIDUA_ENUM_NAMES(OrganizationKind, "government", "ministry", "province", "department", "district",
                  "commune", "agency", "enterprise", "association");

// Yearly task rating of a person or a unit (xếp loại mức độ hoàn thành nhiệm vụ). Ordered:
// a higher value is a better rating.
enum class Rating { kNotCompleted, kCompleted, kGood, kExcellent };
THIDUA_ENUM_NAMES(Rating, "not_completed", "completed", "good", "excellent");

// Recognition scope of an initiative (sáng kiến). Ordered: national covers the others.
enum class Scope { kGrassroots, kMinistryProvince, kNational };
THIDUA_ENUM_NAMES(Scope, "grassroots", "ministry_province", "national");

enum class MovementForm { kRegular, kThematic, kCampaign };
THIDUA_ENUM_NAMES(MovementForm, "regular", "thematic", "campaign");

enum class ClusterKind { kCluster, kBloc };
THIDUA_ENUM_NAMES(ClusterKind, "cluster", "bloc");

enum class ScoreKind { kSelf, kCross, kFinal };
THIDUA_ENUM_NAMES(ScoreKind, "self", "cross", "final");

// How a covenant turns scores into a member's total: the final scores, or the average of the
// cross-scores it received.
enum class RankingBasis { kFinal, kCrossAverage };
THIDUA_ENUM_NAMES(RankingBasis, "final", "cross_average");

enum class BallotKind { kSecret, kShowOfHands, kWrittenOpinion };
THIDUA_ENUM_NAMES(BallotKind, "secret", "show_of_hands", "written_opinion");

// What a cluster vote decides: that the nominee leads the cluster that year (the ground for a
// flag), or that the cluster proposes an award for the nominee.
enum class Motion { kLeader, kAward };
THIDUA_ENUM_NAMES(Motion, "leader", "award");

// Why an award is given: yearly results, a thematic movement, or an extraordinary deed.
// Only annual awards count toward the consecutive-year ladders (Decree 98 Art. 4(3)).
enum class Occasion { kAnnual, kThematic, kExtraordinary };
THIDUA_ENUM_NAMES(Occasion, "annual", "thematic", "extraordinary");

enum class AwardKind { kTitle, kCommendation };
enum class SubjectKind { kPerson, kOrganization };
THIDUA_ENUM_NAMES(SubjectKind, "person", "organization");

// The award codes of domain.md section 3.
enum class Award {
  kLDTT,
  kCSTDCS,
  kCSTD_TINH,
  kCSTD_TQ,
  kTTLDTT,
  kTTLDXS,
  kCO_TINH,
  kCO_CP,
  kGK,
  kBK_TINH,
  kBK_TTG,
};
THIDUA_ENUM_NAMES(Award, "LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH",
                  "CO_CP", "GK", "BK_TINH", "BK_TTG");

AwardKind award_kind(Award award);
// Whether the award can be given to a person, to an organization.
bool award_for(Award award, SubjectKind kind);
// The Vietnamese name, e.g. "Chiến sĩ thi đua cơ sở".
std::string_view award_title(Award award);

// Revocation grounds of the Law, chapter VII: (a) false declaration of achievements, (b)
// forged dossier or false information, (c) appraisal or proposal contrary to law, (d) a later
// finding that the subject did not meet the standard.
enum class RevocationGround { kA, kB, kC, kD };
THIDUA_ENUM_NAMES(RevocationGround, "a", "b", "c", "d");

// Disciplinary measures, ordered from the lightest.
enum class DisciplineLevel { kReprimand, kWarning, kDemotion, kRemoval, kDismissal };
THIDUA_ENUM_NAMES(DisciplineLevel, "reprimand", "warning", "demotion", "removal", "dismissal");

// Why awards to a subject are held (Decree 98 Art. 4(4)).
enum class HoldKind { kDiscipline, kInvestigation, kInspection, kComplaint };
THIDUA_ENUM_NAMES(HoldKind, "discipline", "investigation", "inspection", "complaint");

#undef THIDUA_ENUM_NAMES

// A reference to a person or an organization: "person/<id>" or "organization/<id>", the name
// of its stream.
struct SubjectRef {
  SubjectKind kind = SubjectKind::kPerson;
  std::string id;

  // nullopt unless `text` is "person/<id>" or "organization/<id>" with a valid id.
  static std::optional<SubjectRef> parse(std::string_view text);
  std::string to_string() const;
  auto operator<=>(const SubjectRef&) const = default;
};

// Ids chosen by clients for organizations, people, clusters, decisions...: 1 to 64 bytes of
// lower-case ASCII letters, digits, '-', '_' and '.', starting with a letter or digit
// (pattern ^[a-z0-9][a-z0-9._-]{0,63}$). They are stream-name segments.
bool valid_id(std::string_view id);

}  // namespace thidua::domain
