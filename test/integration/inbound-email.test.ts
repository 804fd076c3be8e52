/** Replies by email: real MIME messages through the email() handler into a pairing's chat or a check-in's comment. */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { signToken, tokenSecret } from "../../worker/domain/signed-link-tokens";
import { handleInboundEmail } from "../../worker/mail/inbound";
import { replyAddress, replyTokenOf, signReplyToken, verifyReplyToken } from "../../worker/mail/reply-address";
import { roomOf } from "../../worker/pairings/access";
import { makePairing, type TestPairing } from "../room-fixture";

const DAY = 86_400_000;
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const encoder = new TextEncoder();

// --- building MIME ------------------------------------------------------------------------------------------------

const bytesOf = (s: string) => encoder.encode(s);
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const wrap76 = (s: string) => s.match(/.{1,76}/g)?.join("\r\n") ?? "";

/** Quoted-printable (RFC 2045) of a string's bytes in `charset`-compatible form (UTF-8 unless bytes are given). */
function qp(input: string | Uint8Array): string {
  const bytes = typeof input === "string" ? bytesOf(input) : input;
  const out: string[] = [];
  let line = "";
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      out.push(`${line}=`);
      line = "";
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      out.push(line);
      line = "";
      i++;
    } else if (b === 0x0a) {
      out.push(line);
      line = "";
    } else if (
      (b >= 33 && b <= 126 && b !== 61) ||
      (b === 32 && bytes[i + 1] !== 0x0a && bytes[i + 1] !== 0x0d && i + 1 < bytes.length)
    ) {
      push(String.fromCharCode(b));
    } else {
      push(`=${b.toString(16).toUpperCase().padStart(2, "0")}`);
    }
  }
  out.push(line);
  return out.join("\r\n");
}

type Part = {
  type: string;
  charset?: string;
  encoding: "7bit" | "8bit" | "quoted-printable" | "base64";
  body: string | Uint8Array;
};

function partBody(p: Part): string {
  const bytes = typeof p.body === "string" ? bytesOf(p.body) : p.body;
  if (p.encoding === "base64") return wrap76(b64(bytes));
  if (p.encoding === "quoted-printable") return qp(bytes);
  return typeof p.body === "string" ? p.body.replace(/\r?\n/g, "\r\n") : String.fromCharCode(...bytes);
}

function partHeaders(p: Part): string {
  return `Content-Type: ${p.type}; charset=${p.charset ?? "utf-8"}\r\nContent-Transfer-Encoding: ${p.encoding}\r\n`;
}

let messageCounter = 0;

/**
 * A complete message: headers (Subject may be non-ASCII: it is sent as an encoded word) and one part or alternatives.
 */
function mime(o: { from: string; to: string; subject?: string; messageId?: string | null; parts: Part[] }): string {
  const subject = o.subject ?? "Re: New message in your pairing";
  const encodedSubject = /^[\x20-\x7e]*$/.test(subject) ? subject : `=?UTF-8?B?${b64(bytesOf(subject))}?=`;
  const messageId =
    o.messageId === undefined ? `<msg-${++messageCounter}-${Date.now()}@mail.example.org>` : o.messageId;
  let head = `From: ${o.from}\r\nTo: ${o.to}\r\nSubject: ${encodedSubject}\r\nDate: Tue, 18 Nov 2026 09:20:00 +0000\r\n`;
  if (messageId) head += `Message-ID: ${messageId}\r\n`;
  head += "MIME-Version: 1.0\r\n";
  if (o.parts.length === 1) return `${head}${partHeaders(o.parts[0]!)}\r\n${partBody(o.parts[0]!)}\r\n`;
  const boundary = `=_b${messageCounter}_alt`;
  const body = o.parts.map((p) => `--${boundary}\r\n${partHeaders(p)}\r\n${partBody(p)}\r\n`).join("");
  return `${head}Content-Type: multipart/alternative; boundary="${boundary}"\r\n\r\nThis is a multi-part message in MIME format.\r\n${body}--${boundary}--\r\n`;
}

const text = (body: string | Uint8Array, encoding: Part["encoding"] = "quoted-printable", charset?: string): Part => ({
  type: "text/plain",
  encoding,
  body,
  charset,
});
const html = (body: string, encoding: Part["encoding"] = "quoted-printable"): Part => ({
  type: "text/html",
  encoding,
  body,
});

/**
 * A ForwardableEmailMessage as the runtime hands one to email(): the raw bytes streamed in small chunks, rejections
 * recorded.
 */
function incoming(raw: string, envelope: { from: string; to: string }) {
  const bytes = bytesOf(raw);
  const rejections: string[] = [];
  const headers = new Headers();
  const head = raw.split("\r\n\r\n")[0]!.replace(/\r\n[ \t]+/g, " ");
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const message = {
    from: envelope.from,
    to: envelope.to,
    headers,
    rawSize: bytes.length,
    canBeForwarded: true,
    raw: new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 97) c.enqueue(bytes.slice(i, i + 97));
        c.close();
      },
    }),
    setReject(reason: string) {
      rejections.push(reason);
    },
    async forward() {
      throw new Error("replies are never forwarded");
    },
    async reply() {
      throw new Error("replies are never answered");
    },
  };
  return { message: message as unknown as ForwardableEmailMessage, rejections };
}

/** Sends a message to the handler; returns the rejections (none when it was taken). */
async function deliver(raw: string, envelope: { from: string; to: string }): Promise<string[]> {
  const { message, rejections } = incoming(raw, envelope);
  await handleInboundEmail(message, env, ctx);
  return rejections;
}

/** The chat as a member sees it. */
async function chat(p: TestPairing, memberIndex = 0) {
  const page = await roomOf(env, p.pairingId).chatPage({ kind: "member", personId: p.memberIds[memberIndex]! }, null);
  if (!page.ok) throw new Error(page.error);
  return page.value.messages;
}

// --- the tests ----------------------------------------------------------------------------------------------------

describe("reply addresses", () => {
  it("are reply+<base32 token>@REPLY_DOMAIN, 64 octets before the @ for Trellis ids, and verify to their claims", async () => {
    const person = "0123456789abcdef01234567";
    const pairing = "89abcdef0123456789abcdef";
    const expires = Date.UTC(2027, 0, 1, 12);
    const address = await replyAddress(env, person, { pairingId: pairing }, expires);
    expect(address).toMatch(/^reply\+[a-z2-7]{58}@reply\.trellis\.localhost$/);
    expect(address.split("@")[0]).toHaveLength(64);
    const token = replyTokenOf(address)!;
    expect(await verifyReplyToken(tokenSecret(env), token, expires - 1)).toEqual({
      ok: true,
      claims: { p: "reply", u: person, s: `pairing:${pairing}`, x: expires },
    });
    // Mail systems may change the letter case of a local part: it still verifies.
    expect((await verifyReplyToken(tokenSecret(env), replyTokenOf(address.toUpperCase())!, expires - 1)).ok).toBe(true);
    expect(replyTokenOf(`Trellis <${address}>`)).toBe(token);

    const checkin = await replyAddress(
      { ...env, REPLY_DOMAIN: "Reply.Example.ORG" },
      person,
      { checkinId: pairing },
      expires,
    );
    expect(checkin).toMatch(/^reply\+[a-z2-7]{58}@reply\.example\.org$/);
    expect(await verifyReplyToken(tokenSecret(env), replyTokenOf(checkin)!, 0)).toMatchObject({
      ok: true,
      claims: { s: `checkin:${pairing}` },
    });
  });

  it("carry ids of any other shape too (longer), and keep expiry to the hour, rounded up", async () => {
    const address = await replyAddress(env, "p-someone", { pairingId: "pair-x1" }, Date.UTC(2027, 0, 1, 12, 30));
    expect(address).toMatch(/^reply\+[a-z2-7]+@/);
    const result = await verifyReplyToken(tokenSecret(env), replyTokenOf(address)!, 0);
    expect(result).toEqual({
      ok: true,
      claims: { p: "reply", u: "p-someone", s: "pairing:pair-x1", x: Date.UTC(2027, 0, 1, 13) },
    });
  });

  it("refuse tampering, other secrets and other kinds of tokens", async () => {
    const token = replyTokenOf(
      await replyAddress(env, "0123456789abcdef01234567", { pairingId: "89abcdef0123456789abcdef" }, Date.now() + DAY),
    )!;
    const flipped = token.slice(0, 10) + (token[10] === "a" ? "b" : "a") + token.slice(11);
    expect(await verifyReplyToken(tokenSecret(env), flipped)).toEqual({ ok: false, problem: "forged" });
    expect(await verifyReplyToken("another-secret", token)).toEqual({ ok: false, problem: "forged" });
    expect((await verifyReplyToken(tokenSecret(env), token.slice(0, -1))).ok).toBe(false);
    expect((await verifyReplyToken(tokenSecret(env), "abc")).ok).toBe(false);
    const longForm = await signToken(tokenSecret(env), { p: "reply", u: "x", s: "pairing:y", x: Date.now() + DAY });
    expect(replyTokenOf(`reply+${longForm}@reply.trellis.localhost`)).toBeNull();
    expect(replyTokenOf("someone@reply.trellis.localhost")).toBeNull();
    await expect(signReplyToken("s", { p: "checkin", u: "a", s: "pairing:b", x: 1 })).rejects.toThrow();
    await expect(signReplyToken("s", { p: "reply", u: "a", s: "meeting:b", x: 1 })).rejects.toThrow();
  });
});

describe("the worker's entry", () => {
  it("exports fetch and email handlers", async () => {
    expect(worker.email).toBe(handleInboundEmail);
    const res = await exports.default.fetch(new Request("https://trellis.test/healthz"));
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

describe("replies into a pairing's chat", () => {
  let p: TestPairing;
  const alice = "alice.inbox@example.org";
  const bob = "Bob.Inbox@Example.org";
  let aliceTo: string;
  let bobTo: string;

  beforeAll(async () => {
    p = await makePairing("inbox", [alice, bob]);
    aliceTo = await replyAddress(env, p.memberIds[0]!, { pairingId: p.pairingId }, Date.now() + 30 * DAY);
    bobTo = await replyAddress(env, p.memberIds[1]!, { pairingId: p.pairingId }, Date.now() + 30 * DAY);
  });

  const lastBody = async () => (await chat(p)).at(-1)!;

  it("posts a plain-text Gmail reply without its quote, as the member", async () => {
    const raw = mime({
      from: `Alice <${alice}>`,
      to: aliceTo,
      parts: [
        text(
          "Thursday at 5 works for me.\n\nSee you then!\n\nOn Tue, Nov 18, 2026 at 9:14 AM Trellis <\nreply+x@reply.trellis.localhost> wrote:\n\n> Bob wrote:\n> Shall we meet on Thursday?\n",
          "7bit",
        ),
      ],
    });
    expect(await deliver(raw, { from: alice, to: aliceTo })).toEqual([]);
    const m = await lastBody();
    expect(m.body).toBe("Thursday at 5 works for me.\n\nSee you then!");
    expect(m.authorId).toBe(p.memberIds[0]);
    expect(m.source).toBe("member");
    expect(m.clientId).toMatch(/^mail-[0-9a-f]{24}$/);
  });

  it("accepts the sender's address in any letter case and the envelope recipient in any case", async () => {
    const raw = mime({ from: bob, to: bobTo, parts: [text("Case does not matter.", "7bit")] });
    expect(await deliver(raw, { from: "bob.inbox@EXAMPLE.ORG", to: bobTo.toUpperCase() })).toEqual([]);
    const m = await lastBody();
    expect(m.body).toBe("Case does not matter.");
    expect(m.authorId).toBe(p.memberIds[1]);
  });

  it("reads an HTML-only reply (quoted-printable), keeping its line breaks and dropping the blockquote", async () => {
    const body = `<html><head><style>div{}</style></head><body><div dir="ltr">Hi Bob,<div><br></div><div>Fish &amp; chips after the session? Caf&eacute; &#8220;Zur Post&#8221;.</div><div>Cheers</div></div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Nov 18, 2026 at 9:14 AM Trellis &lt;${aliceTo}&gt; wrote:<br></div><blockquote class="gmail_quote"><div>Bob wrote: Shall we?</div></blockquote></div></body></html>`;
    expect(
      await deliver(mime({ from: alice, to: aliceTo, parts: [html(body)] }), { from: alice, to: aliceTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Hi Bob,\n\nFish & chips after the session? Café “Zur Post”.\nCheers");
  });

  it("takes the text part of multipart/alternative, with non-ASCII subject and body in quoted-printable", async () => {
    const raw = mime({
      from: alice,
      to: aliceTo,
      subject: "Re: Neue Nachricht – Grüße aus München 😀",
      parts: [
        text(
          "Grüße aus München — bis Donnerstag! 😀\nLänger als eine Zeile, mit einem sehr langen Satz, der weit über sechsundsiebzig Zeichen hinausgeht, damit weiche Umbrüche nötig sind.",
        ),
        html("<p>HTML version – not used</p>"),
      ],
    });
    expect(await deliver(raw, { from: alice, to: aliceTo })).toEqual([]);
    expect((await lastBody()).body).toBe(
      "Grüße aus München — bis Donnerstag! 😀\nLänger als eine Zeile, mit einem sehr langen Satz, der weit über sechsundsiebzig Zeichen hinausgeht, damit weiche Umbrüche nötig sind.",
    );
  });

  it("decodes base64 bodies and other charsets (ISO-8859-1)", async () => {
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text("Ça marche, à jeudi ! Ελληνικά, 日本語.", "base64")] }), {
        from: bob,
        to: bobTo,
      }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Ça marche, à jeudi ! Ελληνικά, 日本語.");
    const latin1 = Uint8Array.from(
      [..."Gr"]
        .map((c) => c.charCodeAt(0))
        .concat([0xfc, 0xdf, 0x65, 0x20, 0x61, 0x75, 0x73, 0x20, 0x4b, 0xf6, 0x6c, 0x6e]),
    );
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text(latin1, "quoted-printable", "iso-8859-1")] }), {
        from: bob,
        to: bobTo,
      }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Grüße aus Köln");
  });

  it("decodes Windows-1252 and Shift_JIS replies, and takes the text beside a photo in multipart/mixed", async () => {
    // “Thanks” – see you — in Windows-1252: curly quotes and dashes live in 0x80–0x9f, where Latin-1 has controls.
    const cp1252 = Uint8Array.from([0x93, ...bytesOf("Thanks"), 0x94, 0x20, 0x96, 0x20, ...bytesOf("see you")]);
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text(cp1252, "quoted-printable", "windows-1252")] }), {
        from: bob,
        to: bobTo,
      }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("“Thanks” – see you");
    // 了解です in Shift_JIS.
    const sjis = Uint8Array.from([0x97, 0xb9, 0x89, 0xf0, 0x82, 0xc5, 0x82, 0xb7]);
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text(sjis, "base64", "shift_jis")] }), {
        from: bob,
        to: bobTo,
      }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("了解です");
    const boundary = "=_mixed_photo";
    const withPhoto =
      `From: ${bob}\r\nTo: ${bobTo}\r\nSubject: Re: hello\r\nMessage-ID: <photo-${Date.now()}@mail.example.org>\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\n${partHeaders(text("Here is the photo of my notes."))}\r\n${partBody(text("Here is the photo of my notes."))}\r\n` +
      `--${boundary}\r\nContent-Type: image/jpeg; name="notes.jpg"\r\nContent-Disposition: attachment; filename="notes.jpg"\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${wrap76(b64(new Uint8Array(300).fill(0xff)))}\r\n--${boundary}--\r\n`;
    expect(await deliver(withPhoto, { from: bob, to: bobTo })).toEqual([]);
    expect((await lastBody()).body).toBe("Here is the photo of my notes.");
  });

  it("strips an Outlook reply (base64, '-----Original Message-----' and 'From: … Sent: …')", async () => {
    const outlook =
      "Yes, let's do that.\r\n\r\nBob\r\n\r\n-----Original Message-----\r\nFrom: Trellis <noreply@trellis.example>\r\nSent: Tuesday, November 18, 2026 9:14 AM\r\nTo: Bob\r\nSubject: New message\r\n\r\nAlice wrote: Shall we?\r\n";
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text(outlook, "base64")] }), { from: bob, to: bobTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Yes, let's do that.\n\nBob");
    const owa = `<div>Sure thing.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><font><b>From:</b> Trellis &lt;noreply@trellis.example&gt;<br><b>Sent:</b> Tuesday, November 18, 2026 09:14<br><b>To:</b> Bob<br><b>Subject:</b> New message</font><div>&nbsp;</div></div><div>Alice wrote: Shall we?</div>`;
    expect(
      await deliver(mime({ from: bob, to: bobTo, parts: [text("", "7bit"), html(owa)] }), { from: bob, to: bobTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Sure thing.");
  });

  it("strips an Apple Mail reply, its 'Sent from my iPhone' and a '-- ' signature", async () => {
    const apple =
      "Perfect, thanks!\n\nSent from my iPhone\n\n> On Nov 18, 2026, at 09:14, Trellis <noreply@trellis.example> wrote:\n> \n> Shall we?\n";
    expect(
      await deliver(mime({ from: alice, to: aliceTo, parts: [text(apple)] }), { from: alice, to: aliceTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Perfect, thanks!");
    const signed = "I'll bring the notes.\n\n-- \nAlice Example\nSenior Engineer, Example Corp\n";
    expect(
      await deliver(mime({ from: alice, to: aliceTo, parts: [text(signed)] }), { from: alice, to: aliceTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("I'll bring the notes.");
  });

  it("drops a Gmail HTML signature block", async () => {
    const body = `<div dir="ltr">Notes attached below.<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Alice Example<br>Senior Engineer</div></div>`;
    expect(
      await deliver(mime({ from: alice, to: aliceTo, parts: [html(body)] }), { from: alice, to: aliceTo }),
    ).toEqual([]);
    expect((await lastBody()).body).toBe("Notes attached below.");
  });

  it("quietly drops auto-replies and bounces: no message, no bounce", async () => {
    const before = await chat(p);
    const away = mime({
      from: alice,
      to: aliceTo,
      subject: "Automatic reply: New message",
      parts: [text("I am out of the office until Monday.")],
    }).replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nAuto-Submitted: auto-replied\r\n");
    expect(await deliver(away, { from: alice, to: aliceTo })).toEqual([]);
    const bounce = mime({
      from: "MAILER-DAEMON@mail.example.org",
      to: aliceTo,
      subject: "Undelivered Mail Returned to Sender",
      parts: [text("This is the mail system.")],
    });
    expect(await deliver(bounce, { from: "", to: aliceTo })).toEqual([]);
    const vacation = mime({ from: alice, to: aliceTo, parts: [text("Away.")] }).replace(
      "MIME-Version: 1.0\r\n",
      "MIME-Version: 1.0\r\nPrecedence: auto_reply\r\n",
    );
    expect(await deliver(vacation, { from: alice, to: aliceTo })).toEqual([]);
    expect(await chat(p)).toEqual(before);
  });

  it("stores a redelivered message once (same Message-ID)", async () => {
    const before = (await chat(p)).length;
    const raw = mime({
      from: alice,
      to: aliceTo,
      messageId: "<redelivered-1@mail.example.org>",
      parts: [text("Only once, please.")],
    });
    expect(await deliver(raw, { from: alice, to: aliceTo })).toEqual([]);
    expect(await deliver(raw, { from: alice, to: aliceTo })).toEqual([]);
    const messages = await chat(p);
    expect(messages.length).toBe(before + 1);
    expect(messages.filter((m) => m.body === "Only once, please.")).toHaveLength(1);
  });

  it("keeps the first 2,000 characters of a long reply, ending with '…'", async () => {
    const long = `${"All good here. ".repeat(200)}END`;
    expect(await deliver(mime({ from: bob, to: bobTo, parts: [text(long)] }), { from: bob, to: bobTo })).toEqual([]);
    const body = (await lastBody()).body;
    // 1,999 characters and "…" (the chat's limit is 2,000), less a space where the cut fell after one.
    expect(body.length).toBeGreaterThanOrEqual(1998);
    expect(body.length).toBeLessThanOrEqual(2000);
    expect(body.endsWith("All…")).toBe(true);
    expect(long.startsWith(body.slice(0, -1))).toBe(true);
  });

  describe("refusals: a clear reason and nothing stored", () => {
    async function refused(raw: string, envelope: { from: string; to: string }, reason: RegExp) {
      const before = await chat(p);
      const rejections = await deliver(raw, envelope);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]).toMatch(reason);
      expect(rejections[0]).toMatch(/^[\x20-\x7e]+$/);
      expect(await chat(p)).toEqual(before);
    }
    const reply = (from: string, to: string, body = "Hello there") => mime({ from, to, parts: [text(body)] });

    it("a forged token", async () => {
      const token = replyTokenOf(aliceTo)!;
      const forged = `reply+${token.slice(0, 20)}${token[20] === "a" ? "b" : "a"}${token.slice(21)}@reply.trellis.localhost`;
      await refused(reply(alice, forged), { from: alice, to: forged }, /not valid/);
    });

    it("a token signed with another secret", async () => {
      const other = await replyAddress(
        { ...env, TOKEN_SECRET: "someone-elses-secret" },
        p.memberIds[0]!,
        { pairingId: p.pairingId },
        Date.now() + DAY,
      );
      await refused(reply(alice, other), { from: alice, to: other }, /not valid/);
    });

    it("an expired token", async () => {
      const expired = await replyAddress(env, p.memberIds[0]!, { pairingId: p.pairingId }, Date.now() - 2 * 3_600_000);
      await refused(reply(alice, expired), { from: alice, to: expired }, /expired/);
    });

    it("another person's From", async () => {
      await refused(
        reply(bob, aliceTo),
        { from: bob, to: aliceTo },
        /only takes mail from the address Trellis sent it to/,
      );
      await refused(reply(alice, aliceTo), { from: "mallory@example.org", to: aliceTo }, /only takes mail from/);
    });

    it("an address that is not a reply address", async () => {
      await refused(
        reply(alice, "hello@reply.trellis.localhost"),
        { from: alice, to: "hello@reply.trellis.localhost" },
        /not a Trellis reply address/,
      );
    });

    it("a reply with nothing but quotes and a signature", async () => {
      await refused(
        reply(alice, aliceTo, "> Shall we?\n\n-- \nAlice"),
        { from: alice, to: aliceTo },
        /no text of its own/,
      );
    });

    it("an unknown pairing", async () => {
      const nowhere = await replyAddress(env, p.memberIds[0]!, { pairingId: "nosuchpairing" }, Date.now() + DAY);
      const rejections = await deliver(reply(alice, nowhere), { from: alice, to: nowhere });
      expect(rejections).toEqual(["Your reply was not posted: This pairing does not exist."]);
    });

    it("someone who is not a member of the pairing", async () => {
      const coordinator = `coord-inbox@example.org`;
      const theirs = await replyAddress(env, p.coordinatorId, { pairingId: p.pairingId }, Date.now() + DAY);
      await refused(reply(coordinator, theirs), { from: coordinator, to: theirs }, /not posted: .*not a member/);
    });

    it("a person who no longer exists", async () => {
      const ghost = await replyAddress(env, "p-ghost", { pairingId: p.pairingId }, Date.now() + DAY);
      await refused(reply(alice, ghost), { from: alice, to: ghost }, /no longer exists/);
    });

    it("an ended pairing", async () => {
      const ended = await makePairing("inboxend", ["carol.inbox@example.org", "dave.inbox@example.org"], "closed");
      const to = await replyAddress(env, ended.memberIds[0]!, { pairingId: ended.pairingId }, Date.now() + DAY);
      const rejections = await deliver(reply("carol.inbox@example.org", to), { from: "carol.inbox@example.org", to });
      expect(rejections).toHaveLength(1);
      expect(rejections[0]).toMatch(/^Your reply was not posted: .*no longer changed/);
      expect(await chat(ended)).toEqual([]);
    });

    it("a sender over the chat's rate limit", async () => {
      const busy = await makePairing("inboxbusy", ["erin.inbox@example.org", "frank.inbox@example.org"]);
      const to = await replyAddress(env, busy.memberIds[0]!, { pairingId: busy.pairingId }, Date.now() + DAY);
      const limit = Number(env.CHAT_RATE_PER_MINUTE) || 20;
      for (let i = 0; i < limit; i++)
        expect(
          await deliver(reply("erin.inbox@example.org", to, `Message ${i}`), { from: "erin.inbox@example.org", to }),
        ).toEqual([]);
      const rejections = await deliver(reply("erin.inbox@example.org", to, "One too many"), {
        from: "erin.inbox@example.org",
        to,
      });
      expect(rejections).toHaveLength(1);
      expect(rejections[0]).toBe(
        "Your reply was not posted: you are sending messages faster than the chat allows. Wait a minute and send it again.",
      );
      expect((await chat(busy)).filter((m) => m.body === "One too many")).toEqual([]);
    });
  });
});

describe("replies to a check-in email", () => {
  it("keep the reply as the member's comment on that check-in", async () => {
    const p = await makePairing("inboxci", ["gina.inbox@example.org", "hank.inbox@example.org"]);
    const room = roomOf(env, p.pairingId);
    const opened = await room.openCheckin({ kind: "journey" }, "week-2", Date.now() - 1000, Date.now() + 7 * DAY);
    if (!opened.ok) throw new Error(opened.error);
    await room.flushProjection();
    const checkinId = opened.value.id;
    const to = await replyAddress(env, p.memberIds[1]!, { checkinId }, Date.now() + 7 * DAY);
    const raw = mime({
      from: "hank.inbox@example.org",
      to,
      parts: [
        text(
          "We met twice, it's going well.\n\nOn Tue, Nov 18, 2026 at 9:14 AM Trellis <noreply@trellis.example> wrote:\n> How is it going?\n",
        ),
      ],
    });
    expect(await deliver(raw, { from: "hank.inbox@example.org", to })).toEqual([]);
    const seen = await room.checkin({ kind: "member", personId: p.memberIds[1]! }, checkinId);
    if (!seen.ok) throw new Error(seen.error);
    expect(seen.value.answers).toEqual([
      expect.objectContaining({ personId: p.memberIds[1], comment: "We met twice, it's going well." }),
    ]);
    expect(await chat(p)).toEqual([]);

    // Check-in comments are shorter than chat messages: a long reply keeps the first 1,000 characters.
    expect(
      await deliver(mime({ from: "hank.inbox@example.org", to, parts: [text("x".repeat(1500))] }), {
        from: "hank.inbox@example.org",
        to,
      }),
    ).toEqual([]);
    const again = await room.checkin({ kind: "member", personId: p.memberIds[1]! }, checkinId);
    expect(again.ok && again.value.answers[0]!.comment).toBe(`${"x".repeat(999)}…`);

    const unknown = await replyAddress(env, p.memberIds[1]!, { checkinId: "nosuchcheckin" }, Date.now() + DAY);
    expect(
      await deliver(mime({ from: "hank.inbox@example.org", to: unknown, parts: [text("Hello")] }), {
        from: "hank.inbox@example.org",
        to: unknown,
      }),
    ).toEqual(["Your reply was not saved with the check-in: That check-in does not exist."]);
  });
});
