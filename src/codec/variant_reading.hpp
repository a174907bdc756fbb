// Reading one alternative of a variant of describable types, chosen by its index at run time
// (the events and commands are variants whose alternatives are named in variant order).
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <variant>

#include "thidua/codec/describe_json.hpp"

namespace thidua::codec_internal {

template <class Variant, std::size_t I>
std::optional<codec::FieldError> read_as(const nlohmann::json& doc, Variant& out) {
  std::variant_alternative_t<I, Variant> value{};
  if (std::optional<codec::FieldError> error = codec::read_json(doc, value)) return error;
  out.template emplace<I>(std::move(value));
  return std::nullopt;
}

template <class Variant, std::size_t... I>
std::optional<codec::FieldError> read_alternative(std::size_t index, const nlohmann::json& doc,
                                                  Variant& out, std::index_sequence<I...>) {
  using Reader = std::optional<codec::FieldError> (*)(const nlohmann::json&, Variant&);
  static constexpr Reader kReaders[] = {&read_as<Variant, I>...};
  return kReaders[index](doc, out);
}

// Reads alternative `index` of Variant from `doc` into `out`; nullopt on success, else the
// first error. REQUIRES: index < std::variant_size_v<Variant>.
template <class Variant>
std::optional<codec::FieldError> read_alternative(std::size_t index, const nlohmann::json& doc,
                                                  Variant& out) {
  return read_alternative(index, doc, out,
                          std::make_index_sequence<std::variant_size_v<Variant>>{});
}

// The position of `name` in `names`, or nullopt.
template <class Names>
std::optional<std::size_t> index_of(const Names& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace thidua::codec_internal
