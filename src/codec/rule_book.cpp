#include "thidua/codec/rule_book.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "embedded_files.hpp"
#include "thidua/codec/describe_json.hpp"
#include "thidua/codec/schema_registry.hpp"

namespace thidua::codec {
namespace {

std::string at(std::size_t set, std::string_view rest) {
  return "/sets/" + std::to_string(set) + std::string(rest);
}

// Whether two sets are in force on a common date; an absent `until` is open-ended.
bool overlap(const domain::RuleSet& a, const domain::RuleSet& b) {
  bool a_ends_first = a.until && *a.until < b.from;
  bool b_ends_first = b.until && *b.until < a.from;
  return !a_ends_first && !b_ends_first;
}

template <class Items>
void check_awards_once(const Items& items, const std::string& pointer,
                       std::vector<FieldError>& found) {
  std::set<domain::Award> seen;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!seen.insert(items[k].award).second) {
      found.push_back({pointer + "/" + std::to_string(k) + "/award", "award listed twice"});
    }
  }
}

std::vector<FieldError> check_book(const domain::RuleBook& book) {
  std::vector<FieldError> found;
  for (std::size_t i = 0; i < book.sets.size(); ++i) {
    const domain::RuleSet& set = book.sets[i];
    if (set.until && *set.until < set.from) found.push_back({at(i, "/until"), "before from"});
    for (std::size_t j = 0; j < i; ++j) {
      if (book.sets[j].id == set.id) {
        found.push_back({at(i, "/id"), "the same id as " + at(j, "")});
      }
      if (overlap(book.sets[j], set)) {
        found.push_back({at(i, "/from"), "in force on dates of " + at(j, "") + " too"});
      }
    }
    check_awards_once(set.competent_issuers, at(i, "/competent_issuers"), found);
    check_awards_once(set.reward_multiples, at(i, "/reward_multiples"), found);
    check_awards_once(set.council_floors, at(i, "/council_floors"), found);
    check_awards_once(set.public_notices, at(i, "/public_notices"), found);
  }
  return found;
}

}  // namespace

Result<domain::RuleBook> parse_rule_book(const nlohmann::json& doc,
                                         std::vector<FieldError>* errors) {
  std::vector<FieldError> found;
  Status valid = SchemaRegistry::standard().validate("RuleBook.v1.json", doc, &found);
  if (valid.code() == Status::Code::kNotFound) return valid;
  domain::RuleBook book;
  if (valid.is_ok()) {
    if (std::optional<FieldError> error = read_json(doc, book)) {
      found.push_back(std::move(*error));
    } else {
      found = check_book(book);
    }
  }
  if (found.empty()) return book;
  if (errors) errors->insert(errors->end(), found.begin(), found.end());
  return to_status(found);
}

domain::RuleBook load_standard_rule_book() {
  std::string_view text = codec_internal::embedded_rule_books().front().text;
  Result<nlohmann::json> doc = parse_json(text);
  Result<domain::RuleBook> book =
      doc.is_ok() ? parse_rule_book(*doc) : Result<domain::RuleBook>(doc.status());
  if (!book.is_ok()) {
    std::fprintf(stderr, "thidua: the built-in rule book is broken: %s\n",
                 book.status().message().c_str());
    std::abort();
  }
  return std::move(book).value();
}

}  // namespace thidua::codec
