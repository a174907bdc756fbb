// Random (version 4) UUIDs in lower-case RFC 4122 text form, from OpenSSL's CSPRNG.
// Thread-safe.
#pragma once

#include <string>

namespace thidua {

std::string new_uuid();

}  // namespace thidua
