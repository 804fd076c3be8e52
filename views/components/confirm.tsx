/**
 * The confirmation step of coordinator actions: the first POST answers this panel saying exactly what will happen and
 * to whom, with the checked values in hidden fields and an idempotency key; "Confirm" acts, "Go back and edit" returns
 * to the form with the values kept. With htmx the panel swaps in place of the form (and back); without it, it is a page
 * of its own.
 */
import type { Child } from "hono/jsx";
import { messageOf } from "../../worker/domain/i18n/translate";
import { useI18n } from "../i18n";
import { CsrfField } from "./form";

/** A message that may be a message id (`msg`) in the viewer's language, or a text as it is (a room's own words). */
function useSay() {
  const { t } = useI18n();
  return (text: string) => {
    const m = messageOf(text);
    return m ? t(m.id, m.values) : text;
  };
}

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
export function ConfirmPanel({ action, csrf, idKey, question, values, confirmLabel, children }: ConfirmPanelProps) {
  const { t } = useI18n();
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
          {confirmLabel ?? t("programs.confirm.confirm")}
        </button>{" "}
        <button type="submit" name="_step" value="edit" class="secondary">
          {t("programs.confirm.edit")}
        </button>
      </p>
    </form>
  );
}

/**
 * A problem that stopped a confirmed action (e.g. the pairing closed meanwhile), shown above the form: a message id
 * (or `msg` text) is translated, any other text shown as it is.
 */
export function ActionProblem({ message }: { message?: string | null }) {
  const say = useSay();
  if (!message) return null;
  return (
    <p class="error-summary" role="alert">
      {say(message)}
    </p>
  );
}

/** The notice after a confirmed action (from a fixed list of message ids, never echoed from the URL). */
export function DoneNotice({ message }: { message?: string | null }) {
  const say = useSay();
  if (!message) return null;
  return (
    <p class="success" role="status">
      {say(message)}
    </p>
  );
}
