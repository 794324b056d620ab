/**
 * Dynasty RSS feeds (`rss/meetingitems`, `rss/meetings`, `rss/official_decisions`) from bytes to a
 * typed `FeedPage`, with no DOM: the Chrome MV3 service worker that polls them has no DOMParser.
 *
 * Why a small hand-written scanner rather than an XML library (fast-xml-parser is installed and was
 * measured against it, see bench/feeds.bench.ts): the feeds are flat RSS 2.0 (channel, items with
 * title / link / description, every text in CDATA), and the failures we must survive are exactly the
 * ones a conforming XML parser stops at or hides: HTML entities such as `&ouml;` (undefined in XML),
 * a truncated answer, an HTML error page, a duplicated or unclosed `<item>`. The scanner keeps every
 * item that closed properly and says what it skipped; it is also a few times faster on a 1000-entry
 * feed because it never builds a tree. It never throws.
 */
import { decodeBytes } from './charset';
import { DATE, isoDate } from './dates';
import type { FeedEntry, FeedKind, FeedPage } from './types';
import { absoluteUrl, cgiPageOf, dynastyIdOf, generationOf, isSafeHttpUrl, portalOf } from './urls';

export interface FeedOptions {
  /** The address the feed was fetched from (resolves relative links, tells the feed kind). */
  url: string | null;
  contentType?: string | null;
}

export interface FeedAnalysis {
  page: FeedPage;
  /** The charset the bytes were decoded with. */
  charset: string;
  /** False when the answer is not an RSS document at all (an HTML error page, 0 bytes, garbage). */
  recognized: boolean;
}

/** HTML named entities that occur in Finnish and Swedish municipal text (Latin-1 + typography). */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring ' +
  'AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml ' +
  'times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil ' +
  'egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
  'ugrave uacute ucirc uuml yacute thorn yuml';

const NAMED: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d,
  bdquo: 0x201e, hellip: 0x2026, euro: 0x20ac, bull: 0x2022, trade: 0x2122, dagger: 0x2020, Dagger: 0x2021,
  permil: 0x2030, lsaquo: 0x2039, rsaquo: 0x203a, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c,
  zwj: 0x200d, lrm: 0x200e, rlm: 0x200f, minus: 0x2212, larr: 0x2190, rarr: 0x2192, fnof: 0x192, circ: 0x2c6,
  tilde: 0x2dc, Scaron: 0x160, scaron: 0x161, Zcaron: 0x17d, zcaron: 0x17e, OElig: 0x152, oelig: 0x153, Yuml: 0x178,
};
LATIN1_NAMES.split(' ').forEach((name, i) => (NAMED[name] = 160 + i));

/** HTML's numeric-reference fix-up: &#150; means what byte 0x96 means in windows-1252. */
const C1_REMAP = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function fromCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return String.fromCharCode(C1_REMAP[code - 0x80]!);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Decodes XML and HTML character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, hex, dec, name) => {
    if (hex) return fromCodePoint(parseInt(hex as string, 16));
    if (dec) return fromCodePoint(parseInt(dec as string, 10));
    const code = NAMED[name as string];
    // Without its semicolon only the classic names are references (HTML legacy rule, simplified).
    if (code === undefined || (!whole.endsWith(';') && code > 255)) return whole;
    return String.fromCharCode(code);
  });
}

const TAG = /<[A-Za-z/!?][^<>]*>/g;

/** Element content to plain text: CDATA unwrapped, markup dropped, entities decoded, spaces collapsed. */
export function plainText(raw: string): string {
  let text = raw;
  if (text.includes('<![CDATA[')) text = text.replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1');
  if (text.includes('<')) text = text.replace(TAG, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * The raw content of the first `<name>` element in text[from, to), or null when there is none or it
 * does not close before `to`. An Atom-style `<link href="..."/>` gives its href.
 */
function elementContent(text: string, name: string, from: number, to: number): string | null {
  const open = `<${name}`;
  let at = text.indexOf(open, from);
  while (at >= 0 && at < to) {
    const next = text.charCodeAt(at + open.length);
    // `>`, `/`, or whitespace after the name: this is the element (not `<titles`, `<linkage`).
    if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13) break;
    at = text.indexOf(open, at + open.length);
  }
  if (at < 0 || at >= to) return null;
  const tagEnd = text.indexOf('>', at);
  if (tagEnd < 0 || tagEnd >= to) return null;
  if (text.charCodeAt(tagEnd - 1) === 47) {
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text.slice(at, tagEnd));
    return href ? (href[1] ?? href[2] ?? null) : '';
  }
  // A CDATA section may hold a `</x>` of its own: skip over CDATA when looking for the closing tag.
  let cursor = tagEnd + 1;
  const close = `</${name}`;
  for (;;) {
    const closeAt = text.indexOf(close, cursor);
    const cdataAt = text.indexOf('<![CDATA[', cursor);
    if (closeAt < 0 || closeAt >= to) return null;
    // `</title>` or `</title >`, not `</titleXYZ` (a damaged tag).
    const after = text.slice(closeAt + close.length, closeAt + close.length + 8);
    if (!/^\s*>/.test(after) && !(cdataAt >= 0 && cdataAt < closeAt)) return null;
    if (cdataAt >= 0 && cdataAt < closeAt) {
      const cdataEnd = text.indexOf(']]>', cdataAt + 9);
      if (cdataEnd < 0 || cdataEnd >= to) return null;
      cursor = cdataEnd + 3;
      continue;
    }
    const content = text.slice(tagEnd + 1, closeAt);
    return looksBroken(content, name) ? null : content;
  }
}

/**
 * A text element whose content holds the feed's own structure (another CDATA section, an item, a
 * tag of the same name) has swallowed its neighbours through a damaged `]]>` or closing tag: its text
 * would be made up of other fields, so it counts as missing.
 */
function looksBroken(content: string, name: string): boolean {
  if (!content.includes('<') && !content.includes(']]>')) return false;
  const first = content.indexOf('<![CDATA[');
  if (first >= 0) {
    if (content.indexOf('<![CDATA[', first + 9) >= 0) return true;
    // Text on both sides of a CDATA section, or a stray "]]>": pieces that were never one value.
    const end = content.indexOf(']]>', first + 9);
    if (end < 0 || content.slice(0, first).trim() !== '' || content.slice(end + 3).trim() !== '') return true;
  } else if (content.includes(']]>')) return true;
  return /<\/?(?:item|channel|rss|title|link|description|guid)\b/i.test(content) || content.includes(`</${name}`);
}

/** The index of the next `<item>` / `<item ...>` start tag at or after `from`, or -1. */
function nextItem(text: string, from: number): number {
  let at = text.indexOf('<item', from);
  while (at >= 0) {
    const next = text.charCodeAt(at + 5);
    if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13 || next === 47) return at;
    at = text.indexOf('<item', at + 5);
  }
  return -1;
}

const ORGAN_DATE = new RegExp(String.raw`^(.*\S)\s+${DATE}$`);

export interface SplitTitle {
  organ: string | null;
  date: string | null;
  title: string;
  /** Why organ or date could not be read, when they could not. */
  problem?: string;
}

/**
 * `<Organ> DD.MM.YYYY / <Item title>`, split on the FIRST " / " only (titles contain slashes).
 * A title without " / " that is just `<Organ> DD.MM.YYYY` (the meetings feed, format unverified)
 * gives organ and date and keeps the whole text as title. Anything else stays a plain title.
 */
export function splitFeedTitle(full: string): SplitTitle {
  const slash = full.indexOf(' / ');
  if (slash < 0) {
    const whole = ORGAN_DATE.exec(full);
    if (whole) {
      const date = isoDate(whole, 2);
      if (date) return { organ: whole[1]!, date, title: full };
    }
    return { organ: null, date: null, title: full, problem: 'no "<organ> <date> / " prefix' };
  }
  const head = full.slice(0, slash).trim();
  const title = full.slice(slash + 3).trim();
  const match = ORGAN_DATE.exec(head);
  if (!match) return { organ: null, date: null, title: full, problem: 'no date before " / "' };
  const date = isoDate(match, 2);
  if (!date) return { organ: match[1]!, date: null, title, problem: `not a date: ${match[2]}.${match[3]}.${match[4]}` };
  return { organ: match[1]!, date, title };
}

/** The feed kind from its address (`page=rss/<kind>`), else from the channel description. */
export function feedKindOf(url: string | null, description: string | null): { kind: FeedKind; from: 'url' | 'description' | null } {
  const where = cgiPageOf(url) ?? (url ? safeDecode(url).toLowerCase() : '');
  const fromUrl = /(?:^|[^a-z])?rss\/(meetingitems|meetings|official_decisions)\b/.exec(where)?.[1];
  if (fromUrl) return { kind: fromUrl as FeedKind, from: 'url' };
  const d = description ?? '';
  // Finnish labels are seen ("Dynasty - Kokousasiat"); the others are expected, not verified.
  if (/kokousasia|mötesärende|sammanträdesärende/i.test(d)) return { kind: 'meetingitems', from: 'description' };
  if (/kokoukset|sammanträden|möten/i.test(d)) return { kind: 'meetings', from: 'description' };
  if (/viranhaltij|tjänsteinnehavar/i.test(d)) return { kind: 'official_decisions', from: 'description' };
  return { kind: 'unknown', from: null };
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function emptyPage(url: string | null): FeedPage {
  return { kind: 'feed', url, portal: portalOf(url), generation: generationOf(url), warnings: [], feedKind: 'unknown', entries: [] };
}

/** Parses decoded feed text. Exposed for tests and for callers that already hold text. */
export function parseFeedText(text: string, opts: FeedOptions): { page: FeedPage; recognized: boolean } {
  const page = emptyPage(opts.url);
  const warnings = page.warnings;
  const firstItem = nextItem(text, 0);
  const isRss = /<rss\b|<rdf:RDF\b|<channel\b/i.test(text.slice(0, 4096));
  if (!isRss && firstItem < 0) {
    if (text.trim() === '') warnings.push('empty answer: no feed');
    else if (/<html\b|<!doctype html/i.test(text.slice(0, 4096))) warnings.push('an HTML page, not a feed');
    else warnings.push('not an RSS feed');
    return { page, recognized: false };
  }

  // Channel header: everything before the first item.
  const headerEnd = firstItem < 0 ? text.length : firstItem;
  const channelTitle = elementContent(text, 'title', 0, headerEnd);
  const channelDescription = elementContent(text, 'description', 0, headerEnd);
  const channelLink = elementContent(text, 'link', 0, headerEnd);
  const description = channelDescription === null ? null : plainText(channelDescription);
  void channelTitle;

  const { kind, from } = feedKindOf(opts.url, description);
  page.feedKind = kind;
  if (kind === 'unknown') warnings.push('feed kind not recognised (neither address nor description says)');
  if (kind === 'meetings' || kind === 'official_decisions') {
    warnings.push(`the ${kind} feed format is not verified: entries parsed generically`);
  }
  if (from === 'description' && opts.url) warnings.push('feed kind taken from the channel description');
  if (!page.portal && channelLink !== null) {
    const link = absoluteUrl(plainText(channelLink), opts.url);
    page.portal = portalOf(link);
    page.generation = generationOf(link);
  }

  const seen = new Set<string>();
  let duplicates = 0;
  let unsafe = 0;
  let noId = 0;
  let badTitles = 0;
  let index = 0;
  for (let at = firstItem; at >= 0; ) {
    index++;
    const following = nextItem(text, at + 5);
    const closeAt = text.indexOf('</item>', at);
    let end: number;
    if (closeAt >= 0 && (following < 0 || closeAt < following)) end = closeAt;
    else if (following >= 0) {
      // Not closed but followed by another item: its closed fields are complete, keep them.
      end = following;
      warnings.push(`item ${index} is not closed`);
    } else {
      // The answer ends inside this item (truncated): whatever it holds may be cut short.
      warnings.push(`item ${index} is cut off where the feed ends: skipped`);
      break;
    }
    const entry = readEntry(text, at, end, opts.url);
    at = following;
    if (!entry) {
      warnings.push(`item ${index} has no complete title or link: skipped`);
      continue;
    }
    if (entry.unsafe) unsafe++;
    if (entry.problem && kind === 'meetingitems') badTitles++;
    const { value } = entry;
    if (value.id === null) noId++;
    else if (seen.has(value.id)) {
      duplicates++;
      continue;
    } else seen.add(value.id);
    page.entries.push(value);
  }
  if (!text.includes('</rss>') && !text.includes('</rdf:RDF>') && !text.includes('</channel>')) {
    warnings.push('the feed does not end properly (truncated?): entries up to the break are kept');
  }
  if (duplicates) warnings.push(`${duplicates} duplicate ${duplicates === 1 ? 'entry' : 'entries'} (same id) skipped`);
  if (unsafe) warnings.push(`${unsafe} ${unsafe === 1 ? 'link was' : 'links were'} not http(s): kept without a link`);
  if (noId) warnings.push(`${noId} ${noId === 1 ? 'entry has' : 'entries have'} no id in the link`);
  if (badTitles) warnings.push(`${badTitles} ${badTitles === 1 ? 'title' : 'titles'} without "<organ> <DD.MM.YYYY> / "`);
  return { page, recognized: true };
}

function readEntry(
  text: string,
  from: number,
  to: number,
  feedUrl: string | null,
): { value: FeedEntry; unsafe: boolean; problem?: string } | null {
  const rawTitle = elementContent(text, 'title', from, to);
  const rawLink = elementContent(text, 'link', from, to);
  const rawDescription = rawTitle === null ? elementContent(text, 'description', from, to) : null;
  const fullTitle = rawTitle !== null ? plainText(rawTitle) : rawDescription !== null ? plainText(rawDescription) : null;
  if (fullTitle === null && rawLink === null) return null;
  if (fullTitle === null || fullTitle === '') {
    if (rawLink === null) return null;
  }
  const split = splitFeedTitle(fullTitle ?? '');
  // URL text: tabs and newlines inside are dropped (as WHATWG URL parsing does), never made spaces.
  const link = rawLink === null ? null : resolveLink(plainText(rawLink.replace(/[\t\n\r]+/g, '')), feedUrl);
  const resolved = link?.resolved ?? null;
  const safe = link?.safe ?? false;
  const url = safe ? resolved : null;
  // Dynasty ids are digits and dashes (`20261273-7`); anything unprintable is damage, not an id.
  let id = link?.id && /^[\w.-]+$/.test(link.id) ? link.id : null;
  if (id === null) {
    const guid = elementContent(text, 'guid', from, to);
    if (guid !== null) id = plainText(guid) || null;
  }
  return {
    value: { id, organ: split.organ, date: split.date, title: split.title, url },
    unsafe: rawLink !== null && resolved !== null && !safe,
    ...(split.problem ? { problem: split.problem } : {}),
  };
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 0xa0) return true;
  }
  return /\s/.test(text);
}

const HTTP_ABSOLUTE = /^https?:\/\/[^\s&]*(?:&(?!amp;|#)[^\s&]*)*$/i;

/**
 * An entry link: absolute, default port dropped, and its Dynasty id. Absolute http(s) links without
 * `&amp;` (all that Dynasty feeds send) take one URL parse; anything else goes through urls.ts.
 */
function resolveLink(text: string, feedUrl: string | null): { resolved: string | null; safe: boolean; id: string | null } {
  // Spaces or control characters inside an address: a damaged link, not one to guess at.
  if (hasSpaceOrControl(text)) return { resolved: null, safe: false, id: null };
  if (HTTP_ABSOLUTE.test(text)) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(text);
    } catch {
      parsed = null;
    }
    if (parsed && parsed.hostname) {
      const href = parsed.href; // WHATWG URL drops :80 on http and :443 on https
      const direct = /\/cgi\/drequest\.php$/i.test(parsed.pathname) ? parsed.searchParams.get('id')?.trim() : undefined;
      return { resolved: href, safe: true, id: direct ? direct : dynastyIdOf(href) };
    }
  }
  const resolved = absoluteUrl(text, feedUrl);
  const safe = isSafeHttpUrl(resolved);
  return { resolved, safe, id: safe ? dynastyIdOf(resolved) : null };
}

/** Bytes in (as fetched), a typed feed out, plus how it was read. Never throws. */
export function analyzeFeed(bytes: Uint8Array, opts: FeedOptions): FeedAnalysis {
  let charset = 'utf-8';
  try {
    const decoded = decodeBytes(bytes, opts.contentType);
    charset = decoded.charset;
    const { page, recognized } = parseFeedText(decoded.text, opts);
    if (decoded.warning) page.warnings.unshift(decoded.warning);
    return { page, charset, recognized };
  } catch (error) {
    const page = emptyPage(opts.url);
    page.warnings.push(`could not read the feed: ${error instanceof Error ? error.message : String(error)}`);
    return { page, charset, recognized: false };
  }
}

/** Bytes in, a typed `FeedPage` out (the parse contract). Never throws: bad input gives warnings. */
export function parseFeed(bytes: Uint8Array, opts: FeedOptions): FeedPage {
  return analyzeFeed(bytes, opts).page;
}
