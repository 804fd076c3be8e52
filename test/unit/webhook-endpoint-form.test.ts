/** The new-endpoint form's rules: https only (http to this computer only in development), no credentials, a length cap. */
import { describe, expect, it } from "vitest";
import { messageOf } from "../../worker/domain/i18n/translate";
import { WEBHOOK_URL_MAX, webhookEndpointForm, webhookUrlProblem } from "../../worker/domain/webhooks/endpoint-form";

const problem = (url: string, dev = false) => {
  const text = webhookUrlProblem(url, dev);
  return text === null ? null : messageOf(text)?.id;
};

describe("webhook endpoint addresses", () => {
  it("accepts https addresses with a host, and http only to this computer in development", () => {
    expect(problem("https://hooks.example.org/in")).toBeNull();
    expect(problem("https://hooks.example.org:8443/in?x=1")).toBeNull();
    expect(problem("http://localhost:8821/hook", true)).toBeNull();
    expect(problem("http://127.0.0.1:8821/hook", true)).toBeNull();
    expect(problem("http://[::1]:8821/hook", true)).toBeNull();
  });

  it("refuses plain http elsewhere, other schemes, credentials and what is not an address", () => {
    expect(problem("http://localhost:8821/hook")).toBe("platform.webhooks.error.https");
    expect(problem("http://hooks.example.org/in", true)).toBe("platform.webhooks.error.https");
    expect(problem("http://localhost.example.org/in", true)).toBe("platform.webhooks.error.https");
    expect(problem("ftp://hooks.example.org/in")).toBe("platform.webhooks.error.https");
    expect(problem("javascript:alert(1)")).toBe("platform.webhooks.error.https");
    expect(problem("https://user:secret@hooks.example.org/in")).toBe("platform.webhooks.error.credentials");
    expect(problem("hooks.example.org/in")).toBe("platform.webhooks.error.url");
    expect(problem("")).toBe("platform.webhooks.error.url");
  });

  it("takes at least one known event and an address within the limit, trimmed", () => {
    const form = webhookEndpointForm(false);
    const ok = form.safeParse({ url: "  https://hooks.example.org/in ", events: ["pairing.created"] });
    expect(ok.success && ok.data).toEqual({ url: "https://hooks.example.org/in", events: ["pairing.created"] });
    expect(form.safeParse({ url: "https://hooks.example.org/in", events: [] }).success).toBe(false);
    expect(form.safeParse({ url: "https://hooks.example.org/in", events: ["user.deleted"] }).success).toBe(false);
    const long = `https://hooks.example.org/${"x".repeat(WEBHOOK_URL_MAX)}`;
    const tooLong = form.safeParse({ url: long, events: ["pairing.created"] });
    expect(tooLong.success).toBe(false);
    expect(tooLong.success ? null : messageOf(tooLong.error.issues[0]!.message)?.id).toBe(
      "platform.webhooks.error.tooLong",
    );
  });
});
