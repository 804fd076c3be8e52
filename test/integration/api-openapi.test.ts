/**
 * The OpenAPI document: the committed file is what the schemas build (so it cannot drift from the validating code), an
 * independent parser (@readme/openapi-parser) accepts it as OpenAPI 3.1, and every operation in it is a route.
 */
import { exports } from "cloudflare:workers";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { apiDocument } from "../../worker/domain/api/openapi";
import { OPERATIONS } from "../../worker/domain/api/operations";
import committed from "../../worker/domain/api/openapi.json";

describe("OpenAPI document", () => {
  it("is the document the schemas build (run `npm run build:openapi` after changing them)", () => {
    expect(committed).toEqual(apiDocument());
  });

  it("is served at /api/v1/openapi.json without a token", async () => {
    const res = await exports.default.fetch("https://trellis.test/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(committed);
  });

  it("is valid OpenAPI 3.1 to an independent parser", async () => {
    const result = await validate(structuredClone(apiDocument()) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect((committed as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("names only routes the app answers, with the body and query schemas the routes validate with", () => {
    const routes = new Set(app.routes.map((r) => `${r.method} ${r.path}`));
    const doc = apiDocument() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    for (const op of Object.values(OPERATIONS)) {
      const hono = `/api/v1${op.path.replace(/\{([A-Za-z]+)\}/g, ":$1")}`;
      expect(routes.has(`${op.method.toUpperCase()} ${hono}`), hono).toBe(true);
      expect(Boolean(doc.paths[op.path]![op.method]!.requestBody)).toBe("body" in op);
    }
    const create = doc.paths["/programs/{programId}/participants"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { required: string[]; properties: object } } } };
    };
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required.sort()).toEqual(["email", "role"]);
    expect(Object.keys(schema.properties).sort()).toEqual(["email", "name", "role", "time_zone"]);
  });
});
