/**
 * The coordinator's program pages in other languages: lang and dir, translated words, no English sentence of the area
 * left, validation messages, CSV headers, the 14 KB gzip budget in the longest scripts, and programs.language as the
 * default for members who chose none (pages and mail).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, createPerson, gzipSize, htmlTag, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

/** English sentences of this area that must not appear on a page shown in another language. */
const ENGLISH = [
  "Needs you",
  "Nothing needs you right now",
  "Invite someone",
  "Send invitation",
  "Import participants",
  "Edit program",
  "Message participants",
  "Audit log",
  "Quietest first",
  "Last activity",
  "Who gets it",
  "Review recipients",
  "A CSV file with a header line",
  "Download the program",
  "Every action a coordinator took",
  "Every pairing's journey follows",
  "Program name",
  "Check-in every",
  "Stage history",
  "Go back and edit",
  "Choose the new",
];

describe("program pages in the coordinator's language", () => {
  let p: TestPairing;
  let coordinator: Browser;

  beforeAll(async () => {
    p = await makePairing("plang", ["ment-plang@example.org", "mee-plang@example.org"], "active");
    await env.DB.prepare("UPDATE people SET can_create_programs = 1 WHERE id = ?").bind(p.coordinatorId).run();
    coordinator = await signedIn("coord-plang@example.org");
  });

  const pages = () => {
    const base = `/programs/${p.programId}`;
    return [
      "/programs",
      "/programs/new",
      base,
      `${base}/edit`,
      `${base}/pairings`,
      `${base}/pairings/${p.pairingId}`,
      `${base}/message`,
      `${base}/import`,
      `${base}/exports`,
      `${base}/audit`,
      `${base}/journey`,
      `${base}/rematch/${p.memberIds[1]}`,
    ];
  };

  it("speaks French and Arabic (right to left) on every page, with no English sentence of the area left", async () => {
    const words: Record<string, { tag: string; word: string }> = {
      fr: { tag: '<html lang="fr" dir="ltr">', word: "rogramme" },
      ar: { tag: '<html lang="ar" dir="rtl">', word: "البرنامج" },
    };
    for (const [lang, { tag, word }] of Object.entries(words)) {
      for (const path of pages()) {
        const { res, html } = await coordinator.get(path, { "Accept-Language": lang });
        expect(res.status, `${lang} ${path}`).toBe(200);
        expect(htmlTag(html), `${lang} ${path}`).toBe(tag);
        for (const sentence of ENGLISH) expect(html, `${lang} ${path}: "${sentence}"`).not.toContain(sentence);
        if (path.startsWith(`/programs/${p.programId}`)) expect(html, `${lang} ${path}`).toContain(word);
      }
    }
  });

  it("keeps every page within 14 KB gzip in Hindi, Arabic and Chinese", async () => {
    for (const lang of ["hi", "ar", "zh-CN"])
      for (const path of pages()) {
        const { html } = await coordinator.get(path, { "Accept-Language": lang });
        expect(await gzipSize(html), `${lang} ${path}`).toBeLessThanOrEqual(14 * 1024);
      }
  });

  it("says what is wrong in the viewer's language, with what was typed kept", async () => {
    const bad = await coordinator.post(
      "/programs/new",
      {
        name: " ",
        description: "Für alle",
        type: "one-to-one",
        length_weeks: "0",
        cadence_days: "x",
        matching_mode: "coordinator",
        language: "fr",
      },
      { "Accept-Language": "fr" },
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Donnez un nom au programme.");
    expect(html).toContain("La durée en semaines doit être comprise entre 1 et 104.");
    expect(html).toContain("Für alle");
    const ar = await coordinator.post(
      `/programs/${p.programId}/message`,
      { audience: "all", subject: "", body: "" },
      { "Accept-Language": "ar" },
    );
    expect(ar.status).toBe(422);
    const arHtml = await ar.text();
    expect(arHtml).toContain("اكتب موضوعًا.");
    expect(arHtml).not.toContain("Write a subject.");
  });

  it("writes CSV headers and fixed words in the downloader's language", async () => {
    const res = await coordinator.fetch(`/programs/${p.programId}/exports/pairings.csv`, {
      headers: { "Accept-Language": "es" },
    });
    const text = await res.text();
    const [header, row] = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain("emparejamiento,miembros,etapa");
    expect(row).toContain(",Activo,");
  });
});

describe("a program's language for members who chose none", () => {
  it("is saved from the form, and speaks to members without a choice on pages and in mail", async () => {
    await createPerson("host-plang2@example.org", { canCreatePrograms: true, name: "Hana" });
    const host = await signedIn("host-plang2@example.org");
    await env.DB.prepare("UPDATE people SET language = 'en' WHERE email = ?").bind("host-plang2@example.org").run();
    const created = await host.post("/programs/new", {
      name: "Puentes",
      description: "",
      type: "one-to-one",
      length_weeks: "12",
      cadence_days: "14",
      matching_mode: "coordinator",
      language: "es",
    });
    expect(created.status).toBe(303);
    const programId = created.headers.get("Location")!.split("/").pop()!;
    const stored = await env.DB.prepare("SELECT language FROM programs WHERE id = ?")
      .bind(programId)
      .first<{ language: string }>();
    expect(stored!.language).toBe("es");
    const edit = await host.get(`/programs/${programId}/edit`);
    expect(edit.html).toContain('<option value="es" lang="es" selected="">Español</option>');

    // The invitation goes out in the program's language: the invitee has not chosen one.
    expect(
      (await host.post(`/programs/${programId}/invitations`, { email: "lu-plang@example.org", role: "mentee" })).status,
    ).toBe(303);
    const mail = await env.DB.prepare(
      "SELECT subject, body_text FROM notifications WHERE to_email = ? AND kind = 'invitation' ORDER BY created_at DESC LIMIT 1",
    )
      .bind("lu-plang@example.org")
      .first<{ subject: string; body_text: string }>();
    expect(mail!.subject).toBe("Te invitan a Puentes en Trellis");
    expect(mail!.body_text).toContain("Hana te invita a unirte a «Puentes» como mentorado.");

    // Signed in without a choice of their own, the member reads pages in the program's language, whatever the browser.
    const token = mail!.body_text.match(/\/invitations\/([A-Za-z0-9_-]+)/)![1]!;
    const member = new Browser();
    await member.get(`/invitations/${token}`);
    expect((await member.post(`/invitations/${token}`, {})).status).toBe(303);
    const home = await member.get("/", { "Accept-Language": "fr" });
    expect(htmlTag(home.html)).toBe('<html lang="es" dir="ltr">');

    // Their own choice wins over the program's, on pages and in mail.
    expect((await member.post("/language", { lang: "hi", next: "/" })).status).toBe(303);
    expect(htmlTag((await member.get("/", { "Accept-Language": "fr" })).html)).toBe('<html lang="hi" dir="ltr">');
    expect(
      (await host.post(`/programs/${programId}/invitations`, { email: "lu-plang@example.org", role: "mentor" })).status,
    ).toBe(303);
    const again = await env.DB.prepare(
      "SELECT subject FROM notifications WHERE to_email = ? AND kind = 'invitation' ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )
      .bind("lu-plang@example.org")
      .first<{ subject: string }>();
    expect(again!.subject).toBe("आपको Trellis पर Puentes में आमंत्रित किया गया है");
  });

  it("refuses a language it does not ship, keeping what was typed", async () => {
    await createPerson("host-plang3@example.org", { canCreatePrograms: true });
    const host = await signedIn("host-plang3@example.org");
    const res = await host.post("/programs/new", {
      name: "Klingon club",
      description: "",
      type: "one-to-one",
      length_weeks: "12",
      cadence_days: "14",
      matching_mode: "coordinator",
      language: "tlh",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Choose one of the languages in the list.");
    expect(html).toContain('value="Klingon club"');
  });
});
