/** Form building blocks: every input has a label, its error next to it, and the value the person typed. */
import type { Child } from "hono/jsx";
import { messageOf } from "../../worker/domain/i18n/translate";
import { useI18n } from "../i18n";

/** Field-name → message, as produced by `fieldErrors`. */
export type Errors = Record<string, string | undefined>;

/** The hidden CSRF field every form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Errors;
  hint?: string;
  children: Child;
}

/** Wraps an input with its label, hint and error message (linked by aria-describedby on the input). */
export function Field({ name, label, errors, hint, children }: FieldProps) {
  const error = errors?.[name];
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={`f-${name}`}>{label}</label>
      {hint ? (
        <small id={`h-${name}`} class="hint">
          {hint}
        </small>
      ) : null}
      {children}
      {error ? (
        <p id={`e-${name}`} class="error" role="alert">
          <ErrorText text={error} />
        </p>
      ) : null}
    </div>
  );
}

/** The aria attributes an input needs to point at its hint and error. */
export function describedBy(name: string, errors?: Errors, hasHint = false): Record<string, string> {
  const ids = [hasHint ? `h-${name}` : "", errors?.[name] ? `e-${name}` : ""].filter(Boolean);
  const attrs: Record<string, string> = { id: `f-${name}` };
  if (ids.length) attrs["aria-describedby"] = ids.join(" ");
  if (errors?.[name]) attrs["aria-invalid"] = "true";
  return attrs;
}

interface TextInputProps {
  name: string;
  label: string;
  value?: string;
  errors?: Errors;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  [attr: string]: unknown;
}

/** The longest email address a form accepts (RFC 5321's path limit less the angle brackets). */
export const EMAIL_MAX = 254;

/** The most a date, time or number input echoes back: none of them is legitimately longer. */
const SHORT_VALUE_MAX = 40;

/** What the person typed, cut to the field's limit: a form shown again never echoes more than the field may hold. */
export function cutToLimit(value: string | undefined, max: number | string): string {
  return (value ?? "").slice(0, Number(max));
}

/**
 * A labelled single-line input. Email inputs get EMAIL_MAX as their limit; the value shown is cut to the input's
 * `maxlength` (or, for dates, times and numbers, to a few dozen characters).
 */
export function TextInput({ name, label, value, errors, hint, type = "text", ...rest }: TextInputProps) {
  const maxlength = rest.maxlength ?? (type === "email" ? EMAIL_MAX : undefined);
  const limit = maxlength ?? (type === "text" || type === "search" || type === "url" ? undefined : SHORT_VALUE_MAX);
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      <input
        type={type}
        name={name}
        value={limit === undefined ? (value ?? "") : cutToLimit(value, limit as number | string)}
        {...describedBy(name, errors, !!hint)}
        {...rest}
        maxlength={maxlength === undefined ? undefined : Number(maxlength)}
      />
    </Field>
  );
}

/** A summary of errors at the top of a form, so screen-reader and small-screen users notice them. */
export function ErrorSummary({ errors }: { errors?: Errors }) {
  const { t } = useI18n();
  const count = errors ? Object.values(errors).filter(Boolean).length : 0;
  if (!count) return null;
  return (
    <p class="error-summary" role="alert">
      {t("form.fix", { count })}
    </p>
  );
}

/** One problem of a form, translated, above it (a form-level message, or the first field's). Nothing when none. */
export function FormProblem({ text }: { text?: string | null }) {
  return text ? (
    <p class="error-summary" role="alert">
      <ErrorText text={text} />
    </p>
  ) : null;
}

/** A validation message in the viewer's language: schemas give message ids (see `msg`); other text shows as it is. */
export function ErrorText({ text }: { text: string }) {
  const { t } = useI18n();
  const message = messageOf(text);
  return <>{message ? t(message.id, message.values) : text}</>;
}

/**
 * A textarea's content, cut to its limit: HTML drops one newline right after `<textarea>`, so one is added to keep a
 * leading blank line.
 */
export function textareaText(value: string | undefined, max: number | string): string {
  return value ? `\n${cutToLimit(value, max)}` : "";
}

interface TextAreaFieldProps {
  /** Unique on the page (forms repeated per item need their own ids). */
  id: string;
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  maxlength: number;
  required?: boolean;
}

/**
 * A labelled textarea with its own id, hint and error, for forms that repeat on one page (one per request or mentor).
 */
export function TextAreaField({ id, name, label, value, error, hint, maxlength, required }: TextAreaFieldProps) {
  const described = [hint ? `h-${id}` : "", error ? `e-${id}` : ""].filter(Boolean).join(" ");
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint ? (
        <small id={`h-${id}`} class="hint">
          {hint}
        </small>
      ) : null}
      <textarea
        id={id}
        name={name}
        maxlength={maxlength}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
      >
        {textareaText(value, maxlength)}
      </textarea>
      {error ? (
        <p id={`e-${id}`} class="error" role="alert">
          <ErrorText text={error} />
        </p>
      ) : null}
    </div>
  );
}
