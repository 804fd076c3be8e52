/**
 * The people area in other languages: home, profile, notifications, my data, my program, the mentors page and the
 * invitation page speak the viewer's language (lang and dir on <html>, translated words, no English sentence of the
 * area left), validation messages too, each page stays under 14 KB gzip in the longest scripts, and the mails of the
 * area (self-match request, weekly digest) go out in the recipient's language.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkinToken } from "../../worker/checkins/answer-links";
import { welcome } from "../../worker/journey/journey-steps";
import { systemLineText } from "../../views/partials/chat-message";
import { msg, translator } from "../../worker/domain/i18n/translate";
import { sendDigests } from "../../worker/mail/digest";
import { notify } from "../../worker/mail/notify";
import { roomOf } from "../../worker/pairings/access";
import { Browser, createPerson, gzipSize, htmlTag, ORIGIN, signedIn } from "../helpers";
import { makePairing } from "../room-fixture";

const DAY = 86_400_000;
const english = Object.values(
  import.meta.glob<Record<string, string>>("../../worker/domain/i18n/messages/people/en.json", {
    eager: true,
    import: "default",
  }),
)[0]!;

/** The English sentences of the area that take no values: none may show on a page in another language. */
const ENGLISH = Object.values(english).filter((text) => !/[{<]/.test(text) && text.includes(" ") && text.length > 14);

/** The English sentences of the area a page still shows (HTML-escaped as pages print them). */
function englishLeft(html: string): string[] {
  const escaped = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
  const body = html.slice(html.indexOf("<body"));
  return ENGLISH.filter((text) => body.includes(text) || body.includes(escaped(text)));
}

async function setLanguage(id: string, language: string | null): Promise<void> {
  await env.DB.prepare("UPDATE people SET language = ? WHERE id = ?").bind(language, id).run();
}

const P = "pl";
const ids = {} as Record<"coord" | "mentor" | "mentee", string>;

beforeAll(async () => {
  ids.coord = await createPerson("pl-coord@example.org", { canCreatePrograms: true, name: "Cora" });
  await env.DB.prepare(
    "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?, 'Puentes', 'one-to-one', 12, 14, 'self', ?)",
  )
    .bind(P, ids.coord)
    .run();
  ids.mentor = await createPerson("pl-mentor@example.org", { name: "Amal Haddad" });
  ids.mentee = await createPerson("pl-mentee@example.org", { name: "Lucía Pérez" });
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE people SET capacity = 2, expertise = '[\"python\"]', languages = '[\"english\"]' WHERE id = ?",
    ).bind(ids.mentor),
    env.DB.prepare("UPDATE people SET goals = '[\"python\"]', languages = '[\"english\"]' WHERE id = ?").bind(
      ids.mentee,
    ),
    env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, 'coordinator', 'active'), (?, ?, 'mentor', 'active'), (?, ?, 'mentee', 'active')",
    ).bind(P, ids.coord, P, ids.mentor, P, ids.mentee),
  ]);
});

describe("signed-out pages", () => {
  it("the welcome follows Accept-Language, in French and in Arabic (right to left)", async () => {
    // The scan finds the area's English where it is (so an empty list below means something).
    expect(ENGLISH.length).toBeGreaterThan(100);
    expect(englishLeft((await new Browser().get("/")).html)).toContain("Mentoring that fits your life");
    for (const [accept, tag, words] of [
      ["fr-FR,fr;q=0.9", '<html lang="fr" dir="ltr">', "Un mentorat qui s&#39;adapte à votre vie"],
      ["ar", '<html lang="ar" dir="rtl">', "إرشاد يناسب حياتك"],
    ] as const) {
      const { res, html } = await new Browser().get("/", { "Accept-Language": accept });
      expect(res.status).toBe(200);
      expect(htmlTag(html)).toBe(tag);
      expect(html).toContain(words);
      expect(englishLeft(html), accept).toEqual([]);
    }
  });

  it("a bad unsubscribe link and an invitation that does not exist explain themselves in the visitor's language", async () => {
    const b = new Browser();
    const unsub = await b.get("/unsubscribe/nonsense", { "Accept-Language": "es" });
    expect(unsub.res.status).toBe(404);
    expect(unsub.html).toContain("Este enlace para cancelar la suscripción no funciona");
    const invite = await b.get("/invitations/nonsense", { "Accept-Language": "sw" });
    expect(invite.res.status).toBe(404);
    expect(invite.html).toContain("Mwaliko huo hauwezi kutumika");
    expect([...englishLeft(unsub.html), ...englishLeft(invite.html)]).toEqual([]);
  });
});

describe("signed-in pages in the person's language", () => {
  const pages = () => [
    "/",
    "/profile",
    "/settings/notifications",
    "/settings/data",
    `/programs/${P}/me`,
    `/programs/${P}/mentors`,
  ];

  it("every page of the area in Arabic: lang and dir, translated words, no English sentence left", async () => {
    await setLanguage(ids.mentee, "ar");
    const b = await signedIn("pl-mentee@example.org");
    const expected: Record<string, string> = {
      "/": "بانتظارك",
      "/profile": "ملفك الشخصي",
      "/settings/notifications": "إشعارات البريد الإلكتروني",
      "/settings/data": "احذف بياناتي",
      [`/programs/${P}/me`]: "ابحث عن مرشد",
      [`/programs/${P}/mentors`]: "اختر مرشدًا",
    };
    for (const path of pages()) {
      const { res, html } = await b.get(path, { "Accept-Language": "en" });
      expect(res.status, path).toBe(200);
      expect(htmlTag(html), path).toBe('<html lang="ar" dir="rtl">');
      expect(html, path).toContain(expected[path]);
      expect(englishLeft(html), path).toEqual([]);
    }
  });

  it("stays under 14 KB gzip in Hindi, Arabic and Chinese (the most bytes per word)", async () => {
    const b = await signedIn("pl-mentee@example.org");
    for (const language of ["hi", "ar", "zh-CN"]) {
      await setLanguage(ids.mentee, language);
      for (const path of pages()) {
        const { html } = await b.get(path);
        expect(htmlTag(html)).toContain(`lang="${language}"`);
        const size = await gzipSize(html);
        console.log(`GET ${path} in ${language}: ${size} bytes gzip`);
        expect(size, `${language} ${path}: ${size} bytes gzip`).toBeLessThanOrEqual(14 * 1024);
      }
    }
  });

  it("profile errors come in French, next to their fields, with what was typed kept; nothing is saved", async () => {
    await setLanguage(ids.mentee, "fr");
    const b = await signedIn("pl-mentee@example.org");
    await b.get("/profile");
    const res = await b.post("/profile", {
      name: "",
      time_zone: "Mars/Olympus",
      avail_0: "25:00-26:00",
      contact_start: "09:00",
      contact_end: "17:00",
      goals: "python",
      language: "fr",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(htmlTag(html)).toBe('<html lang="fr" dir="ltr">');
    expect(html).toContain("Saisissez votre nom.");
    expect(html).toContain("Choisissez un fuseau horaire dans la liste.");
    expect(html).toContain("25:00 n&#39;est pas une heure de la journée : utilisez 00:00 à 24:00.");
    expect(html).toContain('value="Mars/Olympus"');
    expect(englishLeft(html)).toEqual([]);
    const row = await env.DB.prepare("SELECT name FROM people WHERE id = ?").bind(ids.mentee).first<{ name: string }>();
    expect(row!.name).toBe("Lucía Pérez");
  });

  it("the profile's Language field saves the choice (like the footer's form) and refuses a language not shipped", async () => {
    await setLanguage(ids.mentee, "en");
    const b = await signedIn("pl-mentee@example.org");
    const form = {
      name: "Lucía Pérez",
      time_zone: "Europe/Madrid",
      contact_start: "09:00",
      contact_end: "17:00",
    };
    const { html } = await b.get("/profile");
    expect(html).toContain('<option value="es" lang="es">Español</option>');
    const bad = await b.post("/profile", { ...form, language: "xx" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choose one of the languages in the list.");
    const saved = await b.post("/profile", { ...form, language: "es" });
    expect(saved.status).toBe(303);
    const row = await env.DB.prepare("SELECT language FROM people WHERE id = ?")
      .bind(ids.mentee)
      .first<{ language: string }>();
    expect(row!.language).toBe("es");
    const after = await b.get("/profile?saved=1");
    expect(htmlTag(after.html)).toBe('<html lang="es" dir="ltr">');
    expect(after.html).toContain("Perfil guardado.");
    expect(after.html).toContain('<option value="es" lang="es" selected="">Español</option>');
    // From htmx, a new language reloads the whole page: the menu and <html lang> change with it.
    const hx = await b.post("/profile", { ...form, language: "fr" }, { "HX-Request": "true" });
    expect(hx.headers.get("HX-Redirect")).toBe("/profile?saved=1");
  });
});

describe("the area's mails in the recipient's language", () => {
  it("a mentee's request reaches a French-speaking mentor in French, with the time in French", async () => {
    await setLanguage(ids.mentee, "en");
    await setLanguage(ids.mentor, "fr");
    const b = await signedIn("pl-mentee@example.org");
    await b.get(`/programs/${P}/mentors`);
    const res = await b.post(`/programs/${P}/requests`, { mentor_id: ids.mentor, message: "Bonjour !" });
    expect(res.status).toBe(303);
    const mail = await env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE to_email = 'pl-mentor@example.org' AND kind = 'match-request'",
    ).first<{ subject: string; body_text: string }>();
    expect(mail!.subject).toBe("Lucía Pérez vous demande d'être son mentor");
    expect(mail!.body_text).toContain("Bonjour,");
    expect(mail!.body_text).toContain("la demande reste ouverte jusqu'au");
    // The mentor's page, in French, shows the request with its status words translated.
    const mentorPage = await (await signedIn("pl-mentor@example.org")).get(`/programs/${P}/me`);
    expect(mentorPage.html).toContain("vous demande d&#39;être son mentor");
    expect(englishLeft(mentorPage.html)).toEqual([]);
  });

  it("the weekly digest speaks its reader's language: subject, headings and footer", async () => {
    const id = await createPerson("pl-digest@example.org", { name: "Zhang Wei" });
    await setLanguage(id, "zh-CN");
    await env.DB.prepare("INSERT INTO notification_prefs (person_id, category, mode) VALUES (?, 'meetings', 'digest')")
      .bind(id)
      .run();
    await env.DB.prepare("UPDATE people SET contact_start = 0, contact_end = 0 WHERE id = ?").bind(id).run();
    const now = Date.now();
    await notify(
      env,
      {
        personId: id,
        category: "meetings",
        kind: "meeting-moved",
        subject: "会面已改期",
        text: "…",
        link: `${ORIGIN}/pairings/p1/meetings/m1`,
      },
      now - DAY,
    );
    await sendDigests(env, now, ORIGIN, [id]);
    const digest = await env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE kind = 'digest' AND person_id = ?",
    )
      .bind(id)
      .first<{ subject: string; body_text: string }>();
    expect(digest!.subject).toBe("你的 Trellis 每周摘要：1 条更新");
    expect(digest!.body_text).toContain("以下是自上次摘要以来 Trellis 本会通过邮件发给你的内容：");
    expect(digest!.body_text).toContain("你收到这份每周摘要");
    expect(digest!.body_text).not.toContain("weekly digest");
  });
});

describe("check-in answers refused by the room", () => {
  it("show on the check-in page in the member's language", async () => {
    const p = await makePairing("pl-ci", ["pl-ci-a@example.org", "pl-ci-b@example.org"], "active");
    await setLanguage(p.memberIds[0]!, "es");
    const closes = Date.now() + 4 * DAY;
    const opened = await roomOf(env, p.pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
    await roomOf(env, p.pairingId).flushProjection();
    const token = await checkinToken(env, p.pairingId, opened.ok ? opened.value.id : "", p.memberIds[0]!, closes);
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/c/${token}`, {
        method: "POST",
        body: new URLSearchParams({ answer: "meh", comment: "guárdame" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(htmlTag(html)).toBe('<html lang="es" dir="ltr">');
    expect(html).toContain("Elige una de las respuestas.");
    expect(html).toContain("guárdame");
  });
});

describe("the journey's line in a pairing's chat", () => {
  it("is stored once, as a message id, and each member reads it in their own language", async () => {
    const p = await makePairing("pl-chat", ["pl-chat-a@example.org", "pl-chat-b@example.org"], "onboarding");
    await setLanguage(p.memberIds[0]!, "ar");
    await setLanguage(p.memberIds[1]!, "zh-CN");
    const now = Date.now();
    await welcome(env, ORIGIN, p.pairingId, { key: "welcome", kind: "welcome", title: "", due: now, closes: null });
    const page = await roomOf(env, p.pairingId).chatPage({ kind: "member", personId: p.memberIds[0]! }, null);
    const bodies = page.ok ? page.value.messages.map((m) => m.body) : [];
    expect(bodies).toEqual([msg("journeyMail.welcome.chat")]);
    expect(systemLineText(bodies[0]!, translator("ar"))).toBe("مرحبًا! الخطوة الأولى هي كتابة اتفاق الإرشاد معًا.");
    expect(systemLineText(bodies[0]!, translator("zh-CN"))).toBe("欢迎！请先一起写好你们的导师协议。");
    expect(systemLineText(bodies[0]!, translator("en"))).toBe(
      "Welcome! Start by writing your mentoring agreement together.",
    );
  });
});
