/**
 * The dashboard, at-risk, matching, fairness, matching-rules and proposal pages in other languages: lang and dir on
 * <html>, translated words, no English sentence of the dashboard catalog left, a validation message in the viewer's
 * language with what was typed kept, and every page within 14 KB gzip in the languages that take the most bytes.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPRING_PROGRAM_ID } from "../../worker/demo/spring-ids";
import { seedDemo } from "../../worker/demo/seed";
import en from "../../worker/domain/i18n/messages/dashboard/en.json";
import ar from "../../worker/domain/i18n/messages/dashboard/ar.json";
import fr from "../../worker/domain/i18n/messages/dashboard/fr.json";
import hi from "../../worker/domain/i18n/messages/dashboard/hi.json";
import zh from "../../worker/domain/i18n/messages/dashboard/zh-CN.json";
import { type Browser, gzipSize, signedIn } from "../helpers";

const PROGRAM = DEMO_SPRING_PROGRAM_ID;
const EMAIL = "coordinator@example.org";
const CATALOGS: Record<string, Record<string, string>> = { ar, fr, hi, "zh-CN": zh };

/** The coordinator's pages of this area. */
const PAGES = [
  `/programs/${PROGRAM}/dashboard`,
  `/programs/${PROGRAM}/dashboard/checkins`,
  `/programs/${PROGRAM}/dashboard/engagement`,
  `/programs/${PROGRAM}/at-risk`,
  `/programs/${PROGRAM}/matching`,
  `/programs/${PROGRAM}/matching/settings`,
  `/programs/${PROGRAM}/matching/fairness`,
];

const htmlEscaped = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** English sentences of the area (no placeholders, several words) whose translation in `locale` differs. */
function englishSentences(locale: string): string[] {
  const catalog = CATALOGS[locale]!;
  return Object.entries(en as Record<string, string>)
    .filter(([id, text]) => !/[{<]/.test(text) && text.split(" ").length >= 4 && catalog[id] !== text)
    .map(([, text]) => htmlEscaped(text));
}

const speak = (locale: string) =>
  env.DB.prepare("UPDATE people SET language = ? WHERE email = ?").bind(locale, EMAIL).run();

let coordinator: Browser;
let proposalPage: string;

beforeAll(async () => {
  await seedDemo(env);
  coordinator = await signedIn(EMAIL);
  await speak("en");
  // A staged run, so the proposal page exists.
  const run = await coordinator.post(`/programs/${PROGRAM}/matching/run`, {});
  expect(run.status).toBe(303);
  const { html } = await coordinator.get(`/programs/${PROGRAM}/matching`);
  const link = html.match(/href="(\/programs\/[^"]+\/matching\/[^"/]+\/proposals\/[^"]+)"/);
  expect(link, "a proposal to change").not.toBeNull();
  proposalPage = link![1]!;
});

describe("the dashboard and matching pages in the coordinator's language", () => {
  it("speak French and Arabic: lang, dir, translated words and no English sentence left", async () => {
    const expected: Record<string, { tag: string; words: string[] }> = {
      fr: {
        tag: '<html lang="fr" dir="ltr">',
        words: ["Tableau de bord", "Points d'étape", "En difficulté", "Mise en binôme", "Équité"],
      },
      ar: { tag: '<html lang="ar" dir="rtl">', words: ["لوحة المتابعة", "المتابعات الدورية", "الربط", "الإنصاف"] },
    };
    for (const [locale, { tag, words }] of Object.entries(expected)) {
      await speak(locale);
      const english = englishSentences(locale);
      let all = "";
      for (const path of [...PAGES, proposalPage]) {
        const { res, html } = await coordinator.get(path);
        expect(res.status, `${locale} ${path}`).toBe(200);
        expect(html.match(/<html[^>]*>/)?.[0], `${locale} ${path}`).toBe(tag);
        expect(
          english.filter((s) => html.includes(s)),
          `${locale} ${path}`,
        ).toEqual([]);
        all += html;
      }
      for (const word of words) expect(all, `${locale}: ${word}`).toContain(htmlEscaped(word));
    }
  });

  it("writes numbers and months the locale's way and mirrors the bar charts in Arabic", async () => {
    await speak("ar");
    const { html } = await coordinator.get(`/programs/${PROGRAM}/dashboard`);
    // The first bar of the funnel starts at the right edge: its label's x is 600 - (150 - 8).
    expect(html).toMatch(/<svg class="chart"[^>]*>.*?<text x="458" y="18" text-anchor="end">/s);
    const checkins = await coordinator.get(`/programs/${PROGRAM}/dashboard/checkins`);
    // The demo's check-ins opened this month or the one before; either is named in Arabic.
    const inArabic = new Intl.DateTimeFormat("ar", { month: "short", year: "numeric", timeZone: "UTC" });
    const now = new Date();
    const months = [0, 1].map((back) => inArabic.format(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)));
    expect(
      months.some((m) => checkins.html.includes(`<th scope="row">${m}</th>`)),
      months.join(", "),
    ).toBe(true);
    await speak("en");
    const english = await coordinator.get(`/programs/${PROGRAM}/dashboard`);
    expect(english.html).toMatch(/<svg class="chart"[^>]*>.*?<text x="142" y="18" text-anchor="end">/s);
  });

  it("refuses bad matching rules with a message in the viewer's language, keeping what was typed", async () => {
    const cases: [string, string][] = [
      ["fr", "La pondération des objectifs doit être un nombre entier."],
      ["ar", "يجب أن يكون وزن الأهداف عددًا صحيحًا."],
    ];
    for (const [locale, message] of cases) {
      await speak(locale);
      await coordinator.get(`/programs/${PROGRAM}/matching/settings`);
      const res = await coordinator.post(`/programs/${PROGRAM}/matching/settings`, {
        goals: "beaucoup",
        languages: "20",
        availability: "30",
        channels: "10",
        goals_for_full: "3",
        hours_for_full: "4",
        max_mentors_per_mentee: "1",
        request_expiry_days: "7",
        attributes: "",
      });
      expect(res.status, locale).toBe(422);
      const html = await res.text();
      expect(html, locale).toContain(htmlEscaped(message));
      expect(html, locale).toContain('value="beaucoup"');
    }
  });

  it("keeps every page within 14 KB gzip in Hindi, Arabic and Chinese", async () => {
    for (const locale of ["hi", "ar", "zh-CN"]) {
      await speak(locale);
      for (const path of [...PAGES, proposalPage]) {
        const { html } = await coordinator.get(path);
        expect(await gzipSize(html), `${locale} ${path}`).toBeLessThanOrEqual(14 * 1024);
      }
    }
    await speak("en");
  });
});
