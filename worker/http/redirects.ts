/** Safe redirect targets. */

/** Returns `next` when it is a same-site path, else `fallback` (default "/"). */
export function safeNext(next: string | undefined | null, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length > 500) return fallback;
  return next;
}
