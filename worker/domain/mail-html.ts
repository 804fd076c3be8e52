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

/** A line of text as HTML: escaped, links clickable. */
function inline(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const at = match.index;
    html += escapeHtml(text.slice(last, at));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}">${url}</a>`;
    last = at + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** A line that is one action: "Accept: https://…" (a short label, then only the link). */
const ACTION = /^([^:\n]{1,60}): (https?:\/\/[^\s<>"]+)$/;
const BUTTON =
  "display:inline-block;margin:2px 0;padding:8px 16px;border-radius:4px;background:#1d5c3a;color:#ffffff;text-decoration:none;font-weight:bold";
const QUOTE = "margin:4px 0;padding-left:12px;border-left:3px solid #c8c8c8;color:#333333";

/**
 * One paragraph of text as HTML: escaped, links clickable, line breaks kept; a line that is one action becomes a
 * button with its label (the plain-text part keeps the address), and lines quoted with ">" a quotation.
 */
function paragraph(text: string, actions: boolean): string {
  const blocks: { quote: boolean; lines: string[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const quote = /^>( |$)/.test(line);
    const action = quote || !actions ? null : ACTION.exec(line);
    // In the footer's small print the same line is a plain link named by its label (no long address to wrap).
    const footerLink = quote || actions ? null : ACTION.exec(line);
    const html = quote
      ? inline(line.replace(/^> ?/, ""))
      : action && action[2]!.match(LINK)?.[0] === action[2]
        ? `<a href="${escapeHtml(action[2]!)}" style="${BUTTON}">${escapeHtml(action[1]!)}</a>`
        : footerLink && footerLink[2]!.match(LINK)?.[0] === footerLink[2]
          ? `<a href="${escapeHtml(footerLink[2]!)}">${escapeHtml(footerLink[1]!)}</a>`
          : inline(line);
    const last = blocks.at(-1);
    if (last && last.quote === quote) last.lines.push(html);
    else blocks.push({ quote, lines: [html] });
  }
  return blocks
    .map((b) =>
      b.quote
        ? `<blockquote style="${QUOTE}">${b.lines.join("<br>\n")}</blockquote>`
        : `<p>${b.lines.join("<br>\n")}</p>`,
    )
    .join("\n");
}

/** Paragraphs (split at blank lines) as HTML; with `actions`, action lines as buttons (not in the footer's small print). */
function paragraphs(text: string, actions = true): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => paragraph(p, actions))
    .join("\n");
}

/** The whole HTML document for a mail's plain-text body, in the mail's language and direction. */
export function mailHtml(text: string, lang = "en", dir: "ltr" | "rtl" = "ltr"): string {
  const at = text.lastIndexOf(FOOTER_SEPARATOR);
  const main = at < 0 ? text : text.slice(0, at);
  const footer = at < 0 ? "" : text.slice(at + FOOTER_SEPARATOR.length);
  const foot = footer.trim()
    ? `\n<hr>\n<div style="font-size:13px;color:#555">\n${paragraphs(footer.replace(/\n/g, "\n\n"), false)}\n</div>`
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"></head>
<body style="font-family:sans-serif;font-size:16px;line-height:1.5;max-width:40em;overflow-wrap:anywhere">
${paragraphs(main)}${foot}
</body></html>
`;
}
