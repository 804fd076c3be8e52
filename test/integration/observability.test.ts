/**
 * Structured logs: every request writes one JSON line (request id, method, route pattern, status, duration), errors
 * one more with the pairing and program ids, and no line carries an email address, message text or a token.
 */
import { env } from "cloudflare:workers";
import type { WorkflowStep } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkinToken } from "../../worker/checkins/answer-links";
import { unsubscribeUrl } from "../../worker/mail/unsubscribe-links";
import { roomOf } from "../../worker/pairings/access";
import { Browser, ORIGIN } from "../helpers";
import { callWith } from "../qstash-stub";
import { makePairing, type TestPairing } from "../room-fixture";

const MENTOR = "log-mentor.private@example.org";
const MENTEE = "log-mentee.private@example.org";
const CHAT_TEXT = "My confidential worry about the quarterly review";
const DAY = 86_400_000;

const lines: string[] = [];
let p: TestPairing;
let mentor: Browser;
const secrets: string[] = [MENTOR, MENTEE, CHAT_TEXT];

function capture(...args: unknown[]) {
  lines.push(args.map(String).join(" "));
}

beforeAll(async () => {
  p = await makePairing("logs", [MENTOR, MENTEE], "active");
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "warn").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
});

afterAll(() => vi.restoreAllMocks());

/** The JSON lines captured since `from`, parsed (throws on a line that is not JSON). */
function parsedSince(from: number): Record<string, unknown>[] {
  return lines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("request logs", () => {
  it("sign-in, a chat post, a check-in link and an unsubscribe link each log one JSON line, with no personal data", async () => {
    const from = lines.length;
    mentor = new Browser();
    await mentor.signIn(MENTOR); // GET /signin, POST /signin (the address), POST /auth/verify (the sign-in token)
    const page = await mentor.get(`/pairings/${p.pairingId}/chat`);
    const clientId = page.html.match(/name="client_id" value="([a-f0-9]+)"/)![1]!;
    expect((await mentor.post(`/pairings/${p.pairingId}/chat`, { client_id: clientId, body: CHAT_TEXT })).status).toBe(
      303,
    );

    const closes = Date.now() + 4 * DAY;
    const opened = await roomOf(env, p.pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
    const checkinId = opened.ok ? opened.value.id : "";
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[1]!, closes);
    secrets.push(token);
    expect((await mentor.fetch(`/c/${token}?a=ok`)).status).toBe(200);
    const answered = await mentor.fetch(`/c/${token}`, {
      method: "POST",
      body: new URLSearchParams({ answer: "going-well", comment: "Fine" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(answered.status).toBe(303);

    const unsubscribe = await unsubscribeUrl(env, ORIGIN, p.memberIds[1]!, "chat", Date.now());
    const unsubToken = unsubscribe.split("/unsubscribe/")[1]!;
    secrets.push(unsubToken);
    expect((await mentor.fetch(`/unsubscribe/${unsubToken}`)).status).toBe(200);
    expect((await mentor.fetch("/calendar/not-a-real-feed-token-0123456789abcdef.ics")).status).toBe(404);
    expect((await mentor.fetch("/no/such/page/not-a-real-feed-token")).status).toBe(404);

    const logged = parsedSince(from);
    const requests = logged.filter((l) => l.event === "request");
    expect(requests.length).toBeGreaterThanOrEqual(8);
    for (const line of requests) {
      expect(line).toMatchObject({
        level: expect.stringMatching(/^(info|warn|error)$/),
        requestId: expect.any(String),
        method: expect.stringMatching(/^(GET|POST)$/),
        route: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
    }
    const routes = requests.map((l) => `${l.method} ${l.route} ${l.status}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        "POST /signin 303",
        "POST /auth/verify 303",
        "POST /pairings/:pairingId/chat 303",
        "GET /c/:token 200",
        "POST /c/:token 303",
        "GET /unsubscribe/:token 200",
        "GET (unmatched) 404",
      ]),
    );
    const chatLine = requests.find((l) => l.route === "/pairings/:pairingId/chat" && l.method === "POST");
    expect(chatLine).toMatchObject({ pairingId: p.pairingId, programId: p.programId });

    const everything = lines.slice(from).join("\n");
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/[^\s"@]+@[^\s"@]+\.[a-z]{2,}/i); // no email address at all
    expect(everything).not.toContain("not-a-real-feed-token");
  });

  it("takes the request id from cf-ray when Cloudflare sends one, else makes one per request", async () => {
    const from = lines.length;
    await mentor.fetch("/signin", { headers: { "cf-ray": "8f1e2d3c4b5a6978-AMS" } });
    await mentor.fetch("/signin");
    await mentor.fetch("/signin");
    const [ray, a, b] = parsedSince(from).filter((l) => l.event === "request");
    expect(ray?.requestId).toBe("8f1e2d3c4b5a6978-AMS");
    expect(a?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a?.requestId).not.toBe(b?.requestId);
  });

  it("an unhandled error logs one error line with the pairing and program ids and a scrubbed message, then a 500", async () => {
    const from = lines.length;
    const failing = {
      ...env,
      PAIRING_ROOM: {
        idFromName: () => {
          throw new Error(`room unavailable for ${MENTEE}`);
        },
      },
    } as unknown as Env;
    const page = await mentor.get(`/pairings/${p.pairingId}/chat`);
    const clientId = page.html.match(/name="client_id" value="([a-f0-9]+)"/)![1]!;
    const res = await callWith(`/pairings/${p.pairingId}/chat`, failing, {
      method: "POST",
      body: new URLSearchParams({ _csrf: mentor.csrf, client_id: clientId, body: CHAT_TEXT }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: [...mentor.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    expect(res.status).toBe(500);
    const logged = parsedSince(from);
    const error = logged.find((l) => l.event === "error");
    expect(error).toMatchObject({
      level: "error",
      route: "/pairings/:pairingId/chat",
      pairingId: p.pairingId,
      programId: p.programId,
      errorName: "Error",
      error: "room unavailable for [address]",
      requestId: expect.any(String),
    });
    const request = logged.find((l) => l.event === "request" && l.requestId === error?.requestId);
    expect(request).toMatchObject({ status: 500, level: "error", route: "/pairings/:pairingId/chat" });
    const everything = lines.slice(from).join("\n");
    expect(everything).not.toContain(MENTEE);
    expect(everything).not.toContain(CHAT_TEXT);
  });
});

describe("workflow step logs", () => {
  it("a step that runs logs its name, outcome and duration; a failing step logs its scrubbed error and still throws", async () => {
    const { loggedSteps } = await import("../../worker/observability/workflow-steps");
    const ran: string[] = [];
    const engine = {
      do: async (name: string, ...rest: unknown[]) => {
        ran.push(name);
        return (rest.find((a) => typeof a === "function") as () => Promise<unknown>)();
      },
    } as unknown as WorkflowStep;
    const from = lines.length;
    const step = loggedSteps(engine, { workflow: "journey", pairingId: p.pairingId });
    expect(await step.do("welcome", async () => 7)).toBe(7);
    await expect(
      step.do("remind", { retries: { limit: 0, delay: 1 } }, async () => {
        throw new Error(`mail to ${MENTOR} refused`);
      }),
    ).rejects.toThrow(/refused/);
    expect(ran).toEqual(["welcome", "remind"]);
    expect(parsedSince(from)).toEqual([
      expect.objectContaining({ event: "workflow.step", step: "welcome", outcome: "ok", pairingId: p.pairingId }),
      expect.objectContaining({
        event: "workflow.step",
        level: "error",
        step: "remind",
        outcome: "error",
        error: "mail to [address] refused",
      }),
    ]);
  });
});
