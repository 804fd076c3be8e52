/** SCIM Users as Trellis reads them: full Users, PatchOps in Entra ID's and Okta's styles, filters and paging. */
import { describe, expect, it } from "vitest";
import {
  readScimFilter,
  readScimPatch,
  readScimUser,
  SCIM_PAGE_MAX,
  SCIM_USER,
  scimPaging,
  scimUser,
} from "../../worker/domain/scim/users";

describe("readScimUser", () => {
  it("reads Okta's create: the login as userName, given and family names, no role (the fallback)", () => {
    const read = readScimUser(
      {
        schemas: [SCIM_USER],
        userName: "Ada.Lovelace@Example.org",
        name: { givenName: "Ada", familyName: "Lovelace" },
        emails: [{ primary: true, value: "ada.lovelace@example.org", type: "work" }],
        active: true,
      },
      "mentee",
    );
    expect(read).toEqual({
      ok: true,
      user: { email: "ada.lovelace@example.org", name: "Ada Lovelace", role: "mentee", externalId: null, active: true },
    });
  });

  it("reads Entra ID's create: a UPN that is not a mailbox falls back to the primary email; roles and externalId", () => {
    const read = readScimUser(
      {
        schemas: [SCIM_USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        externalId: "ada",
        UserName: "ada_contoso#EXT#",
        Active: "True",
        displayName: "Ada L.",
        emails: [
          { type: "home", value: "ada@home.example" },
          { Primary: "true", type: "work", value: "Ada@Contoso.com" },
        ],
        roles: [{ value: "Mentee" }, { primary: true, value: "Mentor" }],
      },
      "mentee",
    );
    expect(read).toEqual({
      ok: true,
      user: { email: "ada@contoso.com", name: "Ada L.", role: "mentor", externalId: "ada", active: true },
    });
  });

  it("takes userType as the role when there are no roles, and active false", () => {
    const read = readScimUser({ userName: "b@example.org", userType: "mentor", active: false }, "mentee");
    expect(read.ok && read.user).toMatchObject({ role: "mentor", active: false, name: "" });
  });

  it("refuses a body that is not a User, no address, a bad active and an oversized externalId", () => {
    expect(readScimUser(null, "mentee")).toMatchObject({ ok: false, problem: { scimType: "invalidSyntax" } });
    expect(readScimUser([], "mentee")).toMatchObject({ ok: false, problem: { scimType: "invalidSyntax" } });
    expect(readScimUser({ name: { formatted: "X" } }, "mentee")).toMatchObject({
      ok: false,
      problem: { status: 400, scimType: "invalidValue", detail: "userName is required." },
    });
    expect(readScimUser({ userName: "not-an-email" }, "mentee")).toMatchObject({
      ok: false,
      problem: { scimType: "invalidValue" },
    });
    expect(readScimUser({ userName: "a@b.org", active: "yes" }, "mentee")).toMatchObject({ ok: false });
    expect(readScimUser({ userName: "a@b.org", externalId: "x".repeat(257) }, "mentee")).toMatchObject({ ok: false });
  });
});

describe("readScimPatch", () => {
  it("reads Entra ID's deactivation: op Replace, path active, the string False", () => {
    expect(
      readScimPatch({
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Replace", path: "active", value: "False" }],
      }),
    ).toEqual({ ok: true, changes: { active: false } });
  });

  it("reads Okta's value-object style and Entra's attribute paths", () => {
    expect(readScimPatch({ Operations: [{ op: "replace", value: { active: true, displayName: "Ada K." } }] })).toEqual({
      ok: true,
      changes: { active: true, name: "Ada K." },
    });
    expect(
      readScimPatch({
        Operations: [
          { op: "Add", path: 'emails[type eq "work"].value', value: "ADA@contoso.com" },
          { op: "Replace", path: "externalId", value: "ada2" },
          { op: "Replace", path: "name.givenName", value: "Ada" },
          { op: "Add", path: "roles", value: [{ value: "mentee" }] },
          { op: "Replace", path: "title", value: "Engineer" },
          {
            op: "Replace",
            path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            value: "R&D",
          },
        ],
      }),
    ).toEqual({ ok: true, changes: { email: "ada@contoso.com", externalId: "ada2", role: "mentee" } });
    expect(readScimPatch({ Operations: [{ op: "remove", path: "externalId" }] })).toEqual({
      ok: true,
      changes: { externalId: null },
    });
  });

  it("refuses an empty list, an unknown op, a bad boolean, a bad role and a remove without a path", () => {
    expect(readScimPatch({})).toMatchObject({ ok: false, problem: { scimType: "invalidSyntax" } });
    expect(readScimPatch({ Operations: [{ op: "move", path: "active", value: true }] })).toMatchObject({ ok: false });
    expect(readScimPatch({ Operations: [{ op: "replace", path: "active", value: "maybe" }] })).toMatchObject({
      ok: false,
      problem: { scimType: "invalidValue" },
    });
    expect(readScimPatch({ Operations: [{ op: "replace", path: "userType", value: "boss" }] })).toMatchObject({
      ok: false,
    });
    expect(readScimPatch({ Operations: [{ op: "remove" }] })).toMatchObject({
      ok: false,
      problem: { scimType: "noTarget" },
    });
    expect(readScimPatch({ Operations: [{ op: "replace", value: "x" }] })).toMatchObject({ ok: false });
  });
});

describe("readScimFilter", () => {
  it("answers userName, externalId and id eq, in any case, with escaped quotes", () => {
    expect(readScimFilter('userName eq "Ada@Example.org"')).toEqual({
      ok: true,
      filter: { attribute: "userName", value: "ada@example.org" },
    });
    expect(readScimFilter('EXTERNALID Eq "a\\"b"')).toEqual({
      ok: true,
      filter: { attribute: "externalId", value: 'a"b' },
    });
    expect(readScimFilter('emails[type eq "work"].value eq "x@y.org"')).toEqual({
      ok: true,
      filter: { attribute: "userName", value: "x@y.org" },
    });
    expect(readScimFilter('id eq "p1"')).toEqual({ ok: true, filter: { attribute: "id", value: "p1" } });
  });

  it("refuses other operators, attributes and combinations as invalidFilter", () => {
    for (const f of ['userName co "a"', 'title eq "x"', 'userName eq "a" and active eq true', "userName eq a", ""])
      expect(readScimFilter(f)).toMatchObject({ ok: false, problem: { status: 400, scimType: "invalidFilter" } });
  });
});

describe("scimPaging and scimUser", () => {
  it("defaults to the first 100, clamps count to 0…max and startIndex to 1…", () => {
    expect(scimPaging(undefined, undefined)).toEqual({ startIndex: 1, count: 100 });
    expect(scimPaging("0", "-5")).toEqual({ startIndex: 1, count: 0 });
    expect(scimPaging("21", "100000")).toEqual({ startIndex: 21, count: SCIM_PAGE_MAX });
    expect(scimPaging("x", "y")).toEqual({ startIndex: 1, count: 100 });
  });

  it("writes a participant as a User with its location, role and times", () => {
    const u = scimUser(
      {
        id: "p1",
        email: "a@b.org",
        name: "",
        role: "mentor",
        active: false,
        externalId: "ext",
        createdAt: Date.UTC(2026, 0, 1),
        updatedAt: Date.UTC(2026, 0, 2),
      },
      "https://t.example/scim/v2",
    );
    expect(u).toMatchObject({
      id: "p1",
      externalId: "ext",
      userName: "a@b.org",
      displayName: "a@b.org",
      userType: "mentor",
      active: false,
      meta: { location: "https://t.example/scim/v2/Users/p1", created: "2026-01-01T00:00:00.000Z" },
    });
  });
});
