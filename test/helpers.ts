/** Helpers for integration tests that drive the app through exports.default.fetch like a browser would. */
import { env, exports } from "cloudflare:workers";

export const ORIGIN = "https://trellis.test";

/** A tiny cookie-keeping client: sends cookies back, follows nothing, and fills in CSRF tokens for forms. */
export class Browser {
  cookies = new Map<string, string>();

  /** Sends a request with the stored cookies and keeps the cookies it sets. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await exports.default.fetch(new Request(ORIGIN + path, { ...init, headers, redirect: "manual" }));
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return res;
  }

  /** GETs a page (which also sets the CSRF cookie) and returns its text. */
  async get(path: string, headers?: HeadersInit): Promise<{ res: Response; html: string }> {
    const res = await this.fetch(path, { headers });
    return { res, html: await res.text() };
  }

  /** The current CSRF token (a GET must have happened first). */
  get csrf(): string {
    const t = this.cookies.get("__Host-csrf");
    if (!t) throw new Error("no CSRF cookie yet: GET a page first");
    return t;
  }

  /** POSTs url-encoded fields, adding the CSRF token unless `_csrf` is given. */
  async post(path: string, fields: Record<string, string | string[]>, headers?: HeadersInit): Promise<Response> {
    if (!this.cookies.has("__Host-csrf")) await this.get("/");
    const body = new URLSearchParams();
    if (!("_csrf" in fields)) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.fetch(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  /** Signs in as an existing person through the real email-link flow (dev mailbox). */
  async signIn(email: string): Promise<void> {
    await this.get("/signin");
    const res = await this.post("/signin", { email });
    if (res.status !== 303) throw new Error(`sign-in request answered ${res.status}`);
    const token = await latestLoginToken(email);
    const verify = await this.post("/auth/verify", { token });
    if (verify.status !== 303) throw new Error(`sign-in answered ${verify.status}`);
  }
}

/** Reads the newest sign-in token mailed to an address from the outbox. */
export async function latestLoginToken(email: string): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT body_text FROM notifications WHERE to_email = ? AND kind = 'sign-in' ORDER BY created_at DESC, rowid DESC LIMIT 1",
  )
    .bind(email)
    .first<{ body_text: string }>();
  const match = row?.body_text.match(/token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no sign-in mail for ${email}`);
  return match[1]!;
}

/** Creates a person directly in D1 and returns their id. */
export async function createPerson(
  email: string,
  fields: { canCreatePrograms?: boolean; name?: string } = {},
): Promise<string> {
  const id = `p-${email.replace(/[^a-z0-9]/gi, "")}`;
  await env.DB.prepare("INSERT INTO people (id, email, name, can_create_programs) VALUES (?, ?, ?, ?)")
    .bind(id, email, fields.name ?? "", fields.canCreatePrograms ? 1 : 0)
    .run();
  return id;
}

const signedInBrowsers = new Map<string, Browser>();

/**
 * A browser signed in as this person, one per person per test file (sign-in mail limits are reset: not what these files
 * test).
 */
export async function signedIn(email: string): Promise<Browser> {
  const known = signedInBrowsers.get(email);
  if (known) return known;
  await env.DB.prepare("DELETE FROM rate_events").run();
  const b = new Browser();
  await b.signIn(email);
  signedInBrowsers.set(email, b);
  return b;
}

/**
 * Accepts the newest invitation mailed to `email`, as its link does, in a new browser (which the acceptance signs in);
 * returns the browser and where the acceptance sent it.
 */
export async function acceptInvitation(email: string): Promise<{ b: Browser; location: string }> {
  const mail = await env.DB.prepare(
    "SELECT body_text FROM notifications WHERE to_email = ? AND kind = 'invitation' ORDER BY created_at DESC LIMIT 1",
  )
    .bind(email)
    .first<{ body_text: string }>();
  const token = mail?.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation was mailed to ${email}`);
  const b = new Browser();
  await b.get(`/invitations/${token}`);
  const res = await b.post(`/invitations/${token}`, {});
  if (res.status !== 303) throw new Error(`accepting the invitation answered ${res.status}`);
  return { b, location: res.headers.get("Location")! };
}

/** Creates a program through the form as the signed-in browser (a one-to-one, coordinator-led one by default). */
export async function createProgramAs(b: Browser, name: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await b.post("/programs/new", {
    name,
    description: "",
    type: "one-to-one",
    length_weeks: "12",
    cadence_days: "14",
    matching_mode: "coordinator",
    ...fields,
  });
  if (res.status !== 303) throw new Error(`creating a program answered ${res.status}`);
  return res.headers.get("Location")!.split("/").pop()!;
}

/**
 * A meeting that has just been held, in UTC as the meeting form takes it: it started within the last hour (the form
 * refuses older starts), ended before `now`, and starts and ends on one day, at any time of day — just after midnight
 * too, when "50 minutes ago" is yesterday and "20 minutes ago" today.
 */
export function justHeldMeeting(now = Date.now()): { date: string; start: string; end: string; local: string } {
  const minute = 60_000;
  let start = Math.floor((now - 50 * minute) / minute) * minute;
  let end = start + 30 * minute;
  const midnight = Date.UTC(
    new Date(start).getUTCFullYear(),
    new Date(start).getUTCMonth(),
    new Date(start).getUTCDate() + 1,
  );
  if (end >= midnight) {
    if (midnight - minute - start >= 15 * minute) end = midnight - minute;
    else {
      start = midnight;
      end = Math.min(start + 30 * minute, Math.floor(now / minute) * minute - minute);
    }
  }
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    date: iso(start).slice(0, 10),
    start: iso(start).slice(11, 16),
    end: iso(end).slice(11, 16),
    local: iso(start).slice(0, 16),
  };
}

/** The gzip size of a text in bytes (what a page weighs over the wire). */
export async function gzipSize(text: string): Promise<number> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** A page's `<html …>` tag, which carries its lang and dir. */
export const htmlTag = (html: string): string => html.match(/<html[^>]*>/)?.[0] ?? "";
