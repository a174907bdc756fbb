#include "thidua/audit/signed_note.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

#include "thidua/util/base64.hpp"
#include "thidua/util/sha256.hpp"

using namespace thidua;
using namespace thidua::audit;

namespace {

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string hex8(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// The key hash computed here independently of the library: SHA-256(name "\n" 0x01 key)[:4].
std::uint32_t expected_key_hash(const std::string& name, const std::string& public_key) {
  Digest d = sha256(name + "\n" + '\x01' + public_key);
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         std::uint32_t{d[3]};
}

// The example keys and notes of golang.org/x/mod/sumdb/note (its documentation and tests).
const std::string kPeterVerifierKey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const std::string kPeterSignerKey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const std::string kEnochVerifierKey =
    "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const std::string kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kPeterSig =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const std::string kEnochSig =
    "\xE2\x80\x94 EnochRoot "
    "rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/"
    "5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

NoteVerifier verifier(const std::string& key) {
  Result<NoteVerifier> v = NoteVerifier::parse(key);
  REQUIRE(v.is_ok());
  return *v;
}

Ed25519Signer signer_named(const std::string& name) {
  Result<Ed25519Signer> s = Ed25519Signer::generate(name);
  REQUIRE(s.is_ok());
  return *s;
}

std::string error_of(std::string_view note, const NoteVerifier& v) {
  Result<std::string> r = open_note(note, v);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  return r.status().message();
}

}  // namespace

TEST_CASE("Ed25519 keys reproduce the RFC 8032 section 7.1 test vectors", "[signed_note]") {
  struct Vector {
    const char* seed;
    const char* public_key;
    const char* message;
    const char* signature;
  };
  const Vector vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
       "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
       "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
  };
  for (const Vector& v : vectors) {
    INFO(v.seed);
    const std::string name = "rfc8032.example/test";
    const std::string pub = from_hex(v.public_key);
    const std::string hash = hex8(expected_key_hash(name, pub));
    // The library checks the hash against the public key it derives from the seed, so this
    // load succeeds only when the derived key is the RFC's.
    Result<Ed25519Signer> signer = Ed25519Signer::from_signer_key(
        "PRIVATE+KEY+" + name + "+" + hash + "+" + base64_encode('\x01' + from_hex(v.seed)));
    REQUIRE(signer.is_ok());
    CHECK(signer->key_hash() == expected_key_hash(name, pub));
    CHECK(signer->verifier_key() == name + "+" + hash + "+" + base64_encode('\x01' + pub));
    CHECK(to_hex(signer->sign(from_hex(v.message))) == v.signature);
    NoteVerifier nv = verifier(signer->verifier_key());
    CHECK(nv.verify(from_hex(v.message), from_hex(v.signature)));
    CHECK_FALSE(nv.verify(from_hex(v.message) + "x", from_hex(v.signature)));
  }
}

TEST_CASE("the Go note package's example key signs and verifies byte for byte", "[signed_note]") {
  Result<Ed25519Signer> peter = Ed25519Signer::from_signer_key(kPeterSignerKey);
  REQUIRE(peter.is_ok());
  CHECK(peter->name() == "PeterNeumann");
  CHECK(peter->key_hash() == 0xc74f20a3u);
  CHECK(peter->verifier_key() == kPeterVerifierKey);
  CHECK(peter->signer_key() == kPeterSignerKey);
  CHECK(sign_note(kText, *peter) == kText + "\n" + kPeterSig);

  NoteVerifier v = verifier(kPeterVerifierKey);
  CHECK(v.name() == "PeterNeumann");
  CHECK(v.key_hash() == 0xc74f20a3u);
  Result<std::string> text = open_note(kText + "\n" + kPeterSig, v);
  REQUIRE(text.is_ok());
  CHECK(*text == kText);
}

TEST_CASE("open_note ignores signatures of other keys, as the specification requires",
          "[signed_note]") {
  const std::string both = kText + "\n" + kPeterSig + kEnochSig;
  CHECK(open_note(both, verifier(kPeterVerifierKey)).value() == kText);
  CHECK(open_note(both, verifier(kEnochVerifierKey)).value() == kText);
  std::string msg = error_of(both, verifier(signer_named("other.example").verifier_key()));
  CHECK_THAT(msg, Catch::Contains("not signed by key other.example+"));
  CHECK_THAT(msg, Catch::Contains("EnochRoot+af0cfe78"));
  CHECK_THAT(msg, Catch::Contains("PeterNeumann+c74f20a3"));
  // A repeated line of the trusted key is checked once; duplicates of others are ignored.
  CHECK(open_note(kText + "\n" + kPeterSig + kPeterSig + kEnochSig + kEnochSig,
                  verifier(kPeterVerifierKey))
            .is_ok());
}

TEST_CASE("sign_note and open_note round-trip with a generated key", "[signed_note]") {
  Ed25519Signer signer = signer_named("thidua.example/log");
  const std::string text = "thidua.example/log\n7\n\nan empty line above is part of the text\n";
  std::string note = sign_note(text, signer);
  CHECK(note.starts_with(text + "\n\xE2\x80\x94 thidua.example/log "));
  CHECK(note.ends_with("\n"));
  Result<std::string> opened = open_note(note, verifier(signer.verifier_key()));
  REQUIRE(opened.is_ok());
  CHECK(*opened == text);

  // The signer key string reloads to the same key.
  Result<Ed25519Signer> again = Ed25519Signer::from_signer_key(signer.signer_key());
  REQUIRE(again.is_ok());
  CHECK(again->verifier_key() == signer.verifier_key());
  CHECK(again->sign("m") == signer.sign("m"));
  CHECK(signer.sign("m").size() == 64);

  // Two generated keys differ.
  CHECK(signer_named("thidua.example/log").verifier_key() != signer.verifier_key());
}

TEST_CASE("open_note rejects tampered notes and signatures from the wrong key", "[signed_note]") {
  NoteVerifier peter = verifier(kPeterVerifierKey);
  const std::string good = kText + "\n" + kPeterSig;
  REQUIRE(open_note(good, peter).is_ok());

  SECTION("tampered text") {
    std::string bad = good;
    bad[bad.find("cryptography")] = 'C';
    CHECK_THAT(error_of(bad, peter), Catch::Contains("PeterNeumann+c74f20a3 does not verify"));
  }
  SECTION("tampered signature") {
    std::string raw = *base64_decode(kPeterSig.substr(17, kPeterSig.size() - 18));
    raw[10] ^= 0x01;
    std::string line = "\xE2\x80\x94 PeterNeumann " + base64_encode(raw) + "\n";
    CHECK_THAT(error_of(kText + "\n" + line, peter), Catch::Contains("does not verify"));
  }
  SECTION("signature inserted into, as in the Go tests") {
    std::string sig = kPeterSig.substr(0, 60) + "ABCD" + kPeterSig.substr(60);
    CHECK_THAT(error_of(kText + "\n" + sig, peter),
               Catch::Contains("signature of key PeterNeumann+c74f20a3 does not verify"));
  }
  SECTION("right name, wrong key hash") {
    std::string raw = *base64_decode(kPeterSig.substr(17, kPeterSig.size() - 18));
    raw[3] ^= 0x01;
    std::string line = "\xE2\x80\x94 PeterNeumann " + base64_encode(raw) + "\n";
    CHECK_THAT(error_of(kText + "\n" + line, peter),
               Catch::Contains("not signed by key PeterNeumann+c74f20a3") &&
                   Catch::Contains("PeterNeumann+c74f20a2"));
  }
  SECTION("right key hash, wrong name") {
    std::string line = kPeterSig;
    line.replace(line.find("PeterNeumann"), 12, "PeterNeuman");
    CHECK_THAT(error_of(kText + "\n" + line, peter),
               Catch::Contains("not signed by key PeterNeumann+c74f20a3"));
  }
  SECTION("a verifier of another key with the same name") {
    Ed25519Signer impostor = signer_named("PeterNeumann");
    CHECK_THAT(error_of(good, verifier(impostor.verifier_key())),
               Catch::Contains("not signed by key PeterNeumann+"));
  }
}

TEST_CASE("open_note rejects malformed notes", "[signed_note]") {
  NoteVerifier peter = verifier(kPeterVerifierKey);
  const std::string no_final_newline = kText + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1);
  std::string hyphen = kPeterSig;
  hyphen.replace(0, 3, "-");
  std::string en_dash = kPeterSig;
  en_dash.replace(0, 3, "\xE2\x80\x93");
  const std::pair<std::string, std::string> bad[] = {
      {kText, "no blank line"},
      {kText + "\n", "no signature lines"},
      {kText + kPeterSig, "no blank line"},
      {no_final_newline, "does not end with a newline"},
      {kText + "\n" + hyphen, "em dash"},
      {kText + "\n" + en_dash, "em dash"},
      {kText + "\n" + kPeterSig.substr(4), "em dash"},
      {"\x01" + kText + "\n" + kPeterSig, "control character"},
      {"\xff" + kText + "\n" + kPeterSig, "not UTF-8"},
      {"\xED\xA0\x80" + kText + "\n" + kPeterSig, "not UTF-8"},  // a surrogate
      {"\xC0\xAF" + kText + "\n" + kPeterSig, "not UTF-8"},      // overlong '/'
      {kText + "\r\n" + kPeterSig, "control character"},
      {kText + "\n\xE2\x80\x94 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FF"
               "YC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
       "base64"},
      {kText + "\n\xE2\x80\x94 PeterNeumann\n", "base64"},
      {kText + "\n\xE2\x80\x94 PeterNeumann \n", "base64"},
      {kText + "\n\xE2\x80\x94 PeterNeumann AAAAAA==\n", "base64"},  // 4 bytes: a hash only
      {kText + "\n\xE2\x80\x94 Peter+Neumann AAAAAAA=\n", "invalid key name"},
      {kText + "\n" + kPeterSig + "Unexpected line.\n", "em dash"},
      {kText + "\n" + kPeterSig + "\n", "no signature lines"},
  };
  for (const auto& [note, why] : bad) {
    INFO(note);
    std::string msg = error_of(note, peter);
    CHECK_THAT(msg, Catch::StartsWith("malformed note: ") && Catch::Contains(why));
  }
}

TEST_CASE("open_note limits the number of signatures and the size of a note", "[signed_note]") {
  NoteVerifier peter = verifier(kPeterVerifierKey);
  std::string sigs;
  for (int i = 0; i < 100; ++i) sigs += kPeterSig;
  CHECK(open_note(kText + "\n" + sigs, peter).is_ok());
  CHECK_THAT(error_of(kText + "\n" + sigs + kPeterSig, peter),
             Catch::Contains("more than 100 signatures"));

  std::string big(kMaxNoteSize, 'x');
  big.replace(big.size() - kPeterSig.size() - 2, std::string::npos, "\n\n" + kPeterSig);
  REQUIRE(big.size() == kMaxNoteSize);
  CHECK_THAT(error_of(big, peter), Catch::Contains("does not verify"));  // parsed: at the limit
  CHECK_THAT(error_of("x" + big, peter), Catch::Contains("larger than 1048576 bytes"));
}

TEST_CASE("key names follow the signed-note rules", "[signed_note]") {
  for (const char* good : {"a", "example.com/log42", "sum.golang.org",
                           "\xC3\xBC" /* u */ "ber", "a-b_c", "a\xE2\x80\x94z" /* em dash */}) {
    INFO(good);
    CHECK(is_valid_key_name(good));
  }
  const std::string bad_names[] = {"",
                                   "a b",
                                   "a+b",
                                   "a\tb",
                                   "a\nb",
                                   std::string("a\0b", 3),
                                   "a\x01z",
                                   "a\x7fz",
                                   "a\xC2\xA0z",
                                   "a\xE3\x80\x80z",
                                   "a\xE2\x80\x83z",
                                   "a\xE2\x80\xA8z",
                                   "a\xC2\x85z",
                                   "\xff",
                                   "a\xC3"};
  for (const std::string& bad : bad_names) {
    INFO(bad);
    CHECK_FALSE(is_valid_key_name(bad));
  }
  Result<Ed25519Signer> s = Ed25519Signer::generate("bad name");
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.status().code() == Status::Code::kInvalidArgument);
  CHECK_FALSE(Ed25519Signer::generate("a+b").is_ok());
  CHECK_FALSE(Ed25519Signer::generate("").is_ok());
}

TEST_CASE("verifier keys: every truncation and every changed byte is refused", "[signed_note]") {
  const std::string& key = kPeterVerifierKey;
  for (std::size_t i = 0; i <= key.size(); ++i) {
    for (std::size_t j = i + 1; j <= key.size(); ++j) {
      if (i == 0 && j == key.size()) continue;
      INFO(key.substr(i, j - i));
      CHECK_FALSE(NoteVerifier::parse(key.substr(i, j - i)).is_ok());
    }
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    std::string changed = key;
    ++changed[i];
    INFO(changed);
    CHECK_FALSE(NoteVerifier::parse(changed).is_ok());
  }
  // From the Go tests: a key of the wrong length (refused here already as non-canonical base64)
  // and an unknown algorithm, each with a key hash adjusted to match.
  CHECK_FALSE(NoteVerifier::parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/"
                                  "LDE4izWy10TWBADKEY==")
                  .is_ok());
  CHECK_THAT(
      NoteVerifier::parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
          .status()
          .message(),
      Catch::Contains("not an Ed25519 key"));
  // Keys of 31 and 33 bytes in canonical base64, with matching hashes: only the length is wrong.
  const std::string pub =
      base64_decode(key.substr(std::string("PeterNeumann+c74f20a3+").size()))->substr(1);
  for (const std::string& wrong : {pub.substr(1), pub + "x"}) {
    std::string vkey = "PeterNeumann+" + hex8(expected_key_hash("PeterNeumann", wrong)) + "+" +
                       base64_encode('\x01' + wrong);
    INFO(vkey);
    CHECK_THAT(NoteVerifier::parse(vkey).status().message(), Catch::Contains("not an Ed25519 key"));
  }
  CHECK_THAT(NoteVerifier::parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/"
                                 "LDE4izWy10TW")
                 .status()
                 .message(),
             Catch::Contains("does not match"));
  // Go parses the hash with strconv.ParseUint, so upper-case hex is accepted as well.
  CHECK(NoteVerifier::parse("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
            .is_ok());
}

TEST_CASE("signer keys: every truncation and every changed byte is refused", "[signed_note]") {
  const std::string& key = kPeterSignerKey;
  for (std::size_t i = 0; i <= key.size(); ++i) {
    for (std::size_t j = i + 1; j <= key.size(); ++j) {
      if (i == 0 && j == key.size()) continue;
      INFO(key.substr(i, j - i));
      CHECK_FALSE(Ed25519Signer::from_signer_key(key.substr(i, j - i)).is_ok());
    }
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    std::string changed = key;
    ++changed[i];
    INFO(changed);
    Result<Ed25519Signer> r = Ed25519Signer::from_signer_key(changed);
    REQUIRE_FALSE(r.is_ok());
    // The secret never appears in an error message.
    CHECK_THAT(r.status().message(), !Catch::Contains("AYEKFALVFGyNhPJEMzD1QIDr"));
  }
  // A verifier key is not a signer key.
  CHECK_FALSE(Ed25519Signer::from_signer_key(kPeterVerifierKey).is_ok());
}
