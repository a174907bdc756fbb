// Reading and writing of the scalar values of describe_json.hpp.
#include <cmath>
#include <cstdint>
#include <limits>

#include "json_scalars.hpp"
#include "thidua/codec/describe_json.hpp"

namespace thidua::codec::detail {

NumberError decimal_of_double(double d, domain::Decimal& out) {
  if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(kMaxDecimalUnits)) {
    return NumberError::kOutOfRange;
  }
  std::int64_t hundredths = std::llround(d * 100.0);
  // The exact decimal with two places nearest to d, as a double, must be d itself: the parser
  // rounds "0.29" and this division rounds 29/100 to the same nearest double.
  if (static_cast<double>(hundredths) / 100.0 != d) return NumberError::kTooManyPlaces;
  out = domain::Decimal{hundredths};
  return NumberError::kNone;
}

NumberError decimal_of_integer(bool negative, std::uint64_t magnitude, domain::Decimal& out) {
  if (magnitude > static_cast<std::uint64_t>(kMaxDecimalUnits)) return NumberError::kOutOfRange;
  const auto units = static_cast<std::int64_t>(magnitude);
  out = domain::Decimal::units(negative ? -units : units);
  return NumberError::kNone;
}

namespace {

// The integer in `j`, widened; false when `j` is not an integer (3.0 is not).
bool integer_of(const nlohmann::json& j, bool& negative, std::uint64_t& magnitude) {
  if (j.is_number_unsigned()) {
    negative = false;
    magnitude = j.get<std::uint64_t>();
    return true;
  }
  if (j.is_number_integer()) {
    std::int64_t v = j.get<std::int64_t>();
    negative = v < 0;
    magnitude = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    return true;
  }
  return false;
}

template <class I>
bool read_integer(const nlohmann::json& j, I& out, ReadContext& context) {
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (!integer_of(j, negative, magnitude)) return context.fail("expected an integer");
  if (!integer_in_range(negative, magnitude, out)) return context.fail("integer out of range");
  return true;
}

bool fail_number(NumberError error, ReadContext& context) {
  if (error == NumberError::kNone) return true;
  return context.fail(error == NumberError::kOutOfRange ? "number out of range"
                                                        : "at most two decimal places");
}

}  // namespace

bool read(const nlohmann::json& j, std::string& out, ReadContext& context) {
  if (!j.is_string()) return context.fail("expected a string");
  const std::string& text = j.get_ref<const std::string&>();
  if (!valid_utf8(text)) return context.fail("not valid UTF-8");
  out = text;
  return true;
}

bool read(const nlohmann::json& j, bool& out, ReadContext& context) {
  if (!j.is_boolean()) return context.fail("expected true or false");
  out = j.get<bool>();
  return true;
}

bool read(const nlohmann::json& j, int& out, ReadContext& context) {
  return read_integer(j, out, context);
}

bool read(const nlohmann::json& j, std::int64_t& out, ReadContext& context) {
  return read_integer(j, out, context);
}

bool read(const nlohmann::json& j, std::uint64_t& out, ReadContext& context) {
  return read_integer(j, out, context);
}

bool read(const nlohmann::json& j, domain::Date& out, ReadContext& context) {
  std::optional<domain::Date> date;
  if (j.is_string()) date = domain::Date::parse(j.get_ref<const std::string&>());
  if (!date) return context.fail("expected a real date YYYY-MM-DD between 1900 and 2999");
  out = *date;
  return true;
}

bool read(const nlohmann::json& j, domain::Decimal& out, ReadContext& context) {
  if (j.is_number_float()) return fail_number(decimal_of_double(j.get<double>(), out), context);
  bool negative = false;
  std::uint64_t magnitude = 0;
  if (!integer_of(j, negative, magnitude)) return context.fail("expected a number");
  return fail_number(decimal_of_integer(negative, magnitude, out), context);
}

bool read(const nlohmann::json& j, domain::SubjectRef& out, ReadContext& context) {
  std::optional<domain::SubjectRef> ref;
  if (j.is_string()) ref = domain::SubjectRef::parse(j.get_ref<const std::string&>());
  if (!ref) return context.fail("expected \"person/<id>\" or \"organization/<id>\"");
  out = std::move(*ref);
  return true;
}

bool read_enum(const nlohmann::json& j, std::string_view& out, ReadContext& context) {
  if (!j.is_string()) return context.fail("expected a string");
  out = j.get_ref<const std::string&>();
  return true;
}

bool fail_enum(std::span<const std::string_view> names, ReadContext& context) {
  std::string message = "expected one of:";
  for (std::size_t i = 0; i < names.size(); ++i) {
    message += i == 0 ? " " : ", ";
    message += names[i];
  }
  return context.fail(std::move(message));
}

OrderedJson write(const std::string& value) { return value; }
OrderedJson write(bool value) { return value; }
OrderedJson write(int value) { return value; }
OrderedJson write(std::int64_t value) { return value; }
OrderedJson write(std::uint64_t value) { return value; }
OrderedJson write(const domain::Date& value) { return value.to_string(); }
OrderedJson write(const domain::SubjectRef& value) { return value.to_string(); }

OrderedJson write(const domain::Decimal& value) {
  // Whole amounts are integers ("10", never "10.0"); the rest are the shortest doubles that
  // read back to the same hundredths ("9.5", "0.25").
  if (value.hundredths % 100 == 0) return value.hundredths / 100;
  return static_cast<double>(value.hundredths) / 100.0;
}

}  // namespace thidua::codec::detail

namespace thidua::codec {

Result<std::string> dump_json(const OrderedJson& doc) {
  try {
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    std::vector<FieldError> errors = find_invalid_utf8(nlohmann::json(doc));
    if (errors.empty()) errors.push_back({"", "cannot be written as JSON"});
    return to_status(errors);
  }
}

}  // namespace thidua::codec
