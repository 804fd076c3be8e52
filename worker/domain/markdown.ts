/**
 * The markdown people may write in notes and the agreement: headings, lists, links, emphasis, quotes, inline code,
 * code blocks and rules. It parses into a small tree — never into HTML — so the view renders every piece of text
 * through JSX's escaping: raw HTML cannot pass, because no HTML is ever produced from the input. Links keep only
 * http(s), mailto and same-site paths; anything else stays plain text. Pure.
 */

/** A run of text inside a block. */
export type Inline =
  | { t: "text"; v: string }
  | { t: "br" }
  | { t: "code"; v: string }
  | { t: "em" | "strong"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] };

/** A block of a document. */
export type Block =
  | { t: "h"; level: number; c: Inline[] }
  | { t: "p"; c: Inline[] }
  | { t: "ul"; items: Inline[][] }
  | { t: "ol"; start: number; items: Inline[][] }
  | { t: "quote"; c: Block[] }
  | { t: "pre"; v: string }
  | { t: "hr" };

/** How deep quotes and emphasis may nest (deeper markers stay as typed). */
const MAX_DEPTH = 4;

const FENCE = /^ {0,3}```/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const BULLET = /^ {0,3}[-*+][ \t]+/;
const NUMBER = /^ {0,3}(\d{1,9})[.)][ \t]+/;

/** True for a link target the page may point at: the web, mail, or a path on this site. */
export function safeHref(href: string): boolean {
  for (const ch of href) if (ch.charCodeAt(0) < 0x21 || ch.charCodeAt(0) === 0x7f || /\s/.test(ch)) return false;
  return /^(https?:\/\/[^/]|mailto:.)/i.test(href) || /^\/(?!\/)/.test(href);
}

/** Parses `source` into blocks. */
export function parseMarkdown(source: string): Block[] {
  return blocks(source.replace(/\r\n?/g, "\n").split("\n"), 0);
}

const startsBlock = (line: string) =>
  FENCE.test(line) ||
  HEADING.test(line) ||
  RULE.test(line) ||
  QUOTE.test(line) ||
  BULLET.test(line) ||
  NUMBER.test(line);

function blocks(lines: string[], depth: number): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      out.push({ t: "pre", v: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ t: "h", level: heading[1]!.length, c: inlines(heading[2]!, 0) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ t: "hr" });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(lines[i++]!.replace(QUOTE, ""));
      out.push({ t: "quote", c: blocks(inner, depth + 1) });
      continue;
    }
    const ordered = NUMBER.exec(line);
    if (BULLET.test(line) || ordered) {
      const marker = ordered ? NUMBER : BULLET;
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim()) {
        const l = lines[i]!;
        if (marker.test(l)) items.push(l.replace(marker, ""));
        else if (startsBlock(l)) break;
        else items[items.length - 1] += `\n${l.trim()}`;
        i++;
      }
      const parsed = items.map((item) => inlines(item, 0));
      out.push(ordered ? { t: "ol", start: Number(ordered[1]), items: parsed } : { t: "ul", items: parsed });
      continue;
    }
    const para: string[] = [line.trim()];
    i++;
    while (i < lines.length && lines[i]!.trim() && !startsBlock(lines[i]!)) para.push(lines[i++]!.trim());
    out.push({ t: "p", c: inlines(para.join("\n"), 0) });
  }
  return out;
}

const ESCAPABLE = /[\\`*_[\]()#+\-.!>]/;
const URL = /https?:\/\/[^\s<>]+/iy;

/**
 * Where the emphasis that opens at `from` with `delim` closes, or -1. A search that fails also fails from any later
 * position (the candidates are a subset), so `failedFrom` remembers it and keeps unbalanced input linear.
 */
function closing(s: string, delim: string, from: number, failedFrom: Map<string, number>): number {
  if (from >= (failedFrom.get(delim) ?? Number.POSITIVE_INFINITY)) return -1;
  for (let j = s.indexOf(delim, from); j !== -1; j = s.indexOf(delim, j + 1)) {
    const before = s[j - 1] ?? " ";
    const after = s[j + delim.length] ?? " ";
    if (/\s/.test(before)) continue;
    if (delim[0] === "_" && /[\p{L}\p{N}]/u.test(after)) continue;
    if (delim.length === 1 && after === delim) {
      j++;
      continue;
    }
    return j;
  }
  failedFrom.set(delim, from);
  return -1;
}

/** The first index of `needle` at or after `from`, remembering the last answer so repeated searches stay linear. */
function finder(s: string, needle: string) {
  let at = -2;
  return (from: number) => {
    if (at === -1 || (at >= from && at !== -2)) return at;
    at = s.indexOf(needle, from);
    return at;
  };
}

function inlines(s: string, depth: number): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", v: text });
    text = "";
  };
  const failedFrom = new Map<string, number>();
  const nextTick = finder(s, "`");
  const nextLabelEnd = finder(s, "](");
  const nextParen = finder(s, ")");
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\\" && ESCAPABLE.test(s[i + 1] ?? "")) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === "\n") {
      flush();
      out.push({ t: "br" });
      i++;
      continue;
    }
    if (c === "`") {
      const end = nextTick(i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: "code", v: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((c === "*" || c === "_") && depth < MAX_DEPTH) {
      const delim = s[i + 1] === c ? c + c : c;
      const opensWord = c === "*" || !/[\p{L}\p{N}]/u.test(s[i - 1] ?? " ");
      const first = s[i + delim.length] ?? " ";
      if (opensWord && !/\s/.test(first)) {
        const end = closing(s, delim, i + delim.length + 1, failedFrom);
        if (end !== -1) {
          flush();
          out.push({ t: delim.length === 2 ? "strong" : "em", c: inlines(s.slice(i + delim.length, end), depth + 1) });
          i = end + delim.length;
          continue;
        }
      }
    }
    if (c === "[" && depth < MAX_DEPTH) {
      const close = nextLabelEnd(i + 1);
      const end = close === -1 ? -1 : nextParen(close + 2);
      if (close > i + 1 && end !== -1 && s.lastIndexOf("[", close - 1) === i) {
        const href = s.slice(close + 2, end).trim();
        const label = inlines(s.slice(i + 1, close), depth + 1);
        flush();
        if (safeHref(href)) out.push({ t: "link", href, c: label });
        else out.push(...label);
        i = end + 1;
        continue;
      }
    }
    if ((c === "h" || c === "H") && !/[\p{L}\p{N}]/u.test(s[i - 1] ?? " ")) {
      URL.lastIndex = i;
      const url = URL.exec(s);
      if (url) {
        const href = url[0].replace(/[.,;:!?)'"]+$/, "");
        flush();
        out.push({ t: "link", href, c: [{ t: "text", v: href }] });
        i += href.length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}
