/**
 * Writes worker/domain/api/openapi.json: the OpenAPI document built from the API's Zod schemas. It is generated ahead
 * of time and served as a static asset (the asset build copies it to public/api/v1/openapi.json) because zod's JSON
 * Schema conversion would cost the worker bundle about 15 KB gzip and the document itself 2.4 KB; the test
 * test/integration/api-openapi.test.ts fails when the file and the schemas disagree. Run: `npm run build:openapi`.
 */
import { writeFileSync } from "node:fs";
import { apiDocument } from "../worker/domain/api/openapi";

writeFileSync(
  new URL("../worker/domain/api/openapi.json", import.meta.url),
  `${JSON.stringify(apiDocument(), null, 2)}\n`,
);
