// The history generator: a deterministic, seeded history of domain events that reads like the
// records of a real emulation and commendation system, for benchmarks, demonstrations and
// load tests.
//
// The generator simulates a world (the Government, ministries, provinces and their departments,
// agencies and communes, their staff, councils, clusters and blocs, movements) year by year
// and runs every step through domain::decide() against its own domain::State, folding the
// accepted events with domain::evolve(). Every event it produces is therefore one the domain
// accepts at that position of the log. A refused command is a defect of the generator: it is
// reported as an error naming the rule, never skipped.
//
// Same options and first position, same events: ids are derived from the seed and the position,
// and nothing reads a clock or a random device.
//
// Thread-safety: a HistoryGenerator is not synchronised; use one from one thread at a time.
// generate_into() may run concurrently with readers of the store, but the store must have no
// other writer while it runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "thidua/domain/state.hpp"
#include "thidua/store/event.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/util/status.hpp"

namespace thidua::generator {

struct HistoryOptions {
  // Seeds every choice of the simulation and every event id.
  std::uint64_t seed = 1;
  // Stop once at least this many events were produced; the command that reaches the count is
  // finished, so a history may hold a few more events than asked for.
  std::uint64_t events = 10000;
  // The first simulated year; years follow one another for as long as the event count needs
  // (up to 2998: dates end at 2999).
  int first_year = 2019;
  // Ministries (1-15), one per sector. Each has a department (Sở) in every province and
  // organises clusters of those departments, like Cụm thi đua số 6 of the Ministry of
  // Information and Communications.
  int ministries = 6;
  // Provincial People's Committees (2-63, real provinces in a fixed order). Each organises a
  // bloc of its departments and agencies and a bloc of its communes, and launches movements.
  int provinces = 20;
  // Agencies (0-2) and communes (0-12) of each province, registered at the start.
  int agencies_per_province = 1;
  int communes_per_province = 3;
  // The most members of one cluster or bloc (3-200); a ministry's departments are split
  // evenly into as few clusters as this allows.
  int members_per_cluster = 8;
  // People registered in each department, agency and commune (1-200).
  int people_per_unit = 6;
  // Criteria of each yearly covenant (1-100): each member self-scores, cross-scores every
  // other member and receives a final score on every criterion.
  int criteria = 9;
  // Every this many years from the third year, a department of one province merges into the
  // department of the same sector of a neighbouring province (as in 2025); 0: never.
  int merger_every_years = 3;
  // People posted to another unit of their province each year.
  int transfers_per_year = 3;
  // Holds placed on people (or now and then a unit) each year, released some months later.
  int holds_per_year = 2;
  // Past decisions revoked, and past decisions corrected, each year.
  int revocations_per_year = 1;
  int corrections_per_year = 1;
};

// OK, or Status::invalid_argument naming the first option out of its range.
Status check_options(const HistoryOptions& options);

class HistoryGenerator {
 public:
  // A generator whose first event will be appended at `first_position` of the log (the
  // positions given to evolve() are the store positions the events will get).
  explicit HistoryGenerator(HistoryOptions options, std::uint64_t first_position = 0);
  ~HistoryGenerator();
  HistoryGenerator(const HistoryGenerator&) = delete;
  HistoryGenerator& operator=(const HistoryGenerator&) = delete;

  // Up to `max` more events, in append order, as the store takes them: id (a UUID derived
  // from the seed and the position), type, subject, dataschema and data from
  // codec::propose_event(), source "/thidua/generator", time the command's date at 08:00:00Z,
  // actor "generator". Empty once the history is complete. Errors:
  // Status::invalid_argument when the options are out of range (check_options), or when the
  // domain refused a command ("<Command> refused by <rule>: <detail>"), a defect of the
  // generator. Errors are sticky: every later call returns the same one.
  Result<std::vector<ProposedEvent>> next(std::size_t max);

  // The state after the events produced so far. Lives as long as the generator.
  const domain::State& state() const;
  // Events produced so far.
  std::uint64_t produced() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends a whole generated history to `store` in batches of `batch` events (one atomic append
// each), calling `progress(done, total)` after each batch with the events appended so far and
// options.events. The history starts at store.head(). Errors: those of next(); the store's
// append errors; Status::conflict when another writer moved the head meanwhile. REQUIRES:
// 0 < batch <= the store's max_events_per_append.
Status generate_into(EventStore& store, const HistoryOptions& options, std::size_t batch = 1000,
                     std::function<void(std::uint64_t, std::uint64_t)> progress = {});

}  // namespace thidua::generator
