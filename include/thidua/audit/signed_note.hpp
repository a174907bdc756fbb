// Signed notes (C2SP signed-note, https://c2sp.org/signed-note) with Ed25519 keys.
//
// A signed note is a text ending in a newline, a blank line, and one or more signature lines
// "— <key name> <base64(4-byte key hash || signature)>\n" (U+2014 em dash). The log signs its
// checkpoints this way, and anyone holding the verifier key can check them offline with any
// implementation of the format (the Go package golang.org/x/mod/sumdb/note among them).
//
// Keys travel as strings in the format of that Go package:
//   verifier key  <name>+<hex8 key hash>+<base64(0x01 || 32-byte public key)>
//   signer key    PRIVATE+KEY+<name>+<hex8 key hash>+<base64(0x01 || 32-byte private seed)>
// where the key hash is the first four bytes, big-endian, of
// SHA-256(name || "\n" || 0x01 || public key). A key name is non-empty UTF-8 with no Unicode
// space, no '+' and no ASCII control character.
//
// Thread-safety: Ed25519Signer and NoteVerifier are immutable after construction; their const
// methods may be called from any number of threads at once. The free functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "thidua/util/status.hpp"

namespace thidua::audit {

// Notes larger than this, or with more signature lines than this, are refused unread.
inline constexpr std::size_t kMaxNoteSize = 1 << 20;
inline constexpr std::size_t kMaxNoteSignatures = 100;

// True when `name` may name a key: non-empty, valid UTF-8, without Unicode spaces, '+' or
// ASCII control characters.
bool is_valid_key_name(std::string_view name);

// True when `text` may be the text of a note: non-empty, ends with "\n", valid UTF-8, and no
// ASCII control character other than newline.
bool is_valid_note_text(std::string_view text);

// An Ed25519 private key with its key name. Holds the secret seed; it is wiped on destruction.
class Ed25519Signer {
 public:
  // A new key from OpenSSL's random generator. kInvalidArgument when `name` is not a valid key
  // name; kIOError when the generator fails.
  static Result<Ed25519Signer> generate(std::string name);

  // The key encoded by a signer key string (see the top of this file). kInvalidArgument when
  // the string is malformed, names another algorithm, or its key hash does not match the key.
  // Error messages never repeat the string, which is secret.
  static Result<Ed25519Signer> from_signer_key(std::string_view signer_key_string);

  Ed25519Signer(const Ed25519Signer&) = default;
  Ed25519Signer& operator=(const Ed25519Signer&) = default;
  Ed25519Signer(Ed25519Signer&&) = default;
  Ed25519Signer& operator=(Ed25519Signer&&) = default;
  ~Ed25519Signer();

  // "PRIVATE+KEY+<name>+<hash>+<key>": the secret; store it readable by its owner only.
  std::string signer_key() const;
  // "<name>+<hash>+<key>": public; give it to whoever verifies.
  std::string verifier_key() const;
  const std::string& name() const { return name_; }
  std::uint32_t key_hash() const { return key_hash_; }

  // The 64-byte Ed25519 signature of `message` (deterministic, RFC 8032).
  std::string sign(std::string_view message) const;

 private:
  Ed25519Signer(std::string name, std::string seed, std::string public_key);

  std::string name_;
  std::string seed_;        // 32 bytes, secret
  std::string public_key_;  // 32 bytes
  std::uint32_t key_hash_;
};

// An Ed25519 public key with its key name, parsed from a verifier key string.
class NoteVerifier {
 public:
  // kInvalidArgument when the string is malformed, names another algorithm than Ed25519 (0x01),
  // or its key hash does not match its name and key.
  static Result<NoteVerifier> parse(std::string_view verifier_key_string);

  const std::string& name() const { return name_; }
  std::uint32_t key_hash() const { return key_hash_; }

  // True when `signature` (64 raw bytes) is this key's signature of `message`.
  bool verify(std::string_view message, std::string_view signature) const;

 private:
  NoteVerifier(std::string name, std::string public_key, std::uint32_t key_hash);

  std::string name_;
  std::string public_key_;  // 32 bytes
  std::uint32_t key_hash_;
};

// `text` + "\n" + "— <name> <base64(key hash || signature of text)>\n".
// REQUIRES: is_valid_note_text(text).
std::string sign_note(std::string_view text, const Ed25519Signer& signer);

// The text of `note` (with its final newline) when a signature line names `verifier` (same key
// name and key hash) and verifies. Signature lines of other keys are ignored, as the
// specification requires; repeated lines of `verifier` are checked once. kInvalidArgument when
// the note is malformed (over kMaxNoteSize bytes, invalid UTF-8, a control character, no
// blank line before the signatures, a signature line that is not "— <name> <base64>\n", more
// than kMaxNoteSignatures lines), when a signature of `verifier` fails to verify, or when no
// line is signed by `verifier`; the message says which and names the keys that did sign.
Result<std::string> open_note(std::string_view note, const NoteVerifier& verifier);

}  // namespace thidua::audit
