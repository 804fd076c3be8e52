import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FILE_LIMITS } from "../../worker/domain/files/file-kinds";
import { asMember, roomOf } from "../../worker/pairings/access";
import { type Browser, gzipSize, ORIGIN, signedIn } from "../helpers";
import { addMember } from "../matching-fixture";
import { makePairing } from "../room-fixture";

let PAIRING = "";
const MENTOR = "mira@pf.test";
const MENTEE = "tomas@pf.test";
const OUTSIDER = "oona@pf.test";
const COORDINATOR = "coord-pf@example.org";
const ids: Record<string, string> = {};
let LIST = "";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

beforeAll(async () => {
  const p = await makePairing("pf", [
    { email: MENTOR, name: "Mira" },
    { email: MENTEE, name: "Tomas" },
  ]);
  PAIRING = p.pairingId;
  LIST = `/pairings/${PAIRING}/files`;
  ids.coordinator = p.coordinatorId;
  ids.mentor = p.memberIds[0]!;
  ids.mentee = p.memberIds[1]!;
  ids.outsider = await addMember(p.programId, { email: OUTSIDER, role: "mentee", name: "Oona" });
});

/** POSTs a multipart upload like a browser's form without JavaScript. */
async function upload(b: Browser, name: string, content: Uint8Array | string, note = ""): Promise<Response> {
  if (!b.cookies.has("__Host-csrf")) await b.get(LIST);
  const form = new FormData();
  form.append("_csrf", b.csrf);
  form.append("note", note);
  form.append("file", new File([content], name, { type: "application/pdf" }));
  return b.fetch(LIST, { method: "POST", body: form });
}

const objectsInBucket = async () => (await env.FILES.list({ prefix: `pairings/${PAIRING}/` })).objects.length;

describe("sharing a file in a pairing", () => {
  let fileId = "";

  it("shows the limits and a multipart form that needs no JavaScript", async () => {
    const b = await signedIn(MENTEE);
    const { res, html } = await b.get(LIST);
    expect(res.status).toBe(200);
    expect(html).toContain(`<form method="post" action="${LIST}" enctype="multipart/form-data"`);
    expect(html).toContain('type="file" name="file" required');
    expect(html).toContain("Up to 10 MB: PDF, PNG, JPEG or WebP images");
    const accept = /accept="([^"]*)"/.exec(html)?.[1] ?? "";
    expect(accept).toContain(".pdf,");
    expect(accept).not.toMatch(/svg|htm/);
    expect(html).toContain(`href="${LIST}" aria-current="page"`);
    expect(await gzipSize(html)).toBeLessThanOrEqual(14 * 1024);
  });

  it("a mentee uploads a CV; it is listed with its size, who and when", async () => {
    const b = await signedIn(MENTEE);
    const res = await upload(b, "Tomas CV.pdf", PDF, "Please look at the second section");
    expect(res.status).toBe(303);
    fileId = /\/files\/([0-9a-f]+)$/.exec(res.headers.get("Location") ?? "")?.[1] ?? "";
    expect(fileId).not.toBe("");
    const { html } = await (await signedIn(MENTOR)).get(LIST);
    expect(html).toContain("Tomas CV.pdf");
    expect(html).toContain("1 kB · shared by Tomas");
    expect(html).toMatch(new RegExp(`href="${LIST}/${fileId}/download" download="">Download \\(1 kB\\)</a>`));
    expect(await objectsInBucket()).toBe(1);
  });

  it("shows sizes in the viewer's language", async () => {
    await env.DB.prepare("UPDATE people SET language = 'fr' WHERE id = ?").bind(ids.mentor).run();
    const { html } = await (await signedIn(MENTOR)).get(LIST);
    expect(html).toContain("1\u202fko · partagé par Tomas");
    await env.DB.prepare("UPDATE people SET language = NULL WHERE id = ?").bind(ids.mentor).run();
  });

  it("the mentor comments on it; the thread shows on the file's page", async () => {
    const mentor = await signedIn(MENTOR);
    const empty = await mentor.post(`${LIST}/${fileId}/comments`, { body: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Write a comment first.");
    const res = await mentor.post(`${LIST}/${fileId}/comments`, { body: "Strong start. <b>Shorten</b> section 2." });
    expect(res.status).toBe(303);
    const { html } = await (await signedIn(MENTEE)).get(`${LIST}/${fileId}`);
    expect(html).toContain("Please look at the second section");
    expect(html).toContain("Strong start. &lt;b&gt;Shorten&lt;/b&gt; section 2.");
    expect(html).toContain("Mira, ");
    expect((await mentor.get(LIST)).html).toContain("1 comment");
  });

  it("members download it as an inert attachment", async () => {
    const res = await (await signedIn(MENTOR)).fetch(`${LIST}/${fileId}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="Tomas CV.pdf"; filename*=UTF-8''Tomas%20CV.pdf`,
    );
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toBe("sandbox; default-src 'none'");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it("never shows files to coordinators, other members of the program or visitors", async () => {
    const paths = [LIST, `${LIST}/${fileId}`, `${LIST}/${fileId}/download`];
    for (const email of [COORDINATOR, OUTSIDER]) {
      const b = await signedIn(email);
      for (const path of paths) {
        const res = await b.fetch(path);
        const body = await res.text();
        expect(res.status, `${email} ${path}`).toBe(403);
        expect(body).not.toContain("Tomas CV");
        expect(body).not.toContain("%PDF");
      }
      const post = await b.post(`${LIST}/${fileId}/comments`, { body: "Hello" });
      expect(post.status).toBe(403);
      expect((await b.post(`${LIST}/${fileId}/delete`, {})).status).toBe(403);
    }
    // The room itself refuses a coordinator of the program (not only the route).
    const room = roomOf(env, PAIRING);
    expect(await room.files({ kind: "coordinator", personId: ids.coordinator! })).toMatchObject({ status: 403 });
    expect(await room.file({ kind: "coordinator", personId: ids.coordinator! }, fileId)).toMatchObject({ status: 403 });
    const visitor = await exports.default.fetch(
      new Request(`${ORIGIN}${LIST}/${fileId}/download`, { redirect: "manual" }),
    );
    expect(visitor.status).toBe(303);
  });

  it("only the member who shared a file removes it, and its bytes leave R2", async () => {
    const mentor = await signedIn(MENTOR);
    expect((await mentor.post(`${LIST}/${fileId}/delete`, {})).status).toBe(403);
    const mentee = await signedIn(MENTEE);
    expect((await mentee.post(`${LIST}/${fileId}/delete`, {})).status).toBe(303);
    expect(await objectsInBucket()).toBe(0);
    expect((await mentee.fetch(`${LIST}/${fileId}/download`)).status).toBe(404);
  });
});

describe("hostile and wrong files", () => {
  const NOTE = "Keep this note <as typed>";

  async function refused(name: string, content: Uint8Array | string, message: string) {
    const b = await signedIn(MENTEE);
    const res = await upload(b, name, content, NOTE);
    const html = await res.text();
    expect(res.status, name).toBe(422);
    expect(html, name).toContain(message);
    expect(html, name).toContain("Keep this note &lt;as typed&gt;</textarea>");
    expect(html, name).toContain('aria-invalid="true"');
  }

  it("refuses an HTML page and an SVG with script, whatever type the browser declares", async () => {
    await refused("cv.html", "<!doctype html><script>alert(document.cookie)</script>", "Web pages and SVG images");
    await refused("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG");
    expect(await objectsInBucket()).toBe(0);
  });

  it("refuses a wrong type behind a right extension", async () => {
    await refused("cv.pdf", "<html><body onload=alert(1)>", "not what its name says");
    await refused("logo.png", '<svg onload="alert(1)"/>', "not what its name says");
    await refused("notes.txt", "<script>alert(1)</script>", "not what its name says");
    expect(await objectsInBucket()).toBe(0);
  });

  it("refuses a missing or empty file with the note kept", async () => {
    await refused("empty.pdf", "", "That file is empty.");
    const b = await signedIn(MENTEE);
    const form = new FormData();
    form.append("_csrf", b.csrf);
    form.append("note", NOTE);
    const res = await b.fetch(LIST, { method: "POST", body: form });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Choose a file to share.");
    expect(html).toContain("Keep this note &lt;as typed&gt;</textarea>");
  });

  it("refuses a file just over 10 MB on the page, with the note kept", async () => {
    const big = new Uint8Array(FILE_LIMITS.bytes + 1);
    big.set(PDF);
    await refused("big.pdf", big, "larger than the limit of 10 MB");
    expect(await objectsInBucket()).toBe(0);
  });

  it("cuts off a body far over the limit with a readable 413, even when its Content-Length lies", async () => {
    const b = await signedIn(MENTEE);
    const big = new Uint8Array(FILE_LIMITS.bytes + 512 * 1024);
    big.set(PDF);
    const honest = await upload(b, "huge.pdf", big, NOTE);
    expect(honest.status).toBe(413);
    expect(await honest.text()).toContain("files can be up to 10 MB");

    const form = new FormData();
    form.append("_csrf", b.csrf);
    form.append("file", new File([big], "huge.pdf"));
    const body = new Response(form);
    const lying = await b.fetch(LIST, {
      method: "POST",
      body: body.body,
      headers: { "Content-Type": body.headers.get("Content-Type")!, "Content-Length": "1000" },
      // @ts-expect-error: workerd's fetch streams a request body without this, Node's needs it
      duplex: "half",
    });
    expect([400, 413]).toContain(lying.status);
    await lying.arrayBuffer();
    expect(await objectsInBucket()).toBe(0);
  });
});

describe("a member's data", () => {
  it("their files and comments are in their download and go when they delete their data", async () => {
    const mentee = await signedIn(MENTEE);
    expect(
      (await upload(mentee, "portfolio.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])))
        .status,
    ).toBe(303);
    const mentor = await signedIn(MENTOR);
    expect((await upload(mentor, "reading.txt", "Chapter 3 first.\n")).status).toBe(303);
    const list = await roomOf(env, PAIRING).files(asMember(ids.mentee!));
    if (!list.ok) throw new Error("list refused");
    const mentorFile = list.value.find((f) => f.name === "reading.txt")!;
    expect((await mentee.post(`${LIST}/${mentorFile.id}/comments`, { body: "Thanks, will do" })).status).toBe(303);
    expect(await objectsInBucket()).toBe(2);

    const exported = await roomOf(env, PAIRING).exportMember(asMember(ids.mentee!), ids.mentee!);
    expect(exported.ok && exported.value.files.map((f) => f.name)).toEqual(["portfolio.png"]);
    expect(exported.ok && exported.value.fileComments.map((c) => c.body)).toEqual(["Thanks, will do"]);

    expect((await mentee.post("/settings/data/delete", { confirm: MENTEE })).status).toBe(303);
    expect(await objectsInBucket()).toBe(1);
    const after = await roomOf(env, PAIRING).file(asMember(ids.mentor!), mentorFile.id);
    expect(after.ok && after.value.comments).toEqual([]);
    const left = await roomOf(env, PAIRING).files(asMember(ids.mentor!));
    expect(left.ok && left.value.map((f) => f.name)).toEqual(["reading.txt"]);
  });
});
