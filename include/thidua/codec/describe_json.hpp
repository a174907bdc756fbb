// Generic JSON reading and writing of the domain's describable types.
//
// A type is describable when it has `static void describe(S& self, V&& visit)` that calls
// visit(name, field) for each of its fields in order (every event, command and part of the
// domain is). Member names are the field names; the mapping of values is:
//   std::string           string (UTF-8)           bool                 true / false
//   int, int64, uint64    integer, range checked   domain::Date         "YYYY-MM-DD", a real date
//   domain::Decimal       number with at most two decimals, |x| <= 10^12; written without ".0"
//                         when whole (10, 9.5, 0.25)
//   domain::SubjectRef    "person/<id>" or "organization/<id>"
//   enumerations          their wire names (domain::EnumNames)
//   std::vector<T>        array                    std::optional<T>     member absent <-> nullopt
//   describable struct    object, exactly the described members, no others
// Writing is deterministic: members in describe() order, nothing written for nullopt, so the
// same value always gives the same bytes. Reading is strict: unknown members, missing required
// members, null, wrong types, unreal dates, inexact decimals and out-of-range integers are
// refused with the JSON Pointer of the bad member. Templates over pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/codec/field_error.hpp"
#include "thidua/domain/values.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// Objects whose members keep their insertion order (describe() order).
using OrderedJson = nlohmann::ordered_json;

namespace detail {

struct FieldProbe {
  template <class F>
  void operator()(const char* /*name*/, F& /*field*/) const {}
};

}  // namespace detail

template <class T>
concept Describable = std::is_class_v<T> && requires(T& value) {
  T::describe(value, detail::FieldProbe{});
};

template <class E>
concept WireEnum = std::is_enum_v<E> && requires {
  domain::EnumNames<E>::kNames;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// The member names of T in describe() order, and whether each is required (not optional).
struct FieldInfo {
  std::string_view name;
  bool required = true;
};
template <Describable T>
const std::vector<FieldInfo>& field_infos() {
  static const std::vector<FieldInfo> infos = [] {
    std::vector<FieldInfo> out;
    T probe{};
    T::describe(probe, [&out](const char* name, auto& field) {
      out.push_back({name, !IsOptional<std::remove_cvref_t<decltype(field)>>::value});
    });
    return out;
  }();
  return infos;
}

namespace detail {

// Where the reader is, and the first error it met.
class ReadContext {
 public:
  const std::string& pointer() const { return pointer_; }
  bool fail(std::string message) {
    error_ = FieldError{pointer_, std::move(message)};
    return false;
  }
  std::optional<FieldError>& error() { return error_; }

  // Enters member or index `token` for the scope's lifetime.
  class Scope {
   public:
    Scope(ReadContext& context, std::string_view token)
        : context_(context), length_(context.pointer_.size()) {
      context_.pointer_ = append_pointer(context_.pointer_, token);
    }
    ~Scope() { context_.pointer_.resize(length_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    ReadContext& context_;
    std::size_t length_;
  };

 private:
  std::string pointer_;
  std::optional<FieldError> error_;
};

// Scalars (json_values.cpp). Each returns false after context.fail() on a bad value.
bool read(const nlohmann::json& j, std::string& out, ReadContext& context);
bool read(const nlohmann::json& j, bool& out, ReadContext& context);
bool read(const nlohmann::json& j, int& out, ReadContext& context);
bool read(const nlohmann::json& j, std::int64_t& out, ReadContext& context);
bool read(const nlohmann::json& j, std::uint64_t& out, ReadContext& context);
bool read(const nlohmann::json& j, domain::Date& out, ReadContext& context);
bool read(const nlohmann::json& j, domain::Decimal& out, ReadContext& context);
bool read(const nlohmann::json& j, domain::SubjectRef& out, ReadContext& context);
bool read_enum(const nlohmann::json& j, std::string_view& out, ReadContext& context);
bool fail_enum(std::span<const std::string_view> names, ReadContext& context);

OrderedJson write(const std::string& value);
OrderedJson write(bool value);
OrderedJson write(int value);
OrderedJson write(std::int64_t value);
OrderedJson write(std::uint64_t value);
OrderedJson write(const domain::Date& value);
OrderedJson write(const domain::Decimal& value);
OrderedJson write(const domain::SubjectRef& value);

// The templates below call each other for nested values; declared first so that each finds
// the others whatever the order of their definitions.
template <WireEnum E>
bool read(const nlohmann::json& j, E& out, ReadContext& context);
template <class T>
bool read(const nlohmann::json& j, std::vector<T>& out, ReadContext& context);
template <Describable T>
bool read(const nlohmann::json& j, T& out, ReadContext& context);
template <WireEnum E>
OrderedJson write(E value);
template <class T>
OrderedJson write(const std::vector<T>& values);
template <Describable T>
OrderedJson write(const T& value);

template <WireEnum E>
bool read(const nlohmann::json& j, E& out, ReadContext& context) {
  std::string_view text;
  if (!read_enum(j, text, context)) return false;
  std::optional<E> value = domain::parse_enum<E>(text);
  if (!value) return fail_enum(domain::EnumNames<E>::kNames, context);
  out = *value;
  return true;
}

template <class T>
bool read(const nlohmann::json& j, std::vector<T>& out, ReadContext& context) {
  if (!j.is_array()) return context.fail("expected an array");
  out.clear();
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    ReadContext::Scope scope(context, std::to_string(i));
    T item{};
    if (!read(j[i], item, context)) return false;
    out.push_back(std::move(item));
  }
  return true;
}

template <class F>
bool read_member(const nlohmann::json& object, const char* name, F& field, ReadContext& context) {
  ReadContext::Scope scope(context, name);
  auto it = object.find(name);
  if (it == object.end()) return context.fail("missing required member");
  return read(*it, field, context);
}

template <class F>
bool read_member(const nlohmann::json& object, const char* name, std::optional<F>& field,
                 ReadContext& context) {
  auto it = object.find(name);
  if (it == object.end()) {
    field.reset();
    return true;
  }
  ReadContext::Scope scope(context, name);
  F value{};
  if (!read(*it, value, context)) return false;
  field = std::move(value);
  return true;
}

template <Describable T>
bool read(const nlohmann::json& j, T& out, ReadContext& context) {
  if (!j.is_object()) return context.fail("expected an object");
  const std::vector<FieldInfo>& fields = field_infos<T>();
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const FieldInfo& f : fields) known = known || f.name == it.key();
    if (!known) {
      ReadContext::Scope scope(context, it.key());
      return context.fail("unknown member");
    }
  }
  bool ok = true;
  T::describe(out, [&](const char* name, auto& field) {
    if (ok) ok = read_member(j, name, field, context);
  });
  return ok;
}

template <WireEnum E>
OrderedJson write(E value) {
  return std::string(domain::enum_name(value));
}

template <class T>
OrderedJson write(const std::vector<T>& values) {
  OrderedJson out = OrderedJson::array();
  for (const T& v : values) out.push_back(write(v));
  return out;
}

template <class F>
void write_member(OrderedJson& object, const char* name, const F& field) {
  object[name] = write(field);
}

template <class F>
void write_member(OrderedJson& object, const char* name, const std::optional<F>& field) {
  if (field) object[name] = write(*field);
}

template <Describable T>
OrderedJson write(const T& value) {
  OrderedJson out = OrderedJson::object();
  T::describe(value,
              [&out](const char* name, const auto& field) { write_member(out, name, field); });
  return out;
}

}  // namespace detail

// The JSON object of `value`, members in describe() order. Strings are written as they are:
// a string that is not UTF-8 is only found when the document is dumped (see dump_json).
template <Describable T>
OrderedJson to_json(const T& value) {
  return detail::write(value);
}

// Reads `doc` into `out`; nullopt on success, else the first error with its pointer. `out` is
// unspecified after an error.
template <Describable T>
std::optional<FieldError> read_json(const nlohmann::json& doc, T& out) {
  detail::ReadContext context;
  if (detail::read(doc, out, context)) return std::nullopt;
  return std::move(context.error());
}

// The value in `doc`, or Status::invalid_argument("<pointer>: <why>").
template <Describable T>
Result<T> from_json(const nlohmann::json& doc) {
  T value{};
  if (std::optional<FieldError> error = read_json(doc, value)) return to_status({*error});
  return value;
}

// `doc` as compact text (no whitespace, members in their order), or Status::invalid_argument
// when a string in it is not UTF-8. Never throws.
Result<std::string> dump_json(const OrderedJson& doc);

}  // namespace thidua::codec
