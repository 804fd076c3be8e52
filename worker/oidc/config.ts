/** The installation's single sign-on providers (OIDC_PROVIDERS), parsed once per isolate; problems logged once. */
import { type OidcProvider, parseOidcProviders } from "../domain/oidc-providers";
import { logEvent } from "../observability/log";

let cache: { raw: string | undefined; providers: OidcProvider[] } | null = null;

/** The configured providers (an empty list when OIDC_PROVIDERS is unset). */
export function oidcProviders(env: Env): OidcProvider[] {
  if (cache && cache.raw === env.OIDC_PROVIDERS) return cache.providers;
  const { providers, problems } = parseOidcProviders(env.OIDC_PROVIDERS);
  // The reasons name the entry and the rule it breaks, never a secret.
  for (const problem of problems) logEvent({ event: "sso.config", level: "error", outcome: "invalid", error: problem });
  cache = { raw: env.OIDC_PROVIDERS, providers };
  return providers;
}

/** The callback URL registered at the provider: <public origin>/auth/oidc/<id>/callback. */
export function redirectUriFor(origin: string, providerId: string): string {
  return `${origin}/auth/oidc/${providerId}/callback`;
}

/** The providers as the sign-in page shows them (id and name only: the secrets stay here). */
export function providerButtons(env: Env): { id: string; name: string }[] {
  return oidcProviders(env).map((p) => ({ id: p.id, name: p.name }));
}
