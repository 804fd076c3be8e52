/** Shared resources: a link with a title and a note. Only http(s) links to a real host are accepted. Pure. */

export const RESOURCE_LIMITS = { url: 2000, title: 120, note: 500, count: 100 } as const;

/** Checks a link: http or https, a host with a dot (or localhost), no user name or password in it. */
export function checkLink(raw: string): { ok: true; url: string } | { ok: false; error: string } {
  const text = raw.trim();
  if (!text) return { ok: false, error: "Paste the link." };
  if (text.length > RESOURCE_LIMITS.url)
    return { ok: false, error: `Links can be up to ${RESOURCE_LIMITS.url} characters.` };
  let url: URL;
  try {
    // "example.org:8080/x" has no scheme (it has a port); "javascript:…" or "ftp://…" do, and are refused below.
    const hasScheme =
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(javascript|data|vbscript|file|mailto|tel|blob|about):/i.test(text);
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return { ok: false, error: "That is not a link we can open. It should look like https://example.org/page." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, error: "Only web links (https:// or http://) can be shared here." };
  if (url.username || url.password)
    return { ok: false, error: "Remove the user name or password from the link before sharing it." };
  if (!url.hostname.includes(".") && url.hostname !== "localhost")
    return { ok: false, error: "The link needs a full address, like example.org." };
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
  if (!title) errors.title = "Give the link a title, so others know what it is.";
  else if (title.length > RESOURCE_LIMITS.title)
    errors.title = `Keep the title under ${RESOURCE_LIMITS.title} characters.`;
  const note = (values.note ?? "").trim();
  if (note.length > RESOURCE_LIMITS.note)
    errors.note = `Keep the note under ${RESOURCE_LIMITS.note} characters (it is ${note.length}).`;
  if (!link.ok || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, resource: { url: link.url, title, note } };
}
