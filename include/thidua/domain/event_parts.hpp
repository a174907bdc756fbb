// The parts events share: shares, council members and thresholds, targets, criteria,
// pledges, documents, tallies, recipients, and the rule checks a decision records.
// Part of the domain's events (events.hpp); plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/values.hpp"

namespace thidua::domain {

// A share as written in data: {"numerator": 2, "denominator": 3, "strict": false}.
struct ShareSpec {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  bool strict = false;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("numerator", s.numerator);
    v("denominator", s.denominator);
    v("strict", s.strict);
  }
  Share share() const { return Share{numerator, denominator, strict}; }
};

struct CouncilMember {
  std::string name;
  std::string capacity;  // e.g. "Chủ tịch Hội đồng", "Ủy viên"
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("name", s.name);
    v("capacity", s.capacity);
  }
};

// The vote a council needs to pass a proposal for one award, as a share of its total
// membership (members absent but giving written opinions count).
struct CouncilThreshold {
  Award award = Award::kGK;
  ShareSpec threshold;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("award", s.award);
    v("threshold", s.threshold);
  }
};

// A numbered target (chỉ tiêu) of a movement: "50% of households", "200 soft ATMs".
struct Target {
  int number = 0;
  std::string text;
  std::string metric;  // what is counted, e.g. "hộ gia đình dùng thanh toán số"
  Decimal value;       // the goal
  std::string unit;    // e.g. "%", "ATM"
  std::optional<Date> due;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("number", s.number);
    v("text", s.text);
    v("metric", s.metric);
    v("value", s.value);
    v("unit", s.unit);
    v("due", s.due);
  }
};

// A criterion of a movement, with its sub-items.
struct MovementCriterion {
  std::string code;
  std::string text;
  std::vector<std::string> items;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("code", s.code);
    v("text", s.text);
    v("items", s.items);
  }
};

// A target pledged in a registration: the target's number and the value the unit pledges.
struct Pledge {
  int target = 0;
  Decimal value;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("target", s.target);
    v("value", s.value);
  }
};

// A criterion of a covenant: code, text and the most points it can give.
struct CovenantCriterion {
  std::string code;
  std::string text;
  Decimal max_points;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("code", s.code);
    v("text", s.text);
    v("max_points", s.max_points);
  }
};

// A member's place in a cluster's ranking as a vote found it: the members vote on the ranking,
// so the vote records it, and anyone replaying the log can recompute it.
struct Standing {
  int rank = 0;  // from 1
  std::string organization;
  std::string name;  // the member's name when the vote was recorded
  Decimal total;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("rank", s.rank);
    v("organization", s.organization);
    v("name", s.name);
    v("total", s.total);
  }
};

// A supporting document of a proposal, identified by the SHA-256 of its bytes (64 hex digits).
struct Document {
  std::string title;
  std::string sha256;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("title", s.title);
    v("sha256", s.sha256);
  }
};

// A council's tallies for one nominee. `passed` is derived by the domain from the council's
// threshold for the award.
struct NomineeTally {
  SubjectRef nominee;
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t abstain = 0;
  bool passed = false;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("nominee", s.nominee);
    v("yes", s.yes);
    v("no", s.no);
    v("abstain", s.abstain);
    v("passed", s.passed);
  }
};

// A recipient of a decision, with the initiatives the award relies on (each supports at most
// one award).
struct Recipient {
  SubjectRef subject;
  std::vector<std::string> initiatives;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("subject", s.subject);
    v("initiatives", s.initiatives);
  }
};

// A fact a rule check used: the position of the event that established it, and what it says.
struct Fact {
  std::uint64_t position = 0;
  std::string what;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("position", s.position);
    v("what", s.what);
  }
};

// The outcome of one rule for one subject: its stable id (e.g. "award.CSTDCS.rating"),
// whether it passed, why, and the facts it used.
struct RuleCheck {
  std::string rule;
  std::string subject;  // "person/..." or "organization/..."; empty for the whole decision
  bool passed = false;
  std::string detail;
  std::vector<Fact> facts;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("rule", s.rule);
    v("subject", s.subject);
    v("passed", s.passed);
    v("detail", s.detail);
    v("facts", s.facts);
  }
};

}  // namespace thidua::domain
