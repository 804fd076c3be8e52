import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser } from "../helpers";

describe("app shell", () => {
  it("serves the home page with security headers", async () => {
    const { res, html } = await new Browser().get("/");
    expect(res.status).toBe(200);
    expect(html).toContain("<!DOCTYPE html>");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("Content-Security-Policy")).not.toContain("unsafe-inline");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("sends HSTS only over https (local development runs on plain http)", async () => {
    const res = await exports.default.fetch(new Request("http://127.0.0.1:8787/"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    await res.arrayBuffer();
  });

  it("refuses every request to a public host while development tools are on (the tests run with them on)", async () => {
    for (const path of ["/", "/dev/mailbox", "/signin"]) {
      const res = await exports.default.fetch(new Request(`https://mentoring.example.org${path}`));
      expect(res.status, path).toBe(503);
      expect(await res.text()).toContain("development tools turned on");
    }
    const local = await exports.default.fetch(new Request("http://localhost:8787/signin"));
    expect(local.status).toBe(200);
    await local.arrayBuffer();
  });

  it("answers a friendly 404", async () => {
    const { res, html } = await new Browser().get("/no-such-page");
    expect(res.status).toBe(404);
    expect(html).toContain("Page not found");
  });
});
