#include "thidua/audit/evidence.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/audit/checkpoint.hpp"
#include "thidua/audit/proofs.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/rule_book.hpp"
#include "thidua/domain/decide.hpp"
#include "thidua/domain/ranking.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::audit {
namespace {

using json = nlohmann::json;

constexpr std::size_t kPage = 1000;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

Status invalid(std::string what) {
  return Status::invalid_argument("evidence: " + std::move(what));
}

// A stored event read through the codec: its envelope's subject and version, and its domain
// event (nullopt for a type no domain event has).
struct Read {
  std::uint64_t position = 0;
  std::string type, subject;
  std::optional<std::uint64_t> version;
  std::optional<domain::Event> event;
};

Result<Read> read_stored(std::uint64_t position, std::string_view bytes) {
  const std::string at = "event " + std::to_string(position);
  json envelope = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!envelope.is_object()) return Status::corruption(at + " is not a JSON object");
  Read out;
  out.position = position;
  if (envelope.value("sequence", json()) != json(position)) {
    return Status::corruption(at + " does not say it is at that position");
  }
  out.type = envelope.value("type", std::string());
  out.subject = envelope.value("subject", std::string());
  if (const json v = envelope.value("streamversion", json()); v.is_number_unsigned()) {
    out.version = v.get<std::uint64_t>();
  }
  if (codec::event_name_of_type(out.type).empty()) return out;
  if (!envelope.contains("data")) return Status::corruption(at + " has no data");
  Result<domain::Event> event = codec::decode_event(out.type, envelope["data"]);
  if (!event) {
    return Status::corruption(at + " (" + out.type +
                              ") does not decode: " + event.status().message());
  }
  out.event = std::move(event).value();
  return out;
}

// The state folded from `events` (in position order) at positions below `before`.
domain::State fold_before(const std::vector<Read>& events, std::uint64_t before) {
  domain::State state;
  for (const Read& e : events) {
    if (e.position >= before) break;
    if (!e.event) continue;
    state.next_position = e.position;  // only the package's events are folded
    domain::evolve(state, *e.event, e.position);
  }
  return state;
}

// The ranking of the cluster-year in `state`, with the members' names in it.
json ranking_claim(const domain::State& state, const std::string& cluster, int year) {
  json out = json::array();
  auto it = state.clusters.find(cluster);
  if (it == state.clusters.end()) return out;
  for (const domain::RankedMember& m : domain::rank_cluster_year(it->second, year)) {
    auto org = state.organizations.find(m.organization);
    out.push_back({{"rank", m.rank},
                   {"organization", m.organization},
                   {"name", org == state.organizations.end() ? m.organization : org->second.name},
                   {"total", json::parse(m.total.to_string())}});
  }
  return out;
}

// A vote's recorded standings, in the shape of ranking_claim().
json standings_claim(const std::vector<domain::Standing>& standings) {
  json out = json::array();
  for (const domain::Standing& m : standings) {
    out.push_back({{"rank", m.rank},
                   {"organization", m.organization},
                   {"name", m.name},
                   {"total", json::parse(m.total.to_string())}});
  }
  return out;
}

std::string encode_digest(const Digest& d) {
  return base64_encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

// The positions the decision's rule checks cite as facts.
std::set<std::uint64_t> cited_facts(const domain::DecisionIssued& d) {
  std::set<std::uint64_t> out;
  for (const domain::RuleCheck& check : d.checks) {
    for (const domain::Fact& fact : check.facts) out.insert(fact.position);
  }
  return out;
}

// The cluster votes among `events` whose positions are in `cited`.
std::vector<std::pair<std::uint64_t, const domain::ClusterVoteRecorded*>> cited_votes(
    const std::vector<Read>& events, const std::set<std::uint64_t>& cited) {
  std::vector<std::pair<std::uint64_t, const domain::ClusterVoteRecorded*>> out;
  for (const Read& e : events) {
    if (!cited.contains(e.position) || !e.event) continue;
    if (const auto* vote = std::get_if<domain::ClusterVoteRecorded>(&*e.event)) {
      out.emplace_back(e.position, vote);
    }
  }
  return out;
}

Result<std::vector<RecordedEvent>> read_before(const EventStore& store, const std::string& stream,
                                               std::uint64_t before) {
  std::vector<RecordedEvent> out;
  for (std::uint64_t version = 0;;) {
    auto page = store.read_stream(stream, version, kPage);
    if (!page) return page.status();
    for (RecordedEvent& e : *page) {
      if (e.position >= before) return out;
      out.push_back(std::move(e));
    }
    if (page->size() < kPage) return out;
    version += page->size();
  }
}

}  // namespace

Result<std::string> build_evidence(const EventStore& store, std::string_view verifier_key,
                                   const std::string& decision_id,
                                   const std::set<std::string>& streams, Disclosure disclosure) {
  const std::string own = "decision/" + decision_id;
  Result<std::vector<RecordedEvent>> decision = read_before(store, own, UINT64_MAX);
  if (!decision) return decision.status();
  if (decision->empty()) return Status::not_found("no decision '" + decision_id + "'");
  Result<Read> issued_read = read_stored(decision->front().position, decision->front().bytes);
  if (!issued_read) return issued_read.status();
  const auto* issued =
      issued_read->event ? std::get_if<domain::DecisionIssued>(&*issued_read->event) : nullptr;
  if (issued == nullptr) return Status::not_found("no decision '" + decision_id + "'");
  const std::uint64_t at = decision->front().position;

  std::map<std::uint64_t, std::pair<std::string, RecordedEvent>> chosen;
  for (RecordedEvent& e : *decision) {
    const std::uint64_t p = e.position;
    chosen.emplace(p, std::make_pair("decision", std::move(e)));
  }
  for (const std::string& stream : streams) {
    if (stream == own) continue;
    // A public package leaves out personal streams (a person's discipline, holds) whole: only
    // the facts the decision cites from them come in, below, and withheld.
    if (disclosure == Disclosure::kPublic && domain::personal_stream(stream)) continue;
    Result<std::vector<RecordedEvent>> events = read_before(store, stream, at);
    if (!events) return events.status();
    const std::string role = stream.starts_with("proposal/") ? "proposal" : "context";
    for (RecordedEvent& e : *events) {
      const std::uint64_t p = e.position;
      chosen.emplace(p, std::make_pair(role, std::move(e)));
    }
  }
  // What the checks cite is always there, and says so.
  const std::set<std::uint64_t> cited = cited_facts(*issued);
  for (std::uint64_t position : cited) {
    if (auto it = chosen.find(position); it != chosen.end()) {
      if (it->second.first == "context") it->second.first = "fact";
      continue;
    }
    Result<ReadBatch> read = store.read_all(position, 1, {}, 1);
    if (!read) return read.status();
    if (read->events.empty() || read->events.front().position != position) {
      return Status::corruption("decision '" + decision_id + "' cites position " +
                                std::to_string(position) + ", which is not in the log");
    }
    chosen.emplace(position, std::make_pair("fact", std::move(read->events.front())));
  }
  std::vector<Read> events;
  for (const auto& [position, entry] : chosen) {
    Result<Read> read = read_stored(position, entry.second.bytes);
    if (!read) return read.status();
    events.push_back(std::move(read).value());
  }
  // The ranking behind each cited vote, from the package's own events.
  json rankings = json::array();
  for (const auto& [position, vote] : cited_votes(events, cited)) {
    const std::string year_stream = vote->cluster + "/" + std::to_string(vote->year);
    for (auto& [p, entry] : chosen) {
      if (p < position && entry.first == "context" &&
          entry.second.subject == "cluster/" + year_stream) {
        entry.first = "ranking";
      }
    }
    rankings.push_back(
        {{"cluster", vote->cluster},
         {"year", vote->year},
         {"vote", position},
         {"ranking", ranking_claim(fold_before(events, position), vote->cluster, vote->year)}});
  }

  Result<std::optional<StoredCheckpoint>> checkpoint = store.latest_checkpoint();
  if (!checkpoint) return checkpoint.status();
  const std::uint64_t last = chosen.rbegin()->first;
  if (!*checkpoint || (*checkpoint)->tree_size <= last) {
    return Status::unavailable(
        "no signed checkpoint covers the decision's events yet; try again shortly");
  }
  const std::uint64_t tree_size = (*checkpoint)->tree_size;
  json out = {{"format", kEvidenceFormat},
              {"decision", decision_id},
              {"position", at},
              {"checkpoint", (*checkpoint)->note},
              {"verifier_key", verifier_key},
              {"rankings", std::move(rankings)},
              {"events", json::array()}};
  std::size_t index = 0;
  for (const auto& [position, entry] : chosen) {
    Result<InclusionProof> proof = prove_inclusion(store, position, tree_size);
    if (!proof) return proof.status();
    json hashes = json::array();
    for (const Digest& d : proof->hashes) hashes.push_back(encode_digest(d));
    const Read& read = events[index++];
    if (disclosure == Disclosure::kPublic && read.event && domain::personal(*read.event)) {
      // Personal data: its place in the log is proven, its content withheld.
      out["events"].push_back({{"position", position},
                               {"role", "withheld"},
                               {"leaf_hash", encode_digest(merkle::leaf_hash(entry.second.bytes))},
                               {"inclusion", std::move(hashes)}});
      continue;
    }
    out["events"].push_back({{"position", position},
                             {"role", entry.first},
                             {"bytes", entry.second.bytes},
                             {"inclusion", std::move(hashes)}});
  }
  try {
    return dump(out);
  } catch (const json::exception& e) {
    return Status::corruption(std::string("an event of the package is not UTF-8: ") + e.what());
  }
}

namespace {

Result<std::vector<Digest>> decode_hashes(const json& list, std::uint64_t position) {
  std::vector<Digest> out;
  if (!list.is_array()) {
    return invalid("event " + std::to_string(position) + ": no inclusion proof");
  }
  for (const json& h : list) {
    std::optional<std::string> bytes =
        h.is_string() ? base64_decode(h.get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 32) {
      return invalid("event " + std::to_string(position) +
                     ": a proof hash is not base64 of 32 bytes");
    }
    Digest d;
    std::copy(bytes->begin(), bytes->end(), d.begin());
    out.push_back(d);
  }
  return out;
}

const json* member(const json& j, const char* name, json::value_t type) {
  auto it = j.find(name);
  if (it == j.end() || it->type() != type) return nullptr;
  return &*it;
}

const domain::RuleBook& standard_book() {
  static const domain::RuleBook book = codec::load_standard_rule_book();
  return book;
}

// The date the server took for today when it decided: recorded with the decision, or, in a
// decision recorded before that was kept, said by its decision.date_not_future check ("... not
// after today (YYYY-MM-DD)"). The decision's own date when neither says it.
domain::Date decided_on(const domain::DecisionIssued& d) {
  if (d.decided_on) return *d.decided_on;
  for (const domain::RuleCheck& check : d.checks) {
    if (check.rule != "decision.date_not_future") continue;
    const auto open = check.detail.rfind("today (");
    if (open == std::string::npos) break;
    if (auto date = domain::Date::parse(check.detail.substr(open + 7, 10))) return *date;
  }
  return d.date;
}

std::string check_text(const domain::RuleCheck& check) {
  return codec::to_json(check).dump(-1, ' ', false, json::error_handler_t::replace);
}

// The decision decided again against the package's events before it: OK when it comes out as
// recorded, else what differs.
Status recompute_decision(const std::vector<Read>& events, const domain::DecisionIssued& recorded,
                          std::uint64_t at) {
  const domain::State before = fold_before(events, at);
  const domain::IssueDecision command{
      recorded.id,       recorded.number,   recorded.date,        recorded.issuer,
      recorded.signer,   recorded.capacity, recorded.legal_basis, recorded.award,
      recorded.occasion, recorded.year,     recorded.recipients,  recorded.reward_multiple,
      recorded.proposal, recorded.movement};
  const domain::Context context{decided_on(recorded), &standard_book()};
  const domain::Verdict verdict = domain::decide(before, domain::Command{command}, context);
  if (!verdict.accepted()) {
    return invalid("recomputed from the package, the decision is refused: " +
                   verdict.refusal().rule + ": " + verdict.refusal().detail);
  }
  const domain::DecisionIssued* again = nullptr;
  for (const domain::Event& e : verdict.events()) {
    if (const auto* d = std::get_if<domain::DecisionIssued>(&e)) again = d;
  }
  if (again == nullptr) return invalid("recomputed from the package, no decision is issued");
  if (again->ruleset != recorded.ruleset) {
    return invalid("recomputed under rule set " + again->ruleset + ", recorded under " +
                   recorded.ruleset);
  }
  for (std::size_t i = 0; i < std::max(again->checks.size(), recorded.checks.size()); ++i) {
    if (i >= recorded.checks.size()) {
      return invalid("recomputed from the package, check " + again->checks[i].rule +
                     " is not in the decision");
    }
    if (i >= again->checks.size()) {
      return invalid("recorded check " + recorded.checks[i].rule +
                     " does not come out of the recomputation");
    }
    const std::string want = check_text(recorded.checks[i]);
    const std::string got = check_text(again->checks[i]);
    if (want != got) {
      return invalid("check " + recorded.checks[i].rule + " of " + recorded.checks[i].subject +
                     " recomputes differently from the package: recorded " + want + ", got " + got);
    }
  }
  if (codec::encode_event(domain::Event{*again}).dump() !=
      codec::encode_event(domain::Event{recorded}).dump()) {
    return invalid("recomputed from the package, the decision differs from the one recorded");
  }
  return Status::ok();
}

}  // namespace

Result<EvidenceSummary> verify_evidence(std::string_view package,
                                        std::optional<std::string_view> trusted_key) {
  json doc = json::parse(package, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return invalid("not JSON");
  if (!doc.is_object() || doc.value("format", std::string()) != kEvidenceFormat) {
    return invalid("not a " + std::string(kEvidenceFormat) + " package");
  }
  const json* decision = member(doc, "decision", json::value_t::string);
  const json* note = member(doc, "checkpoint", json::value_t::string);
  const json* key = member(doc, "verifier_key", json::value_t::string);
  const json* events = member(doc, "events", json::value_t::array);
  const json* rankings = member(doc, "rankings", json::value_t::array);
  if (!decision || !note || !key || !events || !rankings) {
    return invalid("decision, checkpoint, verifier_key, rankings and events are required");
  }
  if (trusted_key && key->get<std::string>() != *trusted_key) {
    return invalid("the package's key " + key->get<std::string>() + " is not the trusted key");
  }
  Result<NoteVerifier> verifier = NoteVerifier::parse(key->get<std::string>());
  if (!verifier) return invalid("verifier key: " + verifier.status().message());
  Result<std::string> body = open_note(note->get<std::string>(), *verifier);
  if (!body) return invalid("checkpoint: " + body.status().message());
  Result<Checkpoint> checkpoint = Checkpoint::parse(*body);
  if (!checkpoint) return invalid("checkpoint: " + checkpoint.status().message());

  EvidenceSummary summary;
  summary.decision = decision->get<std::string>();
  summary.tree_size = checkpoint->size;
  summary.origin = checkpoint->origin;
  summary.key_name = verifier->name();
  const std::string own = "decision/" + summary.decision;
  std::vector<Read> read;
  std::vector<std::uint64_t> withheld;  // positions proven by their leaf hash alone
  // Per stream, the positions of the versions given.
  std::map<std::string, std::map<std::uint64_t, std::uint64_t>> versions;
  std::optional<std::uint64_t> previous;
  for (const json& e : *events) {
    const json* position =
        e.is_object() ? member(e, "position", json::value_t::number_unsigned) : nullptr;
    const json* bytes = e.is_object() ? member(e, "bytes", json::value_t::string) : nullptr;
    const json* leaf = e.is_object() ? member(e, "leaf_hash", json::value_t::string) : nullptr;
    if (!position || (!bytes && !leaf)) {
      return invalid("every event needs a position and its bytes (or, withheld, its leaf hash)");
    }
    const std::uint64_t p = position->get<std::uint64_t>();
    if (previous && p <= *previous) return invalid("events are not in position order");
    previous = p;
    Result<std::vector<Digest>> proof = decode_hashes(e.value("inclusion", json()), p);
    if (!proof) return proof.status();
    Digest leaf_hash{};
    if (bytes) {
      leaf_hash = merkle::leaf_hash(bytes->get_ref<const std::string&>());
    } else {
      Result<std::vector<Digest>> given = decode_hashes(json::array({*leaf}), p);
      if (!given) return given.status();
      leaf_hash = given->front();
    }
    if (!merkle::verify_inclusion(leaf_hash, p, checkpoint->size, *proof, checkpoint->root)) {
      return invalid("event " + std::to_string(p) + " is not in the checkpoint's tree (size " +
                     std::to_string(checkpoint->size) + ")");
    }
    if (!bytes) {
      withheld.push_back(p);
      continue;
    }
    Result<Read> event = read_stored(p, bytes->get_ref<const std::string&>());
    if (!event) return invalid(event.status().message());
    if (!event->version) return invalid("event " + std::to_string(p) + " has no streamversion");
    if (!versions[event->subject].emplace(*event->version, p).second) {
      return invalid("version " + std::to_string(*event->version) + " of " + event->subject +
                     " is given twice");
    }
    read.push_back(std::move(event).value());
  }
  summary.events = read.size() + withheld.size();
  summary.withheld = withheld.size();
  // Every stream from its first event on, with none left out between those given: a stream
  // cut short before the decision cannot be shown by inclusion proofs, but one with a hole is.
  // Withheld events say neither their stream nor their version. Holds live in streams of
  // their own, withheld whole; only a person's stream mixes a withheld kind (discipline) with
  // public ones, so only there may versions be missing, each taken by a withheld event lying
  // between its neighbours, and no withheld event serves twice.
  struct Slot {
    std::optional<std::uint64_t> after;  // the position of the version before, if any
    std::uint64_t before;                // the position of the version after
    std::string what;
  };
  std::vector<Slot> slots;
  for (const auto& [stream, have] : versions) {
    std::uint64_t expected = 0;
    std::optional<std::uint64_t> after;
    for (const auto& [version, position] : have) {
      for (; expected < version; ++expected) {
        const std::string what =
            "the events of " + stream + " lack version " + std::to_string(expected);
        if (!stream.starts_with("person/")) return invalid(what);
        slots.push_back({after, position, what});
      }
      expected = version + 1;
      after = position;
    }
  }
  // Each missing version takes a withheld event between its neighbours, the slots that close
  // first choosing first, so that one event never fills two.
  std::sort(slots.begin(), slots.end(),
            [](const Slot& x, const Slot& y) { return x.before < y.before; });
  std::set<std::uint64_t> unused(withheld.begin(), withheld.end());
  for (const Slot& slot : slots) {
    auto it = slot.after ? unused.upper_bound(*slot.after) : unused.begin();
    if (it == unused.end() || *it >= slot.before) return invalid(slot.what);
    unused.erase(it);
  }
  const domain::DecisionIssued* issued = nullptr;
  std::uint64_t at = 0;
  for (const Read& e : read) {
    if (e.subject != own || !e.event) continue;
    if (const auto* d = std::get_if<domain::DecisionIssued>(&*e.event)) {
      if (issued) return invalid("the decision is issued twice");
      issued = d;
      at = e.position;
    } else if (std::holds_alternative<domain::DecisionRevoked>(*e.event)) {
      summary.revoked = true;
    } else if (std::holds_alternative<domain::DecisionCorrected>(*e.event)) {
      ++summary.corrections;
    }
  }
  if (!issued) return invalid("the package holds no DecisionIssued event of " + own);
  if (doc.value("position", json()) != json(at)) {
    return invalid("the package says the decision is at " + doc.value("position", json()).dump() +
                   ", its event is at " + std::to_string(at));
  }
  std::set<std::uint64_t> present(withheld.begin(), withheld.end());
  for (const Read& e : read) present.insert(e.position);
  if (issued->proposal && !versions.contains("proposal/" + *issued->proposal)) {
    return invalid("the decision answers proposal '" + *issued->proposal +
                   "', which the package does not prove");
  }
  const std::set<std::uint64_t> cited = cited_facts(*issued);
  for (std::uint64_t fact : cited) {
    if (!present.contains(fact)) {
      return invalid("the decision cites position " + std::to_string(fact) +
                     ", which the package does not prove");
    }
  }
  // The rankings behind the cited votes, recomputed from the package.
  std::map<std::uint64_t, const json*> stated;
  for (const json& r : *rankings) {
    if (!r.is_object() || !r.contains("vote") || !r["vote"].is_number_unsigned() ||
        !r.contains("ranking")) {
      return invalid("a ranking needs its vote's position and the ranking");
    }
    if (!stated.emplace(r["vote"].get<std::uint64_t>(), &r).second) {
      return invalid("two rankings are stated for the vote at position " + r["vote"].dump());
    }
  }
  const auto votes = cited_votes(read, cited);
  if (stated.size() != votes.size()) {
    return invalid("the package states " + std::to_string(stated.size()) + " ranking(s) for " +
                   std::to_string(votes.size()) + " cited vote(s)");
  }
  for (const auto& [position, vote] : votes) {
    auto it = stated.find(position);
    if (it == stated.end()) {
      return invalid("no ranking is stated for the vote at position " + std::to_string(position));
    }
    const json again = ranking_claim(fold_before(read, position), vote->cluster, vote->year);
    // The vote's own record of the ranking it was cast on (proven with the vote): a stream cut
    // short after its last given event, with the stated ranking rewritten to match, shows here.
    if (vote->standings && again != standings_claim(*vote->standings)) {
      return invalid("the ranking of " + vote->cluster + " for " + std::to_string(vote->year) +
                     " recomputes from the package as " + again.dump() +
                     ", not as the vote at position " + std::to_string(position) +
                     " recorded it: " + standings_claim(*vote->standings).dump());
    }
    if ((*it->second)["ranking"] != again || (*it->second)["cluster"] != vote->cluster ||
        (*it->second)["year"] != vote->year) {
      return invalid("the ranking of " + vote->cluster + " for " + std::to_string(vote->year) +
                     " before the vote at position " + std::to_string(position) +
                     " recomputes from the package as " + again.dump() + ", not as stated");
    }
    ++summary.rankings;
    if (vote->standings) ++summary.rankings_recorded;
  }
  if (Status s = recompute_decision(read, *issued, at); !s.is_ok()) return s;

  summary.number = issued->number;
  summary.ruleset = issued->ruleset;
  summary.recipients = issued->recipients.size();
  for (const domain::RuleCheck& check : issued->checks) {
    ++summary.checks;
    if (check.passed) ++summary.checks_passed;
  }
  summary.checks_recomputed = summary.checks;
  return summary;
}

}  // namespace thidua::audit
