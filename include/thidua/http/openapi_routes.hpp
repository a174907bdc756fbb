// The API's own description: the OpenAPI 3.1 document and the JSON Schemas it refers to, both
// built into the binary, so that an integrator (or a validator) can fetch everything the API's
// contract is made of from the server itself. Public reads (no token).
//
// GET /v1/openapi.json -> 200 application/json: schemas/openapi.json as built. Its schema
//   references are relative ("schemas/commands/EnterScore.v1.json"), so resolved against where
//   it is served they name the route below.
// GET /v1/schemas/{path...} -> 200 application/schema+json: the schema file `path` of schemas/
//   (e.g. "commands/EnterScore.v1.json", "common.v1.json"), byte for byte; 404 problem for any
//   other path. The slashes of `path` may be sent as they are or percent-encoded.
// Both carry a strong ETag (from the SHA-256 of the bytes) and "Cache-Control: no-cache"; an
// If-None-Match that names the ETag (or is "*") gets 304 without a body.
//
// Thread-safety: the handlers only read immutable data built when the routes are added.
#pragma once

#include <string_view>

#include "thidua/http/router.hpp"

namespace thidua::http {

inline constexpr std::string_view kSchemaJson = "application/schema+json";

// The OpenAPI document as built into the binary (schemas/openapi.json). Static storage.
std::string_view openapi_document();

// Adds the two routes above.
void add_openapi_routes(Router& router);

}  // namespace thidua::http
