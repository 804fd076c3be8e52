/**
 * The pairing room end to end: stage machine, agreement, chat over hibernating sockets and forms, projection, access.
 */
import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import type { RoomRpcName } from "../../worker/room/pairing-room";
import { Browser, ORIGIN } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";
import { MESSAGE_SWAP } from "../../views/partials/chat-message";

interface Frame {
  type: string;
  seq?: number;
  client_id?: string;
  content?: string;
  error?: string;
}

/** A test socket: every frame it receives, and a way to wait for one. */
interface TestSocket {
  ws: WebSocket;
  frames: Frame[];
  waitFor(pred: (f: Frame) => boolean, what: string): Promise<Frame>;
}

/** Opens the chat socket as a signed-in member, the way a page does. */
async function connect(b: Browser, pairingId: string): Promise<TestSocket> {
  const res = await b.fetch(`/pairings/${pairingId}/chat/socket`, {
    headers: { Upgrade: "websocket", Origin: ORIGIN },
  });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const frames: Frame[] = [];
  ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data)) as Frame));
  return {
    ws,
    frames,
    async waitFor(pred, what) {
      for (let i = 0; i < 200; i++) {
        const found = frames.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no frame: ${what}; got ${JSON.stringify(frames)}`);
    },
  };
}

const stub = (id: string) => roomOf(env, id);

/** How many times a client id is stored in the room. */
async function storedCount(pairingId: string, clientId: string): Promise<number> {
  return runInDurableObject(
    stub(pairingId),
    (_instance, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM messages WHERE client_id = ?", clientId).one().n,
  );
}

let p: TestPairing;
const mentor = new Browser();
const mentee = new Browser();
const outsider = new Browser();
const coordinator = new Browser();

beforeAll(async () => {
  p = await makePairing("room", ["mentor-room@example.org", "mentee-room@example.org"]);
  await env.DB.prepare(
    "INSERT INTO people (id, email, name) VALUES ('p-outsider', 'outsider-room@example.org', 'Outsider')",
  ).run();
  await mentor.signIn("mentor-room@example.org");
  await mentee.signIn("mentee-room@example.org");
  await outsider.signIn("outsider-room@example.org");
  await coordinator.signIn("coord-room@example.org");
});

describe("agreement and stages", () => {
  it("a member writes the agreement (signing it), the other signs, and onboarding becomes active", async () => {
    const page = await mentor.get(`/pairings/${p.pairingId}/agreement`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("You have not written your agreement yet");
    const bad = await mentor.post(`/pairings/${p.pairingId}/agreement`, {
      base_version: "0",
      goals: "",
      cadence: "weekly",
      responseTime: "week",
      confidentiality: "x",
      offLimits: "Weekends",
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Write down what you want to achieve together.");
    expect(badHtml).toContain("Choose at least one way to stay in touch.");
    expect(badHtml).toContain("Weekends");
    const saved = await mentor.post(`/pairings/${p.pairingId}/agreement`, {
      base_version: "0",
      goals: "Prepare for a first team-lead role",
      channels: ["chat", "video"],
      cadence: "fortnightly",
      contactHours: "Weekdays 18:00-20:00",
      responseTime: "two-days",
      confidentiality: "Between us.",
      offLimits: "",
    });
    expect(saved.status).toBe(303);
    expect(await stub(p.pairingId).stage()).toBe("onboarding");
    const view = await mentee.get(`/pairings/${p.pairingId}/agreement`);
    expect(view.html).toContain("Prepare for a first team-lead role");
    expect(view.html).toContain("I agree: sign version 1");
    const signed = await mentee.post(`/pairings/${p.pairingId}/agreement/sign`, { version: "1" });
    expect(signed.headers.get("Location")).toContain("done=active");
    expect(await stub(p.pairingId).stage()).toBe("active");
  });

  it("editing a signed agreement asks everyone to sign again, and a stale signature is refused", async () => {
    const changed = await mentee.post(`/pairings/${p.pairingId}/agreement`, {
      base_version: "1",
      goals: "Prepare for a first team-lead role, and present at a conference",
      channels: ["chat"],
      cadence: "monthly",
      contactHours: "",
      responseTime: "week",
      confidentiality: "Between us.",
      offLimits: "",
    });
    expect(changed.status).toBe(303);
    const view = await stub(p.pairingId).agreement({ kind: "member", personId: p.memberIds[0]! });
    expect(view.ok && view.value.version).toBe(2);
    expect(view.ok && view.value.signedByAll).toBe(false);
    const stale = await mentor.post(`/pairings/${p.pairingId}/agreement/sign`, { version: "1" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The agreement changed (it is now version 2)");
    expect((await mentor.post(`/pairings/${p.pairingId}/agreement/sign`, { version: "2" })).status).toBe(303);
    expect(await stub(p.pairingId).stage()).toBe("active");
  });

  it("invalid stage changes are refused with a clear message; pause and resume return to where it was", async () => {
    const noReason = await mentor.post(`/pairings/${p.pairingId}/stage`, { action: "end", reason: "  " });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain("Say why the pairing ends early");
    const notAllowed = await mentor.post(`/pairings/${p.pairingId}/stage`, { action: "activate" });
    expect(notAllowed.status).toBe(422);
    expect(await notAllowed.text()).toContain("That cannot be done while the pairing is active.");
    const bogus = await mentor.post(`/pairings/${p.pairingId}/stage`, { action: "explode" });
    expect(bogus.status).toBe(422);
    expect((await mentor.post(`/pairings/${p.pairingId}/stage`, { action: "pause", reason: "Holidays" })).status).toBe(
      303,
    );
    expect(await stub(p.pairingId).stage()).toBe("paused");
    const closeWhilePaused = await stub(p.pairingId).changeStage(
      { kind: "member", personId: p.memberIds[0]! },
      "close",
    );
    expect(closeWhilePaused.ok).toBe(false);
    expect((await mentee.post(`/pairings/${p.pairingId}/stage`, { action: "resume" })).status).toBe(303);
    expect(await stub(p.pairingId).stage()).toBe("active");
  });
});

describe("chat", () => {
  it("two members chat over sockets; a message is stored before it is acknowledged and broadcast", async () => {
    const a = await connect(mentor, p.pairingId);
    const b = await connect(mentee, p.pairingId);
    a.ws.send(
      JSON.stringify({ body: "Hello from the mentor", client_id: "client-a-0001", headers: { "HX-Request": "true" } }),
    );
    const ack = await a.waitFor((f) => f.client_id === "client-a-0001", "sender ack");
    const got = await b.waitFor((f) => f.client_id === "client-a-0001", "partner receipt");
    expect(ack.seq).toBe(got.seq);
    expect(got.content).toContain("Hello from the mentor");
    expect(got.content).toContain(`id="m-${got.seq}"`);
    expect(ack.content).toContain("You");
    expect(await storedCount(p.pairingId, "client-a-0001")).toBe(1);
    b.ws.send(JSON.stringify({ body: "Hi! <script>alert(1)</script>", client_id: "client-b-0001" }));
    const reply = await a.waitFor((f) => f.client_id === "client-b-0001", "reply");
    expect(reply.content).toContain("&lt;script&gt;");
    a.ws.close(1000);
    b.ws.close(1000);
  });

  it("sockets and state survive hibernation", async () => {
    const a = await connect(mentor, p.pairingId);
    const b = await connect(mentee, p.pairingId);
    await evictDurableObject(stub(p.pairingId), { webSockets: "hibernate" });
    a.ws.send(JSON.stringify({ body: "Still there after a nap?", client_id: "client-a-after-evict" }));
    const got = await b.waitFor((f) => f.client_id === "client-a-after-evict", "receipt after hibernation");
    expect(got.content).toContain("Still there after a nap?");
    const page = await mentee.get(`/pairings/${p.pairingId}/chat`);
    expect(page.html).toContain("Hello from the mentor");
    expect(page.html).toContain("Still there after a nap?");
    a.ws.close(1000);
    b.ws.close(1000);
  });

  it("a resend after a dropped connection is stored once", async () => {
    const first = await connect(mentor, p.pairingId);
    first.ws.send(JSON.stringify({ body: "Did this arrive?", client_id: "client-a-dropped" }));
    first.ws.close(1000);
    const again = await connect(mentor, p.pairingId);
    again.ws.send(JSON.stringify({ body: "Did this arrive?", client_id: "client-a-dropped" }));
    const ack = await again.waitFor((f) => f.client_id === "client-a-dropped", "ack of the resend");
    expect(ack.type).toBe("message");
    expect(await storedCount(p.pairingId, "client-a-dropped")).toBe(1);
    again.ws.close(1000);
  });

  it("errors over the socket go to the sender only, with a clear message", async () => {
    const a = await connect(mentor, p.pairingId);
    a.ws.send(JSON.stringify({ body: "x".repeat(2001), client_id: "client-a-toolong" }));
    const err = await a.waitFor((f) => f.type === "error", "error frame");
    expect(err.error).toContain("up to 2000 characters");
    for (const bad of ["not json", "null", "[1]", "42"]) {
      const seen = a.frames.length;
      a.ws.send(bad);
      await a.waitFor((f) => a.frames.indexOf(f) >= seen && f.error === "Messages must be JSON.", `error for ${bad}`);
    }
    a.ws.close(1000);
  });

  it("works with JavaScript off: a form POST, a redirect, the message on the page; a resubmitted form is stored once", async () => {
    const page = await mentee.get(`/pairings/${p.pairingId}/chat`);
    const clientId = page.html.match(/name="client_id" value="([a-f0-9]+)"/)![1]!;
    const sent = await mentee.post(`/pairings/${p.pairingId}/chat`, {
      client_id: clientId,
      body: "Sent without JavaScript",
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toMatch(/\/chat#m-\d+$/);
    expect(
      (await mentee.post(`/pairings/${p.pairingId}/chat`, { client_id: clientId, body: "Sent without JavaScript" }))
        .status,
    ).toBe(303);
    expect(await storedCount(p.pairingId, clientId)).toBe(1);
    const after = await mentor.get(`/pairings/${p.pairingId}/chat`);
    expect(after.html).toContain("Sent without JavaScript");
  });

  it("bad messages get a message on the same page with the text kept; htmx gets the form fragment", async () => {
    const empty = await mentee.post(`/pairings/${p.pairingId}/chat`, { client_id: "client-b-empty01", body: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write a message first.");
    const long = "y".repeat(2500);
    const tooLong = await mentee.post(
      `/pairings/${p.pairingId}/chat`,
      { client_id: "client-b-long0001", body: long },
      { "HX-Request": "true" },
    );
    expect(tooLong.status).toBe(422);
    const fragment = await tooLong.text();
    expect(fragment).toContain("this one is 2500");
    // The text comes back cut to the field's limit (a browser's maxlength never lets more be typed).
    expect(fragment).toContain(`\n${"y".repeat(2000)}</textarea>`);
    expect(fragment).not.toContain("<html");
    const noId = await mentee.post(`/pairings/${p.pairingId}/chat`, { client_id: "x", body: "hi" });
    expect(noId.status).toBe(422);
  });

  it("htmx sends get a fresh form and the message as an upsert partial; polling returns only newer messages", async () => {
    const before = await mentor.get(`/pairings/${p.pairingId}/chat`);
    const last = Number(before.html.match(/\/chat\/since\?after=(\d+)/)![1]);
    const res = await mentee.post(
      `/pairings/${p.pairingId}/chat`,
      { client_id: "client-b-htmx0001", body: "Through htmx" },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<hx-partial hx-target="#messages" hx-swap="${MESSAGE_SWAP}">`);
    expect(html).toContain("Through htmx");
    expect(html).not.toContain("client-b-htmx0001");
    const poll = await mentor.get(`/pairings/${p.pairingId}/chat/since?after=${last}`, { "HX-Request": "true" });
    expect(poll.res.status).toBe(200);
    expect(poll.html).toContain("Through htmx");
    expect(poll.html).not.toContain("Sent without JavaScript");
    const newer = Number(poll.html.match(/\/chat\/since\?after=(\d+)/)![1]);
    expect(newer).toBeGreaterThan(last);
    expect((await mentor.get(`/pairings/${p.pairingId}/chat/since?after=${newer}`)).res.status).toBe(204);
    expect((await mentor.get(`/pairings/${p.pairingId}/chat/since?after=abc`)).res.status).toBe(400);
  });

  it("history is paged, and unread counts follow what each member has read", async () => {
    const room = stub(p.pairingId);
    for (let i = 0; i < 35; i++) {
      const send = () =>
        room.postMessage(
          { kind: "member", personId: p.memberIds[1]! },
          `client-b-page-${String(i).padStart(3, "0")}`,
          `Paged message ${i}`,
        );
      if (!(await send()).ok) {
        // The rate limit (20 a minute) would stop this loop: move earlier messages two minutes back and send again.
        await runInDurableObject(room, (_i, state) =>
          state.storage.sql.exec("UPDATE messages SET created_at = created_at - 120000"),
        );
        expect((await send()).ok).toBe(true);
      }
    }
    const overview = await room.overview({ kind: "member", personId: p.memberIds[0]! });
    expect(overview.ok && overview.value.unread).toBeGreaterThan(0);
    const latest = await mentor.get(`/pairings/${p.pairingId}/chat`);
    const earlier = latest.html.match(/\?before=(\d+)/)![1];
    const older = await mentor.get(`/pairings/${p.pairingId}/chat?before=${earlier}`);
    expect(older.html).toContain("Back to the latest messages");
    expect(older.html).not.toContain("hx-ws:connect");
    const after = await room.overview({ kind: "member", personId: p.memberIds[0]! });
    expect(after.ok && after.value.unread).toBe(0);
  });

  it("system messages from the journey and a coordinator appear inline, once per key, live and on the page", async () => {
    const live = await connect(mentee, p.pairingId);
    const room = stub(p.pairingId);
    const journey = await room.postSystemMessage(
      { kind: "journey" },
      "checkin-week-2",
      "Time for your fortnightly check-in: how is it going?",
    );
    expect(journey.ok).toBe(true);
    expect(
      (
        await room.postSystemMessage(
          { kind: "journey" },
          "checkin-week-2",
          "Time for your fortnightly check-in: how is it going?",
        )
      ).ok,
    ).toBe(true);
    const frame = await live.waitFor((f) => f.client_id === "checkin-week-2", "journey message over the socket");
    expect(frame.content).toContain("msg system");
    const fromCoordinator = await room.postSystemMessage(
      { kind: "coordinator", personId: p.coordinatorId },
      "coord-note-0001",
      "Reminder: the mid-point survey closes Friday.",
    );
    expect(fromCoordinator.ok).toBe(true);
    expect(
      await room.postSystemMessage({ kind: "coordinator", personId: "p-outsider" }, "coord-note-0002", "Hi"),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      await room.postSystemMessage({ kind: "member", personId: p.memberIds[0]! }, "coord-note-0003", "Hi"),
    ).toMatchObject({ ok: false, status: 403 });
    const page = await mentor.get(`/pairings/${p.pairingId}/chat`);
    expect(page.html.match(/Time for your fortnightly check-in/g)).toHaveLength(1);
    expect(page.html).toContain("Program coordinator");
    live.ws.close(1000);
  });

  it("the per-member rate limit refuses with a clear message and keeps the text", async () => {
    const room = stub(p.pairingId);
    let refused: string | null = null;
    for (let i = 0; i < 25 && !refused; i++) {
      const r = await room.postMessage(
        { kind: "member", personId: p.memberIds[0]! },
        `client-a-rate-${String(i).padStart(3, "0")}`,
        `Fast ${i}`,
      );
      if (!r.ok) refused = r.error;
    }
    expect(refused).toMatch(/faster than the chat allows\. Wait \d+ seconds?/);
    const page = await mentor.post(`/pairings/${p.pairingId}/chat`, {
      client_id: "client-a-rate-form",
      body: "Keep this text",
    });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("Keep this text");
  });
});

describe("chat limit under concurrency", () => {
  it("accepts exactly the per-minute limit when a member's messages all arrive at once", async () => {
    const q = await makePairing("burst", ["burst-mentor@example.org", "burst-mentee@example.org"]);
    const room = stub(q.pairingId);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        room.postMessage(
          { kind: "member", personId: q.memberIds[1]! },
          `burst-${String(i).padStart(3, "0")}`,
          `Hi ${i}`,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(10);
  });
});

describe("projection", () => {
  it("stage, counts and agreement reach D1 (never content), applied once even when replayed", async () => {
    await runDurableObjectAlarm(stub(p.pairingId));
    await stub(p.pairingId).flushProjection();
    const row = await env.DB.prepare(
      "SELECT stage, message_count, agreement_signed, agreement_version, last_activity_at FROM pairings WHERE id = ?",
    )
      .bind(p.pairingId)
      .first<Record<string, number | string>>();
    expect(row).toMatchObject({ stage: "active", agreement_signed: 1, agreement_version: 2 });
    expect(Number(row!.message_count)).toBeGreaterThan(35);
    const changes = await env.DB.prepare(
      "SELECT from_stage, to_stage, reason FROM pairing_stage_changes WHERE pairing_id = ? ORDER BY seq",
    )
      .bind(p.pairingId)
      .all();
    expect(changes.results).toEqual([
      { from_stage: "onboarding", to_stage: "active", reason: "Everyone signed the agreement." },
      { from_stage: "active", to_stage: "paused", reason: "Holidays" },
      { from_stage: "paused", to_stage: "active", reason: "" },
    ]);
    // Replay an already applied stage change and snapshot, as if the room never heard D1's answer.
    await runInDurableObject(stub(p.pairingId), (_i, state) => {
      state.storage.sql.exec(
        "INSERT INTO outbox (key, kind, payload, version) SELECT 'stage:' || seq, 'stage-change', json_object('pairingId', ?, 'seq', seq, 'from', from_stage, 'to', to_stage, 'reason', reason, 'actor', actor, 'at', at), seq FROM stage_changes",
        p.pairingId,
      );
    });
    const replay = await stub(p.pairingId).flushProjection();
    expect(replay).toMatchObject({ applied: 3, waiting: 0, error: null });
    const again = await env.DB.prepare("SELECT count(*) AS n FROM pairing_stage_changes WHERE pairing_id = ?")
      .bind(p.pairingId)
      .first<{ n: number }>();
    expect(again!.n).toBe(3);
    const dump = JSON.stringify(
      (
        await env.DB.prepare(
          "SELECT * FROM pairings JOIN pairing_members ON pairing_members.pairing_id = pairings.id WHERE pairings.id = ?",
        )
          .bind(p.pairingId)
          .all()
      ).results,
    );
    expect(dump).not.toContain("Hello from the mentor");
    expect(dump).not.toContain("team-lead");
  });

  it("a failing D1 write is kept, retried by the alarm, and applied exactly once", async () => {
    const q = await makePairing("retry", ["mentor-retry@example.org", "mentee-retry@example.org"]);
    const room = stub(q.pairingId);
    await env.DB.exec("ALTER TABLE pairing_stage_changes RENAME TO pairing_stage_changes_away");
    const ended = await room.changeStage(
      { kind: "coordinator", personId: q.coordinatorId },
      "end",
      "The mentee left the company",
    );
    expect(ended.ok).toBe(true);
    await runDurableObjectAlarm(room);
    const waiting = await runInDurableObject(room, (_i, state) =>
      state.storage.sql
        .exec<{ n: number; a: number; e: string }>(
          "SELECT count(*) AS n, max(attempts) AS a, max(last_error) AS e FROM outbox",
        )
        .one(),
    );
    expect(waiting.n).toBeGreaterThan(0);
    expect(waiting.a).toBeGreaterThanOrEqual(1);
    expect(waiting.e).toContain("pairing_stage_changes");
    expect(
      (await env.DB.prepare("SELECT stage FROM pairings WHERE id = ?").bind(q.pairingId).first<{ stage: string }>())!
        .stage,
    ).toBe("onboarding");
    await env.DB.exec("ALTER TABLE pairing_stage_changes_away RENAME TO pairing_stage_changes");
    expect(await runDurableObjectAlarm(room)).toBe(true);
    await runDurableObjectAlarm(room);
    const row = await env.DB.prepare("SELECT stage, stage_reason, ended_at FROM pairings WHERE id = ?")
      .bind(q.pairingId)
      .first<{ stage: string; stage_reason: string; ended_at: number }>();
    expect(row).toMatchObject({ stage: "ended_early", stage_reason: "The mentee left the company" });
    expect(row!.ended_at).toBeGreaterThan(0);
    const n = await env.DB.prepare("SELECT count(*) AS n FROM pairing_stage_changes WHERE pairing_id = ?")
      .bind(q.pairingId)
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
    const left = await runInDurableObject(
      room,
      (_i, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n,
    );
    expect(left).toBe(0);
    // An ended pairing takes no new coordinator messages: nobody would read them.
    const late = await room.postSystemMessage(
      { kind: "coordinator", personId: q.coordinatorId },
      "coord-late-0001",
      "Are you still meeting?",
    );
    expect(late).toMatchObject({ ok: false, status: 409 });
    expect(late.ok || late.error).toMatch(/ended early/);
  });
});

describe("access", () => {
  it("a non-member is refused by every route and by the room itself", async () => {
    for (const path of ["", "/agreement", "/chat", "/chat/since?after=0"]) {
      expect((await outsider.get(`/pairings/${p.pairingId}${path}`)).res.status).toBe(403);
    }
    expect(
      (await outsider.post(`/pairings/${p.pairingId}/chat`, { client_id: "client-x-000001", body: "let me in" }))
        .status,
    ).toBe(403);
    expect((await outsider.post(`/pairings/${p.pairingId}/stage`, { action: "pause" })).status).toBe(403);
    const socket = await outsider.fetch(`/pairings/${p.pairingId}/chat/socket`, {
      headers: { Upgrade: "websocket", Origin: ORIGIN },
    });
    expect(socket.status).toBe(403);
    const direct = await stub(p.pairingId).chatPage({ kind: "member", personId: "p-outsider" }, null);
    expect(direct).toMatchObject({ ok: false, status: 403 });
    // A room reached by a name that is no pairing refuses even a member of another pairing.
    const wrongRoom = await stub("another-pairing").chatPage({ kind: "member", personId: p.memberIds[0]! }, null);
    expect(wrongRoom).toMatchObject({ ok: false, status: 404 });
  });

  it("a coordinator sees neither chat nor agreement (unless shared), in the route and in the room", async () => {
    const page = await coordinator.get(`/pairings/${p.pairingId}/chat`);
    expect(page.res.status).toBe(403);
    expect(page.html).toContain("never its conversation");
    const room = stub(p.pairingId);
    const asCoordinator = { kind: "coordinator" as const, personId: p.coordinatorId };
    expect(await room.chatPage(asCoordinator, null)).toMatchObject({ ok: false, status: 403 });
    expect(await room.notes(asCoordinator)).toMatchObject({ ok: false, status: 403 });
    expect(await room.agreement(asCoordinator)).toMatchObject({ ok: false, status: 403 });
    expect((await mentor.post(`/pairings/${p.pairingId}/agreement/share`, { shared: "1" })).status).toBe(303);
    const shared = await room.agreement(asCoordinator);
    expect(shared.ok && shared.value.terms.goals).toContain("team-lead");
    const notCoordinator = await room.agreement({ kind: "coordinator", personId: "p-outsider" });
    expect(notCoordinator).toMatchObject({ ok: false, status: 403 });
  });

  it("a coordinator's pairing pages show the projection and the shared agreement, never chat or notes", async () => {
    await roomOf(env, p.pairingId).flushProjection();
    const list = await coordinator.get(`/programs/${p.programId}/pairings`);
    expect(list.res.status).toBe(200);
    expect(list.html).toContain("mentor-room (mentor)");
    const summary = await coordinator.get(`/programs/${p.programId}/pairings/${p.pairingId}`);
    expect(summary.res.status).toBe(200);
    expect(summary.html).toContain("Holidays");
    expect(summary.html).toContain("team-lead");
    expect(summary.html).not.toContain("Hello from the mentor");
    expect(summary.html).not.toContain("Paged message");
    expect((await coordinator.get(`/programs/prog-other/pairings/${p.pairingId}`)).res.status).toBe(404);
    expect((await mentor.get(`/programs/${p.programId}/pairings`)).res.status).toBe(403);
    expect((await outsider.get(`/programs/${p.programId}/pairings/${p.pairingId}`)).res.status).toBe(403);
    expect((await mentor.post(`/pairings/${p.pairingId}/agreement/share`, { shared: "0" })).status).toBe(303);
    const unshared = await coordinator.get(`/programs/${p.programId}/pairings/${p.pairingId}`);
    expect(unshared.html).not.toContain("team-lead");
    expect(unshared.html).toContain("Private to the members");
  });

  it("a cross-site socket is refused, and a plain GET of the socket address explains itself", async () => {
    const evil = await mentor.fetch(`/pairings/${p.pairingId}/chat/socket`, {
      headers: { Upgrade: "websocket", Origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    expect((await mentor.get(`/pairings/${p.pairingId}/chat/socket`)).res.status).toBe(426);
  });

  it("an ended pairing's room is read-only", async () => {
    const ended = await mentor.post(`/pairings/${p.pairingId}/stage`, {
      action: "end",
      reason: "We both changed jobs",
    });
    expect(ended.status).toBe(303);
    const post = await mentee.post(`/pairings/${p.pairingId}/chat`, {
      client_id: "client-b-late0001",
      body: "Too late?",
    });
    expect(post.status).toBe(409);
    expect(await post.text()).toContain("This pairing ended early: you can read the conversation but not add to it.");
    const chat = await mentee.get(`/pairings/${p.pairingId}/chat`);
    expect(chat.html).not.toContain('name="body"');
    expect(chat.html).toContain("mentor-room moved the pairing from active to ended early: We both changed jobs");
  });
});

describe("identity", () => {
  it("the room knows its own pairing id: the name it was reached by, also kept in its state from the first call on", async () => {
    const q = await makePairing("ident", ["mentor-ident@example.org", "mentee-ident@example.org"]);
    const room = stub(q.pairingId);
    const overview = await room.overview({ kind: "member", personId: q.memberIds[0]! });
    expect(overview.ok && overview.value.pairingId).toBe(q.pairingId);
    await evictDurableObject(room);
    const seen = await runInDurableObject(room, (_i, state) => ({
      name: state.id.name,
      stored: state.storage.sql.exec<{ value: string }>("SELECT value FROM room_state WHERE key = 'pairing_id'").one()
        .value,
    }));
    expect(seen).toEqual({ name: q.pairingId, stored: q.pairingId });
  });
});

describe("chat projection", () => {
  it("a chat message projects only the chat's counts and last activity: goals, meetings and check-ins are not rewritten", async () => {
    const q = await makePairing("chatproj", ["mentor-chatproj@example.org", "mentee-chatproj@example.org"], "active");
    const room = stub(q.pairingId);
    const mentorActor = { kind: "member" as const, personId: q.memberIds[0]! };
    const menteeActor = { kind: "member" as const, personId: q.memberIds[1]! };
    expect((await room.addGoal(mentorActor, { title: "Give a talk", progress: "20" })).ok).toBe(true);
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const meeting = await room.proposeMeeting(
      mentorActor,
      { kind: "video", title: "First call", date: day, start: "18:00", end: "19:00", repeat: "none" },
      "UTC",
    );
    expect(meeting.ok).toBe(true);
    const checkin = await room.openCheckin({ kind: "journey" }, "check-in-1", Date.now(), Date.now() + 86_400_000);
    expect(checkin.ok && (await room.answerCheckin(menteeActor, checkin.value.id, "going-well", "")).ok).toBe(true);
    await room.flushProjection();
    // Mark the projected rows: a whole snapshot would write them again from the room and lose the marks.
    await env.DB.batch([
      env.DB.prepare("UPDATE pairing_goals SET title = 'marked' WHERE pairing_id = ?").bind(q.pairingId),
      env.DB.prepare("UPDATE meetings SET title = 'marked' WHERE pairing_id = ?").bind(q.pairingId),
      env.DB.prepare("UPDATE checkin_answers SET comment = 'marked' WHERE pairing_id = ?").bind(q.pairingId),
    ]);
    const marks = () =>
      env.DB.prepare(
        "SELECT (SELECT title FROM pairing_goals WHERE pairing_id = ?1) AS goal, (SELECT title FROM meetings WHERE pairing_id = ?1) AS meeting, (SELECT comment FROM checkin_answers WHERE pairing_id = ?1) AS answer",
      )
        .bind(q.pairingId)
        .first();
    const before = await env.DB.prepare("SELECT message_count, last_activity_at FROM pairings WHERE id = ?")
      .bind(q.pairingId)
      .first<{ message_count: number; last_activity_at: number }>();
    expect((await room.postMessage(menteeActor, "client-chatproj-01", "Hello there")).ok).toBe(true);
    const queued = await runInDurableObject(room, (_i, state) =>
      state.storage.sql.exec<{ key: string }>("SELECT key FROM outbox ORDER BY key").toArray(),
    );
    expect(queued).toEqual([{ key: "chat-activity" }]);
    expect(await room.flushProjection()).toMatchObject({ applied: 1, waiting: 0, error: null });
    expect(await marks()).toEqual({ goal: "marked", meeting: "marked", answer: "marked" });
    const after = await env.DB.prepare("SELECT message_count, last_activity_at FROM pairings WHERE id = ?")
      .bind(q.pairingId)
      .first<{ message_count: number; last_activity_at: number }>();
    expect(after!.message_count).toBe(before!.message_count + 1);
    expect(after!.last_activity_at).toBeGreaterThanOrEqual(before!.last_activity_at);
    const counts = await env.DB.prepare(
      "SELECT person_id, message_count, unread_count FROM pairing_members WHERE pairing_id = ? ORDER BY role",
    )
      .bind(q.pairingId)
      .all();
    expect(counts.results).toEqual([
      { person_id: q.memberIds[1], message_count: 1, unread_count: 0 },
      { person_id: q.memberIds[0], message_count: 0, unread_count: 2 },
    ]);
    // Reading marks the messages read: again only the counts move.
    expect((await room.chatPage(mentorActor, null)).ok).toBe(true);
    await room.flushProjection();
    expect(await marks()).toEqual({ goal: "marked", meeting: "marked", answer: "marked" });
    const read = await env.DB.prepare("SELECT unread_count FROM pairing_members WHERE pairing_id = ? AND person_id = ?")
      .bind(q.pairingId, q.memberIds[0])
      .first<{ unread_count: number }>();
    expect(read!.unread_count).toBe(0);
    // Any other change still projects the whole summary (which is what puts the room's titles back).
    expect((await room.addGoal(mentorActor, { title: "Write a blog post" })).ok).toBe(true);
    await room.flushProjection();
    expect(await marks()).toMatchObject({ meeting: "First call", answer: "" });
  });

  it("a chat message while a snapshot waits (D1 failing) is carried by that snapshot, never applied over it", async () => {
    const q = await makePairing("chatwait", ["mentor-chatwait@example.org", "mentee-chatwait@example.org"], "active");
    const room = stub(q.pairingId);
    const mentorActor = { kind: "member" as const, personId: q.memberIds[0]! };
    await env.DB.exec("ALTER TABLE pairing_goals RENAME TO pairing_goals_away");
    expect((await room.addGoal(mentorActor, { title: "Waiting goal" })).ok).toBe(true);
    expect((await room.flushProjection()).error).toContain("pairing_goals");
    expect((await room.postMessage(mentorActor, "client-chatwait-01", "Still there?")).ok).toBe(true);
    const queued = await runInDurableObject(room, (_i, state) =>
      state.storage.sql.exec<{ key: string }>("SELECT key FROM outbox ORDER BY key").toArray(),
    );
    expect(queued).toEqual([{ key: "snapshot" }]);
    await env.DB.exec("ALTER TABLE pairing_goals_away RENAME TO pairing_goals");
    expect(await room.flushProjection()).toMatchObject({ waiting: 0, error: null });
    const row = await env.DB.prepare(
      "SELECT message_count, goal_count, (SELECT title FROM pairing_goals WHERE pairing_id = ?1) AS goal FROM pairings WHERE id = ?1",
    )
      .bind(q.pairingId)
      .first();
    expect(row).toEqual({ message_count: 1, goal_count: 1, goal: "Waiting goal" });
  });
});

describe("the access check on every RPC", () => {
  type Actor = import("../../worker/domain/room/types").RoomActor;
  type Outcome = Promise<{ ok: boolean; status?: number }>;
  /** Every RPC that takes an actor, with arguments that would pass its own validation (the record lists each one). */
  function everyCall(pairingId: string, memberId: string): Record<RoomRpcName, (a: Actor) => Outcome> {
    const room = stub(pairingId);
    const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    return {
      overview: (a) => room.overview(a),
      changeStage: (a) => room.changeStage(a, "pause", "A break"),
      setRisk: (a) => room.setRisk(a, "Worried"),
      attachJourney: (a) => room.attachJourney(a),
      agreement: (a) => room.agreement(a),
      agreementSigned: (a) => room.agreementSigned(a),
      saveAgreement: (a) => room.saveAgreement(a, { goals: "Grow", cadence: "weekly" }, ["chat"], 0),
      signAgreement: (a) => room.signAgreement(a, 1),
      shareAgreement: (a) => room.shareAgreement(a, true),
      chatPage: (a) => room.chatPage(a, null),
      chatAfter: (a) => room.chatAfter(a, 0),
      postMessage: (a) => room.postMessage(a, "client-every-0001", "Hello"),
      postSystemMessage: (a) => room.postSystemMessage(a, "every-key-0001", "Hello"),
      goals: (a) => room.goals(a),
      addGoal: (a) => room.addGoal(a, { title: "A goal" }),
      editGoal: (a) => room.editGoal(a, "g", { title: "A goal" }),
      removeGoal: (a) => room.removeGoal(a, "g"),
      notes: (a) => room.notes(a),
      note: (a) => room.note(a, "n"),
      addNote: (a) => room.addNote(a, { title: "A note", body: "Text" }, "blank"),
      editNote: (a) => room.editNote(a, "n", { title: "A note", body: "Text" }, 1),
      removeNote: (a) => room.removeNote(a, "n"),
      resources: (a) => room.resources(a),
      addResource: (a) => room.addResource(a, { url: "https://example.org/", title: "A link" }),
      removeResource: (a) => room.removeResource(a, "r"),
      meetings: (a) => room.meetings(a),
      proposeMeeting: (a) =>
        room.proposeMeeting(a, { kind: "video", title: "Call", date: day, start: "10:00", end: "11:00" }, "UTC"),
      answerMeeting: (a) => room.answerMeeting(a, "m", "accept"),
      rescheduleMeeting: (a) => room.rescheduleMeeting(a, "m", { scope: "series", date: day }, "UTC"),
      cancelMeeting: (a) => room.cancelMeeting(a, "m", "series", ""),
      recordOutcome: (a) => room.recordOutcome(a, "m", "r", "held", ""),
      editAgenda: (a) => room.editAgenda(a, "m", "Agenda"),
      setVideoLink: (a) => room.setVideoLink(a, "https://meet.example.org/x"),
      suggestSlots: (a) => room.suggestSlots(a, 60),
      openCheckin: (a) => room.openCheckin(a, "every-check", Date.now(), Date.now() + 86_400_000),
      checkin: (a) => room.checkin(a, "c"),
      answerCheckin: (a) => room.answerCheckin(a, "c", "ok", ""),
      commentOnCheckin: (a) => room.commentOnCheckin(a, "c", "A comment"),
      files: (a) => room.files(a),
      file: (a) => room.file(a, "f"),
      addFile: (a) =>
        room.addFile(a, { name: "a.txt", note: "", bytes: new TextEncoder().encode("Hello").buffer as ArrayBuffer }),
      removeFile: (a) => room.removeFile(a, "f"),
      commentOnFile: (a) => room.commentOnFile(a, "f", "A comment"),
      exportMember: (a) => room.exportMember(a, memberId),
      forgetMember: (a) => room.forgetMember(a, memberId),
    };
  }
  /** The status each call answered, by RPC name. */
  async function statuses(calls: Record<string, (a: Actor) => Outcome>, actor: Actor) {
    const out: Record<string, number> = {};
    for (const [name, call] of Object.entries(calls)) {
      const r = await call(actor);
      out[name] = r.ok ? 200 : r.status!;
    }
    return out;
  }
  const every = (names: string[], status: number) => Object.fromEntries(names.map((n) => [n, status]));

  it("refuses people who are not members, other programs' coordinators and the journey where it has no business", async () => {
    const q = await makePairing("every", ["mentor-every@example.org", "mentee-every@example.org"], "active");
    const calls = everyCall(q.pairingId, q.memberIds[0]!);
    const names = Object.keys(calls);
    // Someone who is not a member (exporting or forgetting is only ever for oneself).
    expect(await statuses(calls, { kind: "member", personId: "p-outsider" })).toEqual(every(names, 403));
    // A coordinator, but of another program.
    expect(await statuses(calls, { kind: "coordinator", personId: p.coordinatorId })).toEqual(every(names, 403));
    // The journey may only do the journey's calls (stage, risk, system lines, check-ins, attaching itself).
    const journey = await statuses(calls, { kind: "journey" });
    const journeyMay = [
      "changeStage",
      "setRisk",
      "attachJourney",
      "agreementSigned",
      "postSystemMessage",
      "openCheckin",
      "checkin",
    ];
    expect(
      Object.entries(journey)
        .filter(([, s]) => s === 403)
        .map(([n]) => n),
    ).toEqual(names.filter((n) => !journeyMay.includes(n)));
    // This program's coordinator sees no content and writes nothing of the members'.
    const coordinator = await statuses(calls, { kind: "coordinator", personId: q.coordinatorId });
    const coordinatorMay = ["changeStage", "setRisk", "agreementSigned", "postSystemMessage", "openCheckin"];
    expect(
      Object.entries(coordinator)
        .filter(([, s]) => s !== 403)
        .map(([n]) => n),
    ).toEqual(coordinatorMay);
  });

  it("a room whose pairing does not exist answers 404 to every call", async () => {
    const calls = everyCall("no-such-pairing", "p-outsider");
    expect(await statuses(calls, { kind: "journey" })).toEqual(every(Object.keys(calls), 404));
  });
});
