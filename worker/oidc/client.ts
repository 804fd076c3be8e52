/**
 * The OpenID Connect relying party, on oauth4webapi: discovery (cached briefly), the authorization URL with PKCE, state
 * and nonce, and the callback (state check, code exchange, ID token checks, verified address, domain limit). Every way
 * it can fail is one `SsoFailure`, never an exception, so the route can answer each with its own message.
 */
import * as oauth from "oauth4webapi";
import { claimSaysVerified, domainAllowed, type OidcProvider, type SsoFailure } from "../domain/oidc-providers";
import { normaliseEmail } from "../auth/login-links";
import type { OidcFlow } from "./flows";

/** How long a provider's discovery document is reused: 5 minutes. */
const DISCOVERY_TTL_MS = 5 * 60_000;
/** The longest a call to a provider may take. */
const PROVIDER_TIMEOUT_MS = 10_000;
/** What Trellis asks the provider for: an ID token with the address and the name. */
export const OIDC_SCOPES = "openid email profile";

/** The result of a callback: the verified address, or why not. */
export type SsoResult = { ok: true; email: string } | { ok: false; failure: SsoFailure; detail?: string };

const discovered = new Map<string, { as: oauth.AuthorizationServer; until: number }>();

/** Options every request to this provider carries: a timeout, and plain http only for a loopback issuer. */
function requestOptions(provider: OidcProvider) {
  return {
    signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    ...(provider.issuer.startsWith("http:") ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

/** The provider's metadata, from its discovery document (reused for DISCOVERY_TTL_MS). */
async function discover(provider: OidcProvider, now = Date.now()): Promise<oauth.AuthorizationServer> {
  const cached = discovered.get(provider.issuer);
  if (cached && cached.until > now) return cached.as;
  const issuer = new URL(provider.issuer);
  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...requestOptions(provider) }),
  );
  discovered.set(provider.issuer, { as, until: now + DISCOVERY_TTL_MS });
  return as;
}

/** The client's authentication at the token endpoint: HTTP Basic unless the provider supports only the POST body. */
function clientAuth(as: oauth.AuthorizationServer, provider: OidcProvider): oauth.ClientAuth {
  const methods = as.token_endpoint_auth_methods_supported;
  return methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post")
    ? oauth.ClientSecretPost(provider.clientSecret)
    : oauth.ClientSecretBasic(provider.clientSecret);
}

/** Fresh random values for one attempt (state, nonce, PKCE verifier). */
export function newFlowSecrets(): Pick<OidcFlow, "state" | "nonce" | "verifier"> {
  return {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
  };
}

/**
 * The provider's authorization URL for one attempt, or why there is none: its discovery document cannot be read (the
 * `detail` names the error for the log: a network failure, or a document that is not this issuer's).
 */
export async function authorizationUrl(
  provider: OidcProvider,
  redirectUri: string,
  flow: Pick<OidcFlow, "state" | "nonce" | "verifier">,
): Promise<{ url: URL } | { failure: "unreachable"; detail: string }> {
  let as: oauth.AuthorizationServer;
  try {
    as = await discover(provider);
  } catch (err) {
    return { failure: "unreachable", detail: errorName(err) };
  }
  if (!as.authorization_endpoint) return { failure: "unreachable", detail: "no authorization_endpoint" };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", OIDC_SCOPES);
  url.searchParams.set("state", flow.state);
  url.searchParams.set("nonce", flow.nonce);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(flow.verifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { url };
}

/**
 * Finishes an attempt from the URL the provider sent the browser back to: checks `state` (and `iss` where sent),
 * exchanges the code with the PKCE verifier, lets oauth4webapi check the ID token (issuer, audience, expiry, nonce),
 * then requires a verified address in an allowed domain.
 */
export async function finishSignIn(
  provider: OidcProvider,
  flow: OidcFlow,
  callbackUrl: URL,
  redirectUri: string,
): Promise<SsoResult> {
  let as: oauth.AuthorizationServer;
  try {
    as = await discover(provider);
  } catch (err) {
    return { ok: false, failure: "unreachable", detail: errorName(err) };
  }
  const client: oauth.Client = { client_id: provider.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackUrl, flow.state);
  } catch (err) {
    return { ok: false, failure: err instanceof oauth.AuthorizationResponseError ? "provider" : "state" };
  }
  let claims: Record<string, unknown> | undefined;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth(as, provider),
      params,
      redirectUri,
      flow.verifier,
      requestOptions(provider),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: flow.nonce,
      requireIdToken: true,
    });
    const idToken = oauth.getValidatedIdTokenClaims(result);
    claims = idToken;
    // Providers that keep scope claims out of the ID token when an access token is issued (as the OpenID Connect
    // core spec allows) answer them at the userinfo endpoint, for the same subject.
    if (idToken && typeof idToken.email !== "string" && as.userinfo_endpoint) {
      const info = await oauth.processUserInfoResponse(
        as,
        client,
        idToken.sub,
        await oauth.userInfoRequest(as, client, result.access_token, requestOptions(provider)),
      );
      claims = { ...idToken, ...info };
    }
  } catch (err) {
    const unreachable = err instanceof TypeError || (err instanceof Error && err.name === "TimeoutError");
    return { ok: false, failure: unreachable ? "unreachable" : "token", detail: errorName(err) };
  }
  const email = typeof claims?.email === "string" ? normaliseEmail(claims.email) : "";
  if (!claims || email === "" || !claimSaysVerified(claims, provider.verifiedClaim))
    return { ok: false, failure: "unverified" };
  if (!domainAllowed(provider, email)) return { ok: false, failure: "domain" };
  return { ok: true, email };
}

/**
 * What failed, for the log: oauth4webapi's code (it names the check) and the provider's OAuth error; otherwise the
 * error's name and message (a network failure, a timeout), which the route scrubs. oauth4webapi's own class names are
 * left out: the bundle is minified without names (`keep_names = false`), so they would be a letter or two.
 */
function errorName(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  const oauthError = (err as { error?: unknown }).error;
  const what = typeof code === "string" ? [code] : [err.name, err.message.slice(0, 120)];
  return [...what, typeof oauthError === "string" ? oauthError : ""].filter(Boolean).join(" ");
}
