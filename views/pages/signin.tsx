/** Sign-in pages: ask for an address, confirm the mail went out, and the button behind an emailed link. */
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { LinkProblem, type LinkProblemReason } from "../components/link-problem";
import { Rich, useI18n } from "../i18n";
import { type ProviderButton, ProviderButtons, type SsoProblem, SsoNotice } from "./sso";

/** How long a sign-in link works, as the pages say it (worker/auth/login-links.ts holds the rule). */
const LINK_MINUTES = 15;

/**
 * The form asking for an email address, with a button per single sign-on provider under it and, after a failed single
 * sign-on, why it failed.
 */
export function SignInForm(props: {
  csrf: string;
  email?: string;
  next?: string;
  errors?: Errors;
  providers?: ProviderButton[];
  ssoProblem?: SsoProblem;
}) {
  const { t } = useI18n();
  return (
    <section class="narrow" id="signin">
      <h1>{t("signin.title")}</h1>
      {props.ssoProblem ? <SsoNotice problem={props.ssoProblem} /> : null}
      <p>{t("signin.intro")}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/signin" hx-post="/signin" hx-target="#signin" hx-swap="outerHTML">
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextInput
          name="email"
          label={t("signin.email")}
          type="email"
          value={props.email}
          errors={props.errors}
          autocomplete="email"
          required
        />
        <button type="submit">{t("signin.submit")}</button>
      </form>
      <ProviderButtons providers={props.providers ?? []} next={props.next} />
    </section>
  );
}

/** Shown after a link was requested; the same text whether or not the address has an account. */
export function SignInSent({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow" id="signin">
      <h1>{t("signin.sent.title")}</h1>
      <p>
        <Rich id="signin.sent.body" values={{ email, minutes: LINK_MINUTES }} />
      </p>
      <p>
        <a href="/signin">{t("signin.sent.other")}</a>
      </p>
    </section>
  );
}

/** The page an emailed link opens: one button, so mail scanners that prefetch links sign nobody in. */
export function ConfirmSignIn(props: { csrf: string; token: string; email: string; next?: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("signin.confirm.title")}</h1>
      <p>
        <Rich id="signin.confirm.body" values={{ email: props.email }} />
      </p>
      <form method="post" action="/auth/verify">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <button type="submit">{t("signin.confirm.submit")}</button>
      </form>
    </section>
  );
}

/** Explains why a link cannot sign anyone in and offers a new one. */
export function BadSignInLink({ reason }: { reason: LinkProblemReason }) {
  const { t } = useI18n();
  return (
    <LinkProblem
      heading={t("signin.link.heading")}
      reasons={{
        expired: t("signin.link.expired", { minutes: LINK_MINUTES }),
        used: t("signin.link.used"),
        invalid: t("signin.link.invalid"),
      }}
      reason={reason}
      next={{ href: "/signin", label: t("signin.link.again") }}
    />
  );
}
