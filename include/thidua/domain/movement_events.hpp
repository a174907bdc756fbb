// Events of emulation movements: launch, registrations, progress.
// Part of the domain's events (events.hpp); plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/domain/event_parts.hpp"

namespace thidua::domain {

struct MovementLaunched {
  std::string id;
  std::string name;
  MovementForm form = MovementForm::kRegular;
  std::string launched_by;  // organization id
  Date start;
  Date end;
  std::optional<std::string> slogan;
  std::vector<Target> targets;
  std::vector<MovementCriterion> criteria;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("id", s.id);
    v("name", s.name);
    v("form", s.form);
    v("launched_by", s.launched_by);
    v("start", s.start);
    v("end", s.end);
    v("slogan", s.slogan);
    v("targets", s.targets);
    v("criteria", s.criteria);
  }
};

// A unit enrols in a movement for a year and pledges titles and targets.
struct RegistrationSubmitted {
  std::string movement;
  std::string organization;
  int year = 0;
  std::vector<Award> titles;
  std::vector<Pledge> pledges;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("movement", s.movement);
    v("organization", s.organization);
    v("year", s.year);
    v("titles", s.titles);
    v("pledges", s.pledges);
  }
};

struct ProgressReported {
  std::string movement;
  std::string organization;
  int target = 0;  // the target's number
  Decimal value;   // cumulative value reached, in the target's unit
  Date date;
  std::optional<std::string> note;
  template <class S, class V>
  static void describe(S& s, V&& v) {
    v("movement", s.movement);
    v("organization", s.organization);
    v("target", s.target);
    v("value", s.value);
    v("date", s.date);
    v("note", s.note);
  }
};

}  // namespace thidua::domain
