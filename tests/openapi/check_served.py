"""Checks a running thiduad's OpenAPI document as a client that knows nothing but its URL would.

usage: python3 check_served.py OPENAPI_URL CASES_FILE

The validator is the python3-jsonschema of Debian (tools/deps --test installs it), as it comes:
its RefResolver fetches every referenced document over HTTP itself, starting from the
document's URL and following each schema's "$id", with no mapping of any host to anything local.

1. Every "$ref" of the document, and of each document it reaches, is resolved (fragment
   included); one that does not resolve fails the check.
2. Each case of CASES_FILE (a JSON array) is validated against the schema the document gives
   for it, and must come out as it says:
     {"name": "...", "operation": "POST /v1/organizations", "request": "application/json",
      "instance": {...}, "valid": true}
     {"name": "...", "operation": "POST /v1/organizations", "response": "201",
      "media": "application/json", "instance": {...}, "valid": true}
     {"name": "...", "schema": "#/components/schemas/OrganizationRegistered",
      "instance": {...}, "valid": false}
   A schema that is a document of its own is validated in the dialect its "$schema" declares
   (the project's are draft-07); one written inside the OpenAPI document in its dialect,
   JSON Schema 2020-12.

Exit status: 0 when everything resolves and every case comes out as expected, 1 otherwise, 2
when the check cannot run (no jsonschema module, bad usage, the document cannot be fetched).
"""

import json
import sys
import urllib.request
from importlib import metadata
from urllib.parse import urldefrag, urljoin

try:
    from jsonschema import Draft202012Validator, RefResolver, validators
    from jsonschema.exceptions import RefResolutionError
except ImportError:
    print("openapi: the jsonschema module is missing (Debian's python3-jsonschema; "
          "tools/deps --test installs it)", file=sys.stderr)
    sys.exit(2)

# Members that annotate a schema without constraining an instance.
ANNOTATIONS = {"description", "title", "examples", "example", "$comment"}


def resolve(resolver, ref):
    """resolver.resolve(ref), failing with the URL it tried."""
    try:
        return resolver.resolve(ref)
    except RefResolutionError as e:
        url = urljoin(resolver.resolution_scope, ref)
        raise RefResolutionError(f"{ref!r} in {resolver.resolution_scope}, i.e. {url}: {e}")


def walk_refs(resolver, node):
    """Yields the absolute URL (with fragment) of each "$ref" in node, within its $id scopes."""
    if isinstance(node, list):
        for item in node:
            yield from walk_refs(resolver, item)
        return
    if not isinstance(node, dict):
        return
    scoped = isinstance(node.get("$id"), str)
    if scoped:
        resolver.push_scope(node["$id"])
    try:
        if isinstance(node.get("$ref"), str):
            url, _ = resolve(resolver, node["$ref"])  # fetches, and checks the fragment
            yield url
        for value in node.values():
            yield from walk_refs(resolver, value)
    finally:
        if scoped:
            resolver.pop_scope()


def resolve_everything(resolver, document_url, document):
    """Resolves every reference reachable from the document; the URLs of the documents read."""
    pending = [(document_url, document)]
    seen = {document_url}
    while pending:
        url, doc = pending.pop()
        resolver.push_scope(url)
        try:
            targets = list(walk_refs(resolver, doc))
        finally:
            resolver.pop_scope()
        for target in targets:
            target_url, _ = urldefrag(target)
            if target_url not in seen:
                seen.add(target_url)
                pending.append((target_url, resolver.resolve_from_url(target_url)))
    return seen


def openapi_object(resolver, node):
    """An OpenAPI object, followed through Reference Objects."""
    while isinstance(node, dict) and "$ref" in node:
        _, node = resolve(resolver, node["$ref"])
    return node


def case_schema(resolver, document, case):
    """The schema the document gives for a case (a schema object or a reference)."""
    if "schema" in case:
        return {"$ref": case["schema"]}
    method, path = case["operation"].split(" ", 1)
    operation = document["paths"][path][method.lower()]
    if "request" in case:
        body = openapi_object(resolver, operation["requestBody"])
        return body["content"][case["request"]]["schema"]
    answer = openapi_object(resolver, operation["responses"][case["response"]])
    return answer["content"][case.get("media", "application/json")]["schema"]


def errors_of(resolver, schema, instance):
    """The validation errors of instance, in the dialect of the schema's own document."""
    pushed = 0
    try:
        # Follow references that only name another schema, so that a schema document is
        # validated as what its own "$schema" says it is.
        while isinstance(schema, dict) and "$ref" in schema and set(schema) - ANNOTATIONS == {"$ref"}:
            url, schema = resolve(resolver, schema["$ref"])
            resolver.push_scope(url)
            pushed += 1
        cls = validators.validator_for(schema, default=Draft202012Validator)
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in cls(schema, resolver=resolver).iter_errors(instance)]
    finally:
        for _ in range(pushed):
            resolver.pop_scope()


def run_cases(resolver, document, cases):
    failures = 0
    for case in cases:
        errors = errors_of(resolver, case_schema(resolver, document, case), case["instance"])
        if (not errors) == case["valid"]:
            what = "valid" if case["valid"] else f"refused: {errors[0]}"
            print(f"openapi: {case['name']}: {what}, as expected")
        else:
            failures += 1
            what = "; ".join(errors) if errors else "valid"
            print(f"openapi: {case['name']}: {what}, not as expected")
    return failures


def main():
    if len(sys.argv) != 3:
        print("usage: check_served.py OPENAPI_URL CASES_FILE", file=sys.stderr)
        return 2
    document_url, cases_file = sys.argv[1:]
    try:
        with open(cases_file, encoding="utf-8") as f:
            cases = json.load(f)
        with urllib.request.urlopen(document_url, timeout=10) as answer:
            document = json.load(answer)
    except (OSError, ValueError) as e:
        print(f"openapi: cannot read {document_url} or {cases_file}: {e}", file=sys.stderr)
        return 2
    print(f"openapi: jsonschema {metadata.version('jsonschema')} on {document_url}")
    resolver = RefResolver(base_uri=document_url, referrer=document)
    try:
        documents = resolve_everything(resolver, document_url, document)
        failures = run_cases(resolver, document, cases)
    except RefResolutionError as e:
        print(f"openapi: a reference does not resolve: {e}")
        return 1
    origin = urljoin(document_url, "/")
    foreign = sorted(url for url in documents if not url.startswith(origin))
    if foreign:
        print(f"openapi: documents read from elsewhere than {origin}: {', '.join(foreign)}")
        return 1
    print(f"openapi: {len(documents)} documents resolved from {origin}, "
          f"{len(cases) - failures} of {len(cases)} cases as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
