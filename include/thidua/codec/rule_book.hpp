// Rule books as data: the law's figures for each period, read from JSON (schemas/RuleBook.v1.json;
// every field is documented in docs/rules.md).
//
// The standard rule book, built into the library from src/codec/rulesets.json, has two sets:
// "vn-2013" (1900-01-01 to 2023-12-31: Law on Emulation and Commendation 2003 as amended in
// 2013, Decree 91/2017/NĐ-CP) and "vn-2022" (from 2024-01-01: Law 06/2022/QH15, Decree
// 98/2023/NĐ-CP). Pure functions; thread-safe.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "thidua/codec/field_error.hpp"
#include "thidua/domain/rule_set.hpp"
#include "thidua/util/status.hpp"

namespace thidua::codec {

// The standard rule book. It is checked by the tests; should it not parse, that is a defect of
// the build and stops the process with a message.
domain::RuleBook load_standard_rule_book();

// The rule book in `doc`, validated against RuleBook.v1.json and read strictly. Beyond the
// schema: each set ends no earlier than it starts, ids are distinct, no two sets are in force
// on the same date, and each award appears at most once in competent_issuers and in
// reward_multiples. Status::invalid_argument names the first problem; `errors`, when given,
// receives them all.
Result<domain::RuleBook> parse_rule_book(const nlohmann::json& doc,
                                         std::vector<FieldError>* errors = nullptr);

}  // namespace thidua::codec
