/**
 * The coordinator's form for a new webhook endpoint: an https address (http only for this computer, and only where
 * development tools are on) and at least one event.
 */
import { msg } from "../i18n/translate";
import * as z from "../zod";
import { WEBHOOK_EVENTS } from "./events";

/** The longest endpoint address accepted (the input's maxlength too). */
export const WEBHOOK_URL_MAX = 500;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why an address cannot receive webhooks (a `msg` id), or null when it can: it must parse, be https (or http to this
 * computer when `allowLocalHttp`), carry no user name or password, and name a host.
 */
export function webhookUrlProblem(value: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return msg("platform.webhooks.error.url");
  }
  if (url.username || url.password) return msg("platform.webhooks.error.credentials");
  if (url.protocol === "https:" && url.hostname) return null;
  if (url.protocol === "http:" && allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return null;
  return msg("platform.webhooks.error.https");
}

/** Validates the new-endpoint form; `events` is the list of ticked boxes. */
export function webhookEndpointForm(allowLocalHttp: boolean) {
  return z.object({
    url: z.string(msg("platform.webhooks.error.url")).check(
      z.trim(),
      z.minLength(1, msg("platform.webhooks.error.url")),
      z.maxLength(WEBHOOK_URL_MAX, msg("platform.webhooks.error.tooLong", { max: WEBHOOK_URL_MAX })),
      z.superRefine((value, ctx) => {
        const problem = webhookUrlProblem(value, allowLocalHttp);
        if (problem) ctx.issues.push({ code: "custom", message: problem, input: value });
      }),
    ),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, msg("platform.webhooks.error.events")))
      .check(z.minLength(1, msg("platform.webhooks.error.events"))),
  });
}
