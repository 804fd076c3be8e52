/**
 * The HTML part of a mail, made from its plain text: every character escaped, web links made clickable, paragraphs
 * kept, the footer (after the "-- " line) set apart in small grey print. No markup from the text ever survives, so a
 * coordinator's message cannot inject any. Pure.
 */
import { FOOTER_SEPARATOR } from "./mail-headers";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text with the five HTML-significant characters escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** An http(s) link up to the next space or angle bracket; punctuation that ends a sentence is left out of it. */
const LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]']/g;

/** One paragraph of text as HTML: escaped, links clickable, line breaks kept. */
function paragraph(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const at = match.index;
    html += escapeHtml(text.slice(last, at));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}">${url}</a>`;
    last = at + match[0].length;
  }
  html += escapeHtml(text.slice(last));
  return `<p>${html.replace(/\r?\n/g, "<br>\n")}</p>`;
}

/** Paragraphs (split at blank lines) as HTML. */
function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(paragraph)
    .join("\n");
}

/** The whole HTML document for a mail's plain-text body, in the mail's language and direction. */
export function mailHtml(text: string, lang = "en", dir: "ltr" | "rtl" = "ltr"): string {
  const at = text.lastIndexOf(FOOTER_SEPARATOR);
  const main = at < 0 ? text : text.slice(0, at);
  const footer = at < 0 ? "" : text.slice(at + FOOTER_SEPARATOR.length);
  const foot = footer.trim()
    ? `\n<hr>\n<div style="font-size:13px;color:#555">\n${paragraphs(footer.replace(/\n/g, "\n\n"))}\n</div>`
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"></head>
<body style="font-family:sans-serif;font-size:16px;line-height:1.5;max-width:40em">
${paragraphs(main)}${foot}
</body></html>
`;
}
