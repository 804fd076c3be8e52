/** Local hosts: where development tools and the development signing key may work. */
import { describe, expect, it } from "vitest";
import { isLocalHost, isLocalOrigin } from "../../worker/domain/local-hosts";
import { tokenSecret } from "../../worker/domain/signed-link-tokens";

describe("local hosts", () => {
  it("takes loopback and reserved local names, and nothing public", () => {
    for (const host of ["127.0.0.1", "127.8.0.1", "localhost", "LOCALHOST", "[::1]", "app.localhost", "trellis.test"])
      expect(isLocalHost(host), host).toBe(true);
    for (const host of ["trellis.example.org", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "test"])
      expect(isLocalHost(host), host).toBe(false);
    expect(isLocalOrigin(undefined)).toBe(true);
    expect(isLocalOrigin("http://127.0.0.1:8787")).toBe(true);
    expect(isLocalOrigin("https://mentoring.example.org")).toBe(false);
    expect(isLocalOrigin("not a url")).toBe(false);
  });

  it("never gives the development signing key to an installation with a public address", () => {
    const base = { DEV_TOOLS: "1", TOKEN_SECRET: "" } as unknown as Env;
    expect(tokenSecret(base)).toBe("trellis-development-only-token-secret");
    expect(() => tokenSecret({ ...base, PUBLIC_URL: "https://mentoring.example.org" } as Env)).toThrow(/TOKEN_SECRET/);
    expect(tokenSecret({ ...base, PUBLIC_URL: "https://mentoring.example.org", TOKEN_SECRET: "s3cret" } as Env)).toBe(
      "s3cret",
    );
  });
});
