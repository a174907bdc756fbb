// The log's signing key on disk: one signer key string (see signed_note.hpp) in a file that
// only its owner may read. Thread-safety: meant to be called once, at startup. It never
// overwrites an existing file, but a caller racing another creator of the same file may find
// that file still empty (reported as kInvalidArgument).
#pragma once

#include <filesystem>
#include <string>

#include "thidua/audit/signed_note.hpp"
#include "thidua/util/status.hpp"

namespace thidua::audit {

// The signer stored in `file` (the key string, optionally followed by one newline). When `file`
// does not exist, generates a key named `name` and writes it there first: created with mode
// 0600 (never readable by others, not even for a moment), synced, and its directory synced.
// Outcomes:
//   kInvalidArgument  `name` is not a valid key name; the file is not a regular file, is
//                     readable or writable by group or others, is empty or malformed; or it
//                     holds a key for another name than `name`. The message says which.
//   kIOError          a system call failed (its errno text is in the message).
Result<Ed25519Signer> load_or_create_signer(const std::filesystem::path& file,
                                            const std::string& name);

}  // namespace thidua::audit
