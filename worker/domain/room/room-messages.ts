/**
 * What the room tells people, as catalog ids: a refusal carries its message's id and values, which the page translates
 * into the viewer's language, and its English text in `error` for callers that still show text as it is.
 */
import { type MessageId, type MessageValues, type Translate, translator } from "../i18n/translate";

/** A message for people: its catalog id and values (translated where it is shown). */
export interface RoomMessage {
  id: MessageId;
  values?: MessageValues;
}

const english = translator("en");

/** A message id with its values. */
export function roomMessage(id: MessageId, values?: MessageValues): RoomMessage {
  return values ? { id, values } : { id };
}

/** A refusal (a `RoomError` of types.ts, which builds on this file) with a status and message `id`. */
export interface Refusal {
  ok: false;
  status: 403 | 404 | 409 | 422 | 429;
  error: string;
  message?: RoomMessage;
  errors?: Record<string, string>;
}

/** A refusal with a status and message `id` (and per-field messages for forms). */
export function refusal(
  status: Refusal["status"],
  id: MessageId,
  values?: MessageValues,
  errors?: Record<string, string>,
): Refusal {
  return {
    ok: false,
    status,
    error: english(id, values),
    message: roomMessage(id, values),
    ...(errors ? { errors } : {}),
  };
}

/** A form refused for its fields: "Please fix the 2 fields marked below.", and each field's message. */
export function fixFields(errors: Record<string, string>): Refusal {
  return refusal(422, "form.fix", { count: Object.keys(errors).length }, errors);
}

/** A refusal's words in the viewer's language (its English text when it carries no message id). */
export function refusalText(t: Translate, err: { error: string; message?: RoomMessage }): string {
  return err.message ? t(err.message.id, err.message.values) : err.error;
}
