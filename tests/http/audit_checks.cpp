#include "audit_checks.hpp"

#include <algorithm>
#include <optional>

#include <catch2/catch.hpp>

#include "thidua/audit/signed_note.hpp"
#include "thidua/util/base64.hpp"

namespace thidua::http::testing {

audit::Checkpoint open_checkpoint(const std::string& note, const std::string& key_line) {
  REQUIRE(!key_line.empty());
  REQUIRE(key_line.back() == '\n');
  Result<audit::NoteVerifier> verifier =
      audit::NoteVerifier::parse(key_line.substr(0, key_line.size() - 1));
  REQUIRE(verifier.status().to_string() == "OK");
  Result<std::string> text = audit::open_note(note, *verifier);
  REQUIRE(text.status().to_string() == "OK");
  Result<audit::Checkpoint> checkpoint = audit::Checkpoint::parse(*text);
  REQUIRE(checkpoint.status().to_string() == "OK");
  return *checkpoint;
}

Digest decode_digest(const nlohmann::json& text) {
  REQUIRE(text.is_string());
  std::optional<std::string> bytes = base64_decode(text.get<std::string>());
  REQUIRE(bytes);
  Digest digest{};
  REQUIRE(bytes->size() == digest.size());
  std::copy(bytes->begin(), bytes->end(), digest.begin());
  return digest;
}

std::vector<Digest> decode_digests(const nlohmann::json& array) {
  REQUIRE(array.is_array());
  std::vector<Digest> out;
  for (const nlohmann::json& text : array) out.push_back(decode_digest(text));
  return out;
}

std::vector<std::string> served_events(tcp::endpoint server, const std::string& token) {
  Request request = make_request(Verb::get, "/v1/events?limit=1000");
  if (!token.empty()) request.set(Field::authorization, "Bearer " + token);
  Response r = TestClient(server).roundtrip(std::move(request));
  REQUIRE(r.result_int() == 200);
  REQUIRE(r.find(Field::link) == r.end());
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < r.body().size()) {
    std::size_t end = r.body().find('\n', start);
    REQUIRE(end != std::string::npos);
    out.push_back(r.body().substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace thidua::http::testing
