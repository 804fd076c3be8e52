/**
 * SCIM 2.0 provisioning under /scim/v2 (RFC 7644): an organisation's identity provider (Microsoft Entra ID, Okta,
 * Google) adds people to one program, renames them, and ends their participation. The program is the API token's: a
 * read-write token of the program, sent as `Authorization: Bearer trl_…` (cookies are never read here); every call is
 * audited like an API call. Answers are `application/scim+json`, errors SCIM error objects.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ApiEnv } from "../api/bearer";
import { auditApiRequest, callerOf } from "../api/tokens";
import { takeRateSlots } from "../auth/rate-limit";
import { API_RATE_LIMIT, bearerSecret } from "../domain/api/tokens";
import {
  readScimFilter,
  readScimPatch,
  readScimUser,
  SCIM_PAGE_MAX,
  SCIM_USER,
  scimError,
  scimList,
  scimPaging,
  scimUser,
} from "../domain/scim/users";
import { logRequestError } from "../middleware/request-log";
import { changeScimUser, provisionScimUser, removeScimUser, scimUserOf, scimUsersOf } from "../scim/scim-users";

export const scimRoutes = new Hono<ApiEnv>();

const SCIM_JSON = "application/scim+json";
/** The largest body read: a User is small, and a PatchOp of a few attributes smaller still. */
const MAX_BODY_BYTES = 64 * 1024;

/** Answers a SCIM document with its media type. */
function scim(c: Context, body: unknown, status = 200, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(body), status as 200, { "Content-Type": SCIM_JSON, ...headers });
}
/** Answers a SCIM error. */
const fail = (c: Context, status: number, detail: string, scimType?: Parameters<typeof scimError>[2]) =>
  scim(c, scimError(status, detail, scimType), status);

/** The base URL of this service (…/scim/v2), for resources' locations. */
const baseOf = (c: Context) => `${new URL(c.req.url).origin}/scim/v2`;

/**
 * A read-write API token of a program, from `Authorization` only; its program is the one provisioned. Rate-limited
 * with the token's API budget; each call audited with its status once answered.
 */
const scimAuth: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const secret = bearerSecret(c.req.header("Authorization"));
  const caller = secret ? await callerOf(c.env, secret) : null;
  if (!caller)
    return scim(
      c,
      scimError(401, "Send a live read-write API token of the program as `Authorization: Bearer trl_…`."),
      401,
      {
        "WWW-Authenticate": 'Bearer realm="trellis-scim"',
      },
    );
  if (caller.scope !== "write") return fail(c, 403, "Provisioning needs a read-write token; this one is read-only.");
  const waitMs = await takeRateSlots(c.env, [{ bucket: `api:${caller.tokenId}`, limit: API_RATE_LIMIT }]);
  if (waitMs !== null)
    return scim(c, scimError(429, `At most ${API_RATE_LIMIT.max} requests a minute per token.`), 429, {
      "Retry-After": String(Math.ceil(waitMs / 1000)),
    });
  c.set("caller", caller);
  await next();
  const personId = c.req.param("id");
  await auditApiRequest(c.env, caller, {
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ...(personId ? { subjectId: personId } : {}),
  });
};

/** The request's JSON body, or null when it is not JSON. */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return null;
  }
}

scimRoutes.use(
  "/v2/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => fail(c, 413, `A request body may be at most ${MAX_BODY_BYTES} bytes.`),
  }),
);
scimRoutes.use("/v2/*", scimAuth);

scimRoutes.get("/v2/ServiceProviderConfig", (c) =>
  scim(c, {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_PAGE_MAX },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A read-write API token of the program, created on its API tokens page.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseOf(c)}/ServiceProviderConfig` },
  }),
);

scimRoutes.get("/v2/ResourceTypes", (c) =>
  scim(
    c,
    scimList(
      [
        {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
          id: "User",
          name: "User",
          endpoint: "/Users",
          description: "A participant of the program (a mentor or a mentee).",
          schema: SCIM_USER,
          meta: { resourceType: "ResourceType", location: `${baseOf(c)}/ResourceTypes/User` },
        },
      ],
      1,
      1,
    ),
  ),
);

scimRoutes.get("/v2/Users", async (c) => {
  const filterText = c.req.query("filter");
  const filter = filterText === undefined ? null : readScimFilter(filterText);
  if (filter && !filter.ok) return fail(c, 400, filter.problem.detail, filter.problem.scimType);
  const paging = scimPaging(c.req.query("startIndex"), c.req.query("count"));
  const found = await scimUsersOf(c.env, c.var.caller.programId, { filter: filter?.filter ?? null, ...paging });
  const base = baseOf(c);
  return scim(
    c,
    scimList(
      found.users.map((u) => scimUser(u, base)),
      found.total,
      paging.startIndex,
    ),
  );
});

scimRoutes.post("/v2/Users", async (c) => {
  const read = readScimUser(await jsonBody(c), "mentee");
  if (!read.ok) return fail(c, read.problem.status, read.problem.detail, read.problem.scimType);
  const made = await provisionScimUser(c.env, c.var.caller.programId, read.user);
  if (!made.ok) return fail(c, made.problem.status, made.problem.detail, made.problem.scimType);
  const resource = scimUser(made.user, baseOf(c));
  return scim(c, resource, 201, { Location: resource.meta.location });
});

scimRoutes.get("/v2/Users/:id", async (c) => {
  const user = await scimUserOf(c.env, c.var.caller.programId, c.req.param("id"));
  return user ? scim(c, scimUser(user, baseOf(c))) : fail(c, 404, "No such user in this program.");
});

scimRoutes.put("/v2/Users/:id", async (c) => {
  const before = await scimUserOf(c.env, c.var.caller.programId, c.req.param("id"));
  if (!before) return fail(c, 404, "No such user in this program.");
  const read = readScimUser(await jsonBody(c), before.role);
  if (!read.ok) return fail(c, read.problem.status, read.problem.detail, read.problem.scimType);
  return changed(c, await changeScimUser(c.env, c.var.caller.programId, before, read.user));
});

scimRoutes.patch("/v2/Users/:id", async (c) => {
  const before = await scimUserOf(c.env, c.var.caller.programId, c.req.param("id"));
  if (!before) return fail(c, 404, "No such user in this program.");
  const read = readScimPatch(await jsonBody(c));
  if (!read.ok) return fail(c, read.problem.status, read.problem.detail, read.problem.scimType);
  return changed(c, await changeScimUser(c.env, c.var.caller.programId, before, read.changes));
});

/** Answers a change: the user as they are now, or why it was refused. */
function changed(c: Context, outcome: Awaited<ReturnType<typeof changeScimUser>>) {
  if (!outcome.ok) return fail(c, outcome.problem.status, outcome.problem.detail, outcome.problem.scimType);
  return scim(c, scimUser(outcome.user, baseOf(c)));
}

scimRoutes.delete("/v2/Users/:id", async (c) =>
  (await removeScimUser(c.env, c.var.caller.programId, c.req.param("id")))
    ? c.body(null, 204)
    : fail(c, 404, "No such user in this program."),
);

scimRoutes.all("/*", (c) => fail(c, 404, "Trellis provisions Users only (/scim/v2/Users)."));

scimRoutes.onError((err, c) => {
  logRequestError(c as unknown as Context, err);
  return fail(c, 500, "Internal error.");
});
