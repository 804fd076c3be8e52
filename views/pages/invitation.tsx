/** The page an invitation link opens: one button, so link scanners accept nothing. */
import { CsrfField } from "../components/form";
import { LinkProblem, type LinkProblemReason } from "../components/link-problem";
import { Rich, useI18n } from "../i18n";

/** Shows the program and role with an "Accept invitation" button. */
export function InvitationPage({
  csrf,
  token,
  programName,
  role,
  email,
}: {
  csrf: string;
  token: string;
  programName: string;
  role: string;
  email: string;
}) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("invitation.title", { program: programName })}</h1>
      <p>
        <Rich id="invitation.as" values={{ role: t("invitation.role", { role }), email }} />
      </p>
      <form method="post" action={`/invitations/${token}`}>
        <CsrfField token={csrf} />
        <button type="submit">{t("invitation.accept")}</button>
      </form>
    </section>
  );
}

/** Explains why an invitation cannot be used. */
export function BadInvitation({ reason }: { reason: LinkProblemReason }) {
  const { t } = useI18n();
  return (
    <LinkProblem
      heading={t("invitation.bad.title")}
      reasons={{
        expired: t("invitation.bad.expired"),
        used: t("invitation.bad.used"),
        invalid: t("invitation.bad.invalid"),
      }}
      reason={reason}
      next={{ href: "/signin", label: t("layout.signIn") }}
    />
  );
}
