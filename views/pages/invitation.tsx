/** The page an invitation link opens: one button, so link scanners accept nothing. */
import { CsrfField } from "../components/form";
import { LinkProblem, type LinkProblemReason } from "../components/link-problem";

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
  return (
    <section class="narrow">
      <h1>Join {programName}</h1>
      <p>
        You're invited as a <strong>{role}</strong> ({email}).
      </p>
      <form method="post" action={`/invitations/${token}`}>
        <CsrfField token={csrf} />
        <button type="submit">Accept invitation</button>
      </form>
    </section>
  );
}

const REASONS = {
  expired: "This invitation has expired. Ask the program's coordinator to send a new one.",
  used: "This invitation has already been accepted. Sign in with your email address to continue.",
  invalid: "This invitation link is not valid. Check that you opened the whole link from the email.",
};

/** Explains why an invitation cannot be used. */
export function BadInvitation({ reason }: { reason: LinkProblemReason }) {
  return (
    <LinkProblem
      heading="That invitation can't be used"
      reasons={REASONS}
      reason={reason}
      next={{ href: "/signin", label: "Sign in" }}
    />
  );
}
