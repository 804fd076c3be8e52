/** The pages for an emailed link that cannot be used (expired, already used, or not valid), with a way forward. */
import { useI18n } from "../i18n";

export type LinkProblemReason = "expired" | "used" | "invalid";

interface LinkProblemProps {
  heading: string;
  reasons: Record<LinkProblemReason, string>;
  reason: LinkProblemReason;
  next: { href: string; label: string };
}

/** Explains why the link failed and links to what to do instead. */
export function LinkProblem({ heading, reasons, reason, next }: LinkProblemProps) {
  return (
    <section class="narrow">
      <h1>{heading}</h1>
      <p>{reasons[reason]}</p>
      <p>
        <a href={next.href}>{next.label}</a>
      </p>
    </section>
  );
}

/** The HTTP status for a link problem: 404 for links that never existed, 410 for ones that did. */
export function linkProblemStatus(reason: LinkProblemReason): 404 | 410 {
  return reason === "invalid" ? 404 : 410;
}

/** A check-in or meeting link that does not (or no longer) work: why, and a way into Trellis. */
export function SignedLinkProblem({ title, message }: { title: string; message: string }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t("link.goToTrellis")}</a>
      </p>
    </section>
  );
}
