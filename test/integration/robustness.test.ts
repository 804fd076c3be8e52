import { describe, expect, it } from "vitest";
import { Browser, createPerson } from "../helpers";

/** Creates a program coordinated by the signed-in browser and returns its id. */
async function programOf(b: Browser): Promise<string> {
  const res = await b.post("/programs/new", {
    name: "Robust",
    description: "",
    type: "peer",
    length_weeks: "10",
    cadence_days: "7",
    matching_mode: "self",
  });
  return res.headers.get("Location")!.split("/").pop()!;
}

/** Every route a browser can reach, with a placeholder for ids. */
const GET_PATHS = [
  "/",
  "/signin",
  "/signin?next=%E0%A4%A",
  "/signin?next=%2F%0D%0ASet-Cookie:%20a=b",
  "/signin?next=%2F%00%2Fevil.example",
  "/signin/sent?email=%ZZ",
  "/auth/verify",
  "/auth/verify?token=%E0%A4%A",
  "/auth/verify?token[]=x",
  "/profile",
  "/programs",
  "/programs/new",
  "/programs/%ZZ",
  "/programs/PID",
  "/programs/PID/edit",
  "/programs/PID/import",
  "/programs/PID/imports/%ZZ",
  "/programs/PID?page=-5",
  "/programs/PID?page=99999999999999999999",
  "/invitations/%ZZ",
  "/invitations/x",
  "/dev/mailbox?to=%ZZ",
  "/dev/mailbox/%ZZ",
  "/%ZZ",
];
// /signout last: it ends the session the other writes need.
const POST_PATHS = [
  "/signin",
  "/auth/verify",
  "/profile",
  "/programs/new",
  "/programs/PID/edit",
  "/programs/PID/invitations",
  "/programs/PID/invitations/pending",
  "/programs/PID/import",
  "/invitations/x",
  "/signout",
];

const BODIES: [string, BodyInit | null, Record<string, string>][] = [
  ["empty", null, {}],
  ["json", '{"email":1}', { "Content-Type": "application/json" }],
  [
    "broken multipart",
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
    { "Content-Type": "multipart/form-data; boundary=x" },
  ],
  ["multipart without boundary", "abc", { "Content-Type": "multipart/form-data" }],
  ["bad urlencoding", "email=%ZZ&name=%E0%A4%A&_csrf=%", { "Content-Type": "application/x-www-form-urlencoded" }],
  ["repeated fields", "email=a@b.c&email=d@e.f&type=x&type=y", { "Content-Type": "application/x-www-form-urlencoded" }],
  ["huge field", `name=${"x".repeat(200_000)}`, { "Content-Type": "application/x-www-form-urlencoded" }],
];

describe("no client input produces a 5xx", () => {
  it("answers a check-in link with broken percent-encoding, and a redirect target with CR, LF or NUL, with a 4xx or a redirect home", async () => {
    const visitor = new Browser();
    for (const path of ["/c/%E0%A4%A", "/c/%ZZ", "/c/a%"]) {
      const res = await visitor.fetch(path, {
        method: "POST",
        body: "answer=ok",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(res.status, `POST ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `POST ${path}`).toBeLessThan(500);
      await res.arrayBuffer();
    }
    await createPerson("robust-next@example.org");
    const signedIn = new Browser();
    await signedIn.signIn("robust-next@example.org");
    for (const next of ["/%0D%0ASet-Cookie:%20a=b", "/x%0Ay", "/%00//evil.example", "/%09/evil.example"]) {
      const res = await signedIn.fetch(`/signin?next=${next}`);
      expect(res.status, next).toBe(303);
      expect(res.headers.get("Location"), next).toBe("/");
      await res.arrayBuffer();
    }
  });

  it("survives odd URLs for visitors and signed-in people", async () => {
    await createPerson("robust@example.org", { canCreatePrograms: true });
    const visitor = new Browser();
    const member = new Browser();
    await member.signIn("robust@example.org");
    const pid = await programOf(member);
    for (const b of [visitor, member]) {
      for (const path of GET_PATHS.map((p) => p.replace("PID", pid))) {
        const res = await b.fetch(path);
        expect(res.status, `GET ${path}`).toBeLessThan(500);
        await res.arrayBuffer();
      }
    }
  });

  it("survives malformed bodies on every write, with and without a CSRF token", async () => {
    await createPerson("robust2@example.org", { canCreatePrograms: true });
    const b = new Browser();
    await b.signIn("robust2@example.org");
    const pid = await programOf(b);
    for (const path of POST_PATHS.map((p) => p.replace("PID", pid))) {
      for (const [label, body, headers] of BODIES) {
        for (const withToken of [false, true]) {
          const h = { ...headers, ...(withToken ? { "X-CSRF-Token": b.csrf } : {}) };
          const res = await b.fetch(path, { method: "POST", body, headers: h });
          expect(res.status, `POST ${path} (${label}, token ${withToken})`).toBeLessThan(500);
          // The batch-invitation POST takes no fields, so any body with a valid token is a real request.
          if (withToken && path.includes(pid) && !path.endsWith("/invitations/pending"))
            expect([303, 404], `POST ${path} (${label}) reached the handler`).not.toContain(res.status);
          await res.arrayBuffer();
        }
      }
    }
  });
});
