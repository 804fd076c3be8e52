/**
 * A program that requires single sign-on: the coordinator's setting (only configured providers, audited, kept when a
 * form has no such field), and the email link refusing its mentors and mentees (never its coordinators) with the
 * provider's button. The sign-in through a real provider is tested in test/e2e/sso.test.mjs.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, createPerson, createProgramAs, latestLoginToken, signedIn } from "../helpers";

const PROVIDERS = [
  {
    id: "contoso",
    name: "Contoso IdP",
    issuer: "https://login.example.net/contoso/v2.0",
    client_id: "c",
    client_secret: "s",
  },
];

/** Asks for an email link as a fresh browser and opens it: the link's page and the token. */
async function openEmailLink(email: string) {
  await env.DB.prepare("DELETE FROM rate_events").run();
  const b = new Browser();
  await b.get("/signin");
  expect((await b.post("/signin", { email })).status).toBe(303);
  const token = await latestLoginToken(email);
  return { b, token, ...(await b.get(`/auth/verify?token=${token}`)) };
}

const ssoOf = async (programId: string) =>
  (
    await env.DB.prepare("SELECT sso_provider FROM programs WHERE id = ?")
      .bind(programId)
      .first<{ sso_provider: string | null }>()
  )?.sso_provider;

describe("a program that requires single sign-on", () => {
  let programId = "";
  let coordinator: Browser;

  beforeAll(async () => {
    (env as Env).OIDC_PROVIDERS = JSON.stringify(PROVIDERS);
    const coordinatorId = await createPerson("lead@example.org", { canCreatePrograms: true, name: "Lead" });
    coordinator = await signedIn("lead@example.org");
    programId = await createProgramAs(coordinator, "Engineering mentoring");
    const menteeId = await createPerson("mentee@example.org", { name: "Mina" });
    const bothId = await createPerson("both@example.org", { name: "Bo" });
    const otherProgram = "p-other";
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, 'mentee', 'active'), (?1, ?3, 'mentor', 'active')",
      ).bind(programId, menteeId, bothId),
      env.DB.prepare(
        "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?1, 'Other', 'one-to-one', 12, 14, 'coordinator', ?2)",
      ).bind(otherProgram, coordinatorId),
      env.DB.prepare(
        "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, 'coordinator', 'active')",
      ).bind(otherProgram, bothId),
    ]);
  });

  const form = (fields: Record<string, string>) => ({
    name: "Engineering mentoring",
    description: "",
    type: "one-to-one",
    length_weeks: "12",
    cadence_days: "14",
    matching_mode: "coordinator",
    ...fields,
  });

  it("offers the configured providers on the program's settings form and refuses any other id", async () => {
    const { html } = await coordinator.get(`/programs/${programId}/edit`);
    expect(html).toContain('<select name="sso_provider"');
    expect(html).toContain("Required: Contoso IdP");

    const res = await coordinator.post(
      `/programs/${programId}/edit`,
      form({ sso_provider: "evil", name: "Kept name" }),
    );
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("Choose one of the listed sign-in options.");
    expect(page).toContain('value="Kept name"');
    expect(await ssoOf(programId)).toBeNull();
  });

  it("saves the provider, logs the change, and keeps it when a form without the field is saved", async () => {
    expect((await coordinator.post(`/programs/${programId}/edit`, form({ sso_provider: "contoso" }))).status).toBe(303);
    expect(await ssoOf(programId)).toBe("contoso");
    const audit = await env.DB.prepare(
      "SELECT detail FROM audit_log WHERE program_id = ? AND action = 'program.settings' ORDER BY at DESC LIMIT 1",
    )
      .bind(programId)
      .first<{ detail: string }>();
    expect(audit?.detail).toContain("ssoProvider");
    // A program form posted without the select (e.g. from a page cached before providers were configured).
    expect((await coordinator.post(`/programs/${programId}/edit`, form({}))).status).toBe(303);
    expect(await ssoOf(programId)).toBe("contoso");
  });

  it("sends a mentee's email link to the provider instead, and the link signs nobody in", async () => {
    const { b, res, html, token } = await openEmailLink("mentee@example.org");
    expect(res.status).toBe(403);
    expect(html).toContain("asks its members to sign in with Contoso IdP");
    expect(html).toContain('href="/auth/oidc/contoso/start"');
    expect(html).not.toContain('action="/auth/verify"');
    const post = await b.post("/auth/verify", { token });
    expect(post.status).toBe(403);
    expect(b.cookies.has("__Host-sid")).toBe(false);
  });

  it("lets coordinators, also of another program, and people who may create programs keep the email link", async () => {
    for (const email of ["both@example.org", "lead@example.org"]) {
      const { b, res, token } = await openEmailLink(email);
      expect(res.status).toBe(200);
      expect((await b.post("/auth/verify", { token })).status).toBe(303);
      expect(b.cookies.has("__Host-sid")).toBe(true);
    }
  });

  it("stops requiring a provider that is no longer configured", async () => {
    (env as Env).OIDC_PROVIDERS = JSON.stringify([{ ...PROVIDERS[0], id: "other" }]);
    try {
      const { b, res, token } = await openEmailLink("mentee@example.org");
      expect(res.status).toBe(200);
      expect((await b.post("/auth/verify", { token })).status).toBe(303);
    } finally {
      (env as Env).OIDC_PROVIDERS = JSON.stringify(PROVIDERS);
    }
  });
});
