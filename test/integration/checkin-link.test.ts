/** Check-ins answered from the email link: no sign-in, no cookie, one button; tokens scoped, expiring, unforgeable. */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { checkinToken } from "../../worker/checkins/answer-links";
import { signToken, tokenSecret } from "../../worker/domain/signed-link-tokens";
import { translator } from "../../worker/domain/i18n/translate";
import { roomOf } from "../../worker/pairings/access";
import { ORIGIN, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const DAY = 86_400_000;
let p: TestPairing;
let other: TestPairing;
let checkinId: string;
let otherCheckin: string;
let closes: number;

/** A request as a mail client or text browser makes it: no cookies at all. */
function open(path: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(ORIGIN + path, { ...init, redirect: "manual" }));
}

function post(token: string, fields: Record<string, string>) {
  return open(`/c/${token}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function answersOf(pairing: TestPairing, id: string) {
  const r = await roomOf(env, pairing.pairingId).checkin({ kind: "journey" }, id);
  return r.ok ? r.value.answers : [];
}

beforeAll(async () => {
  p = await makePairing("link", ["mentor-link@example.org", "mentee-link@example.org"], "active");
  other = await makePairing("link2", ["mentor-link2@example.org", "mentee-link2@example.org"], "active");
  closes = Date.now() + 4 * DAY;
  const opened = await roomOf(env, p.pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
  checkinId = opened.ok ? opened.value.id : "";
  const theirs = await roomOf(env, other.pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
  otherCheckin = theirs.ok ? theirs.value.id : "";
  await roomOf(env, p.pairingId).flushProjection();
  await roomOf(env, other.pairingId).flushProjection();
});

describe("check-in links", () => {
  it("opening a link shows the choice preselected and records nothing (mail scanners open links)", async () => {
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[1]!, closes);
    const res = await open(`/c/${token}?a=struggling`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<input type="radio" name="answer" value="struggling" checked=""\/>/);
    expect(html).toContain("Send my answer");
    expect(await answersOf(p, checkinId)).toEqual([]);
  });

  it("pressing the button records the answer without signing in or a cookie, and it can be changed until close", async () => {
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[1]!, closes);
    const first = await post(token, { answer: "going-well", comment: "Great first month" });
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`/c/${token}?done=1`);
    expect((await answersOf(p, checkinId)).map((a) => [a.personId, a.answer, a.comment])).toEqual([
      [p.memberIds[1], "going-well", "Great first month"],
    ]);
    const thanks = await (await open(`/c/${token}?done=1`)).text();
    expect(thanks).toMatch(/Thank you! Your answer (&quot;|")Going well(&quot;|") is recorded\./);
    expect((await post(token, { answer: "struggling", comment: "" })).status).toBe(303);
    const answers = await answersOf(p, checkinId);
    expect(answers[0]).toMatchObject({ answer: "struggling", comment: "Great first month" });
    await roomOf(env, p.pairingId).flushProjection();
    const d1 = await env.DB.prepare("SELECT answer FROM checkin_answers WHERE checkin_id = ?").bind(checkinId).all();
    expect(d1.results).toEqual([{ answer: "struggling" }]);
    const risk = await env.DB.prepare("SELECT risk_reason FROM pairings WHERE id = ?")
      .bind(p.pairingId)
      .first<{ risk_reason: string }>();
    expect(risk!.risk_reason).toMatch(/answered "Struggling"/);
    const coordinator = await signedIn(`coord-link@example.org`);
    const list = await coordinator.get(`/programs/${p.programId}/pairings`);
    expect(list.html).toMatch(/At risk: .*answered (&quot;|")Struggling/);
    expect((await coordinator.get(`/programs/${p.programId}/pairings/${p.pairingId}`)).html).toContain("At risk:");
  });

  it("a link saying another answer than the recorded one shows both and changes only when confirmed", async () => {
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[1]!, closes);
    const html = await (await open(`/c/${token}?a=going-well`)).text();
    expect(html).toMatch(
      /You answered (&quot;|")Struggling(&quot;|") on .*The link you\s+opened says (&quot;|")Going well/s,
    );
    // The form below keeps the recorded answer selected: one tap on its button changes nothing.
    expect(html).toMatch(/<input type="radio" name="answer" value="struggling" checked=""\/>/);
    expect(html).not.toMatch(/value="going-well" checked/);
    expect(html).toMatch(/<input type="hidden" name="answer" value="going-well"\/>/);
    expect(html).toContain("Change my answer to &quot;Going well&quot;");
    expect((await answersOf(p, checkinId))[0]).toMatchObject({ answer: "struggling" });
    const same = await (await open(`/c/${token}?a=struggling`)).text();
    expect(same).not.toContain("The link you");
    expect((await post(token, { answer: "going-well" })).status).toBe(303);
    expect((await answersOf(p, checkinId))[0]).toMatchObject({ answer: "going-well", comment: "Great first month" });
    expect((await post(token, { answer: "struggling" })).status).toBe(303);
  });

  it("bad answers and long comments get a message with what was typed kept", async () => {
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[0]!, closes);
    const bad = await post(token, { answer: "meh", comment: "keep me" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Choose one of the answers.");
    expect(html).toContain("keep me");
    expect((await post(token, { answer: "ok", comment: "x".repeat(1001) })).status).toBe(422);
  });

  it("expired, forged, re-purposed and other people's check-in tokens never record anything", async () => {
    const expired = await signToken(tokenSecret(env), {
      p: "checkin",
      u: p.memberIds[0]!,
      s: checkinId,
      x: Date.now() - 1000,
    });
    expect((await open(`/c/${expired}`)).status).toBe(410);
    expect((await post(expired, { answer: "ok" })).status).toBe(410);
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[0]!, closes);
    const forged = token.slice(0, -3) + (token.endsWith("AAA") ? "BBB" : "AAA");
    expect((await open(`/c/${forged}`)).status).toBe(404);
    expect((await post(forged, { answer: "ok" })).status).toBe(403);
    const wrongPurpose = await signToken(tokenSecret(env), { p: "unsub", u: p.memberIds[0]!, s: checkinId, x: closes });
    expect((await open(`/c/${wrongPurpose}`)).status).toBe(404);
    const notTheirs = await checkinToken(env, other.pairingId, otherCheckin, p.memberIds[0]!, closes);
    expect((await open(`/c/${notTheirs}`)).status).toBe(404);
    expect((await post(notTheirs, { answer: "ok" })).status).toBe(404);
    expect(await answersOf(other, otherCheckin)).toEqual([]);
    expect((await answersOf(p, checkinId)).some((a) => a.personId === p.memberIds[0])).toBe(false);
    expect((await open("/c/not-a-token")).status).toBe(404);
  });

  it("a token names the check-in's pairing, so an answer goes from the link to the room; the token is verified once", async () => {
    const token = await checkinToken(env, p.pairingId, checkinId, p.memberIds[0]!, closes);
    const body = JSON.parse(atob(token.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/"))) as unknown[];
    expect(body).toEqual(["checkin", p.memberIds[0], checkinId, closes, p.pairingId]);
    // The link's signature is checked once: the CSRF exemption and the route share one verification.
    const sign = vi.spyOn(crypto.subtle, "sign");
    try {
      expect((await post(token, { answer: "ok", comment: "" })).status).toBe(303);
      // Count the HMACs over this link's token (the CSRF token of the page is signed too, with other data).
      const body = new TextEncoder().encode(token.split(".")[0]!);
      const overToken = sign.mock.calls.filter(([, , data]) => {
        const bytes = new Uint8Array(data as ArrayBuffer);
        return bytes.length === body.length && bytes.every((b, i) => b === body[i]);
      });
      expect(overToken).toHaveLength(1);
    } finally {
      sign.mockRestore();
    }
    expect((await answersOf(p, checkinId)).find((a) => a.personId === p.memberIds[0])?.answer).toBe("ok");
    // A token that names another pairing than the check-in's (never minted, but signed) finds nothing there.
    const mismatched = await checkinToken(env, p.pairingId, otherCheckin, p.memberIds[0]!, closes);
    expect((await open(`/c/${mismatched}`)).status).toBe(404);
    expect((await post(mismatched, { answer: "ok" })).status).toBe(404);
  });

  it("links mailed before tokens named the pairing still work until they expire (the pairing is found in D1)", async () => {
    const old = await signToken(tokenSecret(env), { p: "checkin", u: p.memberIds[1]!, s: checkinId, x: closes });
    const page = await open(`/c/${old}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Change my answer");
    expect((await post(old, { answer: "going-well", comment: "" })).status).toBe(303);
    expect((await answersOf(p, checkinId)).find((a) => a.personId === p.memberIds[1])?.answer).toBe("going-well");
    const oldNotTheirs = await signToken(tokenSecret(env), {
      p: "checkin",
      u: p.memberIds[0]!,
      s: otherCheckin,
      x: closes,
    });
    expect((await post(oldNotTheirs, { answer: "ok" })).status).toBe(404);
    expect(await answersOf(other, otherCheckin)).toEqual([]);
  });
});

describe("check-in links in the member's language", () => {
  it("a member who chose Swahili gets the page in Swahili, whatever the browser asks for", async () => {
    const member = p.memberIds[0]!;
    await env.DB.prepare("UPDATE people SET language = 'sw' WHERE id = ?").bind(member).run();
    const token = await checkinToken(env, p.pairingId, checkinId, member, closes);
    const res = await open(`/c/${token}?a=ok`, { headers: { "Accept-Language": "fr" } });
    const html = await res.text();
    const sw = translator("sw");
    expect(html).toMatch(/<html lang="sw" dir="ltr">/);
    expect(html).toContain(`<h1>${sw("checkin.title")}</h1>`);
    expect(html).toContain(sw("checkin.answer.goingWell"));
    expect(html).not.toContain("Send my answer");
    await env.DB.prepare("UPDATE people SET language = NULL WHERE id = ?").bind(member).run();
  });
});
