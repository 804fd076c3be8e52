/** Single sign-on on the sign-in pages: the provider buttons, each failure's message, and "use your provider". */
import type { Child } from "hono/jsx";
import type { SsoFailure } from "../../worker/domain/oidc-providers";
import { Rich, useI18n } from "../i18n";

/** A provider as the pages show it. */
export interface ProviderButton {
  id: string;
  name: string;
}

/** The link that starts a sign-in at a provider (a plain link: works with JavaScript off). */
export function providerStartHref(id: string, next?: string): string {
  return `/auth/oidc/${id}/start${next ? `?next=${encodeURIComponent(next)}` : ""}`;
}

/** The provider buttons under the email form; nothing when the installation has none. */
export function ProviderButtons({ providers, next }: { providers: ProviderButton[]; next?: string }) {
  const { t } = useI18n();
  if (providers.length === 0) return null;
  return (
    <div class="sso-providers">
      <p>{t("sso.signin.or")}</p>
      {providers.map((p) => (
        <p>
          <a class="button secondary" href={providerStartHref(p.id, next)}>
            {t("sso.signin.button", { provider: p.name })}
          </a>
        </p>
      ))}
    </div>
  );
}

/** Why a sign-in failed, said on the sign-in page. */
export type SsoProblem =
  | { failure: Exclude<SsoFailure, "domain">; provider: string }
  | { failure: "domain"; provider: string; domains: string[] }
  | { failure: "noAccount"; email: string }
  | { failure: "unknown" };

/** Each provider failure's message. */
const FAILURE_MESSAGES = {
  state: "sso.error.state",
  provider: "sso.error.provider",
  token: "sso.error.token",
  unverified: "sso.error.unverified",
  unreachable: "sso.error.unreachable",
} as const satisfies Record<Exclude<SsoFailure, "domain">, string>;

/** One failure's message, in an alert above the form. */
export function SsoNotice({ problem }: { problem: SsoProblem }) {
  const { t, locale } = useI18n();
  let text: Child;
  switch (problem.failure) {
    case "noAccount":
      text = <Rich id="sso.error.noAccount" values={{ email: problem.email }} />;
      break;
    case "unknown":
      text = t("sso.error.unknown");
      break;
    case "domain":
      text = t("sso.error.domain", {
        provider: problem.provider,
        domains: new Intl.ListFormat(locale, { type: "disjunction" }).format(problem.domains),
      });
      break;
    default:
      text = t(FAILURE_MESSAGES[problem.failure], { provider: problem.provider });
  }
  return (
    <p class="error-summary" role="alert" id="sso-problem">
      {text}
    </p>
  );
}

/** Shown instead of the email link's button when the person's program requires single sign-on. */
export function UseProviderPage({ provider, next }: { provider: ProviderButton; next?: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("sso.required.title", { provider: provider.name })}</h1>
      <p>{t("sso.required.body", { provider: provider.name })}</p>
      <p>
        <a class="button" href={providerStartHref(provider.id, next)}>
          {t("sso.signin.button", { provider: provider.name })}
        </a>
      </p>
    </section>
  );
}
