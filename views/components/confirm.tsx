/**
 * The confirmation step of coordinator actions: the first POST answers this panel saying exactly what will happen and
 * to whom, with the checked values in hidden fields and an idempotency key; "Confirm" acts, "Go back and edit" returns
 * to the form with the values kept. With htmx the panel swaps in place of the form (and back); without it, it is a page
 * of its own.
 */
import type { Child } from "hono/jsx";
import { CsrfField } from "./form";

interface ConfirmPanelProps {
  /** Where both buttons post (the action's URL). */
  action: string;
  csrf: string;
  /** The idempotency key made at the first step. */
  idKey: string;
  /** The question, e.g. "Pause the pairing of Ana and Ben?" */
  question: string;
  /** The values the form had, sent again as hidden fields (repeated fields as lists). */
  values: Record<string, string | string[]>;
  confirmLabel?: string;
  /** What will happen, in full sentences. */
  children: Child;
}

/** The confirmation panel (a form that swaps itself with htmx). */
export function ConfirmPanel({
  action,
  csrf,
  idKey,
  question,
  values,
  confirmLabel = "Confirm",
  children,
}: ConfirmPanelProps) {
  return (
    <form
      method="post"
      action={action}
      hx-post={action}
      hx-target="this"
      hx-swap="outerHTML"
      class="confirm"
      aria-labelledby={`q-${idKey}`}
    >
      <h2 id={`q-${idKey}`}>{question}</h2>
      {children}
      <CsrfField token={csrf} />
      <input type="hidden" name="_key" value={idKey} />
      {Object.entries(values).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => <input type="hidden" name={name} value={v} />),
      )}
      <p>
        <button type="submit" name="_step" value="confirm">
          {confirmLabel}
        </button>{" "}
        <button type="submit" name="_step" value="edit" class="secondary">
          Go back and edit
        </button>
      </p>
    </form>
  );
}

/** A problem that stopped a confirmed action (e.g. the pairing closed meanwhile), shown above the form. */
export function ActionProblem({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p class="error-summary" role="alert">
      {message}
    </p>
  );
}

/** The notice after a confirmed action (from a fixed list, never echoed from the URL). */
export function DoneNotice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p class="success" role="status">
      {message}
    </p>
  );
}
