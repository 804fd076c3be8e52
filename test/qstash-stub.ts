/**
 * A stand-in for QStash's HTTP API (unreachable offline) that records the exact requests, and calling the app with
 * QStash configured.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { vi } from "vitest";
import { app } from "../worker/app";
import { ORIGIN } from "./helpers";

/** Records requests to https://qstash.test/ and answers them with `status`; everything else goes out as usual. */
export function stubQstash(status = 201): Request[] {
  const calls: Request[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (req.url.startsWith("https://qstash.test/")) {
      calls.push(req);
      return new Response(JSON.stringify({ messageId: `msg_${calls.length}` }), { status });
    }
    return realFetch(input, init);
  });
  return calls;
}

/**
 * Calls the app with a given environment (e.g. with QStash configured; the Browser helper always uses the test's own).
 */
export async function callWith(path: string, environment: Env, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(ORIGIN + path, init), environment, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
