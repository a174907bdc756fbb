#include <fstream>

#include <catch2/catch.hpp>

#include "temp_dir.hpp"
#include "thidua/http/config.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::http {
namespace {

using namespace std::chrono_literals;
using boost::asio::ip::make_address;
using boost::asio::ip::tcp;

std::string message_of(std::string_view json_text) {
  Result<ServerConfig> c = parse_config(json_text);
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().code() == Status::Code::kInvalidArgument);
  return c.status().message();
}

TEST_CASE("a full configuration is read", "[config]") {
  std::string admin = to_hex(sha256("a"));
  std::string unit = to_hex(sha256("u"));
  Result<ServerConfig> c = parse_config(R"({"listen":"0.0.0.0:9090","body_limit":2048,
      "header_limit":4096,"read_timeout_ms":1500,"write_timeout_ms":2500,
      "shutdown_grace_ms":700,"threads":4,"origin":"thidua.gialai.gov.vn/log",
      "signing_key":"/srv/thidua/ck.key","checkpoint_interval_ms":250,"as_of_cache_mib":16,
      "tokens":[{"sha256":")" + admin + R"(","role":"admin"},
                {"sha256":")" + unit + R"(","role":"unit",
                 "organization":"organization/so-tttt-gia-lai"},
                {"sha256":")" + to_hex(sha256("h")) +
                                        R"(","role":"cluster_head",
                 "cluster":"cluster/cum-6"},
                {"sha256":")" + to_hex(sha256("c")) +
                                        R"(","role":"council",
                 "council":"council/hd-bo-tttt"}]})");
  REQUIRE(c.status().to_string() == "OK");
  CHECK(c->server.endpoint == tcp::endpoint(make_address("0.0.0.0"), 9090));
  CHECK(c->server.body_limit == 2048);
  CHECK(c->server.header_limit == 4096);
  CHECK(c->server.read_timeout == 1500ms);
  CHECK(c->server.write_timeout == 2500ms);
  CHECK(c->server.shutdown_grace == 700ms);
  CHECK(c->server.threads == 4);
  REQUIRE(c->tokens.size() == 4);
  CHECK(c->tokens[0].role == Role::kAdmin);
  CHECK(c->tokens[1].scope == "organization/so-tttt-gia-lai");
  CHECK(c->tokens[2].scope == "cluster/cum-6");
  CHECK(c->tokens[3].scope == "council/hd-bo-tttt");
  CHECK(c->tokens[1].token_sha256 == sha256("u"));
  CHECK(c->origin == "thidua.gialai.gov.vn/log");
  CHECK(c->signing_key == "/srv/thidua/ck.key");
  CHECK(c->checkpoint_interval == 250ms);
  CHECK(c->as_of_cache_bytes == std::size_t{16} << 20);
}

TEST_CASE("missing keys keep the defaults", "[config]") {
  Result<ServerConfig> c = parse_config("{}");
  REQUIRE(c.is_ok());
  ServerOptions defaults;
  CHECK(c->server.endpoint == defaults.endpoint);
  CHECK(c->server.body_limit == 1024 * 1024);
  CHECK(c->server.threads == 2);
  CHECK(c->tokens.empty());
  CHECK(c->origin == "thidua.local/log");
  CHECK(c->signing_key.empty());
  CHECK(c->checkpoint_interval == 1000ms);
  CHECK(c->as_of_cache_bytes == std::size_t{64} << 20);
  CHECK(parse_config(R"({"as_of_cache_mib":0})")->as_of_cache_bytes == 0);
  CHECK(parse_config("{}")->as_of_versions);
  CHECK_FALSE(parse_config(R"({"as_of_versions":false})")->as_of_versions);
}

TEST_CASE("checkpoint settings accept their limits", "[config]") {
  std::string longest(256, 'a');
  Result<ServerConfig> c = parse_config(R"({"origin":")" + longest +
                                        R"(","checkpoint_interval_ms":10,"signing_key":"k"})");
  REQUIRE(c.status().to_string() == "OK");
  CHECK(c->origin == longest);
  CHECK(c->signing_key == "k");
  CHECK(c->checkpoint_interval == 10ms);
  c = parse_config(R"({"origin":"a","checkpoint_interval_ms":1000})");
  REQUIRE(c.status().to_string() == "OK");
  CHECK(c->origin == "a");
  CHECK(c->checkpoint_interval == 1000ms);
}

TEST_CASE("is_valid_origin allows printable ASCII without space or plus", "[config]") {
  CHECK(is_valid_origin("thidua.local/log"));
  CHECK(is_valid_origin("example.com/a_b-c~d:1"));
  CHECK(is_valid_origin(std::string(256, 'x')));
  for (std::string bad :
       {std::string(), std::string(257, 'x'), std::string("a b"), std::string("a+b"),
        std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"),
        std::string("nh\xe1\xba\xadt"), std::string("a\0b", 3)}) {
    INFO(bad);
    CHECK_FALSE(is_valid_origin(bad));
  }
}

TEST_CASE("unknown keys, wrong types and bad values name the key", "[config]") {
  auto [text, key] = GENERATE(table<std::string, std::string>({
      {R"({"listn":"127.0.0.1:1"})", "listn"},
      {R"({"listen":8080})", "listen"},
      {R"({"listen":"127.0.0.1"})", "listen"},
      {R"({"listen":"example.com:80"})", "listen"},
      {R"({"body_limit":"1"})", "body_limit"},
      {R"({"body_limit":-1})", "body_limit"},
      {R"({"body_limit":0})", "body_limit"},
      {R"({"body_limit":1.5})", "body_limit"},
      {R"({"header_limit":10})", "header_limit"},
      {R"({"threads":0})", "threads"},
      {R"({"threads":true})", "threads"},
      {R"({"read_timeout_ms":0})", "read_timeout_ms"},
      {R"({"write_timeout_ms":null})", "write_timeout_ms"},
      {R"({"tokens":{}})", "tokens"},
      {R"({"tokens":[{"sha256":"ab","role":"admin"}]})", "tokens[0]"},
      {R"({"tokens":[{"role":"admin"}]})", "tokens[0]"},
      {R"({"tokens":[{"sha256":1,"role":"admin"}]})", "sha256"},
      {R"({"tokens":[{"sha256":"x","role":"admin","extra":1}]})", "extra"},
      {R"({"origin":""})", "origin"},
      {R"({"origin":"a b"})", "origin"},
      {R"({"origin":"a+b"})", "origin"},
      {R"({"origin":"a\nb"})", "origin"},
      {R"({"origin":"nh\u1eadt"})", "origin"},
      {R"({"origin":7})", "origin"},
      {R"({"origin":")" + std::string(257, 'a') + R"("})", "origin"},
      {R"({"signing_key":""})", "signing_key"},
      {R"({"signing_key":1})", "signing_key"},
      {R"({"signing_key":"a\u0000b"})", "signing_key"},
      {R"({"checkpoint_interval_ms":9})", "checkpoint_interval_ms"},
      {R"({"checkpoint_interval_ms":1001})", "checkpoint_interval_ms"},
      {R"({"checkpoint_interval_ms":"1000"})", "checkpoint_interval_ms"},
      {R"({"checkpoint_interval":1000})", "checkpoint_interval"},
      {R"({"as_of_cache_mib":-1})", "as_of_cache_mib"},
      {R"({"tokens":[{"sha256":")" + std::string(64, 'a') +
           R"(","role":"unit","council":"organization/so-a"}]})",
       "council"},
      {R"({"tokens":[{"sha256":")" + std::string(64, 'a') +
           R"(","role":"unit","council":"council/hd-a"}]})",
       "organization"},
      {R"({"as_of_cache_mib":65537})", "as_of_cache_mib"},
      {R"({"as_of_cache_mib":"64"})", "as_of_cache_mib"},
      {R"({"as_of_versions":"yes"})", "as_of_versions"},
      {R"({"as_of_versions":1})", "as_of_versions"},
  }));
  INFO(text);
  CHECK(message_of(text).find(key) != std::string::npos);
}

TEST_CASE("a token configured twice is an error", "[config]") {
  std::string hex = to_hex(sha256("t"));
  std::string entry = R"({"sha256":")" + hex + R"(","role":"auditor"})";
  CHECK(message_of(R"({"tokens":[)" + entry + "," + entry + "]}").find("tokens[1]") !=
        std::string::npos);
}

TEST_CASE("text that is not a JSON object is an error", "[config]") {
  CHECK_FALSE(message_of("{").empty());
  CHECK_FALSE(message_of("[]").empty());
  CHECK_FALSE(message_of("").empty());
}

TEST_CASE("parse_listen_address takes IP literals and ports", "[config]") {
  CHECK(*parse_listen_address("127.0.0.1:0") == tcp::endpoint(make_address("127.0.0.1"), 0));
  CHECK(*parse_listen_address("localhost:80") == tcp::endpoint(make_address("127.0.0.1"), 80));
  CHECK(*parse_listen_address("[::1]:65535") == tcp::endpoint(make_address("::1"), 65535));
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                          "127.0.0.1:8o", "::1:80", "host:80", ":80"}) {
    INFO(bad);
    CHECK_FALSE(parse_listen_address(bad).is_ok());
  }
}

TEST_CASE("load_config reads a file and reports a missing one", "[config]") {
  thidua::testing::TempDir dir("thidua-http-config");
  std::filesystem::path path = dir.path() / "thiduad.json";
  std::ofstream(path) << R"({"threads": 3})";
  Result<ServerConfig> c = load_config(path);
  REQUIRE(c.is_ok());
  CHECK(c->server.threads == 3);
  Result<ServerConfig> missing = load_config(dir.path() / "absent.json");
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == Status::Code::kIOError);
  std::ofstream(path) << R"({"threads": "3"})";
  Result<ServerConfig> bad = load_config(path);
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().message().find(path.string()) != std::string::npos);
}

}  // namespace
}  // namespace thidua::http
