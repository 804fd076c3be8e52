/** Sign-in pages: ask for an address, confirm the mail went out, and the button behind an emailed link. */
import { CsrfField, ErrorSummary, type Errors, TextInput } from "../components/form";
import { LinkProblem, type LinkProblemReason } from "../components/link-problem";

/** The form asking for an email address. */
export function SignInForm(props: { csrf: string; email?: string; next?: string; errors?: Errors }) {
  return (
    <section class="narrow" id="signin">
      <h1>Sign in</h1>
      <p>We'll email you a link that signs you in. No password needed.</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/signin" hx-post="/signin" hx-target="#signin" hx-swap="outerHTML">
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextInput
          name="email"
          label="Email address"
          type="email"
          value={props.email}
          errors={props.errors}
          autocomplete="email"
          required
        />
        <button type="submit">Email me a sign-in link</button>
      </form>
    </section>
  );
}

/** Shown after a link was requested; the same text whether or not the address has an account. */
export function SignInSent({ email }: { email: string }) {
  return (
    <section class="narrow" id="signin">
      <h1>Check your email</h1>
      <p>
        If <strong>{email}</strong> belongs to a Trellis account, a sign-in link is on its way. It works once, for 15
        minutes.
      </p>
      <p>
        <a href="/signin">Use a different address</a>
      </p>
    </section>
  );
}

/** The page an emailed link opens: one button, so mail scanners that prefetch links sign nobody in. */
export function ConfirmSignIn(props: { csrf: string; token: string; email: string; next?: string }) {
  return (
    <section class="narrow">
      <h1>Sign in to Trellis</h1>
      <p>
        Continue as <strong>{props.email}</strong>.
      </p>
      <form method="post" action="/auth/verify">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

const REASONS = {
  expired: "This sign-in link has expired. Links work for 15 minutes.",
  used: "This sign-in link has already been used. Each link works once.",
  invalid: "This sign-in link is not valid. Check that you opened the whole link from the email.",
};

/** Explains why a link cannot sign anyone in and offers a new one. */
export function BadSignInLink({ reason }: { reason: LinkProblemReason }) {
  return (
    <LinkProblem
      heading="That link can't sign you in"
      reasons={REASONS}
      reason={reason}
      next={{ href: "/signin", label: "Request a new sign-in link" }}
    />
  );
}
