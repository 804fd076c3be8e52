/**
 * The markdown people may write in notes, the agreement and the program library: headings, lists, links, emphasis,
 * quotes, inline code, code blocks and rules. `marked`'s lexer (CommonMark with GitHub's autolinks) reads it; its tokens
 * become a small tree — never HTML — through an allow-list, so the view renders every piece of text through JSX's
 * escaping: raw HTML in the input comes back as the text it is, images as their words, tables as their lines, and links
 * keep only http(s), mailto and same-site targets (anything else keeps its words as text). Pure.
 */
import { Lexer, type Token } from "marked";

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

/** How deep quotes and emphasis may nest (deeper ones are kept as their words). */
const MAX_DEPTH = 4;

/** True for a link target the page may point at: the web, mail, or a path on this site. */
export function safeHref(href: string): boolean {
  for (const ch of href) if (ch.charCodeAt(0) < 0x21 || ch.charCodeAt(0) === 0x7f || /\s/.test(ch)) return false;
  return /^(https?:\/\/[^/]|mailto:.)/i.test(href) || /^\/(?!\/)/.test(href);
}

/** The lexer's settings: GitHub's autolinks, and a single line break inside a paragraph kept as a break. */
const OPTIONS = { gfm: true, breaks: true, async: false } as const;

/** Parses `source` into blocks. */
export function parseMarkdown(source: string): Block[] {
  const text = source.replace(/\r\n?/g, "\n").replace(/^((?: {0,3}> ?){4})(?: {0,3}> ?)+/gm, "$1");
  return blocksOf(new Lexer(OPTIONS).lex(text), 0);
}

/** A token's own text when it is kept as words (raw HTML, images, tables, anything not on the list). */
const wordsOf = (token: Token): string => ("text" in token && typeof token.text === "string" ? token.text : token.raw);

function blocksOf(tokens: readonly Token[], depth: number): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "space":
      case "def":
        break;
      case "heading":
        out.push({ t: "h", level: token.depth, c: inlinesOf(token.tokens ?? [], 0) });
        break;
      case "paragraph":
      case "text":
        out.push({ t: "p", c: inlinesOf(token.tokens ?? [{ type: "text", raw: token.raw, text: token.text }], 0) });
        break;
      case "list": {
        const items = token.items.map((item: Token & { tokens?: Token[] }) => itemInlines(item.tokens ?? [], depth));
        out.push(token.ordered ? { t: "ol", start: Number(token.start) || 1, items } : { t: "ul", items });
        break;
      }
      case "blockquote":
        if (depth < MAX_DEPTH) out.push({ t: "quote", c: blocksOf(token.tokens ?? [], depth + 1) });
        else out.push({ t: "p", c: [{ t: "text", v: token.text.trim() }] });
        break;
      case "code":
        out.push({ t: "pre", v: token.text });
        break;
      case "hr":
        out.push({ t: "hr" });
        break;
      default:
        out.push({ t: "p", c: [{ t: "text", v: token.raw.trim() }] });
    }
  }
  return out;
}

/** A list item's content as one run of text: its paragraphs and any nested list's lines, each on its own line. */
function itemInlines(tokens: readonly Token[], depth: number): Inline[] {
  const out: Inline[] = [];
  for (const block of blocksOf(tokens, depth)) {
    const lines: Inline[][] =
      block.t === "p" || block.t === "h"
        ? [block.c]
        : block.t === "ul" || block.t === "ol"
          ? block.items
          : block.t === "pre"
            ? [[{ t: "code", v: block.v }]]
            : [];
    for (const line of lines) {
      if (out.length) out.push({ t: "br" });
      out.push(...line);
    }
  }
  return out;
}

function inlinesOf(tokens: readonly Token[], depth: number): Inline[] {
  const out: Inline[] = [];
  const text = (v: string) => {
    const last = out[out.length - 1];
    if (last?.t === "text") last.v += v;
    else if (v) out.push({ t: "text", v });
  };
  const plain = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.t === "text" || n.t === "code") text(n.v);
      else if (n.t === "br") out.push(n);
      else plain(n.c);
    }
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        if (token.tokens?.length) plain(inlinesOf(token.tokens, depth));
        else text(token.text);
        break;
      case "escape":
        text(token.text);
        break;
      case "br":
        out.push({ t: "br" });
        break;
      case "codespan":
        out.push({ t: "code", v: token.text });
        break;
      case "strong":
      case "em": {
        const c = inlinesOf(token.tokens ?? [], depth + 1);
        if (depth < MAX_DEPTH) out.push({ t: token.type, c });
        else plain(c);
        break;
      }
      case "link": {
        const c = inlinesOf(token.tokens ?? [], depth + 1);
        if (safeHref(token.href)) out.push({ t: "link", href: token.href, c });
        else plain(c);
        break;
      }
      case "del":
        plain(inlinesOf(token.tokens ?? [], depth + 1));
        break;
      default:
        text(wordsOf(token));
    }
  }
  return out;
}
