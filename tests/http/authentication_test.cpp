#include <catch2/catch.hpp>

#include "thidua/http/authentication.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http {
namespace {

TokenGrant grant(std::string_view token, std::string_view role, std::string organization = {}) {
  Result<TokenGrant> g = make_token_grant(to_hex(sha256(token)), role, std::move(organization));
  REQUIRE(g.status().to_string() == "OK");
  return *g;
}

TEST_CASE("roles have names both ways", "[auth]") {
  for (Role r : {Role::kAdmin, Role::kSecretariat, Role::kUnit, Role::kClusterHead, Role::kCouncil,
                 Role::kAuthority, Role::kAuditor, Role::kIntegrator}) {
    CHECK(*parse_role(role_name(r)) == r);
  }
  CHECK(role_name(Role::kClusterHead) == "cluster_head");
  CHECK_FALSE(parse_role("Admin").is_ok());
  CHECK_FALSE(parse_role("").is_ok());
}

TEST_CASE("make_token_grant checks the digest, role and scope", "[auth]") {
  std::string hex = to_hex(sha256("t"));
  CHECK(make_token_grant(hex, "auditor", "").is_ok());
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(make_token_grant(upper, "auditor", "").value().token_sha256 == sha256("t"));
  CHECK_FALSE(make_token_grant(hex.substr(1), "auditor", "").is_ok());
  CHECK_FALSE(make_token_grant(hex.substr(1) + "g", "auditor", "").is_ok());
  CHECK_FALSE(make_token_grant(hex, "root", "").is_ok());
  CHECK_FALSE(make_token_grant(hex, "unit", "").is_ok());
  CHECK_FALSE(make_token_grant(hex, "council", "organization/x").is_ok());
  CHECK_FALSE(make_token_grant(hex, "council", "").is_ok());
  CHECK_FALSE(make_token_grant(hex, "council", "council/").is_ok());
  CHECK_FALSE(make_token_grant(hex, "cluster_head", "").is_ok());
  CHECK_FALSE(make_token_grant(hex, "cluster_head", "council/hd-1").is_ok());
  CHECK_FALSE(make_token_grant(hex, "unit", "cluster/cum-6").is_ok());
  CHECK_FALSE(make_token_grant(hex, "authority", "organization/bo-tttt").is_ok());
  Result<TokenGrant> unit = make_token_grant(hex, "unit", "organization/so-tttt-gia-lai");
  REQUIRE(unit.is_ok());
  CHECK(unit->scope == "organization/so-tttt-gia-lai");
  CHECK(make_token_grant(hex, "cluster_head", "cluster/cum-6").value().scope == "cluster/cum-6");
  CHECK(make_token_grant(hex, "council", "council/hd-bo").value().scope == "council/hd-bo");
}

TEST_CASE("a bearer token maps to its grant's role", "[auth]") {
  Authenticator auth({grant("secret-1", "secretariat"),
                      grant("unit-token", "unit", "organization/so-tttt-gia-lai")});
  std::optional<Principal> p = auth.authenticate("Bearer secret-1");
  REQUIRE(p);
  CHECK(p->role == Role::kSecretariat);
  CHECK(p->scope.empty());
  p = auth.authenticate("bearer   unit-token ");
  REQUIRE(p);
  CHECK(p->role == Role::kUnit);
  CHECK(p->scope == "organization/so-tttt-gia-lai");
}

TEST_CASE("unknown tokens and malformed headers are refused", "[auth]") {
  Authenticator auth({grant("secret-1", "admin")});
  for (const char* header : {"", "Bearer", "Bearer ", "Bearer secret-2", "Basic secret-1",
                             "Bearersecret-1", "secret-1", "Bearer secret-1x"}) {
    INFO(header);
    CHECK_FALSE(auth.authenticate(header));
  }
  CHECK_FALSE(auth.authenticate_token(""));
}

TEST_CASE("the admin token from the environment is an admin", "[auth]") {
  Authenticator with({}, std::string("from-env"));
  REQUIRE(with.authenticate("Bearer from-env"));
  CHECK(with.authenticate("Bearer from-env")->role == Role::kAdmin);
  CHECK_FALSE(with.authenticate("Bearer other"));
  Authenticator empty({}, std::string());
  CHECK_FALSE(empty.authenticate_token(""));
  CHECK_FALSE(Authenticator({}).authenticate("Bearer from-env"));
}

}  // namespace
}  // namespace thidua::http
