/** A stand-in for QStash's HTTP API (unreachable offline): records the exact requests and answers them. */
import { vi } from "vitest";

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
