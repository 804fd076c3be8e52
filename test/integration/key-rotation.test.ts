/**
 * Rotating TOKEN_SECRET: new links carry the new key's id; links signed with the previous key keep working until they
 * expire; once the previous key is removed they are refused. Check-in links, unsubscribe links and reply addresses.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkinToken } from "../../worker/checkins/answer-links";
import { signingKeys, signToken } from "../../worker/domain/signed-link-tokens";
import { receiveReply } from "../../worker/mail/inbound";
import { replyAddress } from "../../worker/mail/reply-address";
import { unsubscribeUrl } from "../../worker/mail/unsubscribe-links";
import { roomOf } from "../../worker/pairings/access";
import { ORIGIN } from "../helpers";
import { callWith } from "../qstash-stub";
import { makePairing, type TestPairing } from "../room-fixture";

const DAY = 86_400_000;
const MENTOR = "rotate-mentor@example.org";
const MENTEE = "rotate-mentee@example.org";
const K1 = "k1:first-secret-4f9a2c7e1b3d5a8c";
const K2 = "k2:second-secret-9e8d7c6b5a4f3e2d";
const K3 = "k3:third-secret-1a2b3c4d5e6f7a8b";
const LEGACY = "legacy-secret-from-before-key-ids";

/** The app's environment with these keys (a deployed installation, not the local development key). */
const withKeys = (current: string, previous?: string): Env =>
  ({ ...env, DEV_TOOLS: "0", TOKEN_SECRET: current, TOKEN_SECRET_PREVIOUS: previous }) as Env;

const before = withKeys(K1);
const rotated = withKeys(K2, K1);
const previousRemoved = withKeys(K3, K2);

let p: TestPairing;
let checkinId: string;
let closes: number;

function postForm(path: string, environment: Env, fields: Record<string, string>) {
  return callWith(path, environment, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

/** A minimal inbound message as Cloudflare Email Routing hands it to the email() handler. */
function inbound(from: string, to: string, text: string) {
  const raw = `From: ${from}\r\nTo: ${to}\r\nSubject: Re: chat\r\nMessage-ID: <${crypto.randomUUID()}@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
  const bytes = new TextEncoder().encode(raw);
  return {
    from,
    to,
    headers: new Headers({ From: from, To: to }),
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.length,
    setReject() {},
    forward: async () => ({}),
    reply: async () => ({}),
  } as unknown as ForwardableEmailMessage;
}

beforeAll(async () => {
  p = await makePairing("rotate", [MENTOR, MENTEE], "active");
  closes = Date.now() + 4 * DAY;
  const opened = await roomOf(env, p.pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
  checkinId = opened.ok ? opened.value.id : "";
  await roomOf(env, p.pairingId).flushProjection();
});

describe("rotating TOKEN_SECRET", () => {
  it("reads `<id>:<secret>` keys; new links carry the current key's id", async () => {
    expect(signingKeys(rotated)).toEqual({
      current: { id: "k2", secret: "second-secret-9e8d7c6b5a4f3e2d", raw: K2 },
      previous: { id: "k1", secret: "first-secret-4f9a2c7e1b3d5a8c", raw: K1 },
    });
    expect(await checkinToken(before, p.pairingId, checkinId, p.memberIds[1]!, closes)).toMatch(/^k1\./);
    expect(await checkinToken(rotated, p.pairingId, checkinId, p.memberIds[1]!, closes)).toMatch(/^k2\./);
  });

  it("a check-in link signed before the rotation is still answered after it, and refused once its key is removed", async () => {
    const token = await checkinToken(before, p.pairingId, checkinId, p.memberIds[1]!, closes);
    expect((await callWith(`/c/${token}?a=ok`, before)).status).toBe(200);
    expect((await callWith(`/c/${token}?a=ok`, rotated)).status).toBe(200);
    expect((await postForm(`/c/${token}`, rotated, { answer: "going-well" })).status).toBe(303);
    const answers = await roomOf(env, p.pairingId).checkin({ kind: "journey" }, checkinId);
    expect(answers.ok && answers.value.answers.map((a) => a.answer)).toEqual(["going-well"]);

    expect((await callWith(`/c/${token}?a=ok`, previousRemoved)).status).toBe(404);
    // Pressing the button: the CSRF check lets a POST without cookies through only for a valid link.
    expect((await postForm(`/c/${token}`, previousRemoved, { answer: "struggling" })).status).toBe(403);
    // A token naming a key id nobody has, or the right id with another key's MAC, is refused too.
    const forgedId = token.replace(/^k1\./, "k9.");
    expect((await callWith(`/c/${forgedId}?a=ok`, rotated)).status).toBe(404);
    const wrongKey = await signToken(
      { current: { id: "k1", secret: "not-k1", raw: "k1:not-k1" }, previous: null },
      { p: "checkin", u: p.memberIds[1]!, s: checkinId, x: closes, r: p.pairingId },
    );
    expect((await callWith(`/c/${wrongKey}?a=ok`, rotated)).status).toBe(404);
  });

  it("links from before key ids still work when that key becomes the previous one", async () => {
    const legacy = withKeys(LEGACY);
    const old = await checkinToken(legacy, p.pairingId, checkinId, p.memberIds[0]!, closes);
    expect(old.split(".")).toHaveLength(2); // a key without an id signs the old format
    expect((await callWith(`/c/${old}?a=ok`, withKeys(K1, LEGACY))).status).toBe(200);
    expect((await callWith(`/c/${old}?a=ok`, withKeys(K2, K1))).status).toBe(404);
  });

  it("unsubscribe links: valid across one rotation, refused after the next", async () => {
    const url = await unsubscribeUrl(before, ORIGIN, p.memberIds[1]!, "chat", Date.now());
    const path = url.slice(ORIGIN.length);
    expect(path).toMatch(/^\/unsubscribe\/k1\./);
    expect((await callWith(path, rotated)).status).toBe(200);
    expect((await postForm(path, rotated, {})).status).toBeLessThan(400);
    const refused = await callWith(path, previousRemoved);
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it("reply addresses: a reply to an address made before the rotation lands; one whose key was removed is refused", async () => {
    const address = await replyAddress(before, p.memberIds[0]!, { pairingId: p.pairingId }, Date.now() + 30 * DAY);
    const landed = await receiveReply(inbound(MENTOR, address, "Replying after the key rotation"), rotated);
    expect(landed).toMatchObject({ ok: true });
    const chat = await roomOf(env, p.pairingId).chatPage({ kind: "member", personId: p.memberIds[1]! }, null);
    expect(chat.ok && chat.value.messages.map((m) => m.body)).toContain("Replying after the key rotation");

    const refused = await receiveReply(inbound(MENTOR, address, "After the old key is gone"), previousRemoved);
    expect(refused).toMatchObject({ ok: false });
  });
});
