// The API's own description: the OpenAPI 3.1 document and the JSON Schemas it refers to, both
// built into the binary, so that an integrator (or a validator, or a code generator) can fetch
// everything the API's contract is made of from the server itself. Public reads (no token).
//
// GET /v1/openapi.json -> 200 application/json: schemas/openapi.json as built. Its schema
//   references are relative ("schemas/commands/EnterScore.v1.json"), so resolved against where
//   it is served they name the route below.
// GET /v1/schemas/{path...} -> 200 application/schema+json: the schema file `path` of schemas/
//   (e.g. "commands/EnterScore.v1.json", "common.v1.json"), as built but for its references;
//   404 problem for any other path. The slashes of `path` may be sent as they are or
//   percent-encoded.
//
// The schemas name themselves and one another under codec::kSchemaBaseUri, a name that cannot
// be fetched. Both routes serve each document with every "$id" and "$ref" under that base
// rebased onto kSchemasPath (rebase_schema_references), so that everything the document refers
// to, directly or through a schema, resolves against the server that served it, whatever its
// host name, scheme or port: a client needs no mapping of its own. The schemas as built stay
// the single source: the codec validates with them as they are.
//
// Both carry a strong ETag (from the SHA-256 of the bytes served) and "Cache-Control:
// no-cache"; an If-None-Match that names the ETag (or is "*") gets 304 without a body.
//
// Thread-safety: the handlers only read immutable data built when the routes are added.
#pragma once

#include <string>
#include <string_view>

#include "thidua/http/router.hpp"

namespace thidua::http {

inline constexpr std::string_view kSchemaJson = "application/schema+json";

// Where the schemas are served, and so the base of every served "$id" and "$ref" that names
// one: "/v1/schemas/common.v1.json#/definitions/Id".
inline constexpr std::string_view kSchemasPath = "/v1/schemas/";

// The OpenAPI document as built into the binary (schemas/openapi.json). Static storage.
std::string_view openapi_document();

// `text` as served: every string value of a "$id" or "$ref" member that begins with
// codec::kSchemaBaseUri begins with kSchemasPath instead; every other byte is kept, so the
// answer parses to the same document but for those values. REQUIRES: `text` is JSON, with
// member names written without escapes.
std::string rebase_schema_references(std::string_view text);

// Adds the two routes above.
void add_openapi_routes(Router& router);

}  // namespace thidua::http
