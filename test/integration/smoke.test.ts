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
  });

  it("answers a friendly 404", async () => {
    const { res, html } = await new Browser().get("/no-such-page");
    expect(res.status).toBe(404);
    expect(html).toContain("Page not found");
  });
});
