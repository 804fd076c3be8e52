/**
 * SCIM 2.0 provisioning against the seeded demo, as an identity provider drives it: find by filter, create, deactivate
 * (Entra ID's PATCH), reactivate, rename, delete; the program is the token's, cookies are refused, read-only tokens
 * are refused, every call is audited, and a deleted person's provisioning goes with their data.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../worker/api/tokens";
import { seedDemo } from "../../worker/demo/seed";
import { DEMO_COORDINATOR } from "../../worker/demo/people";
import { DEMO_SELF_MATCH_PROGRAM_ID } from "../../worker/demo/seed-matching";
import { DEMO_SPRING_PROGRAM_ID as PROGRAM } from "../../worker/demo/spring-ids";
import { deletePersonData } from "../../worker/privacy/delete-person";
import { ORIGIN, signedIn } from "../helpers";

let writeToken = "";
let readToken = "";
let otherToken = "";

type ScimUser = {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  externalId?: string;
  userType: string;
  meta: { location: string };
};
type ScimList = { totalResults: number; startIndex: number; itemsPerPage: number; Resources: ScimUser[] };

function scim(path: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const headers = new Headers({ Accept: "application/scim+json" });
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.body !== undefined) headers.set("Content-Type", "application/scim+json");
  return exports.default.fetch(
    new Request(`${ORIGIN}/scim/v2${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    }),
  );
}
const membershipsOf = async (email: string, programId = PROGRAM) =>
  (
    await env.DB.prepare(
      "SELECT m.role, m.status FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.email = ? AND m.program_id = ?",
    )
      .bind(email, programId)
      .all<{ role: string; status: string }>()
  ).results;

beforeAll(async () => {
  await seedDemo(env);
  const coordinator = await env.DB.prepare("SELECT id FROM people WHERE email = ?")
    .bind(DEMO_COORDINATOR.email)
    .first<{ id: string }>();
  const make = async (programId: string, scope: "read" | "write") =>
    (await createApiToken(env, { programId, name: `scim-${scope}`, scope, days: 30, createdBy: coordinator!.id }))
      .secret;
  writeToken = await make(PROGRAM, "write");
  readToken = await make(PROGRAM, "read");
  otherToken = await make(DEMO_SELF_MATCH_PROGRAM_ID, "write");
});

describe("SCIM authentication", () => {
  it("refuses no token, a signed-in cookie alone, and a read-only token", async () => {
    const none = await scim("/Users", null);
    expect(none.status).toBe(401);
    expect(none.headers.get("Content-Type")).toBe("application/scim+json");
    expect(await none.json()).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "401",
    });
    const b = await signedIn(DEMO_COORDINATOR.email);
    expect((await b.fetch("/scim/v2/Users")).status).toBe(401);
    const read = await scim("/Users", readToken);
    expect(read.status).toBe(403);
  });

  it("describes itself: ServiceProviderConfig and the User resource type", async () => {
    const spc = (await (await scim("/ServiceProviderConfig", writeToken)).json()) as Record<
      string,
      { supported: boolean }
    >;
    expect(spc.patch!.supported).toBe(true);
    expect(spc.filter!.supported).toBe(true);
    expect(spc.bulk!.supported).toBe(false);
    const types = (await (await scim("/ResourceTypes", writeToken)).json()) as { Resources: { endpoint: string }[] };
    expect(types.Resources.map((r) => r.endpoint)).toEqual(["/Users"]);
  });
});

describe("SCIM Users, as Entra ID drives them", () => {
  const email = "grace.hopper@contoso.example";
  let id = "";

  it("finds nobody by userName, then creates the person as an invited mentor with a Location", async () => {
    const before = (await (
      await scim(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`, writeToken)
    ).json()) as ScimList;
    expect(before).toMatchObject({ totalResults: 0, Resources: [] });
    const res = await scim("/Users", writeToken, {
      method: "POST",
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        externalId: "ghopper",
        userName: "Grace.Hopper@Contoso.example",
        active: true,
        displayName: "Grace Hopper",
        emails: [{ primary: true, type: "work", value: email }],
        roles: [{ primary: "True", value: "Mentor" }],
      },
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as ScimUser;
    id = user.id;
    expect(res.headers.get("Location")).toBe(`${ORIGIN}/scim/v2/Users/${id}`);
    expect(user).toMatchObject({
      userName: email,
      displayName: "Grace Hopper",
      active: true,
      externalId: "ghopper",
      userType: "mentor",
    });
    expect(await membershipsOf(email)).toEqual([{ role: "mentor", status: "invited" }]);
  });

  it("answers the same person by userName (any case), externalId and id; a second create is a uniqueness conflict", async () => {
    for (const f of [`userName eq "GRACE.HOPPER@contoso.example"`, `externalId eq "ghopper"`, `id eq "${id}"`]) {
      const list = (await (await scim(`/Users?filter=${encodeURIComponent(f)}`, writeToken)).json()) as ScimList;
      expect(
        list.Resources.map((u) => u.id),
        f,
      ).toEqual([id]);
    }
    const again = await scim("/Users", writeToken, { method: "POST", body: { userName: email } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ scimType: "uniqueness" });
  });

  it('deactivates with Entra\'s PATCH (Replace active "False"): the membership ends, the user stays findable, inactive', async () => {
    const res = await scim(`/Users/${id}`, writeToken, {
      method: "PATCH",
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Replace", path: "active", value: "False" }],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, active: false, userType: "mentor" });
    expect(await membershipsOf(email)).toEqual([]);
    const got = (await (await scim(`/Users/${id}`, writeToken)).json()) as ScimUser;
    expect(got.active).toBe(false);
  });

  it("reactivates with the role the provider gave, and renames with PUT", async () => {
    const on = await scim(`/Users/${id}`, writeToken, {
      method: "PATCH",
      body: { Operations: [{ op: "replace", value: { active: true } }] },
    });
    expect(await on.json()).toMatchObject({ active: true, userType: "mentor" });
    expect(await membershipsOf(email)).toEqual([{ role: "mentor", status: "invited" }]);
    const put = await scim(`/Users/${id}`, writeToken, {
      method: "PUT",
      body: { userName: email, displayName: "Rear Admiral Grace Hopper", active: true, roles: [{ value: "mentor" }] },
    });
    expect(put.status).toBe(200);
    const row = await env.DB.prepare("SELECT name FROM people WHERE id = ?").bind(id).first<{ name: string }>();
    expect(row!.name).toBe("Rear Admiral Grace Hopper");
  });

  it("refuses an email change and a role change of an active participant, changing nothing", async () => {
    const email2 = await scim(`/Users/${id}`, writeToken, {
      method: "PATCH",
      body: { Operations: [{ op: "replace", path: "userName", value: "other@contoso.example" }] },
    });
    expect(email2.status).toBe(400);
    expect(await email2.json()).toMatchObject({ scimType: "mutability" });
    const role = await scim(`/Users/${id}`, writeToken, {
      method: "PATCH",
      body: { Operations: [{ op: "replace", path: "userType", value: "mentee" }] },
    });
    expect(role.status).toBe(400);
    expect(await membershipsOf(email)).toEqual([{ role: "mentor", status: "invited" }]);
  });

  it("keeps the user to the token's program: another program's token finds nothing and cannot change them", async () => {
    expect((await scim(`/Users/${id}`, otherToken)).status).toBe(404);
    const patched = await scim(`/Users/${id}`, otherToken, {
      method: "PATCH",
      body: { Operations: [{ op: "replace", path: "active", value: false }] },
    });
    expect(patched.status).toBe(404);
    expect(await membershipsOf(email)).toHaveLength(1);
  });

  it("answers bad requests with SCIM errors, never a 5xx", async () => {
    const cases: [string, { method: string; body?: unknown }, number][] = [
      ["/Users", { method: "POST", body: "{not json" }, 400],
      ["/Users", { method: "POST", body: { userName: "nobody" } }, 400],
      [`/Users/${id}`, { method: "PATCH", body: { Operations: [] } }, 400],
      [
        `/Users/${id}`,
        { method: "PATCH", body: { Operations: [{ op: "replace", path: "active", value: "perhaps" }] } },
        400,
      ],
      [`/Users?filter=${encodeURIComponent('userName sw "g"')}`, { method: "GET" }, 400],
      ["/Users/not-a-person", { method: "GET" }, 404],
      ["/Groups", { method: "GET" }, 404],
      ["/Users", { method: "POST", body: { userName: `${"a".repeat(70_000)}@x.org` } }, 413],
    ];
    for (const [path, init, status] of cases) {
      const res = await scim(path, writeToken, init);
      expect(res.status, `${init.method} ${path}`).toBe(status);
      expect(((await res.json()) as { status: string }).status).toBe(String(status));
    }
  });

  it("pages the program's users with startIndex and count, the same totals on every page", async () => {
    const first = (await (await scim("/Users?startIndex=1&count=2", writeToken)).json()) as ScimList;
    const second = (await (await scim("/Users?startIndex=3&count=2", writeToken)).json()) as ScimList;
    expect(first.totalResults).toBeGreaterThan(4);
    expect(second.totalResults).toBe(first.totalResults);
    expect(first.itemsPerPage).toBe(2);
    expect(second.startIndex).toBe(3);
    const ids = [...first.Resources, ...second.Resources].map((u) => u.id);
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
  });

  it("deletes: the membership ends and the user is gone (404), each call audited without its body", async () => {
    const res = await scim(`/Users/${id}`, writeToken, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await membershipsOf(email)).toEqual([]);
    expect((await scim(`/Users/${id}`, writeToken)).status).toBe(404);
    const audits = await env.DB.prepare(
      "SELECT detail FROM audit_log WHERE action = 'api.request' AND program_id = ? AND detail LIKE '%/scim/v2%'",
    )
      .bind(PROGRAM)
      .all<{ detail: string }>();
    expect(audits.results.length).toBeGreaterThan(10);
    expect(JSON.stringify(audits.results)).not.toContain("Hopper");
  });
});

describe("SCIM under concurrent requests", () => {
  it("provisions the same person once when the provider sends the create twice at the same moment", async () => {
    const body = { userName: "twice@contoso.example", roles: [{ value: "mentee" }] };
    const answers = await Promise.all([1, 2, 3].map(() => scim("/Users", writeToken, { method: "POST", body })));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const people = await env.DB.prepare("SELECT id FROM people WHERE email = ?").bind(body.userName).all();
    expect(people.results).toHaveLength(1);
    expect(await membershipsOf(body.userName)).toEqual([{ role: "mentee", status: "invited" }]);
  });
});

describe("SCIM and deleting one's data", () => {
  it("forgets a person's provisioning when they delete their data", async () => {
    const made = (await (
      await scim("/Users", writeToken, {
        method: "POST",
        body: { userName: "leaving@contoso.example", externalId: "leaves" },
      })
    ).json()) as ScimUser;
    expect(await deletePersonData(env, made.id)).toBe(true);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM scim_users WHERE person_id = ?")
      .bind(made.id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await scim(`/Users/${made.id}`, writeToken)).status).toBe(404);
  });
});
