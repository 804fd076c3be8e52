/** `/healthz`: D1 and a room round trip, each named when it fails; the health room holds no pairing. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { checkHealth, HEALTH_ROOM } from "../../worker/observability/health";
import { roomOf } from "../../worker/pairings/access";
import { callWith } from "../qstash-stub";

/** A D1 binding whose every statement fails the way an outage does. */
const brokenDb = {
  prepare: () => ({
    first: async () => {
      throw new Error("D1_ERROR: Network connection lost.");
    },
  }),
} as unknown as D1Database;

/** A D1 binding that never answers. */
const silentDb = { prepare: () => ({ first: () => new Promise(() => {}) }) } as unknown as D1Database;

/** A Durable Object namespace whose objects cannot be reached. */
const brokenRooms = {
  idFromName: (name: string) => env.PAIRING_ROOM.idFromName(name),
  get: () => ({
    ping: async () => {
      throw new Error("Durable Object reset because its code was updated.");
    },
  }),
} as unknown as Env["PAIRING_ROOM"];

describe("/healthz", () => {
  it("answers 200 with D1 and the room both ok, never cached", async () => {
    const res = await exports.default.fetch(new Request("https://trellis.test/healthz"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true, d1: "ok", room: "ok" });
  });

  it("answers 503 naming D1 when D1 fails, and the room when the room fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const d1Down = await callWith("/healthz", { ...env, DB: brokenDb });
    expect(d1Down.status).toBe(503);
    expect(await d1Down.json()).toEqual({ ok: false, d1: "failed", room: "ok" });
    const roomDown = await callWith("/healthz", { ...env, PAIRING_ROOM: brokenRooms });
    expect(roomDown.status).toBe(503);
    expect(await roomDown.json()).toEqual({ ok: false, d1: "ok", room: "failed" });
    vi.restoreAllMocks();
  });

  it("counts a part that does not answer in time as failed, and logs which part failed", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void errors.push(String(line)));
    expect(await checkHealth({ ...env, DB: silentDb }, 50)).toEqual({ ok: false, d1: "failed", room: "ok" });
    vi.restoreAllMocks();
    expect(errors.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ event: "health", level: "error", step: "d1", outcome: "failed" }),
    ]);
  });

  it("the health room is no pairing: its round trip opens nothing, and a pairing's calls there are refused", async () => {
    expect(await roomOf(env, HEALTH_ROOM).ping()).toBe("pong");
    const asMember = await roomOf(env, HEALTH_ROOM).overview({ kind: "member", personId: "p-anyone" });
    expect(asMember).toMatchObject({ ok: false, status: 404 });
  });
});
