import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Locale, LOCALES } from "../../worker/domain/i18n/locales";
import { translator } from "../../worker/domain/i18n/translate";
import english from "../../worker/domain/i18n/messages/meetings/en.json";
import { type Browser, gzipSize, htmlTag, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

// The meetings area in every shipped language: the meetings list, one meeting's page, calendar feeds and reminder
// settings, as a member who chose the language sees them, and a refused form in two languages.

const NOA = "noa@meet-lang.test"; // mentor, Europe/Berlin
const ZED = "zed@meet-lang.test"; // mentee, Asia/Kolkata
const DAY = 86_400_000;

let p: TestPairing;
let noa = "";
let b: Browser;
let seriesPath = "";

/** Decodes the few entities hono/jsx writes, and drops the bidi isolates right-to-left pages put around times and names. */
const text = (html: string) =>
  html
    .replace(/[\u2066-\u2069]/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Makes Noa's chosen language `locale` (what her pages and the forms' messages then speak). */
async function speak(locale: Locale): Promise<void> {
  await env.DB.prepare("UPDATE people SET language = ? WHERE id = ?").bind(locale, noa).run();
}

/**
 * The meetings area's English sentences without arguments or tags (what another language must not show); the default
 * title is left out, since a meeting keeps the title it was proposed with, in its proposer's language.
 */
const SENTENCES = Object.entries(english as Record<string, string>)
  .filter(([id, m]) => !/[{<]/.test(m) && m.length >= 12 && id !== "meetings.defaultTitle")
  .map(([id, m]) => ({ id, m }));

/** English sentences of this area an English page shows that the same page in `locale` still shows. */
function leftInEnglish(englishPage: string, page: string, locale: Locale): string[] {
  const t = translator(locale);
  return SENTENCES.filter(
    ({ id, m }) => text(englishPage).includes(m) && text(page).includes(m) && t(id as never) !== m,
  ).map(({ m }) => m);
}

const pages = () => ({
  list: `/pairings/${p.pairingId}/meetings`,
  meeting: seriesPath,
  calendar: "/calendar",
  reminders: "/settings/reminders",
});

beforeAll(async () => {
  p = await makePairing("mlang", [NOA, ZED]);
  [noa] = p.memberIds as [string, string];
  const zed = p.memberIds[1]!;
  const availability = JSON.stringify([0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: 0, end: 1440 })));
  for (const [id, name, zone] of [
    [noa, "Noa", "Europe/Berlin"],
    [zed, "Zed", "Asia/Kolkata"],
  ] as const) {
    await env.DB.prepare("UPDATE people SET name = ?, time_zone = ?, availability = ? WHERE id = ?")
      .bind(name, zone, availability, id)
      .run();
  }
  b = await signedIn(NOA);
  await speak("en");
  await b.get(pages().list);
  const day = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
  const res = await b.post(pages().list, {
    kind: "video",
    title: "",
    date: day,
    start: "18:00",
    end: "19:00",
    repeat: "weekly",
    ends: "count",
    count: "4",
    agendaTemplate: "check-in",
  });
  expect(res.status).toBe(303);
  seriesPath = res.headers.get("Location")!.split("?")[0]!;
});

describe("the meetings area in each language", () => {
  it("every page has the member's lang and dir, translated words and no English sentence of its own", async () => {
    await speak("en");
    const inEnglish: Record<string, string> = {};
    for (const [name, path] of Object.entries(pages())) inEnglish[name] = (await b.get(path)).html;
    expect(inEnglish.meeting).toContain("Every week on");
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      await speak(locale);
      // Compared without directional isolates: `text` drops them from the page too.
      const translate = translator(locale);
      const t: typeof translate = (id, values) => text(translate(id, values));
      for (const [name, path] of Object.entries(pages())) {
        const { res, html } = await b.get(path);
        expect(res.status, `${locale} ${name}`).toBe(200);
        expect(htmlTag(html), `${locale} ${name}`).toBe(
          `<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`,
        );
        expect(leftInEnglish(inEnglish[name]!, html, locale), `${locale} ${name}`).toEqual([]);
      }
      const list = text((await b.get(pages().list)).html);
      expect(list).toContain(t("meetings.title"));
      expect(list).toContain(t("meetings.status.waiting", { name: t("meetings.you"), names: "Zed" }));
      const meeting = text((await b.get(seriesPath)).html);
      expect(meeting).toContain(`<dt>${t("meetingPage.when")}</dt>`);
      expect(meeting).toContain(t("meetingPage.series"));
      expect(text((await b.get("/calendar")).html)).toContain(t("calendar.title"));
      expect(text((await b.get("/settings/reminders")).html)).toContain(t("reminders.lead.twoHours"));
    }
  });

  it("weekdays, days and times come from Intl in the member's language", async () => {
    await speak("fr");
    const fr = text((await b.get(seriesPath)).html);
    expect(fr).toMatch(/Chaque semaine le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche), 18:00 – 19:00 heure/);
    expect(fr).toContain("4 rencontres à partir du");
    await speak("zh-CN");
    const zh = text((await b.get(seriesPath)).html);
    expect(zh).toMatch(/每周星期[一二三四五六日]/);
    expect(zh).toContain("共 4 次");
    await speak("ar");
    const ar = text((await b.get(seriesPath)).html);
    expect(ar).toContain("4 لقاءات ابتداءً من"); // Arabic's "few" form for 3 to 10
    expect(ar).toContain("بالنسبة إلى Zed");
    // Times, zones and names keep their own direction inside Arabic sentences.
    expect(await b.get(seriesPath).then((r) => r.html)).toMatch(/\u2068\d\d:\d\d–\d\d:\d\d\u2069/);
  });

  it("a refused proposal is explained in the member's language, with what was typed kept", async () => {
    const day = new Date(Date.now() + 12 * DAY).toISOString().slice(0, 10);
    const bad = {
      kind: "video",
      title: "Zweites Treffen",
      date: day,
      start: "18:00",
      end: "17:00",
      repeat: "none",
      agendaTemplate: "check-in",
    };
    for (const [locale, summary, error] of [
      ["fr", "Veuillez corriger le champ signalé ci-dessous.", "La rencontre doit se terminer après son début"],
      ["ar", "يجب أن ينتهي اللقاء بعد أن يبدأ", "يجب أن ينتهي اللقاء بعد أن يبدأ"],
    ] as const) {
      await speak(locale);
      const res = await b.post(pages().list, bad);
      expect(res.status, locale).toBe(422);
      const html = text(await res.text());
      expect(htmlTag(html)).toContain(`lang="${locale}"`);
      expect(html).toContain(summary);
      expect(html).toContain(error);
      expect(html).not.toContain("The meeting must end after it starts");
      expect(html).toContain('value="Zweites Treffen"');
    }
    await speak("hi");
    const res = await b.post("/settings/reminders", { lead: "7" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("दिए गए समयों में से एक चुनें।");
  });

  it("an untitled meeting is named in its proposer's language", async () => {
    await speak("es");
    const day = new Date(Date.now() + 13 * DAY).toISOString().slice(0, 10);
    const res = await b.post(pages().list, {
      kind: "phone",
      title: "",
      date: day,
      start: "09:00",
      end: "09:30",
      repeat: "none",
      agendaTemplate: "blank",
    });
    expect(res.status).toBe(303);
    const { html } = await b.get(res.headers.get("Location")!);
    expect(html).toContain(`<h2 dir="auto">Reunión de mentoría</h2>`);
    expect(html).toContain("Propuesta enviada.");
  });

  it("each page stays within 14 KB gzipped in the languages with the longest bytes", async () => {
    const sizes: Record<string, number> = {};
    for (const locale of ["hi", "ar", "zh-CN"] as const) {
      await speak(locale);
      for (const [name, path] of Object.entries(pages())) {
        const size = await gzipSize((await b.get(path)).html);
        sizes[`${locale} ${name}`] = size;
        expect(size, `${locale} ${name}`).toBeLessThanOrEqual(14 * 1024);
      }
    }
    console.log("meetings area page sizes (gzip bytes)", sizes);
  });
});
