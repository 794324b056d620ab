/**
 * Which Dynasty page is this? From the URL first (both generations, any base path prefix, `&amp;id=`
 * tolerated), then from the DOM when the URL does not tell (a saved file, an unknown `page=`).
 */
import { DOC_WORDS } from './common';
import { DATE } from './dates';
import { ITEM_NAVIGATION } from './labels';
import type { Generation, PageKind } from './types';
import { cgiPageOf, decodeAmp, generationOf, parsedUrl, portalOf } from './urls';

export interface Detection {
  kind: PageKind;
  generation: Generation | null;
  portal: string | null;
  /** How the kind was found. */
  from: 'url' | 'dom' | 'none';
}

/** `page=` values of the dynamic front-end and the kind each one shows (besides `official*` and `rss/*`). */
const CGI_PAGES = new Map<string, PageKind>([['meetingitem', 'meetingItem'], ['meeting', 'meeting'], ['meetings', 'organMeetings'], ['meeting_frames', 'organList']]);

/** The kind a static `/kokous/<file>` name shows. */
export function kindOfStaticFile(file: string): PageKind {
  const name = file.replace(/^.*\//, '');
  if (/^telimet\.html?$/i.test(name)) return 'organList';
  if (/^telin-[\w-]+\.html?$/i.test(name)) return 'organMeetings';
  if (/^\d+\.html?$/i.test(name)) return 'meeting';
  if (/^[\w]+(?:-\d+)+\.(?:html?|txt)$/i.test(name) && !/-0-\d+\./.test(name)) return 'meetingItem';
  return 'unknown';
}

/** Page kind from the URL alone, or null when the URL does not say. */
export function kindFromUrl(url: string | null | undefined): PageKind | null {
  if (!url) return null;
  const generation = generationOf(url);
  if (generation === 'dynamic') {
    const page = cgiPageOf(url);
    if (!page) return null;
    return CGI_PAGES.get(page) ?? (page.startsWith('official') ? 'officialDecision' : page.startsWith('rss/') ? 'feed' : null);
  }
  if (generation === 'static') {
    const path = parsedUrl(decodeAmp(url))?.pathname;
    if (path === undefined) return null;
    const kind = kindOfStaticFile(path);
    return kind === 'unknown' ? null : kind;
  }
  return null;
}

const ITEM_HEADING = new RegExp(String.raw`(?:${DOC_WORDS})\s+${DATE}\s*(?:\/|\s)\s*(?:Pykälä|Asianro|Paragraf|Ärende)\s*\d+`, 'i');

const ITEM_NAVIGATION_TEXT = new RegExp(ITEM_NAVIGATION.join('|'));

/** Page kind from the DOM, for pages whose URL does not say. Cheap: a few queries. */
export function kindFromDom(doc: Document): PageKind {
  let body = '';
  try {
    body = doc.body?.textContent ?? doc.documentElement?.textContent ?? '';
  } catch {
    return 'unknown';
  }
  const text = body.slice(0, 400_000).replace(/[\s\u00a0]+/g, ' ');
  let hrefs: string[] = [];
  try {
    hrefs = Array.from(doc.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? '');
  } catch {
    // No links read: none counted.
  }
  const count = (re: RegExp) => hrefs.filter((h) => re.test(h)).length;
  const itemLinks = count(/page=meetingitem|\/kokous\/\d+-\d+\.html?$|^\d+-\d+\.html?$/i);
  const meetingLinks = count(/page=meeting(?:&|$|&amp;)|\/kokous\/\d+\.html?$/i);
  const organLinks = count(/page=meetings(?:&|&amp;)|TELIN-[\w-]+\.html?$/i);
  if (ITEM_HEADING.test(text) && (itemLinks <= 2 || ITEM_NAVIGATION_TEXT.test(text))) return 'meetingItem';
  if (itemLinks >= 2) return 'meeting';
  if (organLinks >= 3 && meetingLinks >= 3) return 'organList';
  if (meetingLinks >= 1 && /Kokouslistat|Pöytäkirja|Esityslista/.test(text)) return 'organMeetings';
  if (/viranhaltijapäätö|tjänsteinnehavarbeslut/i.test(text) && /Dynasty/i.test(text)) return 'officialDecision';
  return 'unknown';
}

/** Generation from the page's data markers, when the URL does not tell. */
function generationFromDom(doc: Document): Generation | null {
  let html = '';
  try {
    html = doc.documentElement?.outerHTML ?? '';
  } catch {
    return null;
  }
  if (html.length > 2_000_000) html = html.slice(0, 2_000_000);
  if (/<!--\s*DATABEGIN\s*-->/i.test(html)) return 'dynamic';
  if (/<!--\s*DATA_BEGIN\s*-->/i.test(html)) return 'static';
  if (/DREQUEST\.PHP/i.test(html)) return null;
  return null;
}

/** What the address alone says: kind (`unknown` when it says nothing), generation and portal. */
export function detectFromUrl(url: string | null | undefined): Omit<Detection, 'from'> {
  return { kind: kindFromUrl(url) ?? 'unknown', generation: generationOf(url), portal: portalOf(url) };
}

/**
 * Detects a page's kind, generation and portal. `doc` is optional: with a URL alone the answer is
 * what the URL says (kind `unknown` when it says nothing).
 */
export function detectPage(url: string | null | undefined, doc?: Document | null): Detection {
  const fromUrl = detectFromUrl(url);
  if (fromUrl.kind !== 'unknown' || !doc) return { ...fromUrl, from: fromUrl.kind === 'unknown' ? 'none' : 'url' };
  let { generation } = fromUrl;
  const { portal } = fromUrl;
  if (!generation) generation = generationFromDom(doc);
  const fromDom = kindFromDom(doc);
  return { kind: fromDom, generation, portal, from: fromDom === 'unknown' ? 'none' : 'dom' };
}
