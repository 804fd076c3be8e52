/**
 * What a member wrote in an email reply: the HTML part made plain text when there is no text part, then quoted text,
 * reply headers and signatures taken away, and the result kept within a length. Pure.
 */

/** How much of a body is looked at: a reply's own words come first, and only the first ~2,000 characters are kept. */
const INPUT_MAX = 200_000;

// --- HTML to text ---------------------------------------------------------------------------------------------------

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>/g;
/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(["head", "style", "script", "title", "template", "noscript", "xml", "svg", "object"]);
/** Elements that start and end on lines of their own. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
  "ul",
]);
/** Signatures as clients mark them in HTML: Gmail, Thunderbird, Outlook, Apple Mail. */
const SIGNATURE_BLOCK =
  /\b(?:class\s*=\s*["']?[^"'>]*\b(?:gmail_signature|moz-signature)\b|id\s*=\s*["']?(?:Signature|AppleMailSignature)\b)/i;
/** Elements set apart by an empty line (paragraphs, headings, lists, tables). */
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "ul", "table", "pre"]);

/**
 * Turns an HTML body into plain text: tags removed, entities decoded, line breaks kept (`<br>`, blocks, paragraphs),
 * list items as "- ", link targets after their text, anything inside `<blockquote>` prefixed with "> " per level, as
 * plain-text mail quotes it, and a "--" line before a signature block the client marked (so stripQuotedReply removes
 * quoted history and signatures of HTML mail like those of plain text).
 */
export function htmlToText(html: string): string {
  const src = html.length > INPUT_MAX ? html.slice(0, INPUT_MAX) : html;
  let out = "";
  let atLineStart = true;
  let emptyRun = 1; // the start counts as after an empty line: no leading blank lines
  let quoteDepth = 0;
  let preDepth = 0;
  const links: { href: string; start: number }[] = [];

  const newline = () => {
    out += "\n";
    emptyRun = atLineStart ? emptyRun + 1 : 0;
    atLineStart = true;
  };
  const endLine = () => {
    if (!atLineStart) newline();
  };
  const blankLine = () => {
    endLine();
    if (emptyRun === 0) newline();
  };
  const write = (text: string) => {
    if (atLineStart) {
      if (preDepth === 0) text = text.replace(/^ +/, "");
      if (!text) return;
      out += "> ".repeat(quoteDepth);
      atLineStart = false;
    }
    out += text;
  };
  const writeText = (raw: string) => {
    if (preDepth > 0) {
      raw
        .replace(/\r\n?/g, "\n")
        .split("\n")
        .forEach((line, i) => {
          if (i > 0) newline();
          write(decodeEntities(line).replace(/\u00a0/g, " "));
        });
    } else {
      write(decodeEntities(raw.replace(/[ \t\n\r\f]+/g, " ")).replace(/\u00a0/g, " "));
    }
  };

  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(src); m; m = TAG.exec(src)) {
    if (m.index > last) writeText(src.slice(last, m.index));
    last = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m[1] === "/";
    const attrs = m[3] ?? "";
    if (!closing && HIDDEN.has(name) && !/\/\s*$/.test(attrs)) {
      const end = src.toLowerCase().indexOf(`</${name}`, last);
      const close = end < 0 ? -1 : src.indexOf(">", end);
      last = TAG.lastIndex = close < 0 ? src.length : close + 1;
      continue;
    }
    if (!closing && SIGNATURE_BLOCK.test(attrs)) {
      endLine(); // a signature the client marked as one: a "-- " line, so stripQuotedReply cuts it like any other
      write("--");
      newline();
    }
    if (name === "br") {
      newline();
    } else if (name === "blockquote") {
      endLine();
      quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
    } else if (name === "pre") {
      blankLine();
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    } else if (name === "li" && !closing) {
      endLine();
      write("- ");
    } else if (name === "p" && /\bclass\s*=\s*["']?[^"'>]*\bMsoNormal\b/i.test(attrs)) {
      endLine(); // Outlook writes every line as a margin-less <p class="MsoNormal">
    } else if (PARAGRAPH.has(name)) {
      blankLine();
    } else if (BLOCK.has(name)) {
      endLine();
    } else if (name === "td" || name === "th") {
      if (!closing && !atLineStart) write(" ");
    } else if (name === "a") {
      if (!closing) {
        const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attrs);
        links.push({ href: decodeEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? "").trim(), start: out.length });
      } else {
        const link = links.pop();
        if (link && /^https?:\/\//i.test(link.href)) {
          const shown = out.slice(link.start).trim();
          if (shown && !shown.includes(link.href) && !link.href.includes(shown)) write(` (${link.href})`);
          else if (!shown) write(link.href);
        }
      }
    }
  }
  if (last < src.length) writeText(src.slice(last));
  return out
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwnj: "\u200c",
  zwj: "\u200d",
  lrm: "\u200e",
  rlm: "\u200f",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  lsaquo: "‹",
  rsaquo: "›",
  bull: "•",
  dagger: "†",
  Dagger: "‡",
  permil: "‰",
  euro: "€",
  trade: "™",
  OElig: "Œ",
  oelig: "œ",
  Scaron: "Š",
  scaron: "š",
  Yuml: "Ÿ",
  circ: "ˆ",
  tilde: "˜",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  minus: "−",
  hearts: "♥",
  check: "✓",
};
// Latin-1 (U+00A1 to U+00FF) in code point order.
"iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml"
  .split(" ")
  .forEach((name, i) => {
    NAMED[name] = String.fromCodePoint(0xa1 + i);
  });
/** Entities browsers accept without the closing ";". */
const LEGACY = new Set(["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]);

/** Decodes HTML character references (named, decimal, hexadecimal); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g,
    (whole, dec: string, hex: string, name: string, semi: string) => {
      if (name) {
        const value = NAMED[name];
        return value !== undefined && (semi || LEGACY.has(name)) ? value : whole;
      }
      const cp = dec ? Number(dec) : parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
    },
  );
}

// --- quotes and signatures ------------------------------------------------------------------------------------------

/** A line quoted with ">" (any depth, any indentation). */
const QUOTED = /^\s*>/;

/**
 * "On <date>, <name> wrote:" as mail clients write it, in the languages they commonly use. Those that begin with a
 * keyword are also matched on up to 3 joined lines (clients wrap long ones); the last two only on a single line.
 */
const ATTRIBUTIONS = [
  /^On\b.+\bwrote\s*:$/iu, // Gmail, Apple Mail, Thunderbird
  /^Am\b.+\bschrieb\b.*:$/iu,
  /^Le\b.+\ba écrit\s*:$/iu,
  /^El\b.+\bescribió\s*:$/iu,
  /^Op\b.+\bschreef\b.*:$/iu,
  /^Il\b.+\bha scritto\s*:$/iu,
  /^(?:Em|No dia)\b.+\bescreveu\s*:$/iu,
  /^Den\b.+\bskrev\b.*:$/iu,
  /^W dniu\b.+\bnapisał(?:a|\(a\))?\s*:$/iu,
  // The other shipped languages (\b only knows ASCII words, so these use spaces): Arabic, Hindi, Swahili, Chinese.
  /^في\s.+\s(?:كتب|كتبت)(?:\s.*)?\s*:$/u,
  /^.+\sने लिखा\s*:$/u,
  /^Mnamo\s.+\saliandika\s*:$/iu,
  /^.+写道\s*[:：]$/u,
  /^.{0,200}<[^<>\s]+@[^<>\s]+>\s*(?:wrote|writes|schrieb|a écrit|escribió|escreveu|ha scritto|schreef|skrev|napisał\S*|كتب|كتبت|ने लिखा|aliandika|写道)\s*[:：]$/iu,
  /^.{0,200}\b(?:wrote|schrieb|escribió|escreveu|schreef|skrev)\s*:$/iu,
];

const WRAPPED_ATTRIBUTIONS = ATTRIBUTIONS.slice(0, -2);

/** Lines after which nothing is the member's own text: separators and forwarded/original message markers. */
const CUT_LINES = [
  /^_{20,}$/, // Outlook on the web, before the "From:" block
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Ursprungligt meddelande|Oprindelig meddelelse|Opprinnelig melding|Alkuperäinen viesti|Wiadomość oryginalna|Původní zpráva|Eredeti üzenet|Исходное сообщение|الرسالة الأصلية|मूल संदेश|Ujumbe wa asili|原始邮件|原始郵件)\s*-{2,}$/iu,
  /^-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Mensagem encaminhada|رسالة معاد توجيهها|अग्रेषित संदेश|Ujumbe uliotumwa|转发的邮件)\s*-{2,}$/iu,
  /^Begin forwarded message:$/i,
];
/** "Sent from my iPhone" and the like, in several languages; only when it also names a device or mail app (DEVICE). */
const SENT_FROM =
  /^(?:Sent from|Sent with|Get Outlook for|Von meinem|Gesendet (?:von|mit)|Envoyé (?:de|depuis)|Enviado (?:desde|do|de)|Inviato da|Verzonden (?:vanaf|met)|Skickat från|Sendt fra|Wysłane z)\s.{1,60}$/iu;
/** "Sent from my iPhone" in the shipped languages whose word order differs (checked against DEVICE too). */
const SENT_FROM_OTHER = [
  /^发自我的\s?\S.{0,40}$/u,
  /^(?:أُرسلت|أرسلت|مرسل|تم الإرسال) من\s.{1,60}$/u,
  /^मेरे\s.{1,40}\sसे भेजा गया$/u,
  /^Imetumwa kutoka\s.{1,60}$/iu,
];
/**
 * Words of a "Sent from my…" line: it names a device or mail app, which tells it apart from a sentence that starts
 * alike.
 */
const DEVICE =
  /\b(?:iPhone|iPad|iPod|Android|Galaxy|Samsung|Pixel|BlackBerry|Huawei|Xiaomi|mobile|phone|smartphone|tablet|Mail|Outlook|Gmail|Yahoo|Proton\s?Mail|Fastmail|Spark|AOL|GMX|WEB\.DE|iOS|Windows|Superhuman|Handy|Mobilgerät|gesendet)\b/iu;

/** The first line of an Outlook-style reply header ("From: … / Sent: … / To: … / Subject: …"), also localised. */
const HEADER_FROM =
  /^\*?(?:From|Von|De|Da|Van|Från|Fra|Od|Lähettäjä|Feladó|От|من|प्रेषक|Kutoka|发件人)\s*[:：]\*?\s*\S/iu;
const HEADER_SENT =
  /^\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Inviato|Data|Verzonden|Skickat|Sendt|Wysłano|Lähetetty|Elküldve|Отправлено|Дата|تاريخ الإرسال|أُرسل|التاريخ|भेजा गया|दिनांक|Imetumwa|Tarehe|发送时间|日期|时间)\s*[:：]/iu;

/** How many lines from `i` form a quote attribution that introduces quoted lines (or ends the message); 0 if none. */
function attributionAt(lines: string[], i: number): number {
  let joined = "";
  for (let n = 1; n <= 3 && i + n - 1 < lines.length; n++) {
    const line = lines[i + n - 1]!.trim();
    if (!line || QUOTED.test(line)) return 0;
    joined = joined ? `${joined} ${line}` : line;
    if (joined.length > 400) return 0;
    if ((n === 1 ? ATTRIBUTIONS : WRAPPED_ATTRIBUTIONS).some((re) => re.test(joined))) {
      const next = lines.slice(i + n).find((l) => l.trim() !== "");
      return next === undefined || QUOTED.test(next) ? n : 0;
    }
  }
  return 0;
}

/** Whether line `i` starts what is not the member's own text any more. */
function isCut(lines: string[], i: number): boolean {
  if (lines[i]!.trimEnd() === "--") return true; // the signature delimiter "-- " (many clients drop its trailing space)
  const t = lines[i]!.trim();
  if (CUT_LINES.some((re) => re.test(t))) return true;
  if ((SENT_FROM.test(t) || SENT_FROM_OTHER.some((re) => re.test(t))) && DEVICE.test(t)) return true;
  if (HEADER_FROM.test(t)) {
    for (let k = i + 1; k <= i + 4 && k < lines.length; k++) if (HEADER_SENT.test(lines[k]!.trim())) return true;
  }
  return false;
}

/**
 * The member's own words in a reply: quoted lines (">"), quote attributions ("On … wrote:" and its common variants),
 * Outlook's "-----Original Message-----" and "From: … Sent: …" blocks, forwarded messages, the "-- " signature and
 * "Sent from my iPhone"-style lines (with everything after them) removed; runs of empty lines shortened; trimmed.
 */
export function stripQuotedReply(text: string): string {
  const src = text.length > INPUT_MAX ? text.slice(0, INPUT_MAX) : text;
  const lines = src
    .replace(/^\ufeff/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (QUOTED.test(line)) continue;
    if (isCut(lines, i)) break;
    const attribution = attributionAt(lines, i);
    if (attribution) {
      i += attribution - 1;
      continue;
    }
    kept.push(line.trimEnd());
  }
  while (kept.length && /^\s*(?:[-_=*~]{2,})?\s*$/.test(kept[kept.length - 1]!)) kept.pop();
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Keeps text within `max` characters: longer text is cut (not inside a surrogate pair) and ends with "…". */
export function limitText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, truncated: true };
}

/**
 * The text to post for an email's body: its text part, or its HTML part made text when the text part is missing or
 * blank, with quotes and signatures removed and kept within `max` characters (the last of them "…" when cut).
 */
export function replyText(
  body: { text?: string | null; html?: string | null },
  max: number,
): { ok: true; text: string; truncated: boolean } | { ok: false; error: string } {
  let own = body.text?.trim() ? stripQuotedReply(body.text) : "";
  if (!own && body.html?.trim()) own = stripQuotedReply(htmlToText(body.html));
  if (!own)
    return {
      ok: false,
      error:
        "Your reply had no text of its own once quoted text and signatures were taken out, so nothing was posted. Write your message above the quoted email and send it again.",
    };
  return { ok: true, ...limitText(own, max) };
}
