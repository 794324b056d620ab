/**
 * One feed request: conditional (ETag / Last-Modified), with a timeout and a size cap that stops
 * reading the stream as soon as the cap is passed. Never throws: every failure is a value with a
 * code that the options page turns into plain words.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Codes stored as a feed's last error; `http:<status>` for HTTP errors. */
export type FeedErrorCode = 'timeout' | 'network' | 'too-large' | 'not-feed' | 'empty' | `http:${number}`;

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024 };

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; bytes: Uint8Array; contentType: string | null; etag: string | null; lastModified: string | null }
  | { kind: 'error'; code: FeedErrorCode; detail?: string };

export async function fetchFeed(
  fetchImpl: FetchLike,
  url: string,
  validators: Validators,
  limits: FetchLimits = DEFAULT_LIMITS,
): Promise<FetchResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    const headers: Record<string, string> = {};
    if (validators.etag) headers['If-None-Match'] = validators.etag;
    if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    // `no-cache` revalidates with the server; the browser's HTTP cache must not hide a new entry.
    const response = await fetchImpl(url, { headers, signal: controller.signal, cache: 'no-cache', credentials: 'omit', redirect: 'follow' });
    if (response.status === 304) return { kind: 'not-modified' };
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'error', code: `http:${response.status}` };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'error', code: 'too-large' };
    }
    const bytes = await readCapped(response, limits.maxBytes, controller);
    if (bytes === null) return { kind: 'error', code: 'too-large' };
    if (bytes.length === 0) return { kind: 'error', code: 'empty' };
    return {
      kind: 'ok',
      bytes,
      contentType: response.headers.get('content-type'),
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  } catch (error) {
    if (timedOut) return { kind: 'error', code: 'timeout' };
    return { kind: 'error', code: 'network', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The body, or null once it passes `maxBytes` (the rest is never downloaded). */
async function readCapped(response: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array | null> {
  if (!response.body) {
    const buffer = new Uint8Array(await response.arrayBuffer());
    return buffer.length > maxBytes ? null : buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      controller.abort();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Exponential backoff with jitter: 2, 4, 8 ... minutes, at most 6 hours, each ±25 %. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = 2 * 60_000 * 2 ** Math.max(0, Math.min(failures - 1, 10));
  const capped = Math.min(base, 6 * 60 * 60_000);
  return Math.round(capped * (0.75 + 0.5 * random()));
}

/** SHA-256 of the bytes, hex: the no-op check for servers without ETag / Last-Modified. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
