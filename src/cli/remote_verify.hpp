// `thidua verify --url`: a monitor's check of a running server from the outside.
#pragma once

#include <string>

namespace thidua::cli {

// Verifies the server at `url`: its checkpoint's signature (against `key`, or the server's own
// key when empty), its root recomputed from the event feed, and, when `since_file` names a
// checkpoint saved earlier, that the new one extends it. Saves the new checkpoint to
// `since_file` when given. Returns the exit status (0 ok, 1 fault, 2 usage).
int verify_remote(const std::string& url, const std::string& key, const std::string& since_file);

}  // namespace thidua::cli
