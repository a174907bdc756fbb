// What interrupts the routine: holds placed on people (now and then a unit) under discipline,
// investigation, inspection or complaint and released months later, disciplinary measures,
// revocations of past awards on the grounds of the Law, and corrections of past decisions.
#include "names.hpp"
#include "simulation.hpp"

namespace thidua::generator::internal {

namespace {

domain::HoldKind draw_kind(Rng& rng) {
  const int roll = rng.below(1000);
  return roll < 350   ? domain::HoldKind::kDiscipline
         : roll < 500 ? domain::HoldKind::kInvestigation
         : roll < 700 ? domain::HoldKind::kInspection
                      : domain::HoldKind::kComplaint;
}

}  // namespace

void Simulation::place_holds() {
  const domain::Date date = on(7, 10);
  const int people = static_cast<int>(world_.people.size());
  for (int h = 0; h < options_.holds_per_year; ++h) {
    HoldRecord hold;
    hold.id = "hold-" + std::to_string(year_) + "-" + std::to_string(++world_.next_hold);
    hold.placed = date;
    // Half are resolved by October, the others early next year, after January's titles.
    hold.release_year = rng_.chance(500) ? year_ : year_ + 1;
    domain::PlaceHold c;
    // Every third hold or so is on a department under inspection rather than on a person.
    const int unit =
        world_.departments[rng_.below(options_.provinces)][rng_.below(options_.ministries)];
    if (rng_.chance(300) && !world_.units[unit].ended && !world_.units[unit].held) {
      hold.unit = unit;
      hold.kind = domain::HoldKind::kInspection;
      world_.units[unit].held = true;
      c.subject = {domain::SubjectKind::kOrganization, world_.units[unit].id};
    } else {
      const int person = rng_.below(people);
      if (world_.people[person].held) continue;
      hold.person = person;
      hold.kind = draw_kind(rng_);
      world_.people[person].held = true;
      c.subject = {domain::SubjectKind::kPerson, world_.people[person].id};
    }
    c.id = hold.id;
    c.kind = hold.kind;
    c.reason = std::string(hold_reasons()[static_cast<std::size_t>(hold.kind)]);
    c.date = date;
    enqueue(std::move(c), date);
    world_.holds.push_back(std::move(hold));
  }
}

void Simulation::record_disciplines() {
  const domain::Date date = on(9, 15);
  for (const HoldRecord& hold : world_.holds) {
    if (hold.kind != domain::HoldKind::kDiscipline || hold.placed.year != year_ ||
        hold.person < 0) {
      continue;
    }
    Person& p = world_.people[hold.person];
    const domain::DisciplineLevel level =
        rng_.chance(600) ? domain::DisciplineLevel::kReprimand : domain::DisciplineLevel::kWarning;
    const int unit = world_.current_unit(hold.person);
    domain::RecordDiscipline c;
    c.person = p.id;
    c.year = year_;
    c.level = level;
    c.date = date;
    c.basis = "Quyết định số " + number(unit, "QĐ") + " về việc thi hành kỷ luật";
    enqueue(std::move(c), date);
    auto [it, added] = p.disciplines.emplace(year_, level);
    if (!added) it->second = std::max(it->second, level);
  }
}

void Simulation::release_holds(int placed_in) {
  const domain::Date date = placed_in == year_ ? on(10, 20) : on(2, 15);
  std::erase_if(world_.holds, [&](const HoldRecord& hold) {
    if (hold.placed.year != placed_in || hold.release_year != year_) return false;
    domain::ReleaseHold c;
    c.id = hold.id;
    c.reason = std::string(hold_release_reasons()[static_cast<std::size_t>(hold.kind)]);
    c.date = date;
    enqueue(std::move(c), date);
    if (hold.person >= 0) world_.people[hold.person].held = false;
    if (hold.unit >= 0) world_.units[hold.unit].held = false;
    return true;
  });
}

// A few decisions of the last three years with one or two recipients are revoked, on one of
// the grounds (a) to (d) of the Law, chapter VII; the awards no longer count toward ladders.
void Simulation::revoke_decisions() {
  const domain::Date date = on(8, 15);
  std::erase_if(world_.decisions, [&](const auto& entry) { return entry.first < year_ - 4; });
  for (int r = 0; r < options_.revocations_per_year; ++r) {
    std::vector<DecisionRecord*> candidates;
    for (auto& [year, records] : world_.decisions) {
      for (DecisionRecord& d : records) {
        const bool kind = d.award == domain::Award::kLDTT || d.award == domain::Award::kCSTDCS ||
                          d.award == domain::Award::kBK_TINH || d.award == domain::Award::kTTLDTT;
        if (!d.revoked && kind && d.recipients.size() <= 2 && year >= year_ - 3) {
          candidates.push_back(&d);
        }
      }
    }
    if (candidates.empty()) return;
    DecisionRecord& d =
        *candidates[static_cast<std::size_t>(rng_.below(static_cast<int>(candidates.size())))];
    const auto ground = static_cast<domain::RevocationGround>(rng_.below(4));
    domain::RevokeDecision c;
    c.decision = d.id;
    c.ground = ground;
    c.number = number(d.issuer, "QĐ");
    c.date = date;
    c.issuer = world_.units[d.issuer].id;
    c.reason = std::string(revocation_reasons()[static_cast<std::size_t>(ground)]);
    c.recovery = "Thu hồi hiện vật khen thưởng và số tiền thưởng đã nhận";
    enqueue(std::move(c), date);
    d.revoked = true;
    for (const Nominee& n : d.recipients) record_award(d.award, d.year, n, false);
  }
}

void Simulation::correct_decisions() {
  const domain::Date date = on(8, 15);
  for (int r = 0; r < options_.corrections_per_year; ++r) {
    std::vector<const DecisionRecord*> candidates;
    for (const auto& [year, records] : world_.decisions) {
      for (const DecisionRecord& d : records) {
        if (!d.revoked && year >= year_ - 2) candidates.push_back(&d);
      }
    }
    if (candidates.empty()) return;
    const DecisionRecord& d =
        *candidates[static_cast<std::size_t>(rng_.below(static_cast<int>(candidates.size())))];
    const Unit& issuer = world_.units[d.issuer];
    domain::CorrectDecision c;
    c.decision = d.id;
    c.number = number(d.issuer, "QĐ");
    c.date = date;
    // The decision was in fact signed by the other of the head and the deputy.
    c.reason = "Đính chính người ký và chức vụ người ký tại Quyết định số " + d.number + " ngày " +
               day_month_year(d.date);
    c.signer = d.deputy ? issuer.head : issuer.deputy;
    c.capacity = capacity(issuer, !d.deputy);
    enqueue(std::move(c), date);
  }
}

}  // namespace thidua::generator::internal
