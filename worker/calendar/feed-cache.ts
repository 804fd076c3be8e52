/**
 * Rendered calendar feeds kept under their version (feeds.ts `FeedHead.version`), so a calendar that polls an unchanged
 * feed costs one small D1 read and a lookup instead of rebuilding and hashing the whole body.
 *
 * Two tiers: the isolate's memory (a few recent feeds, no I/O at all) and the Cache API (per data centre, survives the
 * isolate). A version names exactly one body, so an entry never goes stale: a change to the feed gives a new version
 * and the old entry is simply no longer asked for (it ages out). Both tiers are best effort (the Cache API is a no-op
 * on workers.dev hostnames): a miss only means the body is built again. Keys name nothing personal: the version is a
 * hash.
 */

/** A rendered feed: its body (UTF-8 bytes) and its strong ETag. */
export interface RenderedFeed {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** An entry's address in the cache (never fetched: the Cache API only needs a URL as key). */
const keyOf = (version: string) => new Request(`https://feed-cache.trellis.invalid/v/${version}.ics`);

/**
 * How long an entry may live. A version never changes meaning, so this only bounds how long a body stays in the data
 * centre's cache after nobody can reach it any more (a changed feed, a revoked link, a deleted person): one day, while
 * an unchanged feed polled all day is built again only once a day.
 */
const KEEP_SECONDS = 86_400;

/**
 * The memory tier's budget in bytes of body (a 500-meeting feed is about 0.6 MB, 2,000 about 2.2 MB): an eighth of an
 * isolate's 128 MB; one feed takes at most a quarter of it.
 */
const MEMORY_BUDGET = 16_000_000;

/** A feed kept in memory: its body already encoded, so answering it copies bytes and encodes nothing. */
type KeptFeed = RenderedFeed;

/** The memory tier, least recently used first (a Map keeps insertion order). */
const memory = new Map<string, KeptFeed>();
let memoryUsed = 0;

/** Keeps a feed in memory, dropping the least recently used ones over the budget. */
function remember(version: string, feed: KeptFeed): void {
  if (feed.body.byteLength > MEMORY_BUDGET / 4) return;
  const old = memory.get(version);
  if (old) {
    memory.delete(version);
    memoryUsed -= old.body.byteLength;
  }
  memory.set(version, feed);
  memoryUsed += feed.body.byteLength;
  for (const [key, entry] of memory) {
    if (memoryUsed <= MEMORY_BUDGET) break;
    memory.delete(key);
    memoryUsed -= entry.body.byteLength;
  }
}

/** The cache, or null where the runtime has none. */
function feedCache(): Cache | null {
  return typeof caches === "undefined" ? null : caches.default;
}

/** The cached feed of `version`: its ETag and its body (bytes, or a stream to cancel when a 304 will do), or null. */
export async function cachedFeed(
  version: string,
): Promise<{ etag: string; body: Uint8Array<ArrayBuffer> | ReadableStream | null } | null> {
  const near = memory.get(version);
  if (near) {
    remember(version, near);
    return near;
  }
  const hit = await feedCache()?.match(keyOf(version));
  const etag = hit?.headers.get("ETag");
  if (!hit || !etag) {
    await hit?.body?.cancel();
    return null;
  }
  return { etag, body: hit.body };
}

/** Keeps a rendered feed under its version: in memory now, in the Cache API in the background when `waitUntil` is given. */
export function keepFeed(version: string, feed: RenderedFeed, waitUntil?: (p: Promise<unknown>) => void): void {
  remember(version, feed);
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
