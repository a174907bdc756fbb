#include "rocksdb_layout.hpp"

#include "thidua/util/coding.hpp"

namespace thidua::store_internal {
namespace {

void put_short_string(std::string& dst, std::string_view s) {
  dst.push_back(static_cast<char>(static_cast<unsigned char>(s.size())));
  dst.append(s);
}

bool take_short_string(std::string_view& src, std::string& out) {
  if (src.empty()) return false;
  std::size_t len = static_cast<unsigned char>(src[0]);
  if (src.size() < 1 + len) return false;
  out.assign(src.substr(1, len));
  src.remove_prefix(1 + len);
  return true;
}

}  // namespace

std::string position_key(std::uint64_t position) { return encode_fixed64_be(position); }

std::string tree_key(unsigned level, std::uint64_t index) {
  std::string key(1, static_cast<char>(level));
  put_fixed64_be(key, index);
  return key;
}

std::string stream_key(std::string_view stream, std::uint64_t version) {
  std::string key(stream);
  key.push_back('\0');
  put_fixed64_be(key, version);
  return key;
}

std::string stream_end_key(std::string_view stream) {
  std::string key(stream);
  key.push_back('\x01');
  return key;
}

std::optional<StreamKey> parse_stream_key(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0') return std::nullopt;
  return StreamKey{key.substr(0, key.size() - 9), decode_fixed64_be(key.substr(key.size() - 8))};
}

std::string encode_index_value(const RecordedEvent& e) {
  // Ids, types and subjects are validated to at most 128 and 200 bytes; one length byte holds
  // the first two, and the subject runs to the end.
  std::string out;
  out.reserve(8 + 2 + e.id.size() + e.type.size() + e.subject.size());
  put_fixed64_be(out, e.stream_version);
  put_short_string(out, e.id);
  put_short_string(out, e.type);
  out.append(e.subject);
  return out;
}

bool decode_index_value(std::string_view value, RecordedEvent& e) {
  if (value.size() < 8) return false;
  e.stream_version = decode_fixed64_be(value);
  value.remove_prefix(8);
  if (!take_short_string(value, e.id) || !take_short_string(value, e.type)) return false;
  if (value.empty()) return false;
  e.subject.assign(value);
  return true;
}

}  // namespace thidua::store_internal
