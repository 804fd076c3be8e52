/** Whether a person must sign in through a provider because a program they belong to requires it. */
import type { OidcProvider } from "../domain/oidc-providers";
import type { Person } from "../domain/records";
import { requiredSsoProviders } from "../programs/sso";
import { oidcProviders } from "./config";

/**
 * The configured providers this person's programs require (a provider id no longer configured is ignored, so removing
 * a provider cannot lock people out); [] when email links may sign them in.
 */
export async function requiredProvidersFor(
  env: Env,
  person: Pick<Person, "id" | "canCreatePrograms">,
): Promise<OidcProvider[]> {
  const configured = oidcProviders(env);
  if (configured.length === 0) return [];
  const ids = await requiredSsoProviders(env, person);
  return configured.filter((p) => ids.includes(p.id));
}
