/**
 * Links of a page, found by their texts and URL shapes (never by classes): item navigation, the
 * appeal instructions, the PDF, the meeting, attachments.
 */
import { CHROME_CAPTIONS, LINK_TEXTS } from './labels';
import type { Anchor, PageText } from './text';
import type { Attachment } from './types';
import { absoluteUrl, cgiPageOf, dynastyIdOf, generationOfResolved } from './urls';
import { NOT_HTTP_LINKS, RELATIVE_LINKS } from './warnings';

const SAFE_HREF = /^https?:\/\/[^/?#\s]+/i;
const DIGITS = /^\d+$/;
const BREAKS = /[\t\n\r]/;
const BREAKS_ALL = /[\t\n\r]/g;
/** Lower case, whitespace collapsed; a lone space is no match, so already collapsed text costs no replacement. */
export const norm = (s: string) => s.toLowerCase().replace(/\s{2,}|[^\S ]/g, ' ').trim();
export const LINK_SETS = Object.fromEntries(Object.entries(LINK_TEXTS).map(([k, v]) => [k, v.map(norm)])) as Record<keyof typeof LINK_TEXTS, string[]>;

/**
 * The page being parsed: its address, its warnings, and its resolved hrefs and link targets (set
 * afresh by `startPage` at the start of each parse; the parsers ask about one page at a time).
 * The exported link helpers below read it: called outside a parse they would answer for the last page.
 */
let pageUrl: string | null = null;
let pageWarnings: string[] = [];
let resolved = new Map<string, string | null>();
let targets = new Map<string, { page: string; id: string | null } | null>();

export function startPage(url: string | null, warnings: string[]): void {
  // New maps: cheaper than clearing the old ones on every parse.
  resolved = new Map();
  targets = new Map();
  normsOf = null;
  pageUrl = url;
  pageWarnings = warnings;
}

/** An href resolved against the page address (without one, against a stand-in: only its shape is read). */
function resolve(href: string): string | null {
  let url = resolved.get(href);
  if (url === undefined) {
    url = absoluteUrl(href, pageUrl ?? 'http://x.invalid/cgi/DREQUEST.PHP');
    resolved.set(href, url);
  }
  return url;
}

/** Where an anchor links to, resolved; null (with a warning) for anything that is not http(s). */
export function linkOf({ href }: { href: string }): string | null {
  const url = pageUrl ? resolve(href) : absoluteUrl(href, null);
  if (url === null) {
    // Only a relative address would have resolved: not a script or data link, an empty one or a fragment.
    if (pageUrl === null && /^\s*(?!(?:javascript|data|vbscript):)[^#\s]/i.test(href)) warnOnce(RELATIVE_LINKS);
    return null;
  }
  // `url` is already parsed and serialized: its scheme and host can be read from the string.
  if (!SAFE_HREF.test(url)) {
    warnOnce(NOT_HTTP_LINKS);
    return null;
  }
  return url;
}

function warnOnce(code: string): void {
  if (!pageWarnings.includes(code)) pageWarnings.push(code);
}

/** Normalised anchor texts of the last page asked about (one pass serves every link lookup). */
let normsOf: Anchor[] | null = null;
let norms: string[] = [];

function anchorNorms(anchors: Anchor[]): string[] {
  if (normsOf !== anchors) {
    // Link texts are short: anything longer than the longest known text is never compared.
    // Anchor texts are collapsed already (readPage): lower case is all `norm` would still change.
    norms = anchors.map((a) => (a.text.length > 40 ? '' : a.text.toLowerCase()));
    normsOf = anchors;
  }
  return norms;
}

export function findByText(pt: PageText, which: keyof typeof LINK_TEXTS): Anchor | null {
  const set = LINK_SETS[which];
  const texts = anchorNorms(pt.anchors);
  for (let i = 0; i < texts.length; i++) if (texts[i] && set.includes(texts[i]!)) return pt.anchors[i]!;
  return null;
}

/** File name of a static-tree link (`2017406946-0-1` of `.../kokous/2017406946-0-1.PDF`), or null. */
export function kokousFile(href: string): { id: string; ext: string } | null {
  if (!/kokous/i.test(href)) return null;
  const url = resolve(href);
  if (!url) return null;
  const m = /\/kokous\/([\w-]+)\.(html?|pdf|txt)(?:[?#]|$)/i.exec(url);
  return m ? { id: m[1]!, ext: m[2]!.toLowerCase() } : null;
}

/** Where an anchor points: a Dynasty page kind and id, or null. */
export function targetOf({ href }: { href: string }): { page: string; id: string | null } | null {
  let target = targets.get(href);
  if (target === undefined) {
    target = computeTarget(href);
    targets.set(href, target);
  }
  return target;
}

function computeTarget(href: string): { page: string; id: string | null } | null {
  if (/^\s*(?:#|$)/.test(href)) return null; // a link within this page points nowhere else
  const url = resolve(href);
  if (!url) return null;
  const gen = generationOfResolved(url);
  if (gen === 'dynamic') return { page: cgiPageOf(url) ?? '', id: dynastyIdOf(url) };
  if (gen === 'static') {
    const file = kokousFile(href);
    if (!file) return null;
    const { id, ext } = file;
    const page = ext === 'pdf' ? 'pdf' : /^telimet$/i.test(id) ? 'meeting_frames' : /^telin-/i.test(id) ? 'meetings' : DIGITS.test(id) ? 'meeting' : 'meetingitem';
    // The organ list has no id; an organ page's is its file name after TELIN-.
    return { page, id: page === 'meeting_frames' ? null : page === 'meetings' ? id.slice(6) : id };
  }
  return null;
}

/** Attachments: links in a table captioned "Liitteet", or after a "Liitteet" line, or shaped `<itemId>-<k>.PDF`. */
export function findAttachments(pt: PageText, itemId: string | null): Attachment[] {
  const out: Attachment[] = [];
  const seen = new Set<string>();
  const attachmentWords = LINK_SETS.attachments;
  // `<itemId>-<k>`: the item id (word characters and dashes only) and a dash, then digits.
  const prefix = itemId !== null ? `${itemId.replace(/[^\w-]/g, '')}-` : null;
  // Only an href that holds the prefix (once tabs and line breaks, which resolving drops, are out) can be one.
  const shaped = (href: string) => {
    if (prefix === null || !(href.includes(prefix) || (BREAKS.test(href) && href.replace(BREAKS_ALL, '').includes(prefix)))) return false;
    const file = kokousFile(href);
    return file !== null && file.ext === 'pdf' && file.id.length > prefix.length && file.id.startsWith(prefix) && DIGITS.test(file.id.slice(prefix.length));
  };
  // Lines that say "Liitteet" on their own: the anchors in the next few lines are attachments.
  const headingLines = new Set<number>();
  pt.lines.forEach((line, i) => {
    if (line.inData && line.text.length <= 12 && attachmentWords.includes(norm(line.text))) headingLines.add(i);
  });
  const nearHeading = (a: Anchor) => {
    for (let i = a.line; i >= Math.max(0, a.line - 3); i--) if (headingLines.has(i)) return true;
    return false;
  };
  const texts = anchorNorms(pt.anchors);
  for (let i = 0; i < pt.anchors.length; i++) {
    const a = pt.anchors[i]!;
    if (!a.inData || !a.text) continue;
    const captioned = a.caption !== null && attachmentWords.includes(norm(a.caption));
    if (!captioned && !shaped(a.href) && !nearHeading(a)) continue;
    if (CHROME_LINK_TEXTS.includes(texts[i]!)) continue;
    const url = linkOf(a);
    const key = url ?? `text:${a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ title: a.text, url });
  }
  return out;
}

/** The item navigation texts ("edellinen asia", "seuraava asia"...), normalised. */
export const NAVIGATION_TEXTS = [...LINK_SETS.previous, ...LINK_SETS.next];
/** Texts of navigation and document links: never attachments. */
const CHROME_LINK_TEXTS = [...NAVIGATION_TEXTS, ...LINK_SETS.appeal, ...LINK_SETS.pdf];
const CHROME_CAPTION_SET = CHROME_CAPTIONS.map(norm);

export function isChromeCaption(caption: string | null): boolean {
  return caption !== null && CHROME_CAPTION_SET.includes(norm(caption));
}
