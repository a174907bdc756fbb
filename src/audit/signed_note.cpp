#include "thidua/audit/signed_note.hpp"

#include <cassert>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "ed25519.hpp"
#include "thidua/util/base64.hpp"
#include "thidua/util/sha256.hpp"

namespace thidua::audit {
namespace {

// The signature type byte of Ed25519 in signed notes.
constexpr char kAlgEd25519 = 0x01;
constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // U+2014, U+0020
constexpr std::string_view kSignerKeyPrefix = "PRIVATE+KEY+";

// The code point of the UTF-8 sequence starting at s[i] and its length in bytes, or nullopt
// when the sequence is invalid (truncated, overlong, a surrogate, or beyond U+10FFFF).
std::optional<std::pair<char32_t, std::size_t>> decode_utf8(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return std::pair<char32_t, std::size_t>{c, 1};
  std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c >= 0xF8 || i + len > s.size()) return std::nullopt;
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return std::nullopt;
  }
  return std::pair<char32_t, std::size_t>{cp, len};
}

// Unicode White_Space, the set Go's unicode.IsSpace tests.
bool is_unicode_space(char32_t cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// True when every character of `s` is valid UTF-8 and passes `ok`.
template <typename Pred>
bool all_code_points(std::string_view s, Pred ok) {
  for (std::size_t i = 0; i < s.size();) {
    auto rune = decode_utf8(s, i);
    if (!rune || !ok(rune->first)) return false;
    i += rune->second;
  }
  return true;
}

bool is_valid_note_bytes(std::string_view s) {
  return all_code_points(s, [](char32_t cp) { return cp >= 0x20 || cp == '\n'; });
}

// SHA-256(name || "\n" || encoded key)[:4], big-endian; `encoded_key` includes the type byte.
std::uint32_t compute_key_hash(std::string_view name, std::string_view encoded_key) {
  Sha256 h;
  h.update(name);
  h.update("\n");
  h.update(encoded_key);
  Digest d = h.finish();
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         std::uint32_t{d[3]};
}

std::string hex8(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

std::string key_id(std::string_view name, std::uint32_t hash) {
  return std::string(name) + "+" + hex8(hash);
}

// Exactly eight hex digits, either case, as Go's strconv.ParseUint(s, 16, 32) accepts them.
std::optional<std::uint32_t> parse_hex8(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<std::uint32_t>(d);
  }
  return v;
}

// Removes from `rest` and returns the part before the first `sep` (all of it when none).
std::string_view chop(std::string_view& rest, char sep) {
  std::size_t i = rest.find(sep);
  std::string_view head = rest.substr(0, i);
  rest = i == std::string_view::npos ? std::string_view() : rest.substr(i + 1);
  return head;
}

std::uint32_t be32(std::string_view s) {
  auto b = [&](std::size_t k) { return std::uint32_t{static_cast<unsigned char>(s[k])}; };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

std::string encode_be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// "<name>+<hex8>+<base64 key>", the common tail of both key strings.
struct KeyParts {
  std::string name;
  std::uint32_t hash = 0;
  std::string key;  // decoded, type byte first
};

std::optional<KeyParts> parse_key_parts(std::string_view s) {
  std::string_view name = chop(s, '+');
  std::optional<std::uint32_t> hash = parse_hex8(chop(s, '+'));
  std::optional<std::string> key = base64_decode(s);
  if (!is_valid_key_name(name) || !hash || !key || key->empty()) return std::nullopt;
  return KeyParts{std::string(name), *hash, std::move(*key)};
}

}  // namespace

bool is_valid_key_name(std::string_view name) {
  return !name.empty() && all_code_points(name, [](char32_t cp) {
    return cp >= 0x20 && cp != 0x7F && cp != '+' && !is_unicode_space(cp);
  });
}

bool is_valid_note_text(std::string_view text) {
  return !text.empty() && text.back() == '\n' && is_valid_note_bytes(text);
}

// ---- Ed25519Signer ----------------------------------------------------------------------------

Ed25519Signer::Ed25519Signer(std::string name, std::string seed, std::string public_key)
    : name_(std::move(name)),
      seed_(std::move(seed)),
      public_key_(std::move(public_key)),
      key_hash_(compute_key_hash(name_, kAlgEd25519 + public_key_)) {}

Ed25519Signer::~Ed25519Signer() { ed25519::wipe(seed_); }

Result<Ed25519Signer> Ed25519Signer::generate(std::string name) {
  if (!is_valid_key_name(name)) {
    return Status::invalid_argument("invalid key name '" + name +
                                    "': want non-empty UTF-8 without spaces or '+'");
  }
  std::optional<std::string> seed = ed25519::random_seed();
  std::optional<std::string> pub = seed ? ed25519::public_key_from_seed(*seed) : std::nullopt;
  if (!pub) return Status::io_error("cannot generate an Ed25519 key: OpenSSL failed");
  return Ed25519Signer(std::move(name), std::move(*seed), std::move(*pub));
}

Result<Ed25519Signer> Ed25519Signer::from_signer_key(std::string_view signer_key_string) {
  std::string_view s = signer_key_string;
  std::optional<KeyParts> parts;
  if (s.starts_with(kSignerKeyPrefix)) parts = parse_key_parts(s.substr(kSignerKeyPrefix.size()));
  if (!parts) {
    return Status::invalid_argument(
        "malformed signer key: want PRIVATE+KEY+<name>+<hex8 key hash>+<base64 key>");
  }
  ed25519::WipeOnExit wipe_key(parts->key);
  if (parts->key[0] != kAlgEd25519 || parts->key.size() != 1 + ed25519::kSeedSize) {
    return Status::invalid_argument("signer key for " + parts->name +
                                    " is not an Ed25519 key (0x01 and a 32-byte seed)");
  }
  std::string seed = parts->key.substr(1);
  ed25519::WipeOnExit wipe_seed(seed);
  std::optional<std::string> pub = ed25519::public_key_from_seed(seed);
  if (!pub) return Status::io_error("cannot load an Ed25519 key: OpenSSL failed");
  if (compute_key_hash(parts->name, kAlgEd25519 + *pub) != parts->hash) {
    return Status::invalid_argument("signer key hash for " + parts->name +
                                    " does not match its key");
  }
  return Ed25519Signer(std::move(parts->name), seed, std::move(*pub));
}

std::string Ed25519Signer::signer_key() const {
  return std::string(kSignerKeyPrefix) + key_id(name_, key_hash_) + "+" +
         base64_encode(kAlgEd25519 + seed_);
}

std::string Ed25519Signer::verifier_key() const {
  return key_id(name_, key_hash_) + "+" + base64_encode(kAlgEd25519 + public_key_);
}

std::string Ed25519Signer::sign(std::string_view message) const {
  std::optional<std::string> sig = ed25519::sign(seed_, message);
  // The seed was checked when the signer was built; failure now means OpenSSL is broken, and
  // no checkpoint could be trusted afterwards.
  if (!sig) {
    std::fputs("fatal: OpenSSL Ed25519 signing failed\n", stderr);
    std::abort();
  }
  return *sig;
}

// ---- NoteVerifier -----------------------------------------------------------------------------

NoteVerifier::NoteVerifier(std::string name, std::string public_key, std::uint32_t key_hash)
    : name_(std::move(name)), public_key_(std::move(public_key)), key_hash_(key_hash) {}

Result<NoteVerifier> NoteVerifier::parse(std::string_view verifier_key_string) {
  std::optional<KeyParts> parts = parse_key_parts(verifier_key_string);
  if (!parts) {
    return Status::invalid_argument(
        "malformed verifier key: want <name>+<hex8 key hash>+<base64 key>");
  }
  if (compute_key_hash(parts->name, parts->key) != parts->hash) {
    return Status::invalid_argument("verifier key hash for " + parts->name +
                                    " does not match its key");
  }
  if (parts->key[0] != kAlgEd25519 || parts->key.size() != 1 + ed25519::kPublicKeySize) {
    return Status::invalid_argument("verifier key for " + parts->name +
                                    " is not an Ed25519 key (0x01 and a 32-byte key)");
  }
  return NoteVerifier(std::move(parts->name), parts->key.substr(1), parts->hash);
}

bool NoteVerifier::verify(std::string_view message, std::string_view signature) const {
  return ed25519::verify(public_key_, message, signature);
}

// ---- notes ------------------------------------------------------------------------------------

std::string sign_note(std::string_view text, const Ed25519Signer& signer) {
  assert(is_valid_note_text(text));
  std::string sig = base64_encode(encode_be32(signer.key_hash()) + signer.sign(text));
  std::string note(text);
  note += "\n";
  note += kEmDashSpace;
  note += signer.name() + " " + sig + "\n";
  return note;
}

namespace {

struct SignatureLine {
  std::string_view name;
  std::uint32_t hash = 0;
  std::string signature;  // without the key hash
};

Status malformed(const std::string& why) {
  return Status::invalid_argument("malformed note: " + why);
}

Result<SignatureLine> parse_signature_line(std::string_view line) {
  if (!line.starts_with(kEmDashSpace)) {
    return malformed("a signature line does not start with an em dash (U+2014) and a space");
  }
  std::string_view rest = line.substr(kEmDashSpace.size());
  std::string_view name = chop(rest, ' ');
  std::optional<std::string> raw = base64_decode(rest);
  if (!is_valid_key_name(name)) return malformed("a signature line has an invalid key name");
  if (rest.empty() || !raw || raw->size() < 5) {
    return malformed("the signature of " + std::string(name) + " is not valid base64 of 5+ bytes");
  }
  return SignatureLine{name, be32(*raw), raw->substr(4)};
}

// Checks every signature line of `sigs` ("— ...\n" lines) and reports whether one by `verifier`
// verified; `others` collects the keys of the lines ignored.
Result<bool> check_signatures(std::string_view text, std::string_view sigs,
                              const NoteVerifier& verifier, std::set<std::string>& others) {
  bool verified = false;
  for (std::size_t count = 1; !sigs.empty(); ++count) {
    if (count > kMaxNoteSignatures) {
      return malformed("more than " + std::to_string(kMaxNoteSignatures) + " signatures");
    }
    Result<SignatureLine> sig = parse_signature_line(chop(sigs, '\n'));
    if (!sig.is_ok()) return sig.status();
    if (sig->name != verifier.name() || sig->hash != verifier.key_hash()) {
      others.insert(key_id(sig->name, sig->hash));
      continue;
    }
    if (verified) continue;
    if (!verifier.verify(text, sig->signature)) {
      return Status::invalid_argument("note signature of key " +
                                      key_id(verifier.name(), verifier.key_hash()) +
                                      " does not verify");
    }
    verified = true;
  }
  return verified;
}

std::string join(const std::set<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out.empty() ? "none" : out;
}

}  // namespace

Result<std::string> open_note(std::string_view note, const NoteVerifier& verifier) {
  if (note.size() > kMaxNoteSize) {
    return malformed("larger than " + std::to_string(kMaxNoteSize) + " bytes");
  }
  if (!is_valid_note_bytes(note)) {
    return malformed("not UTF-8, or holds a control character other than newline");
  }
  // The text ends at the last blank line; it keeps its own final newline.
  std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return malformed("no blank line before the signatures");
  std::string_view text = note.substr(0, split + 1);
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty()) return malformed("no signature lines after the last blank line");
  if (sigs.back() != '\n') return malformed("the last signature line does not end with a newline");
  std::set<std::string> others;
  Result<bool> verified = check_signatures(text, sigs, verifier, others);
  if (!verified.is_ok()) return verified.status();
  if (!*verified) {
    return Status::invalid_argument("note is not signed by key " +
                                    key_id(verifier.name(), verifier.key_hash()) +
                                    "; it is signed by: " + join(others));
  }
  return std::string(text);
}

}  // namespace thidua::audit
