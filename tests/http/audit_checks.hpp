// Checks a client of the audit routes makes: opening a served checkpoint with a served key,
// decoding proof hashes, and the log's leaves as served by /v1/events. Each fails the test on
// malformed input.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_client.hpp"
#include "thidua/audit/checkpoint.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http::testing {

// The checkpoint in `note` after checking its signature with `key_line` (a verifier key and a
// newline, as GET /v1/checkpoint/key serves it).
audit::Checkpoint open_checkpoint(const std::string& note, const std::string& key_line);

// The digest whose base64 is `text`.
Digest decode_digest(const nlohmann::json& text);

// The digests of a JSON array of base64 strings.
std::vector<Digest> decode_digests(const nlohmann::json& array);

// The stored bytes of every event, from GET /v1/events.
std::vector<std::string> served_events(tcp::endpoint server, const std::string& token = "");

}  // namespace thidua::http::testing
