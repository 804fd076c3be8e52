/** Random secrets and their one-way hashes, for sign-in links, sessions, invitations and CSRF. */

const encoder = new TextEncoder();

/** Returns a URL-safe random token carrying `bytes` bytes of entropy (default 32). */
export function randomToken(bytes = 32): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return base64Url(buf);
}

/** Encodes bytes as unpadded base64url. */
export function base64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64 in either alphabet (standard or URL-safe), or returns null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Returns the lower-case hex SHA-256 of a string; what the database stores instead of a secret. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings in time that depends only on their length. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/** True when a token has the shape randomToken makes (so forged junk is rejected before any lookup). */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}

/**
 * Returns a random id for database rows: 96 bits as lower-case hex, so it is also a valid Workflow instance id and
 * Durable Object name (base64url could start with "-", which Workflows refuse).
 */
export function newId(): string {
  const buf = new Uint8Array(12);
  crypto.getRandomValues(buf);
  return [...buf].map((b) => b.toString(16).padStart(2, "0")).join("");
}
