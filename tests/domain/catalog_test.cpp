// The rule catalog, the rules the code can refuse with, and docs/domain-model.md agree.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "thidua/domain/decide.hpp"

using namespace thidua::domain;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::set<std::string> catalog_ids() {
  std::set<std::string> ids;
  for (const RuleInfo& r : rule_catalog()) {
    CHECK(ids.insert(std::string(r.id)).second);  // no duplicates
    CHECK_FALSE(r.statement.empty());
  }
  return ids;
}

}  // namespace

TEST_CASE("every rule the domain can name is in the catalog", "[domain][catalog]") {
  const std::set<std::string> ids = catalog_ids();
  // Rule ids appear in the sources as the first argument of refuse(...) or add(...), or as a
  // string assigned to a rule variable.
  const std::regex rule_literal(R"re((?:refuse|add)\(\s*"([a-z_]+\.[A-Za-z_.]+)")re");
  const std::regex rule_variable(R"re("((?:award|council)\.[A-Za-z_]+(?:\.[A-Za-z_]+)?)")re");
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::directory_iterator(THIDUA_SOURCE_DIR "/src/domain")) {
    const std::string text = read(entry.path());
    for (const std::regex* re : {&rule_literal, &rule_variable}) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), *re);
           it != std::sregex_iterator(); ++it) {
        used.insert((*it)[1]);
      }
    }
  }
  REQUIRE(used.size() > 50);
  for (const std::string& id : used) {
    if (id.ends_with(".hpp") || id.ends_with(".cpp")) continue;  // #include lines
    INFO(id);
    CHECK(ids.contains(id));
  }
}

TEST_CASE("docs/domain-model.md lists every rule of the catalog", "[domain][catalog]") {
  const std::string doc = read(THIDUA_SOURCE_DIR "/docs/domain-model.md");
  for (const std::string& id : catalog_ids()) {
    INFO(id);
    CHECK(doc.find("| `" + id + "` |") != std::string::npos);
  }
}
