/**
 * URL helpers for Dynasty portals. Pure (WHATWG `URL` only), so they run in content scripts, the MV3
 * service worker and Node alike. Stable API: the feed parser and the extension shell call
 * `absoluteUrl`, `portalOf`, `dynastyIdOf` and `isSafeHttpUrl`.
 *
 * A portal is a base URL: a host root (`https://ep10.kouvola.fi`) or a path prefix
 * (`https://poytakirjat.alavieska.fi/D10_Alavieska`). The reliable fingerprint is the path:
 * `<base>/cgi/DREQUEST.PHP?page=...` (dynamic) or `<base>/kokous/<file>` (static tree).
 */

/** `/cgi/DREQUEST.PHP` or `/kokous/`, any case, anywhere in the path. */
const DYNAMIC_PATH = /\/cgi\/drequest\.php$/i;
const STATIC_DIR = /\/kokous\//i;
/** `<meetingId>`, `<meetingId>-<n>`, `<meetingId>-<n>-<k>`, `TELIN-<organId>`, `KOKOUS-50-27` ... */
const STATIC_FILE = /\/kokous\/([A-Za-z0-9_-]+)\.(?:html?|pdf|txt)$/i;

/** Decodes the ampersand entities that leak into hrefs copied from HTML source or feeds. */
export function decodeAmp(text: string): string {
  let out = text;
  // `&amp;amp;` happens when a template escapes twice: decode until stable (bounded).
  for (let i = 0; i < 3; i++) {
    const next = out.replace(/&(?:amp|#0*38|#x0*26);/gi, '&');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Memo of pure string -> value functions (URL parsing is the dearest step of a page parse in a
 * browser). Clearing bumps a counter and each memo starts a new map when it is next asked: cheaper
 * than clearing every map on every page parse.
 */
let memoEpoch = 0;

/** Forgets memoized URL answers (each page parse starts clean, as a fresh content script does). */
export function clearUrlMemos(): void {
  memoEpoch++;
}

function memo<T>(fn: (key: string) => T): (key: string) => T {
  let cache = new Map<string, T>();
  let epoch = memoEpoch;
  return (key: string) => {
    if (epoch !== memoEpoch || cache.size >= 500) {
      cache = new Map();
      epoch = memoEpoch;
    }
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

function parse(url: string, base?: string): URL | null {
  try {
    // An undefined base is an absent one (an optional argument).
    return new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * An address parsed without a base, memoized per page parse: the page address alone is read by half a
 * dozen helpers. Shared: never mutate the result.
 */
export const parsedUrl = memo((url: string): URL | null => parse(url));

/** `parsedUrl` of an address as printed (trimmed, `&amp;` decoded). */
function parsedPrinted(url: string): URL | null {
  return parsedUrl(decodeAmp(url.trim()));
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * An http(s) address that the WHATWG parser serializes unchanged: lower-case scheme and host name
 * (whose last label starts with a letter, so it is no IPv4 number, and no label is punycode), no
 * port or user, a path without dot segments, and only characters that no part percent-encodes.
 * Resolving such an href against any base gives the href itself, without a parse.
 */
const CANONICAL_HTTP = /^https?:\/\/(?:(?!xn--)[a-z\d-]+\.)*(?!xn--)[a-z][a-z\d-]*(?:\/(?!\.)[\w\-.~!$&()*+,;=:@]*)+(?:\?[\w\-.~!$&()*+,;=:@/?]*)?(?:#[\w\-.~!$&()*+,;=:@/?#]*)?$/;

/**
 * Resolves `href` against `pageUrl` (when given) and returns an absolute URL without a default port,
 * `&amp;` decoded. Returns null when the result is not a valid URL (or is relative and no page URL is
 * known). Does not judge the scheme: use `isSafeHttpUrl` before making a link.
 */
export function absoluteUrl(href: string | null | undefined, pageUrl?: string | null): string | null {
  if (href == null) return null;
  const cleaned = decodeAmp(href.trim()).replace(/[\t\n\r]/g, '');
  if (!cleaned) return null;
  if (CANONICAL_HTTP.test(cleaned)) return cleaned;
  // An http(s) address with an authority ignores any base: no need to parse the base again.
  const base = pageUrl && !ABSOLUTE_HTTP.test(cleaned) ? baseHref(pageUrl) : null;
  const url = parse(cleaned, base ?? undefined);
  // The WHATWG serialization drops default ports (:80 on http, :443 on https) itself.
  return url ? url.href : null;
}

const baseHref = memo((pageUrl: string): string | null => parse(decodeAmp(pageUrl.trim()))?.href ?? null);

/** True for a parsable absolute http(s) URL: the only kind Pykälä ever turns into a link. */
export function isSafeHttpUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const parsed = parsedUrl(url.trim());
  return parsed !== null && isHttp(parsed) && parsed.hostname !== '';
}

/**
 * The portal base of a Dynasty URL: everything before `/cgi/DREQUEST.PHP` or `/kokous/` (path
 * matched case-insensitively), with default ports removed and no trailing slash. Null for URLs that
 * are not Dynasty-shaped.
 */
export function portalOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const parsed = parsedPrinted(url);
  if (!parsed || !isHttp(parsed)) return null;
  const path = parsed.pathname;
  let prefix: string | null = null;
  const cgi = /\/cgi\/drequest\.php(?:\/|$)/i.exec(path);
  const kokous = STATIC_DIR.exec(path);
  if (cgi && (!kokous || cgi.index < kokous.index)) prefix = path.slice(0, cgi.index);
  else if (kokous) prefix = path.slice(0, kokous.index);
  if (prefix === null) return null;
  // `host` is serialized already (lower case, no default port).
  return `${parsed.protocol}//${parsed.host}${prefix.replace(/\/+$/, '')}`;
}

/** `http://` or `https://` (any case): an absolute address whatever the base. */
const ABSOLUTE_HTTP = /^https?:\/\//i;
/** An http(s) address as `absoluteUrl` serializes it: the path runs from the first `/` after the host to `?` or `#`. */
const SERIALIZED_HTTP = /^https?:\/\/[^/?#]*(\/[^?#]*)/;

/**
 * `generationOf` for an address returned by `absoluteUrl`: a serialized http(s) address without `&`
 * is read from the string (parsing it again gives the same path), anything else is parsed.
 */
export function generationOfResolved(url: string): 'dynamic' | 'static' | null {
  const m = url.includes('&') ? null : SERIALIZED_HTTP.exec(url);
  if (!m) return generationOf(url);
  return generationOfPath(m[1]!);
}

/** The generation a URL path belongs to. */
function generationOfPath(path: string): 'dynamic' | 'static' | null {
  return DYNAMIC_PATH.test(path) ? 'dynamic' : STATIC_DIR.test(path) ? 'static' : null;
}

/** The generation a URL belongs to: dynamic CGI, static `/kokous/` tree, or null. */
export function generationOf(url: string | null | undefined): 'dynamic' | 'static' | null {
  if (!url) return null;
  return generationMemo(url);
}

const generationMemo = memo((url: string): 'dynamic' | 'static' | null => {
  const parsed = parsedPrinted(url);
  return parsed ? generationOfPath(parsed.pathname) : null;
});

/** Query parameters of a CGI URL (`&amp;` tolerated, keys lower-cased), or null when the URL does not parse. */
const cgiParams = memo(cgiParamsOf);

function cgiParamsOf(url: string): Map<string, string> | null {
  const parsed = parsedPrinted(url);
  if (!parsed || !DYNAMIC_PATH.test(parsed.pathname)) return null;
  // Some portals print broken feed links like `...&show=30?page=rss/meetings&show=30`: read the query as
  // a plain list of `key=value` separated by & or ?, first occurrence wins.
  const params = new Map<string, string>();
  for (const part of parsed.search.slice(1).split(/[&?]/)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    let key = eq < 0 ? part : part.slice(0, eq);
    let value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      // Both or neither: a malformed escape in either leaves the pair as printed.
      [key, value] = [formDecoded(key), formDecoded(value)];
    } catch {
      // As printed.
    }
    key = key.toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/** A query key or value as a form writes it: `+` for a space, percent escapes (throws on a malformed one). */
function formDecoded(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** The `page=` value of a CGI URL (e.g. `meetingitem`, `rss/meetingitems`), lower-cased, or null. */
export function cgiPageOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const page = cgiParams(url)?.get('page');
  return page ? page.toLowerCase() : null;
}

/**
 * The Dynasty id a URL names: the `id=` of a CGI link (`2021463-5`, an organ id, ...), or the file
 * name of a static `/kokous/<id>.HTM|PDF` (`2017409886-4`, `2017406946-0-1`). For a static organ page
 * `TELIN-<organId>.HTM` it is the organ id, as `meetings&id=<organId>` would carry. Null otherwise
 * (`TELIMET.HTM`, a CGI page without id, non-Dynasty URLs).
 */
export function dynastyIdOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const params = cgiParams(url);
  if (params) {
    return params.get('id')?.trim() || null;
  }
  const parsed = parsedPrinted(url);
  if (!parsed) return null;
  const file = STATIC_FILE.exec(parsed.pathname)?.[1];
  if (!file) return null;
  if (/^telimet$/i.test(file)) return null;
  return /^telin-(.+)$/i.exec(file)?.[1] ?? file;
}

/** The meeting id of an item id `<meetingId>-<n>` (or of a meeting id itself). */
export function meetingIdOfItemId(itemId: string | null | undefined): string | null {
  if (!itemId) return null;
  const m = /^(\d+)(?:-\d+)*$/.exec(itemId.trim());
  return m ? m[1]! : null;
}
