#include "thidua/generator/history_generator.hpp"

#include <deque>
#include <string>

#include "names.hpp"
#include "rng.hpp"
#include "simulation.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/schema_registry.hpp"
#include "thidua/domain/decide.hpp"

namespace thidua::generator {

namespace {

constexpr const char* kSource = "/thidua/generator";
constexpr const char* kActor = "generator";

Status out_of_range(const char* name, int lo, int hi) {
  return Status::invalid_argument(std::string("option ") + name + " must be between " +
                                  std::to_string(lo) + " and " + std::to_string(hi));
}

std::string timestamp(domain::Date date) { return date.to_string() + "T08:00:00Z"; }

}  // namespace

Status check_options(const HistoryOptions& o) {
  struct Range {
    const char* name;
    int value, lo, hi;
  };
  const int provinces = static_cast<int>(internal::province_names().size());
  const int sectors = static_cast<int>(internal::sectors().size());
  const int agencies = static_cast<int>(internal::agency_names().size());
  const int communes = static_cast<int>(internal::commune_names().size());
  for (const Range& r :
       {Range{"first_year", o.first_year, 1901, 2997},
        Range{"ministries", o.ministries, 1, sectors},
        Range{"provinces", o.provinces, 2, provinces},
        Range{"agencies_per_province", o.agencies_per_province, 0, agencies},
        Range{"communes_per_province", o.communes_per_province, 0, communes},
        Range{"members_per_cluster", o.members_per_cluster, 3, 200},
        Range{"people_per_unit", o.people_per_unit, 1, 99}, Range{"criteria", o.criteria, 1, 100},
        Range{"merger_every_years", o.merger_every_years, 0, 1000},
        Range{"transfers_per_year", o.transfers_per_year, 0, 1000},
        Range{"holds_per_year", o.holds_per_year, 0, 1000},
        Range{"revocations_per_year", o.revocations_per_year, 0, 1000},
        Range{"corrections_per_year", o.corrections_per_year, 0, 1000}}) {
    if (r.value < r.lo || r.value > r.hi) return out_of_range(r.name, r.lo, r.hi);
  }
  return Status::ok();
}

struct HistoryGenerator::Impl {
  Impl(const HistoryOptions& o, std::uint64_t first_position)
      : options(o), status(check_options(o)), simulation(o, first_position) {}

  // Decides the next command and turns its events into ProposedEvents; false when the
  // history is complete or an error was recorded.
  bool advance();
  Status refused(const internal::Pending& pending, const domain::Refusal& refusal) const;

  HistoryOptions options;
  Status status;
  internal::Simulation simulation;
  std::deque<ProposedEvent> ready;
  std::uint64_t produced = 0;
  bool done = false;
};

bool HistoryGenerator::Impl::advance() {
  if (done || !status.is_ok()) return false;
  const internal::Pending* pending = simulation.next_command();
  if (!pending) {
    done = true;
    return false;
  }
  const domain::Context context{pending->date, &simulation.rules()};
  domain::Verdict verdict = domain::decide(simulation.state(), pending->command, context);
  if (!verdict.accepted()) {
    status = refused(*pending, verdict.refusal());
    return false;
  }
  domain::State& state = simulation.state();
  for (const domain::Event& event : verdict.events()) {
    const std::uint64_t position = state.next_position;
    Result<ProposedEvent> proposed = codec::propose_event(event, codec::kSchemaBaseUri);
    if (!proposed.is_ok()) {
      status = proposed.status();
      return false;
    }
    domain::evolve(state, event, position);
    ProposedEvent& e = proposed.value();
    e.id = internal::event_uuid(options.seed, position);
    e.source = kSource;
    e.time = timestamp(pending->date);
    e.actor = kActor;
    ready.push_back(std::move(e));
    ++produced;
  }
  if (produced >= options.events) done = true;
  return true;
}

Status HistoryGenerator::Impl::refused(const internal::Pending& pending,
                                       const domain::Refusal& refusal) const {
  return Status::invalid_argument(std::string(domain::command_name(pending.command)) +
                                  " refused by " + refusal.rule + ": " + refusal.detail + " (on " +
                                  pending.date.to_string() + ", after " + std::to_string(produced) +
                                  " events)");
}

HistoryGenerator::HistoryGenerator(HistoryOptions options, std::uint64_t first_position)
    : impl_(std::make_unique<Impl>(options, first_position)) {}

HistoryGenerator::~HistoryGenerator() = default;

Result<std::vector<ProposedEvent>> HistoryGenerator::next(std::size_t max) {
  std::vector<ProposedEvent> out;
  while (out.size() < max) {
    if (impl_->ready.empty() && !impl_->advance()) break;
    if (impl_->ready.empty()) continue;
    out.push_back(std::move(impl_->ready.front()));
    impl_->ready.pop_front();
  }
  if (!impl_->status.is_ok()) return impl_->status;
  return out;
}

const domain::State& HistoryGenerator::state() const { return impl_->simulation.state(); }

std::uint64_t HistoryGenerator::produced() const { return impl_->produced; }

Status generate_into(EventStore& store, const HistoryOptions& options, std::size_t batch,
                     std::function<void(std::uint64_t, std::uint64_t)> progress) {
  const std::uint64_t first = store.head();
  HistoryGenerator generator(options, first);
  std::uint64_t appended = 0;
  for (;;) {
    Result<std::vector<ProposedEvent>> events = generator.next(batch);
    if (!events.is_ok()) return events.status();
    if (events->empty()) return Status::ok();
    const std::size_t count = events->size();
    AppendRequest request;
    request.events = std::move(events).value();
    Result<AppendResult> result = store.append(std::move(request));
    if (!result.is_ok()) return result.status();
    if (result->events.front().position != first + appended) {
      return Status::conflict(
          "another writer appended to the store during the generation: "
          "expected position " +
          std::to_string(first + appended) + ", got " +
          std::to_string(result->events.front().position));
    }
    appended += count;
    if (progress) progress(appended, options.events);
  }
}

}  // namespace thidua::generator
