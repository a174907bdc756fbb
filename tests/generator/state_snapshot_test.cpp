// The state snapshot (codec/state_snapshot.hpp) on the state of a 20,000-event generated
// history: it reads back to the same state, and damaged or foreign bytes are refused.
#include <catch2/catch.hpp>

#include "generated_history.hpp"
#include "thidua/codec/state_snapshot.hpp"
#include "thidua/util/sha256.hpp"

using namespace thidua;

TEST_CASE("a state snapshot reads back to the same state, and damaged ones are refused",
          "[generator]") {
  const domain::State& state = testing::stored_history().generator->state();
  const std::string bytes = codec::encode_state(state);
  CHECK(bytes.size() > 100000);
  Result<domain::State> decoded = codec::decode_state(bytes);
  REQUIRE(decoded.is_ok());
  CHECK(codec::encode_state(*decoded) == bytes);
  CHECK(decoded->next_position == state.next_position);
  CHECK(decoded->decisions.size() == state.decisions.size());
  CHECK(decoded->clusters.size() == state.clusters.size());
  // The same answers as the original to what the rules ask.
  for (const auto& [subject, awards] : state.awards) {
    CHECK(decoded->active_awards(subject).size() == state.active_awards(subject).size());
  }

  // Damaged or foreign bytes are refused (in the same test: the history takes long to make).
  const std::size_t digest = codec::state_shape_digest().size();
  REQUIRE(digest == 32);

  std::string foreign = bytes;
  foreign[3] = static_cast<char>(foreign[3] ^ 1);
  CHECK(codec::decode_state(foreign).status().code() == Status::Code::kInvalidArgument);
  CHECK(codec::decode_state("").status().code() == Status::Code::kInvalidArgument);

  for (std::size_t cut : {digest, digest + 1, bytes.size() / 3, bytes.size() - 1}) {
    INFO(cut);
    CHECK(codec::decode_state(bytes.substr(0, cut)).status().code() == Status::Code::kCorruption);
  }
  CHECK(codec::decode_state(bytes + "x").status().code() == Status::Code::kCorruption);
  // A damaged byte inside: the checksum finds it.
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x04);
  CHECK(codec::decode_state(flipped).status().code() == Status::Code::kCorruption);
  // Bytes with a good checksum that are no state: varints that never end, counts beyond the
  // bytes, a section too short.
  for (const std::string& payload :
       {std::string(1000, '\xff'), std::string("\x05\x01\x02"), std::string(14, '\x00') + "\x01"}) {
    const std::string garbage =
        codec::state_shape_digest() + digest_bytes(sha256(payload)) + payload;
    CHECK(codec::decode_state(garbage).status().code() == Status::Code::kCorruption);
  }
  // And a good one of an empty state reads back.
  const std::string empty = codec::encode_state(domain::State{});
  CHECK(codec::decode_state(empty).is_ok());
}
