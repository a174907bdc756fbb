// Key and value layouts of the RocksDB store (internal); docs/storage.md is their document and
// changes with them. All integers are fixed64 big-endian, so byte order is numeric order.
//
//   column family  key                                value
//   default        "format"                           kFormatVersion
//   events         position                           the exact CloudEvents JSON bytes
//   event_index    position                           version, u8 len + id, u8 len + type, subject
//   streams        stream name, 0x00, version         position
//   ids            event id (36-byte UUID text)       position
//   idempotency    idempotency key                    sha256(request), first position, count
//   tree           u8 level, index                    sha256 of the perfect subtree (level, index)
//   checkpoints    tree size                          the signed checkpoint note
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "thidua/store/event.hpp"

namespace thidua::store_internal {

inline constexpr char kFormatKey[] = "format";
inline constexpr char kFormatVersion[] = "thidua-store-1";

inline constexpr char kEventsFamily[] = "events";
inline constexpr char kEventIndexFamily[] = "event_index";
inline constexpr char kStreamsFamily[] = "streams";
inline constexpr char kIdsFamily[] = "ids";
inline constexpr char kIdempotencyFamily[] = "idempotency";
inline constexpr char kTreeFamily[] = "tree";
inline constexpr char kCheckpointsFamily[] = "checkpoints";

std::string position_key(std::uint64_t position);
std::string tree_key(unsigned level, std::uint64_t index);
std::string stream_key(std::string_view stream, std::uint64_t version);
// The smallest key after every version of `stream`.
std::string stream_end_key(std::string_view stream);
// Splits a streams-family key; nullopt when it is not one.
struct StreamKey {
  std::string_view stream;
  std::uint64_t version;
};
std::optional<StreamKey> parse_stream_key(std::string_view key);

// The event_index value of `e` (everything of a RecordedEvent except position and bytes).
std::string encode_index_value(const RecordedEvent& e);
// Fills e's version, id, type and subject from an event_index value; false when malformed.
bool decode_index_value(std::string_view value, RecordedEvent& e);

}  // namespace thidua::store_internal
