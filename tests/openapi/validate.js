// Validates an OpenAPI document with @apidevtools/swagger-parser (OpenAPI 3.1 meta-schema),
// resolving every $ref, then checks what that validator leaves out for 3.x.
//
// usage: node validate.js MODULES_DIR OPENAPI_FILE_OR_URL [NAME]   (NAME: its name in messages)
//
// A URL (a server's /v1/openapi.json) is read as any client reads it: every reference is
// fetched over HTTP with the parser's own resolver, from that server alone (a reference to any
// other origin, or to a file, fails the validation).
//
// A file is laid out as the server serves it (openapi.json beside schemas/), and read offline.
// Its schema references are relative (schemas/...) and resolve against the file's directory.
// The schemas as they are in the repository refer to one another by their $ids under
// https://schemas.thidua.vn/ (the server rebases those onto /v1/schemas/ when it serves them);
// those are read from the same schemas/ directory, never from the network: any other URL
// fails the validation.
"use strict";

const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const kSchemaBase = "https://schemas.thidua.vn/";

function fail(message) {
  console.error("openapi: " + message);
  process.exit(1);
}

// The $id-based references of the project's schemas, mapped onto DIR/schemas/.
function offlineResolver(schemasDir) {
  return {
    order: 1,
    canRead: (file) => file.url.startsWith(kSchemaBase),
    read: (file) => {
      const relative = file.url.slice(kSchemaBase.length).split("#")[0];
      const local = path.resolve(schemasDir, relative);
      if (!local.startsWith(schemasDir + path.sep)) throw new Error("outside schemas/: " + file.url);
      return fs.readFileSync(local);
    },
  };
}

// The resolvers for a file: the files beside it, and the $id-based references mapped onto the
// schemas/ directory beside it.
function fileResolvers(openapiFile) {
  const schemasDir = path.join(path.dirname(openapiFile), "schemas");
  return { external: true, http: false, thidua: offlineResolver(schemasDir) };
}

// The resolvers for a served document: the parser's own HTTP resolver, allowed the loopback
// addresses a test server listens on (it refuses them by default) and nothing but the
// document's origin.
function serverResolvers(openapiUrl) {
  const origin = new URL(openapiUrl).origin;
  return {
    external: true,
    file: false,
    http: { safeUrlResolver: false, canRead: (file) => new URL(file.url).origin === origin },
  };
}

// Checks of the OpenAPI 3.x specification text that its JSON Schema does not express.
function specChecks(api) {
  const problems = [];
  const operationIds = new Map();
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  for (const [template, item] of Object.entries(api.paths || {})) {
    const templated = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const where = method.toUpperCase() + " " + template;
      const id = operation.operationId;
      if (id && operationIds.has(id)) problems.push(`${where}: operationId '${id}' also on ${operationIds.get(id)}`);
      if (id) operationIds.set(id, where);
      const params = [...(item.parameters || []), ...(operation.parameters || [])];
      const seen = new Set();
      for (const p of params) {
        const key = p.in + ":" + p.name;
        if (seen.has(key)) problems.push(`${where}: parameter ${key} is declared twice`);
        seen.add(key);
        if (p.in === "path" && !templated.includes(p.name)) problems.push(`${where}: path parameter '${p.name}' is not in the path`);
        if (p.in === "path" && p.required !== true) problems.push(`${where}: path parameter '${p.name}' must be required`);
      }
      for (const name of templated) {
        if (!seen.has("path:" + name)) problems.push(`${where}: path parameter '${name}' is not declared`);
      }
      if (!operation.responses || Object.keys(operation.responses).length === 0) problems.push(`${where}: no responses`);
    }
  }
  return problems;
}

async function main() {
  const [modulesDir, openapiPath, name] = process.argv.slice(2);
  if (!modulesDir || !openapiPath) fail("usage: node validate.js MODULES_DIR OPENAPI_FILE_OR_URL [NAME]");
  const file = name || openapiPath;
  const load = createRequire(path.join(path.resolve(modulesDir), "package.json"));
  const SwaggerParser = load("@apidevtools/swagger-parser");
  const online = /^https?:\/\//i.test(openapiPath);
  const source = online ? openapiPath : path.resolve(openapiPath);
  const options = {
    resolve: online ? serverResolvers(source) : fileResolvers(source),
    dereference: { circular: false },
    validate: { schema: true, spec: true },
  };
  const parser = new SwaggerParser();
  let api;
  try {
    api = await parser.validate(source, options);
  } catch (error) {
    fail(`${file} is not valid: ${error.message}`);
  }
  if (api.openapi !== "3.1.0") fail(`'openapi' is ${JSON.stringify(api.openapi)}, not "3.1.0"`);
  const problems = specChecks(api);
  if (problems.length > 0) fail(`${file}:\n  ` + problems.join("\n  "));
  const files = parser.$refs.paths().length;
  const operations = Object.values(api.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length, 0);
  const where = online ? "from " + new URL(source).origin : "offline";
  console.log(`openapi: ${file} is valid OpenAPI ${api.openapi}: ${Object.keys(api.paths).length} paths, ` +
              `${operations} operations, ${files} documents resolved ${where}`);
}

main().catch((error) => fail(error.stack || String(error)));
