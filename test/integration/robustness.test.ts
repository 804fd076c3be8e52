import { describe, expect, it } from "vitest";
import { Browser, createPerson } from "../helpers";

// Every route with malformed ids, queries and bodies is walked by route-fuzz.test.ts; these are the cases first found
// by hand.

describe("no client input produces a 5xx", () => {
  it("answers a check-in link with broken percent-encoding, and a redirect target with CR, LF or NUL, with a 4xx or a redirect home", async () => {
    const visitor = new Browser();
    for (const path of ["/c/%E0%A4%A", "/c/%ZZ", "/c/a%"]) {
      const res = await visitor.fetch(path, {
        method: "POST",
        body: "answer=ok",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(res.status, `POST ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `POST ${path}`).toBeLessThan(500);
      await res.arrayBuffer();
    }
    await createPerson("robust-next@example.org");
    const signedIn = new Browser();
    await signedIn.signIn("robust-next@example.org");
    for (const next of ["/%0D%0ASet-Cookie:%20a=b", "/x%0Ay", "/%00//evil.example", "/%09/evil.example"]) {
      const res = await signedIn.fetch(`/signin?next=${next}`);
      expect(res.status, next).toBe(303);
      expect(res.headers.get("Location"), next).toBe("/");
      await res.arrayBuffer();
    }
  });
});
