#include "thidua/codec/state_snapshot.hpp"

#include <algorithm>
#include <cstdint>
#include <future>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "thidua/codec/describe_json.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::codec {
namespace {

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

// Bytes of a state being written.
class Writer {
 public:
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void bytes(std::string_view b) {
    varint(b.size());
    out_.append(b);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// Bytes of a state being read; every read fails once the bytes end or make no sense.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && !in_.empty(); shift += 7) {
      const auto byte = static_cast<std::uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool bytes(std::string& b) {
    std::uint64_t n = 0;
    if (!varint(n) || n > in_.size()) return false;
    b.assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  // A count of elements, each of which takes at least a byte.
  bool count(std::uint64_t& n) { return varint(n) && n <= in_.size(); }
  // A size-prefixed run of bytes, not copied.
  bool section(std::string_view& b) {
    std::uint64_t n = 0;
    if (!varint(n) || n > in_.size()) return false;
    b = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

// --- shape: the text every type writes of itself, hashed into state_shape_digest() ---

template <class T>
void shape(std::string& out);

template <class T>
void shape(std::string& out) {
  if constexpr (std::is_same_v<T, bool>) {
    out += "b";
  } else if constexpr (std::is_integral_v<T>) {
    out += std::is_signed_v<T> ? "i" : "u";
    out += std::to_string(sizeof(T));
  } else if constexpr (std::is_same_v<T, std::string>) {
    out += "s";
  } else if constexpr (std::is_same_v<T, domain::Date>) {
    out += "date";
  } else if constexpr (std::is_same_v<T, domain::Decimal>) {
    out += "dec";
  } else if constexpr (std::is_same_v<T, domain::SubjectRef>) {
    out += "ref";
    shape<domain::SubjectKind>(out);
  } else if constexpr (WireEnum<T>) {
    out += "e(";
    for (std::string_view name : domain::EnumNames<T>::kNames) {
      out += name;
      out += ",";
    }
    out += ")";
  } else if constexpr (IsOptional<T>::value) {
    out += "?";
    shape<typename T::value_type>(out);
  } else if constexpr (IsVector<T>::value) {
    out += "[";
    shape<typename T::value_type>(out);
    out += "]";
  } else if constexpr (requires {
                         typename T::first_type;
                         typename T::second_type;
                       }) {
    out += "(";
    shape<typename T::first_type>(out);
    out += ",";
    shape<typename T::second_type>(out);
    out += ")";
  } else if constexpr (requires { typename T::mapped_type; }) {
    out += "map(";
    shape<typename T::key_type>(out);
    out += ",";
    shape<typename T::mapped_type>(out);
    out += ")";
  } else if constexpr (requires { typename T::key_type; }) {
    out += "set(";
    shape<typename T::key_type>(out);
    out += ")";
  } else {
    static_assert(Describable<T>, "a type the state snapshot cannot write");
    out += "{";
    T probe{};
    T::describe(probe, [&out](const char* name, auto& field) {
      out += name;
      out += ":";
      shape<std::remove_cvref_t<decltype(field)>>(out);
      out += ";";
    });
    out += "}";
  }
}

// --- writing ---

template <class T>
void write(Writer& w, const T& value);

template <class T>
void write(Writer& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.varint(value ? 1 : 0);
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    const auto v = static_cast<std::int64_t>(value);
    w.varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  } else if constexpr (std::is_integral_v<T>) {
    w.varint(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.bytes(value);
  } else if constexpr (std::is_same_v<T, domain::Date>) {
    write(w, value.year);
    write(w, value.month);
    write(w, value.day);
  } else if constexpr (std::is_same_v<T, domain::Decimal>) {
    write(w, value.hundredths);
  } else if constexpr (std::is_same_v<T, domain::SubjectRef>) {
    write(w, value.kind);
    write(w, value.id);
  } else if constexpr (WireEnum<T>) {
    w.varint(static_cast<std::uint64_t>(value));
  } else if constexpr (IsOptional<T>::value) {
    w.varint(value ? 1 : 0);
    if (value) write(w, *value);
  } else if constexpr (requires {
                         typename T::first_type;
                         typename T::second_type;
                       }) {
    write(w, value.first);
    write(w, value.second);
  } else if constexpr (requires { typename T::key_type; } || IsVector<T>::value) {
    w.varint(value.size());
    for (const auto& item : value) write(w, item);
  } else {
    T::describe(value, [&w](const char*, const auto& field) { write(w, field); });
  }
}

// --- reading ---

template <class T>
bool read(Reader& r, T& value);

template <class I>
bool read_integer(Reader& r, I& value) {
  std::uint64_t v = 0;
  if (!r.varint(v)) return false;
  if constexpr (std::is_signed_v<I>) {
    const auto s = static_cast<std::int64_t>((v >> 1) ^ (0 - (v & 1)));
    if (s < std::numeric_limits<I>::min() || s > std::numeric_limits<I>::max()) return false;
    value = static_cast<I>(s);
  } else {
    if (v > std::numeric_limits<I>::max()) return false;
    value = static_cast<I>(v);
  }
  return true;
}

template <class T>
bool read(Reader& r, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    std::uint64_t v = 0;
    if (!r.varint(v) || v > 1) return false;
    value = v == 1;
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    return read_integer(r, value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return r.bytes(value);
  } else if constexpr (std::is_same_v<T, domain::Date>) {
    return read(r, value.year) && read(r, value.month) && read(r, value.day);
  } else if constexpr (std::is_same_v<T, domain::Decimal>) {
    return read(r, value.hundredths);
  } else if constexpr (std::is_same_v<T, domain::SubjectRef>) {
    return read(r, value.kind) && read(r, value.id);
  } else if constexpr (WireEnum<T>) {
    std::uint64_t v = 0;
    if (!r.varint(v) || v >= domain::EnumNames<T>::kNames.size()) return false;
    value = static_cast<T>(v);
    return true;
  } else if constexpr (IsOptional<T>::value) {
    bool present = false;
    if (!read(r, present)) return false;
    value.reset();
    if (!present) return true;
    return read(r, value.emplace());
  } else if constexpr (requires {
                         typename T::first_type;
                         typename T::second_type;
                       }) {
    return read(r, value.first) && read(r, value.second);
  } else if constexpr (IsVector<T>::value) {
    std::uint64_t n = 0;
    if (!r.count(n)) return false;
    value.clear();
    // A damaged count must not reserve more than the bytes could hold in small elements.
    value.reserve(std::min<std::uint64_t>(n, 1024));
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!read(r, value.emplace_back())) return false;
    }
    return true;
  } else if constexpr (requires { typename T::mapped_type; }) {
    std::uint64_t n = 0;
    if (!r.count(n)) return false;
    value.clear();
    for (std::uint64_t i = 0; i < n; ++i) {
      std::pair<typename T::key_type, typename T::mapped_type> item;
      if (!read(r, item.first) || !read(r, item.second)) return false;
      // Written in key order: each goes at the end, and a key out of order is corruption.
      if (!value.empty() && !value.key_comp()(value.rbegin()->first, item.first)) return false;
      value.emplace_hint(value.end(), std::move(item));
    }
    return true;
  } else if constexpr (requires { typename T::key_type; }) {
    std::uint64_t n = 0;
    if (!r.count(n)) return false;
    value.clear();
    for (std::uint64_t i = 0; i < n; ++i) {
      typename T::key_type item;
      if (!read(r, item)) return false;
      if (!value.empty() && !value.key_comp()(*value.rbegin(), item)) return false;
      value.emplace_hint(value.end(), std::move(item));
    }
    return true;
  } else {
    bool ok = true;
    T::describe(value, [&](const char*, auto& field) { ok = ok && read(r, field); });
    return ok;
  }
}

}  // namespace

const std::string& state_shape_digest() {
  static const std::string digest = [] {
    std::string text = "thidua state " + std::to_string(kStateFormat) + " ";
    shape<domain::State>(text);
    return digest_bytes(sha256(text));
  }();
  return digest;
}

std::string encode_state(const domain::State& state) {
  // Each member of the State is a section of its own, prefixed by its size, so that the
  // sections can be read on several threads at once.
  Writer w;
  domain::State::describe(state, [&w](const char*, const auto& field) {
    Writer section;
    write(section, field);
    w.bytes(section.out());
  });
  return state_shape_digest() + digest_bytes(sha256(w.out())) + w.out();
}

Result<domain::State> decode_state(std::string_view bytes) {
  const std::string& digest = state_shape_digest();
  if (!bytes.starts_with(digest)) {
    return Status::invalid_argument("the snapshot was written for another shape of the state");
  }
  const Status corrupt = Status::corruption("the snapshot is not a whole state");
  // A checksum of the rest: a damaged byte inside a string or a number would still decode.
  constexpr std::size_t kChecksum = 32;
  if (bytes.size() < digest.size() + kChecksum) return corrupt;
  const std::string_view payload = bytes.substr(digest.size() + kChecksum);
  if (digest_bytes(sha256(payload)) != bytes.substr(digest.size(), kChecksum)) return corrupt;
  // The sections, then the largest ones first, each to the least loaded of the threads.
  std::vector<std::string_view> sections;
  Reader r(payload);
  domain::State state;
  domain::State::describe(state, [&](const char*, auto&) {
    std::string_view section;
    if (r.section(section)) sections.push_back(section);
  });
  if (sections.size() != field_infos<domain::State>().size() || !r.done()) return corrupt;
  const std::size_t threads =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, sections.size());
  std::vector<std::size_t> order(sections.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return sections[a].size() > sections[b].size(); });
  std::vector<std::size_t> thread_of(sections.size());
  std::vector<std::size_t> load(threads);
  for (std::size_t i : order) {
    const auto least = std::min_element(load.begin(), load.end()) - load.begin();
    thread_of[i] = static_cast<std::size_t>(least);
    load[static_cast<std::size_t>(least)] += sections[i].size();
  }
  // Each thread reads only its own members of `state`.
  auto read_sections = [&](std::size_t thread) {
    bool ok = true;
    std::size_t k = 0;
    domain::State::describe(state, [&](const char*, auto& field) {
      if (thread_of[k] == thread && ok) {
        Reader section(sections[k]);
        ok = read(section, field) && section.done();
      }
      ++k;
    });
    return ok;
  };
  std::vector<std::future<bool>> others;
  for (std::size_t t = 1; t < threads; ++t) {
    others.push_back(std::async(std::launch::async, read_sections, t));
  }
  bool ok = read_sections(0);
  for (auto& other : others) ok = other.get() && ok;
  if (!ok) return corrupt;
  return state;
}

}  // namespace thidua::codec
