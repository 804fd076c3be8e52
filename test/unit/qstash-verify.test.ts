/**
 * QStash's signature check against JWTs made as QStash documents them (test/qstash-stub.ts): either signing key, and
 * nothing that is expired, not yet valid, unsigned, for another URL or another body.
 */
import { describe, expect, it } from "vitest";
import { verifyQstash } from "../../worker/mail/qstash";
import { NEXT_SIGNING_KEY, qstashJwt, SIGNING_KEY } from "../qstash-stub";

const keys = { QSTASH_CURRENT_SIGNING_KEY: SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY: NEXT_SIGNING_KEY };
const URL = "https://trellis.test/mail/deliver";
const BODY = '{"id":"n1"}';

describe("verifyQstash", () => {
  it("accepts QStash's signature with the current or the next key", async () => {
    expect(await verifyQstash(keys, await qstashJwt(SIGNING_KEY, BODY, { sub: URL }), BODY, URL)).toBe(true);
    expect(await verifyQstash(keys, await qstashJwt(NEXT_SIGNING_KEY, BODY, { sub: URL }), BODY, URL)).toBe(true);
  });

  it("refuses an expired or not yet valid signature, another issuer, an unsigned token and another body", async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await qstashJwt(SIGNING_KEY, BODY, { sub: URL, exp: now - 60 }),
      await qstashJwt(SIGNING_KEY, BODY, { sub: URL, nbf: now + 60 }),
      await qstashJwt(SIGNING_KEY, BODY, { sub: URL, iss: "Someone" }),
      await qstashJwt(SIGNING_KEY, BODY, { sub: URL }, { alg: "none", typ: "JWT" }),
      await qstashJwt(SIGNING_KEY, "{}", { sub: URL }),
      await qstashJwt(SIGNING_KEY, BODY, { sub: `${URL}/other` }),
    ];
    for (const jwt of refused) expect(await verifyQstash(keys, jwt, BODY, URL), jwt).toBe(false);
    const good = await qstashJwt(SIGNING_KEY, BODY, { sub: URL });
    expect(await verifyQstash(keys, `${good.split(".").slice(0, 2).join(".")}.`, BODY, URL)).toBe(false);
    expect(await verifyQstash(keys, good, BODY, URL, Date.now() + 10 * 60_000)).toBe(false);
    expect(await verifyQstash({ QSTASH_CURRENT_SIGNING_KEY: "", QSTASH_NEXT_SIGNING_KEY: "" }, good, BODY, URL)).toBe(
      false,
    );
  });
});
