/** OIDC_PROVIDERS parsing, the domain limit and the verified-address claim: the single sign-on rules with no network. */
import { describe, expect, it } from "vitest";
import {
  claimSaysVerified,
  domainAllowed,
  emailDomain,
  findProvider,
  isIssuerUrl,
  parseOidcProviders,
} from "../../worker/domain/oidc-providers";

const entra = {
  id: "contoso",
  name: "Contoso (Microsoft)",
  issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
  client_id: "app-id",
  client_secret: "s3cret-value",
  domains: ["Contoso.com", "@contoso.co.uk"],
  verified_claim: "xms_edov",
};
const google = {
  id: "google",
  name: "Google",
  issuer: "https://accounts.google.com",
  client_id: "g",
  client_secret: "gs",
};

describe("parseOidcProviders", () => {
  it("reads no providers from an unset or blank setting", () => {
    expect(parseOidcProviders(undefined)).toEqual({ providers: [], problems: [] });
    expect(parseOidcProviders("  ")).toEqual({ providers: [], problems: [] });
  });

  it("reads each entry, lower-casing domains and defaulting the verified claim", () => {
    const { providers, problems } = parseOidcProviders(JSON.stringify([entra, google]));
    expect(problems).toEqual([]);
    expect(providers).toEqual([
      {
        id: "contoso",
        name: "Contoso (Microsoft)",
        issuer: entra.issuer,
        clientId: "app-id",
        clientSecret: "s3cret-value",
        domains: ["contoso.com", "contoso.co.uk"],
        verifiedClaim: "xms_edov",
      },
      {
        id: "google",
        name: "Google",
        issuer: "https://accounts.google.com",
        clientId: "g",
        clientSecret: "gs",
        domains: [],
        verifiedClaim: "email_verified",
      },
    ]);
  });

  it("refuses what is not a JSON array", () => {
    expect(parseOidcProviders("{").problems).toEqual(["OIDC_PROVIDERS is not valid JSON"]);
    expect(parseOidcProviders('{"id":"x"}').problems).toEqual(["OIDC_PROVIDERS must be a JSON array"]);
  });

  it("leaves out a bad entry, keeps the good ones, and never repeats a secret in the reasons", () => {
    const bad = [
      { ...google, id: "Has Space" },
      { ...google, id: "plain", issuer: "http://idp.example.org" },
      { ...google, id: "nosecret", client_secret: "" },
      { ...google, id: "baddomain", domains: ["not a domain"] },
      { ...google, id: "claim", verified_claim: "a b" },
      { ...google, id: "google" },
      google,
      "text",
    ];
    const { providers, problems } = parseOidcProviders(JSON.stringify([google, ...bad]));
    expect(providers.map((p) => p.id)).toEqual(["google"]);
    expect(problems).toEqual([
      "provider 2: id must be 1-32 lower-case letters, digits or -",
      "provider 3: issuer must be an https URL (http only on a loopback host)",
      "provider 4: client_secret is missing",
      "provider 5: domains must be domain names like example.org",
      "provider 6: verified_claim must be a claim name",
      'provider 7: id "google" repeats',
      'provider 8: id "google" repeats',
      "provider 9: not an object",
    ]);
    expect(problems.join(" ")).not.toContain("gs");
  });

  it("finds a provider by id only", () => {
    const { providers } = parseOidcProviders(JSON.stringify([entra, google]));
    expect(findProvider(providers, "google")?.name).toBe("Google");
    expect(findProvider(providers, "GOOGLE")).toBeUndefined();
    expect(findProvider(providers, undefined)).toBeUndefined();
  });
});

describe("isIssuerUrl", () => {
  it("takes https anywhere and http only on loopback hosts", () => {
    expect(isIssuerUrl("https://accounts.google.com")).toBe(true);
    expect(isIssuerUrl("https://example.okta.com/oauth2/default")).toBe(true);
    expect(isIssuerUrl("http://127.0.0.1:4000")).toBe(true);
    expect(isIssuerUrl("http://localhost:4000/oidc")).toBe(true);
    expect(isIssuerUrl("http://idp.example.org")).toBe(false);
    expect(isIssuerUrl("https://idp.example.org/?tenant=x")).toBe(false);
    expect(isIssuerUrl("https://user:pw@idp.example.org")).toBe(false);
    expect(isIssuerUrl("idp.example.org")).toBe(false);
  });
});

describe("domainAllowed", () => {
  const limited = { domains: ["contoso.com", "contoso.co.uk"] };

  it("lets any address through a provider without domains", () => {
    expect(domainAllowed({ domains: [] }, "anyone@elsewhere.org")).toBe(true);
  });

  it("takes exactly the listed domains, whatever their case", () => {
    expect(domainAllowed(limited, "ana@contoso.com")).toBe(true);
    expect(domainAllowed(limited, "Ana@CONTOSO.CO.UK")).toBe(true);
  });

  it("refuses other domains, look-alikes and subdomains", () => {
    expect(domainAllowed(limited, "ana@example.org")).toBe(false);
    expect(domainAllowed(limited, "ana@contoso.com.evil.example")).toBe(false);
    expect(domainAllowed(limited, "ana@evilcontoso.com")).toBe(false);
    expect(domainAllowed(limited, "ana@mail.contoso.com")).toBe(false);
    expect(domainAllowed(limited, "contoso.com")).toBe(false);
  });

  it("reads the domain after the last @", () => {
    expect(emailDomain('"a@contoso.com"@evil.example')).toBe("evil.example");
    expect(emailDomain("no-at-sign")).toBe("");
  });
});

describe("claimSaysVerified", () => {
  it("is true only for true (or the string some providers send)", () => {
    expect(claimSaysVerified({ email_verified: true }, "email_verified")).toBe(true);
    expect(claimSaysVerified({ email_verified: "true" }, "email_verified")).toBe(true);
    expect(claimSaysVerified({ email_verified: false }, "email_verified")).toBe(false);
    expect(claimSaysVerified({ email_verified: "false" }, "email_verified")).toBe(false);
    expect(claimSaysVerified({}, "email_verified")).toBe(false);
    expect(claimSaysVerified({ email_verified: true }, "xms_edov")).toBe(false);
  });
});
