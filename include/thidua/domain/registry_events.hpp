// Events of organizations (with restructuring), people, councils, initiatives, ratings,
// discipline and holds.
// Part of the domain's events (events.hpp); plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/event_parts.hpp"

namespace thidua::domain {

// An organization; `established`, when known, is the day it came into being (records of units
// older than the log leave it out).
struct OrganizationRegistered {
  std::string id;
  std::string name;
  OrganizationKind kind = OrganizationKind::kAgency;
  std::optional<std::string> parent;
  std::optional<Date> established;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("kind", s.kind);
    v("parent", s.parent);
    v("established", s.established);
  }
};

struct OrganizationRenamed {
  std::string id;
  std::string name;
  Date effective;
  std::optional<std::string> basis;  // the document that renamed it
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// Several units merged into one successor (which may be one of them). The others end; their
// award history continues under the successor. Subject: the successor's stream.
struct OrganizationsMerged {
  std::vector<std::string> predecessors;
  std::string successor;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("predecessors", s.predecessors);
    v("successor", s.successor);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// A unit split into several successors and ended. Subject: the predecessor's stream.
struct OrganizationSplit {
  std::string predecessor;
  std::vector<std::string> successors;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("predecessor", s.predecessor);
    v("successors", s.successors);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// A person joins `organization` on `since` (absent: the person counts as its staff in every
// year, as for records kept before dates were).
struct PersonRegistered {
  std::string id;
  std::string name;
  std::string organization;
  std::optional<std::string> job_title;
  std::optional<Date> since;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("organization", s.organization);
    v("job_title", s.job_title);
    v("since", s.since);
  }
};

// A person moves to another organization from `effective` on. Subject: the person's stream.
struct PersonTransferred {
  std::string person;
  std::string organization;
  Date effective;
  std::optional<std::string> basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("person", s.person);
    v("organization", s.organization);
    v("effective", s.effective);
    v("basis", s.basis);
  }
};

// An emulation and commendation council of an authority, with its members, its quorum and,
// per award, the share of the total membership a proposal needs.
struct CouncilEstablished {
  std::string id;
  std::string organization;  // the authority the council advises
  std::string name;
  std::vector<CouncilMember> members;
  ShareSpec quorum;
  std::vector<CouncilThreshold> thresholds;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("organization", s.organization);
    v("name", s.name);
    v("members", s.members);
    v("quorum", s.quorum);
    v("thresholds", s.thresholds);
  }
};

struct InitiativeRecognized {
  std::string id;
  std::string title;
  std::vector<std::string> owners;  // person ids
  std::string recognized_by;        // organization id
  Scope scope = Scope::kGrassroots;
  int year = 0;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("title", s.title);
    v("owners", s.owners);
    v("recognized_by", s.recognized_by);
    v("scope", s.scope);
    v("year", s.year);
    v("date", s.date);
  }
};

// The yearly task rating of a person or a unit. Subject: the rated subject's stream.
struct TaskRated {
  SubjectRef subject;
  int year = 0;
  Rating rating = Rating::kCompleted;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("subject", s.subject);
    v("year", s.year);
    v("rating", s.rating);
  }
};

struct DisciplineRecorded {
  std::string person;
  int year = 0;
  DisciplineLevel level = DisciplineLevel::kReprimand;
  Date date;
  std::string basis;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("person", s.person);
    v("year", s.year);
    v("level", s.level);
    v("date", s.date);
    v("basis", s.basis);
  }
};

struct HoldPlaced {
  std::string id;
  SubjectRef subject;
  HoldKind kind = HoldKind::kInvestigation;
  std::string reason;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("subject", s.subject);
    v("kind", s.kind);
    v("reason", s.reason);
    v("date", s.date);
  }
};

struct HoldReleased {
  std::string id;
  std::string reason;
  Date date;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("reason", s.reason);
    v("date", s.date);
  }
};

}  // namespace thidua::domain
