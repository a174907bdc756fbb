// Events as the store takes them in and gives them back.
//
// A ProposedEvent is what a caller asks to append: the CloudEvents attributes it chooses
// (id, type, subject, source, time, ...) and the `data` object. The store assigns the global
// position and the stream version, and records the event as the exact bytes of one CloudEvents
// 1.0 structured JSON object (see docs/storage.md); those bytes are what /v1/events serves and
// what the Merkle tree hashes. Plain values; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thidua {

struct ProposedEvent {
  std::string id;          // UUID, unique across the log (RFC 4122 text form)
  std::string type;        // documented, versioned name, e.g. "vn.thidua.covenant_signed.v1"
  std::string subject;     // the stream name, e.g. "cluster/cum-6/2020"
  std::string source;      // URI-reference of the producer, e.g. "/thidua"
  std::string time;        // RFC 3339 timestamp in UTC, e.g. "2020-01-15T08:00:00Z"
  std::string dataschema;  // URI of the data's JSON Schema; may be empty
  std::string data;        // a JSON object, as text; re-serialised canonically by the store
  // Extension attributes; each may be empty, and an empty one is left out of the bytes.
  std::string actor;      // who asked for it (a configured token's name)
  std::string actorrole;  // the role it acted in ("unit", "secretariat", ...)
  std::string correlationid;
  std::string causationid;
  std::string ruleset;
};

struct RecordedEvent {
  std::uint64_t position = 0;        // global, gapless from 0
  std::uint64_t stream_version = 0;  // within `subject`, gapless from 0
  std::string id;
  std::string type;
  std::string subject;
  std::string bytes;  // the exact CloudEvents JSON bytes, no trailing newline
};

}  // namespace thidua
