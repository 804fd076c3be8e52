/**
 * The pairing room in the member's language: every page, a refused form, the chat's system lines and live frames, with
 * no English sentence of the room's catalog left, and every page within the 14 KB gzip budget in the longest scripts.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../worker/domain/i18n/messages/room/en.json";
import type { Locale } from "../../worker/domain/i18n/locales";
import { translator } from "../../worker/domain/i18n/translate";
import { asMember, roomOf } from "../../worker/pairings/access";
import { type Browser, gzipSize, htmlTag, ORIGIN, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const MENTOR = "mentor-rl@example.org";
const MENTEE = "mentee-rl@example.org";
let p: TestPairing;
let mentor: Browser;
let mentee: Browser;
const paths: string[] = [];

/** Text as hono/jsx escapes it inside a page. */
const escaped = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The room catalog's English sentences with no arguments or tags: none may appear on a page in another language. */
const SENTENCES = Object.values(en as Record<string, string>).filter(
  (m) => !/[{<]/.test(m) && m.includes(" ") && m.length >= 12,
);

const idFrom = (location: string | null, pattern: RegExp) => pattern.exec(location ?? "")?.[1] ?? "";

beforeAll(async () => {
  p = await makePairing("rl", [MENTOR, MENTEE]);
  // The mentee chose Arabic on their profile; the mentor chose nothing, so their browser's language decides.
  await env.DB.prepare("UPDATE people SET language = 'ar' WHERE id = ?").bind(p.memberIds[1]).run();
  mentor = await signedIn(MENTOR);
  mentee = await signedIn(MENTEE);
  const base = `/pairings/${p.pairingId}`;
  const agreement = {
    base_version: "0",
    goals: "Prepare a **first talk**",
    channels: ["chat", "video"],
    cadence: "monthly",
    contactHours: "",
    responseTime: "week",
    confidentiality: "Between us.",
    offLimits: "",
  };
  expect((await mentor.post(`${base}/agreement`, agreement)).status).toBe(303);
  expect((await mentee.post(`${base}/agreement/sign`, { version: "1" })).status).toBe(303);
  const goal = await mentor.post(`${base}/goals`, { title: "Give a talk", progress: "40", targetDate: "2027-03-31" });
  const goalId = idFrom(goal.headers.get("Location"), /goal-([^#&]+)$/);
  const note = await mentor.post(
    `${base}/notes`,
    { template: "first-meeting", title: "", body: "" },
    { "Accept-Language": "fr" },
  );
  const noteId = idFrom(note.headers.get("Location"), /notes\/([^/?#]+)$/);
  expect(
    (await mentor.post(`${base}/resources`, { url: "example.org/guide", title: "Speaking guide", note: "" })).status,
  ).toBe(303);
  expect((await mentor.post(`${base}/chat`, { client_id: "rl-client-0001", body: "Bonjour !" })).status).toBe(303);
  expect((await mentor.post(`${base}/stage`, { action: "pause", reason: "Holidays" })).status).toBe(303);
  expect((await mentor.post(`${base}/stage`, { action: "resume" })).status).toBe(303);
  paths.push(
    base,
    `${base}/agreement`,
    `${base}/chat`,
    `${base}/goals`,
    `${base}/goals/${goalId}`,
    `${base}/notes`,
    `${base}/notes/${noteId}`,
    `${base}/resources`,
  );
});

describe("the pairing room in other languages", () => {
  for (const [locale, tag] of [
    ["fr", '<html lang="fr" dir="ltr">'],
    ["ar", '<html lang="ar" dir="rtl">'],
  ] as const) {
    it(`${locale}: every page speaks it, with no English sentence of the room left`, async () => {
      const t = translator(locale);
      for (const path of paths) {
        const { res, html } = await mentor.get(path, { "Accept-Language": locale });
        expect(res.status, path).toBe(200);
        expect(htmlTag(html), path).toBe(tag);
        expect(html, path).toContain(escaped(t("room.tab.agreement")));
        const left = SENTENCES.filter((s) => html.includes(escaped(s)));
        expect(left, `${locale} ${path}`).toEqual([]);
      }
    });

    it(`${locale}: a refused form explains itself in it and keeps what was typed`, async () => {
      const t = translator(locale);
      const res = await mentor.post(
        `/pairings/${p.pairingId}/goals`,
        { title: "", why: "kept-why-text", progress: "140" },
        { "Accept-Language": locale },
      );
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(htmlTag(html)).toBe(tag);
      expect(html).toContain(escaped(t("goals.error.title")));
      expect(html).toContain(escaped(t("goals.error.progress")));
      expect(html).toContain("kept-why-text");
      expect(SENTENCES.filter((s) => html.includes(escaped(s)))).toEqual([]);
    });
  }

  it("the chat's system lines are stored as message ids and read in each viewer's language", async () => {
    const fr = await mentor.get(`/pairings/${p.pairingId}/chat`, { "Accept-Language": "fr" });
    expect(fr.html).toContain("Tout le monde a signé l’accord : le binôme est maintenant actif.");
    expect(fr.html).toContain("a fait passer le binôme de l’étape « actif » à l’étape « pause » : Holidays");
    const ar = await mentee.get(`/pairings/${p.pairingId}/chat`, { "Accept-Language": "en" });
    expect(htmlTag(ar.html)).toBe('<html lang="ar" dir="rtl">');
    expect(ar.html).toContain("وقّع الجميع على الاتفاق: أصبحت الشراكة نشطة الآن.");
    expect(ar.html).not.toContain("room.line.");
  });

  it("a stage change the room refuses is explained in the viewer's language", async () => {
    const res = await mentor.post(`/pairings/${p.pairingId}/stage`, { action: "close" }, { "Accept-Language": "es" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Eso no se puede hacer mientras el emparejamiento está activo.");
    const other = await roomOf(env, p.pairingId).changeStage(asMember(p.memberIds[0]!), "close");
    expect(other.ok ? null : other.message).toEqual({ id: "stage.error.notNow", values: { stage: "active" } });
  });

  it("the chat's htmx fragments (a sent message, a refused one, the poll) speak the viewer's language", async () => {
    const fr = translator("fr");
    const headers = { "Accept-Language": "fr", "HX-Request": "true" };
    const sent = await mentor.post(
      `/pairings/${p.pairingId}/chat`,
      { client_id: "rl-client-0002", body: "Encore" },
      headers,
    );
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).not.toContain("<html");
    expect(html).toContain(escaped(fr("chat.send")));
    expect(html).toContain(escaped(fr("room.author.you")));
    const empty = await mentor.post(
      `/pairings/${p.pairingId}/chat`,
      { client_id: "rl-client-0003", body: " " },
      headers,
    );
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain(escaped(fr("chat.error.empty")));
    const poll = await mentee.get(`/pairings/${p.pairingId}/chat/since?after=0`, { "HX-Request": "true" });
    expect(poll.html).toContain("وقّع الجميع على الاتفاق");
  });

  it("live chat frames are rendered in the language of the member's socket", async () => {
    const res = await mentee.fetch(`/pairings/${p.pairingId}/chat/socket`, {
      headers: { Upgrade: "websocket", Origin: ORIGIN, "Accept-Language": "en" },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const frames: { client_id?: string; content?: string; type: string; error?: string }[] = [];
    ws.addEventListener("message", (e) => frames.push(JSON.parse(String(e.data))));
    const waitFor = async (pred: (f: (typeof frames)[number]) => boolean) => {
      for (let i = 0; i < 200; i++) {
        const found = frames.find(pred);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no frame; got ${JSON.stringify(frames)}`);
    };
    ws.send(JSON.stringify({ body: "مرحبا", client_id: "rl-socket-0001" }));
    const ack = await waitFor((f) => f.client_id === "rl-socket-0001" && f.type === "message");
    const ar = translator("ar");
    expect(ack.content).toContain(ar("room.author.you"));
    ws.send(JSON.stringify({ body: "   ", client_id: "rl-socket-0002" }));
    const refused = await waitFor((f) => f.client_id === "rl-socket-0002" && f.type === "error");
    expect(refused.error).toBe(ar("chat.error.empty"));
    ws.close(1000);
  });

  it("every room page stays within 14 KB gzip in Hindi, Arabic and Chinese", async () => {
    for (const locale of ["hi", "ar", "zh-CN"] as Locale[]) {
      for (const path of paths) {
        const { html } = await mentor.get(path, { "Accept-Language": locale });
        expect(htmlTag(html), path).toContain(`lang="${locale}"`);
        expect(await gzipSize(html), `${locale} ${path}`).toBeLessThanOrEqual(14 * 1024);
      }
    }
  });

  it("a note started from a template is written in its writer's language", async () => {
    const res = await mentor.post(
      `/pairings/${p.pairingId}/notes`,
      { template: "wrap-up", title: "", body: "" },
      { "Accept-Language": "pt-BR" },
    );
    expect(res.status).toBe(303);
    const page = await mentor.get(res.headers.get("Location")!, { "Accept-Language": "pt-BR" });
    const t = translator("pt-BR");
    expect(page.html).toContain(t("notes.template.wrapUp"));
    expect(page.html).toContain("O que conquistamos");
  });
});
