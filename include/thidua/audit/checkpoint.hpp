// Checkpoints (C2SP tlog-checkpoint, https://c2sp.org/tlog-checkpoint): the text of the signed
// note that commits the log to a Merkle tree head.
//
// The body is at least three lines, each ending in "\n":
//   <origin>                  the log's identity, non-empty
//   <tree size>               decimal, no leading zeros ("0" for the empty tree)
//   <base64 root hash>        the RFC 6962 Merkle tree hash of the first <tree size> leaves
//   <extension line>...       optional, opaque, each non-empty
// Signing and verifying it is the business of signed_note.hpp: sign_note(body(), signer).
//
// Thread-safety: a plain value; parse() is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/util/sha256.hpp"
#include "thidua/util/status.hpp"

namespace thidua::audit {

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Digest root{};
  std::vector<std::string> extensions;

  // The note text: origin, size, root and extension lines, each followed by "\n".
  // REQUIRES: origin and every extension are non-empty and hold no control character.
  std::string body() const;

  // The checkpoint whose body is `body`, parsed strictly. kInvalidArgument naming the faulty
  // line when the body does not end in "\n", is not UTF-8 or holds a control character other
  // than newline, has fewer than three lines or an empty line, a tree size that is not
  // canonical decimal or overflows 64 bits, or a root that is not canonical base64 of exactly
  // 32 bytes.
  static Result<Checkpoint> parse(std::string_view body);

  bool operator==(const Checkpoint&) const = default;
};

}  // namespace thidua::audit
