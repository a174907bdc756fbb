// The command routes: every POST of the API, decided and appended by app::CommandService.
//
// Each route takes one command, its body a JSON object (Content-Type application/json, else
// 415) valid against the command's schema. Path parameters fill the body's matching members
// when the body leaves them out and must equal them when it does not (400 otherwise): e.g.
// POST /v1/clusters/{id}/years/{year}/scores is EnterScore with "cluster" = id and "year" =
// year. The table of routes is kCommandRoutes (and docs/http.md).
//
// POST /v1/events:batch takes {"commands": [{"command": "<name>", "body": {...}}, ...]}, 1 to
// 1000 commands appended all or none, and answers {"results": [...]}, one result per command.
//
// Success: 201 (200 for an idempotent repeat) with {"position", "subject", "streamversion",
// "id"} of the command's first event, plus "events" (the same four for each event) when it led
// to more than one; the ETag is the quoted streamversion, ready for the next If-Match.
// Headers: Authorization: Bearer (401 without a valid token, 403 when the role may not give
// the command); If-Match: "<streamversion>" (409 when the command's stream is elsewhere);
// Idempotency-Key: 1-128 visible ASCII characters. Errors are problem+json: 400 with
// "errors": [{"pointer", "message"}] for bodies the schema refuses, 422 with "rule" for a rule
// the domain refuses it by, "index" for the failing command of a batch, 503 with Retry-After
// while commands are not taken.
//
// Thread-safety: handlers may run concurrently; the service and the authenticator must
// outlive the router.
#pragma once

#include <string_view>
#include <vector>

#include "thidua/app/command_service.hpp"
#include "thidua/http/authentication.hpp"
#include "thidua/http/router.hpp"

namespace thidua::http {

// How one path parameter goes into the body.
struct PathMember {
  std::string_view parameter;  // e.g. "id"
  std::string_view member;     // e.g. "cluster"
  enum class Kind { kString, kYear, kPersonRef, kOrganizationRef } kind = Kind::kString;
};

struct CommandRoute {
  std::string_view pattern;  // e.g. "/v1/clusters/{id}/years/{year}/scores"
  std::string_view command;  // e.g. "EnterScore"
  std::vector<PathMember> members;
};

// Every command route, one per command (RateTask has two: people and organizations).
const std::vector<CommandRoute>& command_routes();

void add_command_routes(Router& router, app::CommandService& service,
                        const Authenticator& authenticator);

}  // namespace thidua::http
