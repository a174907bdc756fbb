// The fast reader of stored events (try_decode_stored_event): the envelope is parsed with
// simdjson and the data read straight from its DOM, with the rules of describe_json.hpp.
//
// It only has to be right when it succeeds: whenever it is unsure (a parse error, a
// duplicate member, a number simdjson keeps apart from nlohmann's) it fails, and the caller
// reads the event the slow way, which gives the exact error. So it does not track where it is.
#include <array>
#include <cstdint>
#include <utility>
#include <variant>

#include <simdjson.h>

#include "json_scalars.hpp"
#include "thidua/codec/event_codec.hpp"
#include "thidua/codec/field_error.hpp"
#include "variant_reading.hpp"

namespace thidua::codec {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Describable types with more members than this are left to the slow reader.
constexpr std::size_t kMaxMembers = 64;

bool integer_of(element e, bool& negative, std::uint64_t& magnitude) {
  if (e.type() == element_type::UINT64) {
    negative = false;
    magnitude = e.get_uint64().value_unsafe();
    return true;
  }
  if (e.type() == element_type::INT64) {
    const std::int64_t v = e.get_int64().value_unsafe();
    negative = v < 0;
    magnitude = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return true;
  }
  return false;
}

bool text_of(element e, std::string_view& out) { return !e.get_string().get(out); }

template <class I>
bool read_integer(element e, I& out) {
  bool negative = false;
  std::uint64_t magnitude = 0;
  return integer_of(e, negative, magnitude) && detail::integer_in_range(negative, magnitude, out);
}

bool read(element e, std::string& out) {
  std::string_view text;
  if (!text_of(e, text) || !valid_utf8(text)) return false;
  out.assign(text);
  return true;
}

bool read(element e, bool& out) { return !e.get_bool().get(out); }
bool read(element e, int& out) { return read_integer(e, out); }
bool read(element e, std::int64_t& out) { return read_integer(e, out); }
bool read(element e, std::uint64_t& out) { return read_integer(e, out); }

bool read(element e, domain::Date& out) {
  std::string_view text;
  if (!text_of(e, text)) return false;
  std::optional<domain::Date> date = domain::Date::parse(text);
  if (!date) return false;
  out = *date;
  return true;
}

bool read(element e, domain::Decimal& out) {
  if (e.type() == element_type::DOUBLE) {
    return detail::decimal_of_double(e.get_double().value_unsafe(), out) ==
           detail::NumberError::kNone;
  }
  bool negative = false;
  std::uint64_t magnitude = 0;
  return integer_of(e, negative, magnitude) &&
         detail::decimal_of_integer(negative, magnitude, out) == detail::NumberError::kNone;
}

bool read(element e, domain::SubjectRef& out) {
  std::string_view text;
  if (!text_of(e, text)) return false;
  std::optional<domain::SubjectRef> ref = domain::SubjectRef::parse(text);
  if (!ref) return false;
  out = std::move(*ref);
  return true;
}

template <WireEnum E>
bool read(element e, E& out);
template <class T>
bool read(element e, std::vector<T>& out);
template <Describable T>
bool read(element e, T& out);

template <WireEnum E>
bool read(element e, E& out) {
  std::string_view text;
  if (!text_of(e, text)) return false;
  std::optional<E> value = domain::parse_enum<E>(text);
  if (!value) return false;
  out = *value;
  return true;
}

template <class T>
bool read(element e, std::vector<T>& out) {
  simdjson::dom::array array;
  if (e.get_array().get(array)) return false;
  out.clear();
  out.reserve(array.size());
  for (element item : array) {
    T value{};
    if (!read(item, value)) return false;
    out.push_back(std::move(value));
  }
  return true;
}

template <class F>
bool read_member(const element* member, F& field) {
  return member != nullptr && read(*member, field);
}

template <class F>
bool read_member(const element* member, std::optional<F>& field) {
  if (member == nullptr) {
    field.reset();
    return true;
  }
  F value{};
  if (!read(*member, value)) return false;
  field = std::move(value);
  return true;
}

template <Describable T>
bool read(element e, T& out) {
  simdjson::dom::object object;
  if (e.get_object().get(object)) return false;
  const std::vector<FieldInfo>& fields = field_infos<T>();
  if (fields.size() > kMaxMembers) return false;
  // Each member goes to the slot of its field; unknown and repeated members fail.
  std::array<element, kMaxMembers> slots;
  std::uint64_t present = 0;
  for (simdjson::dom::key_value_pair member : object) {
    std::size_t i = 0;
    while (i < fields.size() && fields[i].name != member.key) ++i;
    if (i == fields.size()) return false;
    const std::uint64_t bit = std::uint64_t{1} << i;
    if ((present & bit) != 0) return false;
    present |= bit;
    slots[i] = member.value;
  }
  bool ok = true;
  std::size_t k = 0;
  T::describe(out, [&](const char* /*name*/, auto& field) {
    if (ok) ok = read_member((present >> k & 1) != 0 ? &slots[k] : nullptr, field);
    ++k;
  });
  return ok;
}

template <std::size_t I>
bool read_event(element data, domain::Event& out) {
  std::variant_alternative_t<I, domain::Event> value{};
  if (!read(data, value)) return false;
  out.emplace<I>(std::move(value));
  return true;
}

template <std::size_t... I>
bool read_event(std::size_t index, element data, domain::Event& out, std::index_sequence<I...>) {
  using Reader = bool (*)(element, domain::Event&);
  static constexpr Reader kReaders[] = {&read_event<I>...};
  return kReaders[index](data, out);
}

}  // namespace

std::optional<domain::Event> try_decode_stored_event(std::string_view type,
                                                     std::string_view envelope) {
  const std::string_view name = event_name_of_type(type);
  std::optional<std::size_t> index = codec_internal::index_of(domain::event_names(), name);
  if (name.empty() || !index || *index >= std::variant_size_v<domain::Event>) return std::nullopt;

  // One parser per thread: a parser is not thread-safe, and it keeps its buffers.
  thread_local simdjson::dom::parser parser;
  element doc;
  simdjson::dom::object object;
  if (parser.parse(envelope.data(), envelope.size()).get(doc) || doc.get_object().get(object)) {
    return std::nullopt;
  }
  std::optional<element> data;
  for (simdjson::dom::key_value_pair member : object) {
    if (member.key != "data") continue;
    if (data) return std::nullopt;  // which one counts is the slow reader's to say
    data = member.value;
  }
  domain::Event event;
  if (!data || !read_event(*index, *data, event,
                           std::make_index_sequence<std::variant_size_v<domain::Event>>{})) {
    return std::nullopt;
  }
  return event;
}

}  // namespace thidua::codec
