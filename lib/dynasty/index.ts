/**
 * Dynasty pages in, typed records out. `parsePage(doc, url)` is pure (a DOM Document and its address;
 * no extension API) and never throws: a page it cannot read is `kind: "unknown"` with warnings, a
 * field it cannot find is null with a warning.
 */
import type { PageContext } from './common';
import { detectFromUrl, kindFromDom, kindOfStaticFile, type Detection } from './detect';
import { parseItem } from './item';
import { startPage } from './links';
import { parseMeeting } from './meeting';
import { parseOrganList, parseOrganMeetings } from './organs';
import { readPage, type PageText } from './text';
import type { OfficialDecisionPage, PageKind, ParsedPage } from './types';
import { clearUrlMemos, isSafeHttpUrl } from './urls';
import { explainWarnings, FEED_ADDRESS, KIND_FROM_CONTENT, NO_ADDRESS, NO_TITLE, NOT_DYNASTY, NOT_HTTP_ADDRESS, NOT_RECOGNIZED, OFFICIAL_LAYOUT, withValue } from './warnings';

export { detectPage } from './detect';
export type { Detection } from './detect';
export type * from './types';
export { explainWarnings, warningText } from './warnings';

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

function parseOfficial(pt: PageText, ctx: PageContext): OfficialDecisionPage {
  ctx.warnings.push(OFFICIAL_LAYOUT);
  const line = pt.lines.find((l) => l.inData && l.bold && l.text.length >= 3 && l.text.length <= 300);
  const title = line?.text ?? null;
  if (!title) ctx.warnings.push(NO_TITLE);
  return { kind: 'officialDecision', ...ctx, title };
}

/** The parsers of the page kinds a caller wants read; a kind without one is left `unknown`. */
export type KindParsers = Partial<Record<'meetingItem' | 'meeting' | 'organMeetings' | 'organList' | 'officialDecision', (pt: PageText, ctx: PageContext, idHint?: string | null) => ParsedPage>>;

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
  return explainWarnings(parseKinds(doc, url, ALL_KINDS, hintsFromFileName(options.fileName)));
}

/**
 * parsePage for the page kinds the in-page panel shows (items, meetings, an organ's meetings): the
 * content script imports this, so the other kinds' parsers stay out of every Dynasty page. Other kinds
 * come back `unknown` with a warning. Its warnings are the parsers' short codes (warnings.ts), not
 * sentences: the panel never shows them, and the sentence table stays out of the content script.
 * `explainWarnings(page)` turns them into what `parsePage` says.
 */
export function parseShownPage(doc: Document, url: string): ParsedPage {
  return parseKinds(doc, url, { meetingItem: parseItem, meeting: parseMeeting, organMeetings: parseOrganMeetings });
}

/**
 * parsePage with only the given kinds' parsers (and, for saved files, what the file name says), its
 * warnings left as codes (`explainWarnings` turns them into sentences).
 */
export function parseKinds(doc: Document, url: string | null, parsers: KindParsers, hints?: { kind: PageKind | null; id: string | null }): ParsedPage {
  const warnings: string[] = [];
  const pageUrl = url?.trim() || null;
  let detection: Omit<Detection, 'from'> | undefined;
  try {
    // Every parse starts from empty caches: a content script is fresh on every page, and the bench
    // must not profit from the previous run. (Cleared first, so the address is parsed once.)
    startPage(pageUrl, warnings);
    clearUrlMemos();
    if (pageUrl && !isSafeHttpUrl(pageUrl)) warnings.push(NOT_HTTP_ADDRESS);
    detection = detectFromUrl(pageUrl);
    if (!pageUrl) warnings.push(NO_ADDRESS);
    const pt = readPage(doc);
    let kind = detection.kind;
    if (kind === 'unknown') kind = hints?.kind || kind;
    if (kind === 'unknown') {
      const fromDom = kindFromDom(doc);
      if (fromDom !== 'unknown') {
        kind = fromDom;
        warnings.push(withValue(KIND_FROM_CONTENT, fromDom));
      }
    }
    const ctx: PageContext = { url: pageUrl, portal: detection.portal, generation: detection.generation ?? pt.marker, warnings };
    // `parsers` holds page kinds only: 'unknown' and 'feed' find nothing.
    const parse = parsers[kind as keyof KindParsers];
    const problem =
      kind === 'feed' ? FEED_ADDRESS
      : kind === 'unknown' ? NOT_RECOGNIZED
      : !pt.marker && !pt.lines.some((l) => /Dynasty|Pöytäkirja|Esityslista|Pykälä|Protokoll/i.test(l.text)) ? NOT_DYNASTY
      : parse ? '' : `a "${kind}" page is not read here`;
    if (problem) {
      warnings.push(problem);
      return { kind: 'unknown', ...ctx };
    }
    return parse!(pt, ctx, hints?.id);
  } catch (error) {
    warnings.push(`parser error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
    return { kind: 'unknown', url: pageUrl, portal: detection?.portal ?? null, generation: detection?.generation ?? null, warnings };
  }
}
