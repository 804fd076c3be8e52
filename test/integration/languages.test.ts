import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { translator } from "../../worker/domain/i18n/translate";
import { notify } from "../../worker/mail/notify";
import { openCheckin } from "../../worker/journey/journey-steps";
import { acceptInvitation, Browser, createPerson, htmlTag, signedIn } from "../helpers";
import { makePairing } from "../room-fixture";

describe("the page's language", () => {
  it("signed-out pages follow Accept-Language, with lang and dir on <html>", async () => {
    const cases: [string, string, string][] = [
      ["es-MX,es;q=0.9,en;q=0.5", '<html lang="es" dir="ltr">', "Iniciar sesión"],
      ["ar-EG,ar;q=0.9", '<html lang="ar" dir="rtl">', "تسجيل الدخول"],
      ["pt-PT,pt;q=0.9", '<html lang="pt-BR" dir="ltr">', "Entrar"],
      ["zh-TW,zh;q=0.9", '<html lang="zh-CN" dir="ltr">', "登录"],
      ["de-DE,fr;q=0.8", '<html lang="fr" dir="ltr">', "Se connecter"],
      ["de-DE,ja;q=0.8", '<html lang="en" dir="ltr">', "Sign in"],
      ["", '<html lang="en" dir="ltr">', "Sign in"],
    ];
    for (const [accept, tag, heading] of cases) {
      const { res, html } = await new Browser().get("/signin", accept ? { "Accept-Language": accept } : {});
      expect(res.status, accept).toBe(200);
      expect(htmlTag(html), accept).toBe(tag);
      expect(html, accept).toContain(`<h1>${heading}</h1>`);
    }
  });

  it("error pages and validation messages speak the visitor's language", async () => {
    const b = new Browser();
    const missing = await b.get("/no/such/page", { "Accept-Language": "sw" });
    expect(missing.res.status).toBe(404);
    expect(missing.html).toContain("<h1>Ukurasa haukupatikana</h1>");
    await b.get("/signin", { "Accept-Language": "fr" });
    const res = await b.post("/signin", { email: "not an address" }, { "Accept-Language": "fr" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Saisissez une adresse comme nom@example.org.");
    expect(html).toContain("Veuillez corriger le champ signalé ci-dessous.");
    expect(html).toContain('value="not an address"');
  });

  it("a visitor's pick from the footer is kept in a cookie and wins over the browser", async () => {
    const b = new Browser();
    const first = await b.get("/signin", { "Accept-Language": "en" });
    expect(first.html).toContain('action="/language"');
    expect(first.html).toContain('<option value="hi" lang="hi">हिन्दी</option>');
    const res = await b.post("/language", { lang: "hi", next: "/signin?next=/profile" }, { "Accept-Language": "en" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signin?next=/profile");
    const after = await b.get("/signin", { "Accept-Language": "en" });
    expect(htmlTag(after.html)).toBe('<html lang="hi" dir="ltr">');
    expect(after.html).toContain('<option value="hi" lang="hi" selected="">हिन्दी</option>');
  });

  it("refuses a language it does not ship, and a next that leaves the site", async () => {
    const b = new Browser();
    await b.get("/signin");
    const bad = await b.post("/language", { lang: "xx", next: "/" }, { "Accept-Language": "es" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Elige uno de los idiomas de la lista.");
    const away = await b.post("/language", { lang: "fr", next: "https://evil.example/" });
    expect(away.headers.get("Location")).toBe("/");
  });

  it("a signed-in person's choice is saved on them and follows them to any browser", async () => {
    const id = await createPerson("lang@example.org", { name: "Lina" });
    const b = await signedIn("lang@example.org");
    const res = await b.post("/language", { lang: "ar", next: "/profile" }, { "Accept-Language": "en" });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT language FROM people WHERE id = ?").bind(id).first<{ language: string }>();
    expect(row!.language).toBe("ar");
    const page = await b.get("/", { "Accept-Language": "en" });
    expect(htmlTag(page.html)).toBe('<html lang="ar" dir="rtl">');
    expect(page.html).toContain("تسجيل الخروج");
  });
});

describe("onboarding in the participant's language", () => {
  it("the welcome offers the language, then every step, weekday and error follows the choice", async () => {
    await createPerson("lang-host@example.org", { canCreatePrograms: true, name: "Hana" });
    const host = await signedIn("lang-host@example.org");
    const created = await host.post("/programs/new", {
      name: "Puentes",
      description: "",
      type: "one-to-one",
      length_weeks: "12",
      cadence_days: "14",
      matching_mode: "coordinator",
    });
    const programId = created.headers.get("Location")!.split("/").pop()!;
    expect(
      (await host.post(`/programs/${programId}/invitations`, { email: "lu@example.org", role: "mentee" })).status,
    ).toBe(303);
    const { b } = await acceptInvitation("lu@example.org");

    const welcome = await b.get(`/programs/${programId}/welcome`, { "Accept-Language": "en" });
    expect(welcome.html).toContain("<h1>Welcome to Puentes</h1>");
    expect(welcome.html).toContain('id="onboarding-language"');
    const chose = await b.post("/language", { lang: "es", next: `/programs/${programId}/welcome` });
    expect(chose.headers.get("Location")).toBe(`/programs/${programId}/welcome`);

    const es = await b.get(`/programs/${programId}/welcome`, { "Accept-Language": "en" });
    expect(htmlTag(es.html)).toBe('<html lang="es" dir="ltr">');
    expect(es.html).toContain("<h1>Te damos la bienvenida a Puentes</h1>");
    expect(es.html).not.toContain("What happens next");
    const grid = await b.get(`/programs/${programId}/welcome/availability`, { "Accept-Language": "en" });
    expect(grid.html).toContain('<abbr title="lunes">');
    const refused = await b.post(`/programs/${programId}/welcome/availability`, {}, { "Accept-Language": "en" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Marca al menos una hora en la que sueles estar libre.");
  });
});

describe("mail in the recipient's language", () => {
  const lastMail = (to: string) =>
    env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE to_email = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )
      .bind(to)
      .first<{ subject: string; body_text: string }>();

  it("the sign-in link comes in the person's language, else in the language the page was shown in", async () => {
    await env.DB.prepare("DELETE FROM rate_events").run();
    await createPerson("mail-es@example.org", { name: "Eva" });
    await createPerson("mail-ar@example.org", { name: "Amal" });
    await env.DB.prepare("UPDATE people SET language = 'ar' WHERE email = ?").bind("mail-ar@example.org").run();
    const b = new Browser();
    await b.get("/signin", { "Accept-Language": "es" });
    expect((await b.post("/signin", { email: "mail-es@example.org" }, { "Accept-Language": "es" })).status).toBe(303);
    expect((await b.post("/signin", { email: "mail-ar@example.org" }, { "Accept-Language": "es" })).status).toBe(303);
    const es = translator("es");
    const ar = translator("ar");
    const toEva = await lastMail("mail-es@example.org");
    expect(toEva!.subject).toBe(es("signin.mail.subject"));
    expect(toEva!.body_text).toContain(es("mail.helloNamed", { name: "Eva" }));
    expect(toEva!.body_text).toContain(es("signin.mail.note", { minutes: 15 }));
    const toAmal = await lastMail("mail-ar@example.org");
    expect(toAmal!.subject).toBe(ar("signin.mail.subject"));
    expect(toAmal!.body_text).toContain(ar("signin.mail.body"));
  });

  it("a notification's footer says why it came in the recipient's language", async () => {
    const id = await createPerson("mail-fr@example.org", { name: "Félix" });
    await env.DB.prepare("UPDATE people SET language = 'fr', contact_start = 0, contact_end = 0 WHERE id = ?")
      .bind(id)
      .run();
    await notify(env, {
      personId: id,
      category: "meetings",
      kind: "test",
      subject: "S",
      text: "T",
      origin: "https://t.test",
    });
    const mail = await lastMail("mail-fr@example.org");
    const fr = translator("fr");
    expect(mail!.body_text).toContain(
      fr("mail.footer.why", { reason: fr("category.meetings.reason"), label: fr("category.meetings.label") }),
    );
    expect(mail!.body_text).toContain(fr("mail.footer.choose", { url: "https://t.test/settings/notifications" }));
    expect(mail!.body_text).not.toContain("You get this email because");
  });
});

describe("journey mail in each member's language", () => {
  const lastMail = (to: string) =>
    env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE to_email = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )
      .bind(to)
      .first<{ subject: string; body_text: string }>();

  it("a check-in mail in Hindi to the member who chose it, in English to the other, with the answers translated", async () => {
    const p = await makePairing("jlang", ["jl-mentor@example.org", "jl-mentee@example.org"], "active");
    await env.DB.prepare("UPDATE people SET language = 'hi', contact_start = 0, contact_end = 0 WHERE email = ?")
      .bind("jl-mentee@example.org")
      .run();
    await env.DB.prepare("UPDATE people SET contact_start = 0, contact_end = 0 WHERE email = ?")
      .bind("jl-mentor@example.org")
      .run();
    const due = Date.now();
    const m = { key: "check-in-1", kind: "check-in" as const, title: "Check-in 1", due, closes: due + 4 * 86_400_000 };
    await openCheckin(env, "https://t.test", p.pairingId, m);
    const hi = translator("hi");
    const toMentee = await lastMail("jl-mentee@example.org");
    const mentor = await env.DB.prepare("SELECT name FROM people WHERE email = ?")
      .bind("jl-mentor@example.org")
      .first<{ name: string }>();
    expect(toMentee!.subject).toBe(
      hi("journeyMail.checkin.subject", { reminder: "no", title: "Check-in 1", others: mentor!.name }),
    );
    expect(toMentee!.body_text).toContain(`${hi("checkin.answer.goingWell")}: https://t.test/c/`);
    expect(toMentee!.body_text).toContain(hi("journeyMail.checkin.comment"));
    expect(toMentee!.body_text).not.toContain("How is your mentoring");
    const toMentor = await lastMail("jl-mentor@example.org");
    expect(toMentor!.subject).toMatch(/^Check-in 1: how is your mentoring with .+ going\?$/);
    expect(toMentor!.body_text).toContain("Going well: https://t.test/c/");
  });
});
