// A real OpenID Connect provider for the single sign-on browser test: the `oidc-provider` package (the certified
// Node implementation) on a local port, with its own development login and consent pages (plain HTML forms, so they
// work with JavaScript off). The login name picks the account; a few accounts are set up to produce the failures
// Trellis must refuse:
//   wrong-audience  its ID token is signed for another client (aud "someone-else")
//   expired         its ID token expired five minutes before it was issued
//   unverified      its address is not verified (email_verified false)
// Every other account signs in normally.
import { createServer } from "node:http";
import Provider from "oidc-provider";

/** The accounts by login name: their address and whether the provider verified it. */
export const ACCOUNTS = {
  mentee1: { email: "mentee1@example.org", email_verified: true, name: "Mentee One" },
  mentee2: { email: "mentee2@example.org", email_verified: true, name: "Mentee Two" },
  "wrong-audience": { email: "mentee3@example.org", email_verified: true },
  expired: { email: "mentee4@example.org", email_verified: true },
  unverified: { email: "mentee5@example.org", email_verified: false },
  stranger: { email: "nobody-here@example.org", email_verified: true },
};

/**
 * Starts the provider on `port` with one confidential client per entry of `clients` ({ id, secret, redirectUri });
 * returns its issuer URL and a `close()`.
 */
export async function startOidcProvider({ port, clients }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.id,
      client_secret: c.secret,
      redirect_uris: [c.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    async findAccount(_ctx, id) {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["sso-e2e-cookie-key-not-secret"] },
    pkce: { required: () => true },
  });
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider server_error:", err));

  // The two misbehaving ID tokens: still issued and signed by the provider, only their `aud` or `exp` changed.
  const issue = provider.IdToken.prototype.issue;
  provider.IdToken.prototype.issue = async function issueForTest(options = {}) {
    const sub = this.available?.sub;
    if (options.use === "idtoken" && sub === "expired")
      return issue.call(this, { ...options, expiresAt: Math.floor(Date.now() / 1000) - 300 });
    if (options.use === "idtoken" && sub === "wrong-audience") {
      const real = this.client;
      this.client = new Proxy(real, {
        get(target, key) {
          if (key === "clientId") return "someone-else";
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      try {
        return await issue.call(this, options);
      } finally {
        this.client = real;
      }
    }
    return issue.call(this, options);
  };

  const server = createServer(provider.callback());
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    issuer,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
