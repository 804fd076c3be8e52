/**
 * Walks every route of the app (read from the router, so a new route is covered without editing this file) as a
 * visitor, a member and a coordinator of the seeded demo, with malformed paths, queries and bodies, and submits every
 * form it finds with values far over their limits. Nothing may answer a 5xx; malformed ids never succeed; and no page
 * echoes a value longer than its field's `maxlength`.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { DEMO_PROGRAM_ID, seedDemo } from "../../worker/demo/seed";
import { DEMO_SELF_MATCH_PROGRAM_ID } from "../../worker/demo/seed-matching";
import { DEMO_SPRING_PAIRINGS } from "../../worker/demo/spring-ids";
import { DEMO_COORDINATOR } from "../../worker/demo/people";
import { deliverDueWebhooks, queueWebhookEvent } from "../../worker/webhooks/deliveries";
import { createWebhookEndpoint, pauseWebhookEndpoint } from "../../worker/webhooks/endpoints";
import { Browser, signedIn } from "../helpers";

/** One route as the router knows it, with a regular expression matching its concrete paths. */
interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  params: string[];
}

/** A form found on a page: where it posts, and its fields as a browser would send them. */
interface FoundForm {
  page: string;
  method: string;
  action: string;
  fields: { tag: string; name: string; type: string; value: string; maxlength: number | null }[];
}

const ROUTES: Route[] = [];
for (const r of app.routes) {
  if (r.method === "ALL" || ROUTES.some((x) => x.method === r.method && x.path === r.path)) continue;
  const params: string[] = [];
  const source = r.path
    .split("/")
    .map((seg) => {
      const m = seg.match(/^:([A-Za-z]+)(?:\{(.+)\})?$/);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(m[1]!);
      return m[2] ? `(${m[2]})` : "([^/]+)";
    })
    .join("/");
  ROUTES.push({ method: r.method, path: r.path, pattern: new RegExp(`^${source}$`), params });
}

/** The route a concrete path belongs to (the first that matches, as the router would pick). */
function routeOf(method: string, path: string): Route | undefined {
  const bare = path.split("?")[0]!;
  return ROUTES.find((r) => r.method === method && r.pattern.test(bare));
}

/** Values no id, token or file name can be. */
const MALFORMED = ["%ZZ", "%E0%A4%A", "%00", "..%2F..%2Fetc", "x".repeat(600)];
const ODD_QUERY = "?page=%ZZ&next=%0D%0Ahttps://evil.example&since=-1&to=%E0%A4%A&x[]=1&view=Mars%2FOlympus";

const BODIES: [string, BodyInit | null, Record<string, string>][] = [
  ["empty", null, {}],
  ["json", '{"email":1,"body":[1]}', { "Content-Type": "application/json" }],
  [
    "broken multipart",
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
    { "Content-Type": "multipart/form-data; boundary=x" },
  ],
  ["multipart without boundary", "abc", { "Content-Type": "multipart/form-data" }],
  [
    "bad urlencoding",
    "email=%ZZ&name=%E0%A4%A&body=%&answer=%00",
    { "Content-Type": "application/x-www-form-urlencoded" },
  ],
  [
    "repeated fields",
    "name=a&name=b&answer=x&answer=y&at=1&at=2",
    { "Content-Type": "application/x-www-form-urlencoded" },
  ],
  ["control characters", "name=%01%02%1B%7F&body=%0D%0A%00", { "Content-Type": "application/x-www-form-urlencoded" }],
  ["huge field", `name=${"x".repeat(200_000)}`, { "Content-Type": "application/x-www-form-urlencoded" }],
];

/** Parses the forms of a page with the runtime's own HTML parser. */
async function formsOf(page: string, html: string): Promise<FoundForm[]> {
  const forms: FoundForm[] = [];
  let form: FoundForm | null = null;
  let textarea: FoundForm["fields"][number] | null = null;
  let select: FoundForm["fields"][number] | null = null;
  await new HTMLRewriter()
    .on("form", {
      element(el) {
        form = {
          page,
          method: (el.getAttribute("method") ?? "get").toLowerCase(),
          action: el.getAttribute("action") ?? page,
          fields: [],
        };
        forms.push(form);
      },
    })
    .on("input, textarea, select", {
      element(el) {
        const name = el.getAttribute("name");
        if (!form || !name) return;
        const type = (el.getAttribute("type") ?? (el.tagName === "input" ? "text" : el.tagName)).toLowerCase();
        if ((type === "checkbox" || type === "radio") && !el.hasAttribute("checked")) return;
        const max = el.getAttribute("maxlength");
        const field = {
          tag: el.tagName,
          name,
          type,
          value: el.getAttribute("value") ?? "",
          maxlength: max ? Number(max) : null,
        };
        form.fields.push(field);
        textarea = el.tagName === "textarea" ? field : null;
        select = el.tagName === "select" ? field : null;
      },
    })
    .on("textarea", {
      text(t) {
        if (textarea) textarea.value += t.text;
      },
    })
    .on("option", {
      element(el) {
        if (select && (select.value === "" || el.hasAttribute("selected")))
          select.value = el.getAttribute("value") ?? "";
      },
    })
    .transform(new Response(html))
    .text();
  for (const f of forms)
    for (const field of f.fields)
      if (field.tag === "textarea") field.value = decodeEntities(field.value.replace(/^\n/, ""));
  return forms;
}

/** Undoes the entity escaping hono/jsx applies to text. */
function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Same-origin page links of a page (a link to a place on a page counts as a link to the page). */
function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)(?:#[^"]*)?"/g)].map((m) => decodeEntities(m[1]!));
}

/** Fails the test with every problem at once, so one run shows the whole list. */
function expectNone(problems: string[]): void {
  expect(problems, problems.slice(0, 40).join("\n")).toEqual([]);
}

const TEXT_TYPES = new Set(["text", "email", "url", "search", "tel", "textarea", "password"]);
/** Inputs that take typed values but have no `maxlength` in HTML: filled too, and must echo only a short value. */
const SHORT_TYPES = new Set(["number", "date", "time", "datetime-local"]);

describe("every route, walked with malformed input", () => {
  let coordinator: Browser;
  let member: Browser;
  let memberEmail: string;
  /** A concrete path for each route seen while crawling, keyed by "METHOD path-pattern". */
  const examples = new Map<string, string>();
  const forms: FoundForm[] = [];

  /** Visits every page reachable from the start pages (each route pattern a few times at most). */
  async function crawl(b: Browser, starts: string[]): Promise<void> {
    const queue = [...starts];
    const seen = new Set<string>();
    const perRoute = new Map<string, number>();
    while (queue.length && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const route = routeOf("GET", path);
      if (!route) continue;
      const key = `GET ${route.path}`;
      // Downloads and the sign-out link are noted, not fetched while crawling.
      if (/\/(signout|export\.json)|\.ics$|\/exports\//.test(path)) {
        if (!examples.has(key)) examples.set(key, path);
        continue;
      }
      const n = perRoute.get(key) ?? 0;
      if (n >= 3) continue;
      perRoute.set(key, n + 1);
      if (!examples.has(key)) examples.set(key, path);
      const { res, html } = await b.get(path);
      if (res.status >= 500) throw new Error(`GET ${path} answered ${res.status} while crawling`);
      if (!(res.headers.get("Content-Type") ?? "").includes("text/html")) continue;
      for (const f of await formsOf(path, html)) {
        const r = routeOf(f.method.toUpperCase(), f.action);
        if (r && !examples.has(`${r.method} ${r.path}`)) examples.set(`${r.method} ${r.path}`, f.action.split("?")[0]!);
        if (
          f.method === "post" &&
          !forms.some((x) => x.action === f.action && x.page.split("/")[1] === path.split("/")[1])
        )
          forms.push(f);
      }
      for (const link of linksOf(html)) if (!seen.has(link)) queue.push(link);
    }
  }

  beforeAll(async () => {
    // One single sign-on provider, so the sign-in page links its start route; nothing listens on its port, so starting
    // answers "not answering" (test/e2e/sso.test.mjs signs in through a real provider).
    (env as Env).OIDC_PROVIDERS = JSON.stringify([
      { id: "fuzz", name: "Fuzz IdP", issuer: "http://127.0.0.1:1", client_id: "c", client_secret: "s" },
    ]);
    await seedDemo(env);
    const row = await env.DB.prepare(
      `SELECT p.email FROM pairing_members m JOIN pairings x ON x.id = m.pairing_id JOIN people p ON p.id = m.person_id
       WHERE x.id = ?1 ORDER BY m.role LIMIT 1`,
    )
      .bind(DEMO_SPRING_PAIRINGS.active)
      .first<{ email: string }>();
    memberEmail = row!.email;
    // A webhook endpoint with one failed attempt, so the crawler reaches its page, its log's replay and its forms;
    // and a paused one, whose page offers switching it back on.
    const coordinatorId = (await env.DB.prepare("SELECT id FROM people WHERE email = ?")
      .bind(DEMO_COORDINATOR.email)
      .first<{ id: string }>())!.id;
    const hook = { programId: DEMO_PROGRAM_ID, events: ["pairing.created" as const], createdBy: coordinatorId };
    await createWebhookEndpoint(env, { ...hook, url: "https://hooks.invalid/fuzz" });
    const paused = await createWebhookEndpoint(env, { ...hook, url: "https://hooks.invalid/paused" });
    await pauseWebhookEndpoint(env, DEMO_PROGRAM_ID, paused.id, coordinatorId);
    await queueWebhookEvent(env, DEMO_PROGRAM_ID, "pairing.created", {
      program_id: DEMO_PROGRAM_ID,
      pairing_id: "fuzz",
      members: [],
    });
    await deliverDueWebhooks(env, Date.now(), (async () => new Response(null, { status: 500 })) as typeof fetch);
    coordinator = await signedIn(DEMO_COORDINATOR.email);
    member = await signedIn(memberEmail);
    await crawl(coordinator, ["/", "/programs", `/programs/${DEMO_PROGRAM_ID}`, "/settings/notifications"]);
    await crawl(member, ["/", "/profile", "/calendar", "/settings/data", "/healthz"]);
    const seeker = await env.DB.prepare("SELECT email FROM people WHERE id = 'demo-mentee3'").first<{
      email: string;
    }>();
    await crawl(await signedIn(seeker!.email), [`/programs/${DEMO_SELF_MATCH_PROGRAM_ID}/me`, "/"]);
    await crawl(new Browser(), ["/signin", "/signin/sent?email=a%40example.org"]);
  }, 120_000);

  it("reaches every route by following links and forms, but those only emails, scripts and services call", () => {
    const missing = ROUTES.filter(
      (r) => !examples.has(`${r.method} ${r.path}`) && !OFF_PAGE.has(`${r.method} ${r.path}`),
    );
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("answers malformed ids in every path with a 3xx or 4xx, never a success or a 5xx", async () => {
    const problems: string[] = [];
    for (const b of [new Browser(), member, coordinator]) {
      if (!b.cookies.size) await b.get("/signin");
      for (const route of ROUTES) {
        if (route.params.length === 0 || route.path === "/signout") continue;
        const base =
          examples.get(`${route.method} ${route.path}`) ?? route.path.replace(/:([A-Za-z]+)(\{[^}]+\})?/g, "x");
        const segments = base.split("/");
        const paramAt = route.path.split("/").flatMap((seg, i) => (seg.startsWith(":") ? [i] : []));
        for (const at of paramAt) {
          for (const bad of MALFORMED) {
            const path = segments.map((s, i) => (i === at ? bad : s)).join("/");
            const init: RequestInit =
              route.method === "POST"
                ? {
                    method: "POST",
                    body: `_csrf=${b.csrf}&answer=ok&body=x`,
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                  }
                : {};
            const res = await b.fetch(path, init);
            await res.arrayBuffer();
            if (res.status >= 500 || (res.status < 300 && !allowsAnyValue(route)))
              problems.push(`${route.method} ${path.slice(0, 120)} answered ${res.status}`);
          }
        }
      }
    }
    expectNone(problems);
  }, 180_000);

  it("answers odd queries and malformed bodies on every route without a 5xx", async () => {
    const problems: string[] = [];
    const ordered = [...ROUTES].sort((a, b) => Number(isSessionEnding(a)) - Number(isSessionEnding(b)));
    for (const b of [new Browser(), member, coordinator]) {
      if (!b.cookies.size) await b.get("/signin");
      for (const route of ordered) {
        if (isSessionEnding(route)) continue;
        const path =
          examples.get(`${route.method} ${route.path}`) ?? route.path.replace(/:([A-Za-z]+)(\{[^}]+\})?/g, "x");
        if (route.method === "GET") {
          const res = await b.fetch(path + ODD_QUERY);
          await res.arrayBuffer();
          if (res.status >= 500) problems.push(`GET ${path}${ODD_QUERY} answered ${res.status}`);
          continue;
        }
        for (const [label, body, headers] of BODIES)
          for (const token of [true, false]) {
            const res = await b.fetch(path + ODD_QUERY, {
              method: "POST",
              body,
              headers: { ...headers, ...(token ? { "X-CSRF-Token": b.csrf } : {}) },
            });
            await res.arrayBuffer();
            if (res.status >= 500) problems.push(`POST ${path} (${label}, token ${token}) answered ${res.status}`);
          }
      }
    }
    expectNone(problems);
  }, 240_000);

  it("answers oversized headers and bodies with a 4xx", async () => {
    const b = member;
    const problems: string[] = [];
    const big: Record<string, string> = {
      Cookie: `${[...b.cookies].map(([k, v]) => `${k}=${v}`).join("; ")}; junk=${"j".repeat(60_000)}`,
      "Accept-Language": "x".repeat(30_000),
      "HX-Current-URL": `https://trellis.test/${"%ZZ".repeat(5_000)}`,
      Origin: `https://${"o".repeat(10_000)}.example`,
      "Content-Type": `application/x-www-form-urlencoded; charset=${"q".repeat(10_000)}`,
    };
    for (const [name, value] of Object.entries(big))
      for (const path of ["/", "/profile", `/pairings/${DEMO_SPRING_PAIRINGS.active}/chat`]) {
        const res = await b.fetch(path, {
          method: "POST",
          body: `_csrf=${b.csrf}&body=hi`,
          headers: { [name]: value },
        });
        await res.arrayBuffer();
        if (res.status >= 500) problems.push(`POST ${path} with a long ${name} answered ${res.status}`);
      }
    const tooLarge = await b.fetch("/profile", {
      method: "POST",
      body: `_csrf=${b.csrf}&bio=${"b".repeat(6 * 1024 * 1024)}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(tooLarge.status).toBe(413);
    await tooLarge.arrayBuffer();
    expectNone(problems);
  });

  it("keeps every text field to a stated limit and echoes nothing longer than it", async () => {
    expect(forms.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const form of forms) {
      const b = form.page.startsWith("/programs") && !form.page.includes("/me") ? coordinator : member;
      const text = form.fields.filter((f) => TEXT_TYPES.has(f.type));
      for (const f of text)
        if (f.maxlength === null) problems.push(`${form.page}: field "${f.name}" of ${form.action} has no maxlength`);
      if (text.length === 0 || /\/(signout|delete)$/.test(form.action)) continue;
      const body = new URLSearchParams();
      for (const f of form.fields) {
        if (f.name === "_csrf") body.append("_csrf", b.csrf);
        else if (TEXT_TYPES.has(f.type)) body.append(f.name, "x".repeat((f.maxlength ?? 20_000) + 2_000));
        else if (SHORT_TYPES.has(f.type)) body.append(f.name, "9".repeat(5_000));
        else body.append(f.name, f.value);
      }
      for (const htmx of [false, true]) {
        const res = await b.fetch(form.action, {
          method: "POST",
          body,
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...(htmx ? { "HX-Request": "true" } : {}) },
        });
        const html = await res.text();
        const how = `POST ${form.action}${htmx ? " (htmx)" : ""}`;
        if (res.status >= 500) problems.push(`${how} with long values answered ${res.status}`);
        if (res.status < 300) problems.push(`${how} accepted values over their limits (${res.status})`);
        for (const echoed of await formsOf(form.action, html))
          for (const f of echoed.fields) {
            const limit = f.maxlength ?? (SHORT_TYPES.has(f.type) ? 40 : 2_000);
            if (f.value.length > limit)
              problems.push(`${how} echoed "${f.name}" with ${f.value.length} characters (limit ${limit})`);
          }
        if (html.length > 200_000) problems.push(`${how} answered ${html.length} characters`);
      }
    }
    expectNone(problems);
  }, 240_000);
});

/**
 * Routes no page links to: reached from an email (sign-in, check-in, invitation, unsubscribe links), by htmx or
 * JavaScript (chat), by another service (QStash), or only in states the demo does not hold. They are walked with
 * placeholder ids.
 */
const OFF_PAGE = new Set([
  // Where the single sign-on provider sends the browser back (no page links it): test/e2e/sso.test.mjs.
  "GET /auth/oidc/:provider/callback",
  "GET /auth/verify",
  "POST /auth/verify",
  "GET /c/:token",
  "POST /c/:token",
  // Meeting links in mail (signed tokens, no session): tested in inbox-mail.test.ts.
  "GET /m/:token",
  "POST /m/:token",
  "GET /m/:token/meeting.ics",
  // Linked from every meeting reminder mail (and from nowhere in the pages, which the design work owns).
  "GET /settings/reminders",
  "POST /settings/reminders",
  "GET /invitations/:token",
  "POST /invitations/:token",
  "GET /unsubscribe/:token",
  "POST /unsubscribe/:token",
  "POST /qstash/callback",
  "POST /mail/deliver",
  "POST /webhooks/deliver",
  "POST /mail/events/resend",
  // Survey links in mail (signed tokens, no session) and in-app answers: tested in surveys.test.ts.
  "GET /s/:token",
  "POST /s/:token",
  "GET /surveys/:requestId",
  "POST /surveys/:requestId",
  // The seeded demo has no survey: tested in surveys.test.ts.
  "GET /programs/:programId/surveys/:surveyId",
  "GET /programs/:programId/surveys/:surveyId/answers.csv",
  "POST /programs/:programId/surveys/:surveyId/send",
  // The seeded demo's programs have no library items: tested in library.test.ts.
  "GET /pairings/:pairingId/library/:itemId",
  "POST /programs/:programId/library/:itemId/delete",
  "GET /programs/:programId/library/:itemId",
  "POST /programs/:programId/library/:itemId",
  "GET /programs/:programId/library/:itemId/file",
  "GET /pairings/:pairingId/library/:itemId/file",
  // The seeded demo shares no file (uploads are multipart): tested in pairing-files.test.ts.
  "GET /pairings/:pairingId/files/:fileId",
  "GET /pairings/:pairingId/files/:fileId/download",
  "POST /pairings/:pairingId/files/:fileId/comments",
  "POST /pairings/:pairingId/files/:fileId/delete",
  "GET /pairings/:pairingId/chat/since",
  "GET /pairings/:pairingId/chat/socket",
  "GET /settings/data/deleted",
  "GET /dev/mailbox",
  "GET /dev/mailbox/:id",
  // The living style page: a development tool that no page links to.
  "GET /dev/style",
  "POST /dev/journey-pairing",
  "POST /dev/journeys/wake",
  // States the seeded demo does not hold at the start (no pending invitation, no finished import, no unpublished run,
  // no avoid-list entry, no open request, no calendar feed, no draft agreement, no proposed meeting).
  "GET /programs/:programId/imports/:importId",
  "POST /programs/:programId/invitations/pending",
  "POST /programs/:programId/me/answers",
  "POST /programs/:programId/matching/settings/avoid/remove",
  "POST /programs/:programId/matching/:runId/publish",
  "POST /programs/:programId/matching/:runId/proposals",
  "POST /programs/:programId/requests/:requestId/accept",
  "POST /programs/:programId/requests/:requestId/decline",
  "POST /programs/:programId/requests/:requestId/withdraw",
  "POST /calendar/feeds/revoke",
  "GET /calendar/:file{[A-Za-z0-9_-]+\\.ics}",
  "POST /pairings/:pairingId/agreement/sign",
  "POST /pairings/:pairingId/meetings/:meetingId{[0-9a-f]{8,64}}/answer",
  // The JSON API (bearer tokens, no pages link to it but the API page's document link): test/integration/api.test.ts.
  ...[
    "GET /api/v1/openapi.json",
    "GET /api/v1/programs/:programId/participants",
    "POST /api/v1/programs/:programId/participants",
  ],
  ...[
    "GET /api/v1/programs/:programId/participants/:personId",
    "PATCH /api/v1/programs/:programId/participants/:personId",
  ],
  ...["POST /api/v1/programs/:programId/participants/:personId/deactivate", "GET /api/v1/programs/:programId/pairings"],
  ...["GET /api/v1/programs/:programId/pairings/:pairingId", "GET /api/v1/programs/:programId/checkin-answers"],
  ...["GET /api/v1/programs/:programId/meetings", "GET /api/v1/programs/:programId/dashboard"],
  // SCIM provisioning (an identity provider's bearer token; no page links to it): test/integration/scim.test.ts.
  ...["GET /scim/v2/ServiceProviderConfig", "GET /scim/v2/ResourceTypes", "GET /scim/v2/Users", "POST /scim/v2/Users"],
  ...["GET /scim/v2/Users/:id", "PUT /scim/v2/Users/:id", "PATCH /scim/v2/Users/:id", "DELETE /scim/v2/Users/:id"],
  // No API token exists in the seeded demo: test/integration/api-tokens-page.test.ts.
  "POST /programs/:programId/api-tokens/:tokenId/revoke",
]);

/** Routes whose parameter is free text the handler answers for any value (a check-in token shows a friendly page). */
function allowsAnyValue(route: Route): boolean {
  return route.method === "GET" && ["/c/:token", "/invitations/:token", "/unsubscribe/:token"].includes(route.path);
}

/** Routes that end the session or the account: walked last, by their own tests elsewhere. */
function isSessionEnding(route: Route): boolean {
  return route.path === "/signout" || route.path === "/settings/data/delete";
}
