/**
 * The health check behind `/healthz`: D1 answers a query and a pairing room answers a round trip. The room is a fixed
 * one that no pairing uses ("healthz"); its `ping` touches only its own SQLite (`SELECT 1`) and never opens a pairing,
 * so checking health creates no pairing state and passes no access check a pairing's calls need.
 */
import { roomOf } from "../pairings/access";
import { errorFields, logEvent } from "./log";

/** The room's name for health checks: not an id `newId()` can make, so never a pairing's. */
export const HEALTH_ROOM = "healthz";

/** What `/healthz` answers: each part "ok" or "failed". */
export interface Health {
  ok: boolean;
  d1: "ok" | "failed";
  room: "ok" | "failed";
}

/** Checks D1 and a room round trip, each within `timeoutMs`; logs which failed. */
export async function checkHealth(env: Env, timeoutMs = 5_000): Promise<Health> {
  const [d1, room] = await Promise.all([
    probe("d1", timeoutMs, async () => {
      // No table: whether D1 answers at all (SQL on tables stays in the modules that own them).
      const row = await env.DB.prepare("SELECT 1 AS one").first<{ one: number }>();
      return row?.one === 1;
    }),
    probe("room", timeoutMs, async () => (await roomOf(env, HEALTH_ROOM).ping()) === "pong"),
  ]);
  return { ok: d1 === "ok" && room === "ok", d1, room };
}

async function probe(part: string, timeoutMs: number, check: () => Promise<boolean>): Promise<"ok" | "failed"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    if (await Promise.race([check(), timeout])) return "ok";
    logEvent({ event: "health", level: "error", step: part, outcome: "failed", error: "unexpected answer" });
    return "failed";
  } catch (err) {
    logEvent({ event: "health", level: "error", step: part, outcome: "failed", ...errorFields(err) });
    return "failed";
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
