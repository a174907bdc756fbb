#include "verify.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "args.hpp"
#include "progress.hpp"
#include "remote_verify.hpp"
#include "thidua/audit/evidence.hpp"
#include "thidua/audit/log_verifier.hpp"
#include "thidua/audit/signed_note.hpp"
#include "thidua/store/rocksdb_event_store.hpp"

namespace thidua::cli {
namespace {

constexpr char kUsage[] =
    "usage: thidua verify --data DIR [--key VERIFIER_KEY] [--origin ORIGIN]\n"
    "       thidua verify --url URL [--key VERIFIER_KEY] [--since CHECKPOINT_FILE]\n"
    "       thidua verify --evidence FILE [--key VERIFIER_KEY]\n"
    "--data: walks the store in DIR (read-only; a server may be running on it), recomputes\n"
    "  every leaf and tree node, checks the indexes and every stored checkpoint's signature\n"
    "  and root. Without --key, the key is read from DIR/checkpoint.key.\n"
    "--url: fetches the server's signed checkpoint, recomputes its root from the event feed\n"
    "  and, with --since, proves it consistent with the checkpoint saved there earlier; then\n"
    "  saves the new checkpoint to that file. Without --key, the server's own key is used.\n"
    "  The feed needs a bearer token: set THIDUA_TOKEN (an auditor's, say).\n"
    "--evidence: checks a decision's evidence package (GET /v1/decisions/{id}/evidence)\n"
    "  offline: the checkpoint's signature, every event's inclusion proof, and that every fact\n"
    "  the decision cites is proven. Without --key, the package's own key is used: compare it\n"
    "  with the key you trust.\n"
    "Exit status: 0 all holds, 1 something does not (the first fault is named), 2 usage.\n";

struct Options {
  std::string data, url, key, origin, since, evidence;
};

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::io_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The verifier key to check checkpoints with: --key, else the data directory's signing key.
Result<audit::NoteVerifier> local_key(const Options& o) {
  if (!o.key.empty()) return audit::NoteVerifier::parse(o.key);
  Result<std::string> signer_key = read_file(o.data + "/checkpoint.key");
  if (!signer_key) return signer_key.status();
  std::string text = *signer_key;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  Result<audit::Ed25519Signer> signer = audit::Ed25519Signer::from_signer_key(text);
  if (!signer) return signer.status();
  std::cerr << "thidua verify: checking checkpoints with the key in " << o.data
            << "/checkpoint.key; pass --key to check against a key you trust\n";
  return audit::NoteVerifier::parse(signer->verifier_key());
}

int verify_data(const Options& o) {
  Result<audit::NoteVerifier> key = local_key(o);
  if (!key) {
    std::cerr << "thidua verify: " << key.status().to_string() << "\n";
    return 2;
  }
  RocksDbStoreOptions store_options;
  store_options.read_only = true;
  auto store = RocksDbEventStore::open(o.data, store_options);
  if (!store) {
    std::cerr << "thidua verify: " << store.status().to_string() << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  audit::VerifyOptions options{
      o.origin.empty() ? key->name() : o.origin,
      [start](std::uint64_t done, std::uint64_t total) { print_progress(done, total, start); }};
  Result<audit::VerifyReport> report = audit::verify_log(**store, *key, options);
  std::fputs("\n", stderr);
  if (!report) {
    std::cerr << "thidua verify: " << report.status().to_string() << "\n";
    return 1;
  }
  if (!report->ok) {
    std::printf("FAILED: %s\n", report->problem.c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("ok: %llu events and %llu signed checkpoints verified in %.2f s (%.0f events/s)\n",
              static_cast<unsigned long long>(report->events),
              static_cast<unsigned long long>(report->checkpoints), seconds,
              static_cast<double>(report->events) / (seconds > 0 ? seconds : 1));
  return 0;
}

int verify_evidence_file(const Options& o) {
  Result<std::string> package = read_file(o.evidence);
  if (!package) {
    std::cerr << "thidua verify: " << package.status().to_string() << "\n";
    return 2;
  }
  std::optional<std::string_view> trusted;
  if (!o.key.empty()) trusted = o.key;
  Result<audit::EvidenceSummary> s = audit::verify_evidence(*package, trusted);
  if (!s) {
    std::cout << "FAILED: " << s.status().message() << "\n";
    return 1;
  }
  std::cout << "ok: decision " << s->decision << " (" << s->number << ", rule set " << s->ruleset
            << ", " << s->recipients << " recipient(s), " << s->checks_passed << "/" << s->checks
            << " checks passed" << (s->revoked ? ", revoked" : "") << ", " << s->corrections
            << " correction(s))\n"
            << "    recomputed from the package alone: " << s->checks_recomputed << "/" << s->checks
            << " checks as recorded, " << s->rankings << " ranking(s) as stated ("
            << s->rankings_recorded << " as their vote recorded it)\n"
            << "    " << s->events << " event(s) proven in the tree of " << s->tree_size
            << " events of " << s->origin << ", signed by " << s->key_name
            << (s->withheld > 0 ? ", " + std::to_string(s->withheld) +
                                      " of them personal data withheld (proven by hash only)"
                                : std::string())
            << "\n";
  if (o.key.empty()) {
    std::cout << "    key NOT checked: the package's own key was used; pass --key with the key "
                 "you trust\n";
  }
  return 0;
}

}  // namespace

int verify(const std::vector<std::string>& args) {
  if (asked_for_help(args, kUsage)) return 0;
  Options o;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_string("--data", o.data) || p.take_string("--url", o.url) ||
        p.take_string("--key", o.key) || p.take_string("--origin", o.origin) ||
        p.take_string("--since", o.since) || p.take_string("--evidence", o.evidence)) {
      continue;
    }
    return p.fail();
  }
  if (p.failed()) return 2;
  if (int(!o.data.empty()) + int(!o.url.empty()) + int(!o.evidence.empty()) != 1) {
    std::cerr << "thidua verify: give exactly one of --data, --url and --evidence\n" << kUsage;
    return 2;
  }
  if (!o.evidence.empty()) return verify_evidence_file(o);
  if (!o.data.empty()) return verify_data(o);
  return verify_remote(o.url, o.key, o.since);
}

}  // namespace thidua::cli
