/**
 * The OpenAPI 3.1 document of /api/v1, built from the operation table and the same Zod Mini schemas the routes
 * validate with (zod's own `toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses). Built ahead of time into
 * `openapi.json` by scripts/build-openapi.ts and served as a static asset (the conversion would cost the bundle 15 KB
 * gzip); test/integration/api-openapi.test.ts compares the file with this function's answer.
 */
import * as z from "../zod";
import { OPERATIONS, type Operation, type OperationId } from "./operations";
import { RESPONSES, SUMMARIES } from "./responses";
import { problem } from "./responses";
import { API_RATE_LIMIT } from "./tokens";

type Json = Record<string, unknown>;

/** A schema as JSON Schema, for requests (`input`) or answers (`output`), without its `$schema` line. */
function jsonSchema(schema: z.ZodMiniType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

/** An object schema's properties as OpenAPI parameters in `where` (path or query). */
function parameters(schema: z.ZodMiniType, where: "path" | "query"): Json[] {
  const s = jsonSchema(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    schema: property,
  }));
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function operationObject(operationId: OperationId, op: Operation): Json {
  return {
    operationId,
    summary: SUMMARIES[operationId],
    description: `Needs a token with the \`${op.scope}\` scope${op.scope === "read" ? " (or `write`)" : ""}.`,
    parameters: [...parameters(op.params, "path"), ...(op.query ? parameters(op.query, "query") : [])],
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }
      : {}),
    responses: {
      [String(op.status)]: {
        description: "Success",
        content: { "application/json": { schema: jsonSchema(RESPONSES[operationId], "output") } },
      },
      ...(op.method === "post" && op.status === 201 ? { "200": { description: "Already there (same answer)" } } : {}),
      "401": problemResponse("No live token"),
      "403": problemResponse("A token of another program, or read-only for a write"),
      "404": problemResponse("Not found in this program"),
      ...(op.query || op.body ? { "422": problemResponse("Invalid query or body") } : {}),
      "429": problemResponse(`More than ${API_RATE_LIMIT.max} requests a minute with this token`),
    },
  };
}

/** The OpenAPI 3.1 document; its server is relative (`/api/v1` on the host that serves it). */
export function apiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const [id, op] of Object.entries(OPERATIONS) as [OperationId, Operation][]) {
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(id, op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Trellis API",
      version: "1.0.0",
      description:
        "A program's participants, pairings (projection only), check-in answers, meetings and dashboard figures. " +
        "Create a token on the program's API page; send it as `Authorization: Bearer trl_…`. Lists take `limit`, " +
        "`cursor` (the previous page's `next_cursor`) and `updated_since`. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A program's API token (trl_…)" } },
      schemas: { Problem: jsonSchema(problem, "output") },
    },
  };
}
