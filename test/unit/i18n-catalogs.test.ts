/// <reference types="vite/client" />
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../worker/domain/i18n/locales";

// The catalogs as translators edit them (ICU MessageFormat JSON, messages/<area>/<locale>.json), and the app's
// sources, read as files by Vite.
const FILES = import.meta.glob<Record<string, string>>("../../worker/domain/i18n/messages/*/*.json", {
  eager: true,
  import: "default",
});
const SOURCES = import.meta.glob<string>(["../../{worker,workflows,views}/**/*.{ts,tsx}", "!**/*.gen.ts"], {
  eager: true,
  query: "?raw",
  import: "default",
});
const AREAS = [...new Set(Object.keys(FILES).map((f) => f.split("/").at(-2)!))].sort();
/** One locale's messages from every area, as the build merges them. */
const catalog = (locale: string): Record<string, string> =>
  Object.assign({}, ...AREAS.map((area) => FILES[`../../worker/domain/i18n/messages/${area}/${locale}.json`] ?? {}));
const english = catalog("en");
const ids = Object.keys(english);

/** The argument names and tag names a compiled message uses, sorted (what every translation must keep). */
function shapeOf(message: string): string[] {
  const args = new Set<string>();
  const walk = (tokens: unknown): void => {
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) {
      if (Array.isArray(token) && typeof token[0] === "string") {
        args.add(`{${token[0]}}`);
        if (token[2] && typeof token[2] === "object") for (const branch of Object.values(token[2])) walk(branch);
      } else if (typeof token === "string") {
        for (const m of token.matchAll(/<\/?([a-z]+)>/g)) args.add(m[0]);
      }
    }
  };
  const compiled = compileMessage(message);
  walk(typeof compiled === "string" ? [compiled] : compiled);
  return [...args].sort();
}

describe("message catalogs", () => {
  it("every area ships a catalog for every locale and no other, and no id is in two areas", () => {
    expect(AREAS.length).toBeGreaterThan(0);
    for (const area of AREAS) {
      expect(
        Object.keys(FILES)
          .filter((f) => f.split("/").at(-2) === area)
          .map((f) => f.split("/").pop())
          .sort(),
        area,
      ).toEqual(LOCALES.map((l) => `${l}.json`).sort());
    }
    const seen = new Map<string, string>();
    for (const area of AREAS) {
      for (const id of Object.keys(FILES[`../../worker/domain/i18n/messages/${area}/en.json`] ?? {})) {
        expect(seen.get(id), `${id} is in ${seen.get(id)} and ${area}`).toBeUndefined();
        seen.set(id, area);
      }
    }
  });

  for (const locale of LOCALES) {
    it(`${locale}: exactly the English ids, each compiling with the same arguments and tags`, () => {
      const messages = catalog(locale);
      expect(
        ids.filter((id) => !(id in messages)),
        "missing",
      ).toEqual([]);
      expect(
        Object.keys(messages).filter((id) => !(id in english)),
        "not in English",
      ).toEqual([]);
      for (const id of ids) {
        expect(messages[id]!.trim(), `${locale} ${id} is blank`).not.toBe("");
        expect(shapeOf(messages[id]!), `${locale} ${id}`).toEqual(shapeOf(english[id]!));
      }
    });
  }

  it("every translation is translated: at most a tenth of a catalog's messages equal the English ones", () => {
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      const messages = catalog(locale);
      const same = ids.filter((id) => messages[id] === english[id]);
      expect(same.length, `${locale}: ${same.join(", ")}`).toBeLessThanOrEqual(Math.floor(ids.length / 10));
    }
  });

  it("every plural and select has an `other` branch", () => {
    for (const locale of LOCALES) {
      for (const [id, message] of Object.entries(catalog(locale))) {
        for (const m of message.matchAll(/\{\s*\w+\s*,\s*(plural|select)\s*,/g)) {
          expect(message.slice(m.index), `${locale} ${id}`).toMatch(/\bother\s*\{/);
        }
      }
    }
  });

  it("every id is used somewhere in the app's source, and nothing unused stays in the catalogs", () => {
    const text = Object.values(SOURCES).join("\n");
    expect(text.length).toBeGreaterThan(100_000);
    expect(ids.filter((id) => !text.includes(`"${id}"`))).toEqual([]);
  });
});
