#include "thidua/audit/checkpoint.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "thidua/audit/signed_note.hpp"
#include "thidua/util/base64.hpp"

using namespace thidua;
using namespace thidua::audit;

namespace {

Digest digest_of(const std::string& bytes) {
  REQUIRE(bytes.size() == 32);
  Digest d{};
  for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::uint8_t>(bytes[i]);
  return d;
}

// The example body of the C2SP tlog-checkpoint specification.
const std::string kSpecBody =
    "example.com/behind-the-sofa\n"
    "20852163\n"
    "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

std::string parse_error(const std::string& body) {
  Result<Checkpoint> c = Checkpoint::parse(body);
  REQUIRE_FALSE(c.is_ok());
  CHECK(c.status().code() == Status::Code::kInvalidArgument);
  return c.status().message();
}

}  // namespace

TEST_CASE("the specification's example checkpoint parses and re-encodes", "[checkpoint]") {
  Result<Checkpoint> c = Checkpoint::parse(kSpecBody);
  REQUIRE(c.is_ok());
  CHECK(c->origin == "example.com/behind-the-sofa");
  CHECK(c->size == 20852163u);
  CHECK(to_hex(c->root) == to_hex(*base64_decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")));
  CHECK(c->root[0] == 0x0a);
  CHECK(c->extensions.empty());
  CHECK(c->body() == kSpecBody);
}

TEST_CASE("checkpoint bodies round-trip", "[checkpoint]") {
  Checkpoint c;
  c.origin = "thidua.example/log";
  c.size = 0;
  c.root = sha256("");
  CHECK(c.body() == "thidua.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  CHECK(Checkpoint::parse(c.body()).value() == c);

  c.size = 18446744073709551615u;
  c.extensions = {"first extension", "\xE2\x80\x94 second"};
  CHECK(c.body() ==
        "thidua.example/log\n18446744073709551615\n"
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nfirst extension\n"
        "\xE2\x80\x94 second\n");
  CHECK(Checkpoint::parse(c.body()).value() == c);
}

TEST_CASE("a signed checkpoint opens and parses back to itself", "[checkpoint]") {
  Result<Ed25519Signer> signer = Ed25519Signer::generate("thidua.example/log");
  REQUIRE(signer.is_ok());
  Checkpoint c{"thidua.example/log", 42, digest_of(std::string(32, '\x5a')), {}};
  std::string note = sign_note(c.body(), *signer);
  Result<NoteVerifier> verifier = NoteVerifier::parse(signer->verifier_key());
  REQUIRE(verifier.is_ok());
  Result<std::string> text = open_note(note, *verifier);
  REQUIRE(text.is_ok());
  CHECK(Checkpoint::parse(*text).value() == c);
}

TEST_CASE("tree sizes are parsed strictly", "[checkpoint]") {
  const std::string root = "\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  for (const char* size :
       {"01", "00", "007", "-1", "+1", "-0", " 1", "1 ", "1.0", "1e3", "0x10",
        "18446744073709551616", "99999999999999999999", "100000000000000000000", "\xEF\xBC\x91"}) {
    INFO(size);
    CHECK_THAT(parse_error("o" + ("\n" + std::string(size)) + root), Catch::Contains("tree size"));
  }
  CHECK(Checkpoint::parse("o\n0" + root).value().size == 0);
  CHECK(Checkpoint::parse("o\n10" + root).value().size == 10);
  CHECK(Checkpoint::parse("o\n18446744073709551615" + root).value().size == 18446744073709551615u);
}

TEST_CASE("root hashes are parsed strictly", "[checkpoint]") {
  const std::string r31 = base64_encode(std::string(31, 'r'));
  const std::string r33 = base64_encode(std::string(33, 'r'));
  for (const std::string& root :
       {r31, r33, std::string("!!!!"), std::string("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I"),
        std::string("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J="),  // non-zero padding bits
        std::string("CsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I="),  // URL alphabet
        std::string(" CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")}) {
    INFO(root);
    CHECK_THAT(parse_error("o\n1\n" + root + "\n"), Catch::Contains("root hash"));
  }
}

TEST_CASE("checkpoint bodies with missing or empty lines are refused", "[checkpoint]") {
  CHECK_THAT(parse_error(""), Catch::Contains("newline"));
  CHECK_THAT(parse_error(kSpecBody.substr(0, kSpecBody.size() - 1)), Catch::Contains("newline"));
  CHECK_THAT(parse_error("example.com/behind-the-sofa\n20852163\n"),
             Catch::Contains("at least origin, tree size and root hash"));
  CHECK_THAT(parse_error("example.com/behind-the-sofa\n"), Catch::Contains("at least"));
  CHECK_THAT(parse_error("\n" + kSpecBody.substr(kSpecBody.find('\n') + 1)),
             Catch::Contains("line 1 is empty"));
  CHECK_THAT(parse_error(kSpecBody + "\n"), Catch::Contains("line 4 is empty"));
  CHECK_THAT(parse_error(kSpecBody + "ext\n\nmore\n"), Catch::Contains("line 5 is empty"));
  CHECK_THAT(parse_error("origin\twith tab\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"),
             Catch::Contains("control character"));
  CHECK_THAT(parse_error(kSpecBody + "\xff\n"), Catch::Contains("UTF-8"));
}
