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
#include "thidua/util/base64.hpp"
#include "thidua/util/merkle.hpp"

namespace thidua::audit {
namespace {

using json = nlohmann::json;

constexpr std::string_view kDecisionIssued = "vn.thidua.decision_issued.v1";
constexpr std::string_view kDecisionRevoked = "vn.thidua.decision_revoked.v1";
constexpr std::string_view kDecisionCorrected = "vn.thidua.decision_corrected.v1";
constexpr std::string_view kProposalSubmitted = "vn.thidua.proposal_submitted.v1";
constexpr std::string_view kClusterVoteRecorded = "vn.thidua.cluster_vote_recorded.v1";
constexpr std::size_t kMaxStreamEvents = 10000;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::strict); }

// The positions the decision's rule checks cite as facts.
std::set<std::uint64_t> cited_facts(const json& decision_data) {
  std::set<std::uint64_t> out;
  for (const json& check : decision_data.value("checks", json::array())) {
    for (const json& fact : check.value("facts", json::array())) {
      if (fact.contains("position") && fact["position"].is_number_unsigned()) {
        out.insert(fact["position"].get<std::uint64_t>());
      }
    }
  }
  return out;
}

Result<std::vector<RecordedEvent>> whole_stream(const EventStore& store, const std::string& name) {
  return store.read_stream(name, 0, kMaxStreamEvents);
}

Status invalid(std::string what) {
  return Status::invalid_argument("evidence: " + std::move(what));
}

}  // namespace

Result<std::string> build_evidence(const EventStore& store, std::string_view verifier_key,
                                   const std::string& decision_id) {
  Result<std::vector<RecordedEvent>> decision = whole_stream(store, "decision/" + decision_id);
  if (!decision) return decision.status();
  if (decision->empty() || decision->front().type != kDecisionIssued) {
    return Status::not_found("no decision '" + decision_id + "'");
  }
  std::map<std::uint64_t, std::pair<std::string, const RecordedEvent*>> chosen;
  for (const RecordedEvent& e : *decision) chosen[e.position] = {"decision", &e};
  json issued;
  try {
    issued = json::parse(decision->front().bytes).at("data");
  } catch (const json::exception& e) {
    return Status::corruption("decision '" + decision_id + "' is not JSON: " + e.what());
  }
  std::vector<RecordedEvent> proposal;
  if (issued.contains("proposal") && issued["proposal"].is_string()) {
    Result<std::vector<RecordedEvent>> p =
        whole_stream(store, "proposal/" + issued["proposal"].get<std::string>());
    if (!p) return p.status();
    proposal = std::move(*p);
  }
  for (const RecordedEvent& e : proposal)
    chosen.emplace(e.position, std::make_pair("proposal", &e));
  std::vector<RecordedEvent> facts;
  for (std::uint64_t position : cited_facts(issued)) {
    if (chosen.count(position) != 0) continue;
    Result<ReadBatch> read = store.read_all(position, 1, {}, 1);
    if (!read) return read.status();
    if (read->events.empty()) {
      return Status::corruption("decision '" + decision_id + "' cites position " +
                                std::to_string(position) + ", which is not in the log");
    }
    facts.push_back(std::move(read->events.front()));
  }
  for (const RecordedEvent& e : facts) chosen.emplace(e.position, std::make_pair("fact", &e));
  // A cited cluster vote was taken on a ranking: the cluster-year's stream up to the vote (the
  // covenant, signatures, every score and correction, the close) lets anyone recompute it.
  std::vector<std::vector<RecordedEvent>> rankings;
  for (const RecordedEvent& e : facts) {
    if (e.type != kClusterVoteRecorded) continue;
    Result<std::vector<RecordedEvent>> year = store.read_stream(e.subject, 0, e.stream_version);
    if (!year) return year.status();
    rankings.push_back(std::move(*year));
  }
  for (const auto& year : rankings) {
    for (const RecordedEvent& e : year) chosen.emplace(e.position, std::make_pair("ranking", &e));
  }

  Result<std::optional<StoredCheckpoint>> checkpoint = store.latest_checkpoint();
  if (!checkpoint) return checkpoint.status();
  const std::uint64_t last = chosen.rbegin()->first;
  if (!*checkpoint || (*checkpoint)->tree_size <= last) {
    return Status::unavailable(
        "no signed checkpoint covers the decision's events yet; try again "
        "shortly");
  }
  const std::uint64_t tree_size = (*checkpoint)->tree_size;
  json out = {{"format", kEvidenceFormat},
              {"decision", decision_id},
              {"checkpoint", (*checkpoint)->note},
              {"verifier_key", verifier_key},
              {"events", json::array()}};
  for (const auto& [position, entry] : chosen) {
    Result<InclusionProof> proof = prove_inclusion(store, position, tree_size);
    if (!proof) return proof.status();
    json hashes = json::array();
    for (const Digest& d : proof->hashes) {
      hashes.push_back(
          base64_encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size())));
    }
    out["events"].push_back({{"position", position},
                             {"role", entry.first},
                             {"bytes", entry.second->bytes},
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
  if (!list.is_array())
    return invalid("event " + std::to_string(position) + ": no inclusion proof");
  for (const json& h : list) {
    std::optional<std::string> bytes =
        h.is_string() ? base64_decode(h.get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 32) {
      return invalid("event " + std::to_string(position) +
                     ": a proof hash is not base64 of 32 "
                     "bytes");
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

}  // namespace

Result<EvidenceSummary> verify_evidence(std::string_view package,
                                        std::optional<std::string_view> trusted_key) {
  json doc;
  try {
    doc = json::parse(package);
  } catch (const json::exception& e) {
    return invalid(std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object() || doc.value("format", std::string()) != kEvidenceFormat) {
    return invalid("not a " + std::string(kEvidenceFormat) + " package");
  }
  const json* decision = member(doc, "decision", json::value_t::string);
  const json* note = member(doc, "checkpoint", json::value_t::string);
  const json* key = member(doc, "verifier_key", json::value_t::string);
  const json* events = member(doc, "events", json::value_t::array);
  if (!decision || !note || !key || !events) {
    return invalid("decision, checkpoint, verifier_key and events are required");
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
  const std::string stream = "decision/" + summary.decision;
  std::set<std::uint64_t> present;
  std::set<std::uint64_t> decision_versions;
  // Per stream, the versions present; per cluster-year stream, the version of its last cited vote.
  std::map<std::string, std::set<std::uint64_t>> versions;
  std::map<std::string, std::uint64_t> votes;
  std::set<std::string> proposals;  // proposals whose ProposalSubmitted is in the package
  std::optional<json> issued;
  std::uint64_t previous = 0;
  for (const json& e : *events) {
    const json* position =
        e.is_object() ? member(e, "position", json::value_t::number_unsigned) : nullptr;
    const json* bytes = e.is_object() ? member(e, "bytes", json::value_t::string) : nullptr;
    if (!position || !bytes) return invalid("every event needs a position and its bytes");
    const std::uint64_t p = position->get<std::uint64_t>();
    if (!present.empty() && p <= previous) return invalid("events are not in position order");
    previous = p;
    Result<std::vector<Digest>> proof = decode_hashes(e.value("inclusion", json()), p);
    if (!proof) return proof.status();
    const std::string& text = bytes->get_ref<const std::string&>();
    if (!merkle::verify_inclusion(merkle::leaf_hash(text), p, checkpoint->size, *proof,
                                  checkpoint->root)) {
      return invalid("event " + std::to_string(p) + " is not in the checkpoint's tree (size " +
                     std::to_string(checkpoint->size) + ")");
    }
    json event;
    try {
      event = json::parse(text);
    } catch (const json::exception&) {
      return invalid("event " + std::to_string(p) + " is not JSON");
    }
    if (!event.is_object() || event.value("sequence", json()) != json(p)) {
      return invalid("event " + std::to_string(p) + " does not say it is at that position");
    }
    present.insert(p);
    const std::string type = event.value("type", std::string());
    const std::string subject = event.value("subject", std::string());
    if (const json v = event.value("streamversion", json()); v.is_number_unsigned()) {
      versions[subject].insert(v.get<std::uint64_t>());
      if (type == kClusterVoteRecorded) {
        votes[subject] = std::max(votes[subject], v.get<std::uint64_t>());
      }
    }
    if (type == kProposalSubmitted && subject.rfind("proposal/", 0) == 0) {
      proposals.insert(subject.substr(9));
    }
    if (subject == stream) {
      const json version = event.value("streamversion", json());
      if (!version.is_number_unsigned()) return invalid("a decision event has no streamversion");
      decision_versions.insert(version.get<std::uint64_t>());
      if (type == kDecisionIssued) {
        if (issued) return invalid("the decision is issued twice");
        issued = event.value("data", json::object());
      } else if (type == kDecisionRevoked) {
        summary.revoked = true;
      } else if (type == kDecisionCorrected) {
        ++summary.corrections;
      }
    }
    ++summary.events;
  }
  if (!issued) return invalid("the package holds no DecisionIssued event of " + stream);
  // The decision's stream whole from its first event: no correction or revocation left out
  // between the ones given (a later one cannot be shown absent: see the summary's note).
  if (decision_versions.empty() || *decision_versions.rbegin() + 1 != decision_versions.size()) {
    return invalid("the events of " + stream + " are not its whole stream from version 0");
  }
  // Each cluster vote comes with the ranking it was taken on: its stream whole up to it.
  for (const auto& [subject, last] : votes) {
    const std::set<std::uint64_t>& have = versions[subject];
    for (std::uint64_t v = 0; v < last; ++v) {
      if (have.count(v) == 0) {
        return invalid("the ranking behind the vote in " + subject + " lacks version " +
                       std::to_string(v) + " of the stream");
      }
    }
  }
  if (issued->contains("proposal") && (*issued)["proposal"].is_string() &&
      proposals.count((*issued)["proposal"].get<std::string>()) == 0) {
    return invalid("the decision answers proposal '" + (*issued)["proposal"].get<std::string>() +
                   "', which the package does not prove");
  }
  for (std::uint64_t fact : cited_facts(*issued)) {
    if (present.count(fact) == 0) {
      return invalid("the decision cites position " + std::to_string(fact) +
                     ", which the package does not prove");
    }
  }
  summary.number = issued->value("number", std::string());
  summary.ruleset = issued->value("ruleset", std::string());
  summary.recipients = issued->value("recipients", json::array()).size();
  for (const json& check : issued->value("checks", json::array())) {
    ++summary.checks;
    if (check.value("passed", false)) ++summary.checks_passed;
  }
  return summary;
}

}  // namespace thidua::audit
