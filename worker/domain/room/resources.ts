/**
 * Shared resources: a link with a title and a note. Only http(s) links to a real host are accepted. Pure. Messages are
 * catalog ids (`msg`), which the form translates.
 */
import { msg } from "../i18n/translate";

export const RESOURCE_LIMITS = { url: 2000, title: 120, note: 500, count: 100 } as const;

/** Checks a link: http or https, a host with a dot (or localhost), no user name or password in it. */
export function checkLink(raw: string): { ok: true; url: string } | { ok: false; error: string } {
  const text = raw.trim();
  if (!text) return { ok: false, error: msg("links.error.empty") };
  if (text.length > RESOURCE_LIMITS.url)
    return { ok: false, error: msg("links.error.tooLong", { max: RESOURCE_LIMITS.url }) };
  let url: URL;
  try {
    // "example.org:8080/x" has no scheme (it has a port); "javascript:…" or "ftp://…" do, and are refused below.
    const hasScheme =
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(javascript|data|vbscript|file|mailto|tel|blob|about):/i.test(text);
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { ok: false, error: msg("links.error.invalid") };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: msg("links.error.scheme") };
  if (url.username || url.password) return { ok: false, error: msg("links.error.credentials") };
  if (!url.hostname.includes(".") && url.hostname !== "localhost") return { ok: false, error: msg("links.error.host") };
  return { ok: true, url: url.href };
}

/** Reads a resource from form values, or returns a message per field. */
export function parseResource(
  values: Record<string, string>,
):
  | { ok: true; resource: { url: string; title: string; note: string } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const link = checkLink(values.url ?? "");
  if (!link.ok) errors.url = link.error;
  const title = (values.title ?? "").trim();
  if (!title) errors.title = msg("links.error.title");
  else if (title.length > RESOURCE_LIMITS.title)
    errors.title = msg("room.error.titleTooLong", { max: RESOURCE_LIMITS.title });
  const note = (values.note ?? "").trim();
  if (note.length > RESOURCE_LIMITS.note)
    errors.note = msg("room.error.textTooLong", { max: RESOURCE_LIMITS.note, length: note.length });
  if (!link.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, resource: { url: link.url, title, note } };
}
