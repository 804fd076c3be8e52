/** Whether a person must sign in through a provider because a program they belong to requires it. */
import type { OidcProvider } from "../domain/oidc-providers";
import { requiredSsoProviders } from "../programs/sso";
import { oidcProviders } from "./config";

/**
 * The configured providers this person's programs require (a provider id no longer configured is ignored, so removing
 * a provider cannot lock people out); [] when email links may sign them in. Reads only: the email link's GET page asks
 * it by address before anyone is signed in.
 */
export async function requiredProvidersFor(
  env: Env,
  who: { personId: string } | { email: string },
): Promise<OidcProvider[]> {
  const configured = oidcProviders(env);
  if (configured.length === 0) return [];
  const ids = await requiredSsoProviders(env, who);
  return configured.filter((p) => ids.includes(p.id));
}
