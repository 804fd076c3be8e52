/**
 * The two-step confirmation every coordinator action goes through: review (validate, show what will happen), then
 * confirm. Pure.
 */
import { DEFAULT_LOCALE, intlTag, type Locale } from "../i18n/locales";
import { newId } from "../random-secrets";

/** Where a submitted action form stands: first submission, the confirmed one, or back to editing. */
export type ConfirmStep = "review" | "confirm" | "edit";

/** Reads the step from a submitted form's `_step` field (anything unknown is a first submission). */
export function stepOf(values: Record<string, string>): ConfirmStep {
  return values._step === "confirm" ? "confirm" : values._step === "edit" ? "edit" : "review";
}

/**
 * A new idempotency key, made at the first step and carried by the confirmation (hex: also a valid pairing and Workflow
 * id).
 */
export function newConfirmKey(): string {
  return newId();
}

/** Whether a submitted idempotency key has the shape `newConfirmKey` makes. */
export function isConfirmKey(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{24}$/.test(value);
}

/** The form's own values without the confirmation's bookkeeping fields (`_csrf`, `_step`, `_key`). */
export function ownValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!k.startsWith("_")) out[k] = v;
  return out;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo", as the viewer's language lists names. */
export function joinNames(names: readonly string[], locale: Locale = DEFAULT_LOCALE): string {
  return new Intl.ListFormat(intlTag(locale), { style: "long", type: "conjunction" }).format(names);
}
