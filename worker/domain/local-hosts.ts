/** Which hosts count as this computer: where development tools and the development signing key may work. Pure. */

/** The names local development serves on (`npm start`, wrangler dev): 127.0.0.1, localhost and [::1]. */
export function isLoopbackName(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/** Loopback names, plus the reserved `.localhost` and `.test` names (RFC 6761), which no public site can have. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return (
    isLoopbackName(host) ||
    host === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host.endsWith(".localhost") ||
    host.endsWith(".test")
  );
}

/** True when a configured origin (PUBLIC_URL) is missing or local: background work may then use development keys. */
export function isLocalOrigin(origin: string | undefined): boolean {
  if (!origin) return true;
  try {
    return isLocalHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}
