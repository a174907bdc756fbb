// The envelope encoder: validation and CloudEvents encoding of proposed events (internal to
// the store; the JSON of domain events is the codec's, codec/event_codec.hpp).
//
// Encoding is split so that the expensive part (validating and serialising `data`) runs on the
// appending thread, and the single writer only splices in the position and stream version:
//   bytes = head + ,"sequence":P,"streamversion":V + tail
// The attribute order is fixed (docs/storage.md), so equal events give equal bytes.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/store/event.hpp"
#include "thidua/store/event_store.hpp"
#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::store_internal {

struct EncodedEvent {
  std::string id;
  std::string type;
  std::string subject;
  std::string head;  // '{' through the last attribute before "sequence"
  std::string tail;  // the attributes after "streamversion", "data", and '}'
  std::size_t encoded_size(std::uint64_t position, std::uint64_t version) const;
  std::string finish(std::uint64_t position, std::uint64_t version) const;
};

// A request that passed validation, ready for the writer.
struct PreparedRequest {
  std::vector<EncodedEvent> events;
  std::vector<StreamExpectation> expectations;
  std::optional<std::uint64_t> expected_position;
  std::string idempotency_key;
  Digest request_hash{};  // covers what the caller meant, not the ids and times it generated
  std::size_t total_bytes = 0;
};

// Validates `request` against `categories` and `limits` and encodes it. kInvalidArgument names
// the first offending event (by index) and field.
Result<PreparedRequest> prepare_request(const AppendRequest& request,
                                        const std::vector<std::string>& categories,
                                        const StoreLimits& limits);

// Deepest nesting of arrays and objects in `json` text, ignoring brackets inside strings.
std::size_t json_nesting_depth(const std::string& json);

}  // namespace thidua::store_internal
