/** The page telling a person to sign in through the provider their program requires (403: email links refused). */
import type { Context } from "hono";
import { UseProviderPage } from "../../views/pages/sso";
import type { OidcProvider } from "../domain/oidc-providers";
import type { AppEnv } from "../types";

/** Answers 403 with the provider's button (only its id and name reach the page). */
export function useProviderPage(c: Context<AppEnv>, provider: OidcProvider, next?: string) {
  c.status(403);
  return c.render(<UseProviderPage provider={{ id: provider.id, name: provider.name }} next={next} />, {
    title: c.var.t("sso.required.title", { provider: provider.name }),
  });
}
