#include "thidua/http/authentication.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <utility>

namespace thidua::http {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Digest> parse_digest(std::string_view hex) {
  Digest digest{};
  if (hex.size() != 2 * digest.size()) {
    return Status::invalid_argument("sha256 must be 64 hex digits");
  }
  for (std::size_t i = 0; i < digest.size(); ++i) {
    int hi = hex_digit(hex[2 * i]);
    int lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Status::invalid_argument("sha256 must be 64 hex digits");
    digest[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return digest;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool is_valid_token_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '@' || c == ':';
    if (!ok) return false;
  }
  return true;
}

Result<TokenGrant> make_token_grant(std::string_view sha256_hex, std::string_view role,
                                    std::string scope, std::string name) {
  Result<Digest> digest = parse_digest(sha256_hex);
  if (!digest) return digest.status();
  Result<Role> r = parse_role(role);
  if (!r) return r.status();
  const std::string_view kind = app::scope_kind(*r);
  if (kind.empty() && !scope.empty()) {
    return Status::invalid_argument(
        "only a unit, cluster_head or council token is bound to "
        "an organization, a cluster or a council");
  }
  if (!kind.empty() && (!scope.starts_with(kind) || scope.size() == kind.size())) {
    return Status::invalid_argument("a " + std::string(role) + " token needs its " +
                                    std::string(kind.substr(0, kind.size() - 1)) + " (\"" +
                                    std::string(kind) + "<id>\")");
  }
  if (name.empty()) {
    name = "token-" + std::string(sha256_hex.substr(0, 12));
    for (char& ch : name) ch = ch >= 'A' && ch <= 'F' ? static_cast<char>(ch + 32) : ch;
  } else if (!is_valid_token_name(name)) {
    return Status::invalid_argument(
        "a token's name is 1-64 of A-Z, a-z, 0-9, '.', '_', '-', '@', ':'");
  }
  return TokenGrant{*digest, *r, std::move(scope), std::move(name)};
}

Authenticator::Authenticator(std::vector<TokenGrant> grants, std::optional<std::string> admin_token)
    : grants_(std::move(grants)) {
  if (admin_token && !admin_token->empty()) {
    grants_.push_back(TokenGrant{sha256(*admin_token), Role::kAdmin, {}, "admin"});
  }
}

std::optional<Principal> Authenticator::authenticate(std::string_view authorization) const {
  // "Bearer" is case-insensitive (RFC 9110 section 11.1); one or more spaces follow it.
  constexpr std::string_view kScheme = "Bearer";
  if (authorization.size() <= kScheme.size() ||
      !iequals_ascii(authorization.substr(0, kScheme.size()), kScheme) ||
      authorization[kScheme.size()] != ' ') {
    return std::nullopt;
  }
  std::string_view token = authorization.substr(kScheme.size());
  token.remove_prefix(std::min(token.find_first_not_of(' '), token.size()));
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return authenticate_token(token);
}

std::optional<Principal> Authenticator::authenticate_token(std::string_view token) const {
  if (token.empty()) return std::nullopt;
  Digest presented = sha256(token);
  // Every grant is compared, with no early exit, so timing does not tell which one matched.
  const TokenGrant* found = nullptr;
  for (const TokenGrant& grant : grants_) {
    bool equal = CRYPTO_memcmp(grant.token_sha256.data(), presented.data(), presented.size()) == 0;
    if (equal && found == nullptr) found = &grant;
  }
  if (found == nullptr) return std::nullopt;
  return Principal{found->role, found->scope, found->name};
}

}  // namespace thidua::http
