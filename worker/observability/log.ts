/**
 * Structured logs: one JSON object per line on the console, which Workers Logs (wrangler.toml [observability]) indexes
 * by field. The fields are a closed list of ids, names of code paths, numbers and outcomes: a log line never carries an
 * email address, a person's name, message text or a token (error messages are scrubbed of addresses and long
 * token-like strings too). docs/RUNBOOK.md lists the fields.
 */

/** What one log line may say; nothing else can be logged. */
export interface LogFields {
  /** What happened: "request", "error", "workflow.step", "room.projection", "match.run", "journey.start", … */
  event: string;
  /** "info" (console.log), "warn" (console.warn) or "error" (console.error); default "info". */
  level?: "info" | "warn" | "error";
  /** The request's id: its `cf-ray` header on Cloudflare, else a random id. */
  requestId?: string;
  /** HTTP method. */
  method?: string;
  /** The matched route pattern (e.g. "/c/:token"), never the raw path. */
  route?: string;
  /** HTTP status answered. */
  status?: number;
  /** How long it took, in milliseconds. */
  durationMs?: number;
  /** The pairing concerned, when there is one. */
  pairingId?: string;
  /** The program concerned, when there is one. */
  programId?: string;
  /** A matching run. */
  runId?: string;
  /** A Workflow ("journey", "match-run") and its step's name. */
  workflow?: string;
  step?: string;
  /** How it ended ("ok", "error", "staged", …). */
  outcome?: string;
  /** An attempt number (retries). */
  attempt?: number;
  /** A count (items handled). */
  count?: number;
  /** An error's class name and scrubbed message. */
  errorName?: string;
  error?: string;
}

const ADDRESS = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g;
const TOKEN_LIKE = /[A-Za-z0-9_\-+/=.]{40,}/g;

/** An error's message fit for a log line: addresses and long token-like strings replaced, at most 300 characters. */
export function scrubbedMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(ADDRESS, "[address]").replace(TOKEN_LIKE, "[token]").slice(0, 300);
}

/** The fields describing an error: its class name and scrubbed message. */
export function errorFields(err: unknown): Pick<LogFields, "errorName" | "error"> {
  return { errorName: err instanceof Error ? err.name : typeof err, error: scrubbedMessage(err) };
}

/** Writes one structured log line (JSON) at the line's level. */
export function logEvent(fields: LogFields): void {
  const line = JSON.stringify({ level: "info", ...fields });
  if (fields.level === "error") console.error(line);
  else if (fields.level === "warn") console.warn(line);
  else console.log(line);
}
