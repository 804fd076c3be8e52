/**
 * The viewer's language inside pages: the renderer renders each page with `renderIn(value, node)`, so any component can
 * `useI18n()` instead of taking the language as a prop. `Rich` renders a message whose text marks words with tags
 * (`<b>{email}</b>`), so translators can move the marked words.
 *
 * Why not hono/jsx's createContext: its Provider carries the client-side DOM renderer into the worker (about 5 KB gzip
 * of the bundle budget). Server rendering here is synchronous (no async components), so the value is set for the
 * duration of one `toString()` — the same stack hono/jsx keeps for its context during server rendering — and no other
 * request can run in between; `renderIn` refuses a tree whose rendering would wait.
 */
import type { Child } from "hono/jsx";
import { directionOf, type Locale } from "../worker/domain/i18n/locales";
import { type MessageId, type MessageValues, type Translate, translator } from "../worker/domain/i18n/translate";

/** What a page knows about its viewer's language. */
export interface I18nValue {
  locale: Locale;
  dir: "ltr" | "rtl";
  t: Translate;
}

/** The language of a locale, for rendering outside a request (tests, mail). */
export function i18nFor(locale: Locale): I18nValue {
  return { locale, dir: directionOf(locale), t: translator(locale) };
}

let current: I18nValue = i18nFor("en");

/** The viewer's locale, direction and translator (English outside `renderIn`). */
export const useI18n = (): I18nValue => current;

/** Renders a JSX tree to HTML with `value` as the viewer's language. */
export function renderIn(value: I18nValue, node: Child): string {
  const before = current;
  current = value;
  try {
    const html = (node as { toString(): string | Promise<string> }).toString();
    if (typeof html !== "string")
      throw new Error("renderIn: a component rendered asynchronously; pages must render at once");
    return html;
  } finally {
    current = before;
  }
}

/** How each tag a message may use is rendered. */
const TAGS: Record<string, (children: Child) => Child> = {
  b: (children) => <strong>{children}</strong>,
  i: (children) => <em>{children}</em>,
};

const OPEN = "\uE000";
const CLOSE = "\uE001";

/**
 * A message with marked words: `<b>…</b>` and `<i>…</i>` become strong and emphasis (more via `tags`). The values are
 * put in after the tags are read, so text a person typed is never taken for a tag, and always escaped.
 */
export function Rich({
  id,
  values = {},
  tags = {},
}: {
  id: MessageId;
  values?: MessageValues;
  tags?: Record<string, (children: Child) => Child>;
}) {
  const { t } = useI18n();
  const texts: string[] = [];
  const marked: MessageValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "number") marked[key] = value;
    else marked[key] = `${OPEN}${texts.push(value) - 1}${CLOSE}`;
  }
  const known = { ...TAGS, ...tags };
  const fill = (text: string): Child[] =>
    text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).map((part, i) => (i % 2 ? (texts[Number(part)] ?? "") : part));
  const out: Child[] = [];
  const pattern = /<([a-z]+)>([\s\S]*?)<\/\1>/g;
  const message = t(id, marked);
  let last = 0;
  for (let m = pattern.exec(message); m; m = pattern.exec(message)) {
    const render = known[m[1]!];
    if (!render) continue;
    out.push(...fill(message.slice(last, m.index)), render(fill(m[2]!)));
    last = m.index + m[0].length;
  }
  out.push(...fill(message.slice(last)));
  return <>{out}</>;
}
