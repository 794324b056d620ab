/**
 * Dynasty pages in, typed records out. `parsePage(doc, url)` is pure (a DOM Document and its address;
 * no extension API) and never throws: a page it cannot read is `kind: "unknown"` with warnings, a
 * field it cannot find is null with a warning.
 */
import type { PageContext } from './common';
import { detectFromUrl, kindFromDom, kindOfStaticFile, type Detection } from './detect';
import { parseItem } from './item';
import { resetLinkCache } from './links';
import { parseMeeting } from './meeting';
import { parseOrganList, parseOrganMeetings } from './organs';
import { readPage, type PageText } from './text';
import type { Generation, OfficialDecisionPage, PageKind, ParsedPage, UnknownPage } from './types';
import { clearUrlMemos, isSafeHttpUrl } from './urls';

export { detectPage } from './detect';
export type { Detection } from './detect';
export type * from './types';

export interface ParseOptions {
  /**
   * The saved file's name, when the page address is unknown (the CLI without --url): a static-tree
   * name (`2017409886-4.HTM`) or `<host>-meetingitem-<id>.html` tells the kind and the id.
   */
  fileName?: string | null;
}

/** What a file name says about a page when its address is unknown. */
export function hintsFromFileName(fileName: string | null | undefined): { kind: PageKind | null; id: string | null } {
  if (!fileName) return { kind: null, id: null };
  const name = fileName.replace(/^.*[\\/]/, '');
  const cgi = /-(meetingitem|meeting|meetings)-([\w-]+?)\.html?$/i.exec(name);
  if (cgi) {
    const kind: PageKind = cgi[1]!.toLowerCase() === 'meetingitem' ? 'meetingItem' : cgi[1]!.toLowerCase() === 'meeting' ? 'meeting' : 'organMeetings';
    return { kind, id: cgi[2]! };
  }
  const kind = kindOfStaticFile(name);
  if (kind === 'unknown') return { kind: null, id: null };
  const base = name.replace(/\.[^.]+$/, '');
  const id = kind === 'organList' ? null : kind === 'organMeetings' ? base.replace(/^telin-/i, '') : base;
  return { kind, id };
}

function unknownPage(url: string | null, detection: Pick<Detection, 'generation' | 'portal'>, warnings: string[]): UnknownPage {
  return { kind: 'unknown', url, portal: detection.portal, generation: detection.generation, warnings };
}

function parseOfficial(pt: PageText, { url, portal, generation, warnings }: PageContext): OfficialDecisionPage {
  warnings.push('officer decision pages have an unknown layout: only the title was read');
  const line = pt.lines.find((l) => l.inData && l.bold && l.text.length >= 3 && l.text.length <= 300);
  const title = line?.text ?? null;
  if (!title) warnings.push('title not found');
  return { kind: 'officialDecision', url, portal, generation, warnings, title };
}

/** The parsers of the page kinds a caller wants read; a kind without one is left `unknown`. */
export type KindParsers = Partial<Record<'meetingItem' | 'meeting' | 'organMeetings' | 'organList' | 'officialDecision', (pt: PageText, ctx: PageContext) => ParsedPage>>;

const ALL_KINDS: KindParsers = {
  meetingItem: parseItem,
  meeting: parseMeeting,
  organMeetings: parseOrganMeetings,
  organList: parseOrganList,
  officialDecision: parseOfficial,
};

/**
 * Parses one Dynasty page. `url` is the page's address (null or '' when unknown: ids then come from
 * `options.fileName` where possible, and relative links stay unresolved).
 */
export function parsePage(doc: Document, url: string | null, options: ParseOptions = {}): ParsedPage {
  return parseKinds(doc, url, ALL_KINDS, hintsFromFileName(options.fileName));
}

/**
 * parsePage for the page kinds the in-page panel shows (items, meetings, an organ's meetings): the
 * content script imports this, so the other kinds' parsers stay out of every Dynasty page. Other kinds
 * come back `unknown` with a warning.
 */
export function parseShownPage(doc: Document, url: string): ParsedPage {
  return parseKinds(doc, url, { meetingItem: parseItem, meeting: parseMeeting, organMeetings: parseOrganMeetings });
}

/** parsePage with only the given kinds' parsers (and, for saved files, what the file name says). */
export function parseKinds(doc: Document, url: string | null, parsers: KindParsers, hints: { kind: PageKind | null; id: string | null } = { kind: null, id: null }): ParsedPage {
  const warnings: string[] = [];
  const pageUrl = url && url.trim() ? url.trim() : null;
  let detection: Detection = { kind: 'unknown', generation: null, portal: null, from: 'none' };
  try {
    // Every parse starts from empty caches: a content script is fresh on every page, and the bench
    // must not profit from the previous run. (Cleared first, so the address is parsed once.)
    resetLinkCache(pageUrl);
    clearUrlMemos();
    if (pageUrl && !isSafeHttpUrl(pageUrl)) warnings.push('the page address is not an http(s) URL');
    detection = detectFromUrl(pageUrl);
    if (!pageUrl) warnings.push('no page address given: links are not resolved and the portal is unknown');
    const pt = readPage(doc);
    let kind = detection.kind;
    if (kind === 'unknown' && hints.kind) kind = hints.kind;
    if (kind === 'unknown') {
      const fromDom = kindFromDom(doc);
      if (fromDom !== 'unknown') {
        kind = fromDom;
        warnings.push(`page kind "${fromDom}" recognized from its content`);
      }
    }
    const generation: Generation | null = detection.generation ?? pt.marker;
    const ctx = { url: pageUrl, portal: detection.portal, generation, idHint: hints.id, warnings };
    if (kind !== 'unknown' && kind !== 'feed' && !pt.marker && !pt.lines.some((l) => /Dynasty|Pöytäkirja|Esityslista|Pykälä|Protokoll/i.test(l.text))) {
      warnings.push('the page does not look like a Dynasty page');
      return unknownPage(pageUrl, { generation, portal: detection.portal }, warnings);
    }
    if (kind === 'feed') {
      warnings.push('a feed address: parse the feed bytes with parseFeed, not as a page');
      return unknownPage(pageUrl, { generation, portal: detection.portal }, warnings);
    }
    const parse = kind === 'unknown' ? undefined : parsers[kind];
    if (!parse) {
      warnings.push(kind === 'unknown' ? 'not a recognized Dynasty page' : `a "${kind}" page is not read here`);
      return unknownPage(pageUrl, { generation, portal: detection.portal }, warnings);
    }
    return parse(pt, ctx);
  } catch (error) {
    warnings.push(`parser error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
    return unknownPage(pageUrl, detection, warnings);
  }
}
