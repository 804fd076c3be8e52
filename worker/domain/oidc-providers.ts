/**
 * Single sign-on providers as an installation configures them (the OIDC_PROVIDERS secret, a JSON array), and the
 * rules that need no network: which provider an id names, and whether an address's domain may sign in through it.
 */
import { isLoopbackName } from "./local-hosts";

/** One OpenID Connect provider Trellis offers on the sign-in page. */
export interface OidcProvider {
  /** Short id used in URLs (/auth/oidc/<id>/start): 1–32 lower-case letters, digits or "-". */
  id: string;
  /** The button's label, e.g. "Contoso (Microsoft)". */
  name: string;
  /** The issuer URL; discovery reads <issuer>/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case email domains allowed to sign in through it; empty: any domain. */
  domains: string[];
  /** The ID token claim that says the address is verified: "email_verified" unless configured (Entra: "xms_edov"). */
  verifiedClaim: string;
}

/** The providers that parsed, and a short reason for each entry that did not (no secrets in the reasons). */
export interface ProviderConfig {
  providers: OidcProvider[];
  problems: string[];
}

const ID = /^[a-z0-9-]{1,32}$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const CLAIM = /^[A-Za-z0-9_]{1,64}$/;

/**
 * Parses OIDC_PROVIDERS: a JSON array of { id, name, issuer, client_id, client_secret, domains?, verified_claim? }.
 * Absent or empty means no providers. A malformed entry is left out (with its reason in `problems`), never the whole
 * list, so one typo does not hide the other providers.
 */
export function parseOidcProviders(raw: string | undefined): ProviderConfig {
  if (!raw || raw.trim() === "") return { providers: [], problems: [] };
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return { providers: [], problems: ["OIDC_PROVIDERS is not valid JSON"] };
  }
  if (!Array.isArray(list)) return { providers: [], problems: ["OIDC_PROVIDERS must be a JSON array"] };
  const providers: OidcProvider[] = [];
  const problems: string[] = [];
  list.forEach((entry, index) => {
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") problems.push(`provider ${index + 1}: ${parsed}`);
    else if (providers.some((p) => p.id === parsed.id))
      problems.push(`provider ${index + 1}: id "${parsed.id}" repeats`);
    else providers.push(parsed);
  });
  return { providers, problems };
}

/** One entry, or the reason it is unusable. */
function parseEntry(entry: unknown): OidcProvider | string {
  if (typeof entry !== "object" || entry === null) return "not an object";
  const e = entry as Record<string, unknown>;
  const text = (key: string) => (typeof e[key] === "string" ? (e[key] as string).trim() : "");
  const id = text("id");
  if (!ID.test(id)) return "id must be 1-32 lower-case letters, digits or -";
  const name = text("name");
  if (name === "" || name.length > 80) return "name must be 1-80 characters";
  const issuer = text("issuer");
  if (!isIssuerUrl(issuer)) return "issuer must be an https URL (http only on a loopback host)";
  const clientId = text("client_id");
  if (clientId === "") return "client_id is missing";
  const clientSecret = text("client_secret");
  if (clientSecret === "") return "client_secret is missing";
  const rawDomains = e.domains ?? [];
  if (!Array.isArray(rawDomains)) return "domains must be an array of domain names";
  const domains = rawDomains.map((d) => (typeof d === "string" ? d.trim().toLowerCase().replace(/^@/, "") : ""));
  if (domains.some((d) => !DOMAIN.test(d))) return "domains must be domain names like example.org";
  const verifiedClaim = e.verified_claim === undefined ? "email_verified" : text("verified_claim");
  if (!CLAIM.test(verifiedClaim)) return "verified_claim must be a claim name";
  return { id, name, issuer, clientId, clientSecret, domains, verifiedClaim };
}

/** True for an https URL, or an http URL on a loopback host (a provider run locally for development and tests). */
export function isIssuerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && isLoopbackName(url.hostname);
}

/** The lower-case domain of an address (after its last "@"), or "" when it has none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** True when the provider takes any domain, or the address's domain is exactly one of its domains. */
export function domainAllowed(provider: Pick<OidcProvider, "domains">, email: string): boolean {
  if (provider.domains.length === 0) return true;
  const domain = emailDomain(email);
  return domain !== "" && provider.domains.includes(domain);
}

/** The provider with this id, or undefined. */
export function findProvider(providers: OidcProvider[], id: string | undefined): OidcProvider | undefined {
  return providers.find((p) => p.id === id);
}

/** True when an ID token's verified-address claim is the boolean true (or the string "true", as some providers send). */
export function claimSaysVerified(claims: Record<string, unknown>, claim: string): boolean {
  const value = claims[claim];
  return value === true || value === "true";
}

/** Why a single sign-on did not sign anyone in (each has its own message on the sign-in page). */
export type SsoFailure =
  /** No attempt under way for this browser, an attempt used already, or a `state` that does not match. */
  | "state"
  /** The provider sent an error back instead of a code (the person cancelled, or it refused). */
  | "provider"
  /** The code exchange or the ID token failed its checks (replayed code, wrong audience, expired, wrong nonce). */
  | "token"
  /** The ID token does not say the address is verified (or carries none). */
  | "unverified"
  /** The address's domain is not one this provider may sign in. */
  | "domain"
  /** The provider did not answer, or answered with something that is not OpenID Connect. */
  | "unreachable";
