/**
 * Rendered calendar feeds kept in the Cache API under their version (feeds.ts `FeedHead.version`), so a calendar that
 * polls an unchanged feed costs one small D1 read and a cache lookup instead of rebuilding and hashing the whole body.
 *
 * A version names exactly one body, so an entry never goes stale: a change to the feed gives a new version and the old
 * entry is simply no longer asked for (it ages out). The cache is per data centre and best effort (it is a no-op on
 * workers.dev hostnames): a miss only means the body is built again. Keys name nothing personal: the version is a hash.
 */

/** A rendered feed: its body and its strong ETag. */
export interface RenderedFeed {
  body: string;
  etag: string;
}

/** An entry's address in the cache (never fetched: the Cache API only needs a URL as key). */
const keyOf = (version: string) => new Request(`https://feed-cache.trellis.invalid/v/${version}.ics`);

/** How long an entry may live: versions never change meaning, so long, but the cache evicts unused ones anyway. */
const KEEP_SECONDS = 30 * 86_400;

/** The cache, or null where the runtime has none. */
function feedCache(): Cache | null {
  return typeof caches === "undefined" ? null : caches.default;
}

/** The cached feed of `version`: its ETag and its body as a stream (cancel it when a 304 will do), or null. */
export async function cachedFeed(version: string): Promise<{ etag: string; body: ReadableStream | null } | null> {
  const hit = await feedCache()?.match(keyOf(version));
  const etag = hit?.headers.get("ETag");
  if (!hit || !etag) {
    await hit?.body?.cancel();
    return null;
  }
  return { etag, body: hit.body };
}

/** Keeps a rendered feed under its version (in the background when `waitUntil` is given). */
export function keepFeed(version: string, feed: RenderedFeed, waitUntil?: (p: Promise<unknown>) => void): void {
  const cache = feedCache();
  if (!cache) return;
  const stored = new Response(feed.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      ETag: feed.etag,
      "Cache-Control": `max-age=${KEEP_SECONDS}`,
    },
  });
  const put = cache.put(keyOf(version), stored).catch(() => undefined);
  if (waitUntil) waitUntil(put);
}
