/**
 * Where j / k / u lead. The page's own Edellinen asia / Seuraava asia links win; where a page lacks
 * them, the meeting's item list (when known) gives the order; failing that, the item id
 * `<meetingId>-<n>` gives the neighbours by agenda position (n is the position, not the §).
 * On a meeting page, u leads to the organ's meetings page the page links to (organMeetingsUp).
 * Every address here is a safe http(s) URL, or null.
 */
import type { MeetingItemPage, MeetingListItem, OrganMeeting } from '../dynasty/types';
import { safeHttpUrl } from './safe';

export interface Neighbours {
  previous: string | null;
  next: string | null;
  up: string | null;
}

export function parseItemId(itemId: string | null): { meetingId: string; position: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(itemId ?? '');
  return match && +match[2]! >= 1 ? { meetingId: match[1]!, position: +match[2]! } : null;
}

/** The address of an item (`meetingitem`) or a meeting (`meeting`) page of the item's portal. */
function pageUrl(item: MeetingItemPage, page: 'meetingitem' | 'meeting', id: string): string | null {
  const { portal, generation } = item;
  return portal && generation
    ? safeHttpUrl(generation === 'static' ? `${portal}/kokous/${id}.HTM` : `${portal}/cgi/DREQUEST.PHP?page=${page}&id=${id}`)
    : null;
}

/** Neighbours of an item; `meetingItems` is the meeting's item list when the content script knows it. */
export function deriveNeighbours(item: MeetingItemPage, meetingItems?: readonly Pick<MeetingListItem, 'itemId' | 'url'>[] | null): Neighbours {
  const links = item.links;
  const pos = parseItemId(item.itemId);
  const index = item.itemId && meetingItems ? meetingItems.findIndex((m) => m.itemId === item.itemId) : -1;
  const neighbour = (step: 1 | -1, own: string | null): string | null => {
    const page = safeHttpUrl(own);
    if (page) return page;
    // The list is authoritative: at its ends there is nothing further to derive.
    if (index >= 0) {
      const m = meetingItems![index + step];
      return m ? (safeHttpUrl(m.url) ?? (m.itemId ? pageUrl(item, 'meetingitem', m.itemId) : null)) : null;
    }
    return pos && pos.position + step > 0 ? pageUrl(item, 'meetingitem', `${pos.meetingId}-${pos.position + step}`) : null;
  };
  const meetingId = item.meetingId ?? pos?.meetingId;
  return {
    previous: neighbour(-1, links.previous),
    next: neighbour(1, links.next),
    up: safeHttpUrl(links.meeting) ?? (meetingId ? pageUrl(item, 'meeting', meetingId) : null),
  };
}

/** A link of the page: its <a> elements can be passed as they are. */
export interface PageLink {
  /** Absolute, as the DOM resolves it (`a.href`). */
  href: string;
  /** Never null for an element (the DOM types say null for documents). */
  textContent: string | null;
}

/** `<base>/cgi/DREQUEST.PHP?page=meetings&id=<organId>` or `<base>/kokous/TELIN-<organId>.HTM` (as page detection reads it). */
function isOrganMeetingsUrl(href: string): boolean {
  const url = new URL(href);
  return (
    /\/kokous\/TELIN-[\w-]+\.html?$/i.test(url.pathname) ||
    (/\/cgi\/DREQUEST\.PHP$/i.test(url.pathname) && url.searchParams.get('page') === 'meetings' && !!url.searchParams.get('id'))
  );
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * `u` on a meeting page: the organ's meetings page, when the page links to it. Anchored on the link's
 * URL shape, not on class names. Several different such links: the one whose text is the meeting's
 * organ wins; otherwise there is no telling which is up, and null says so (never a guess).
 */
export function organMeetingsUp(links: Iterable<PageLink>, organ: string | null): string | null {
  // Every such address, and those of links named like the meeting's organ.
  const all = new Set<string>();
  const named = new Set<string>();
  for (const link of links) {
    // A fragment only points inside the same page.
    const url = safeHttpUrl(link.href)?.replace(/#.*$/, '');
    if (url && isOrganMeetingsUrl(url)) {
      all.add(url);
      if (organ && squash(link.textContent!) === squash(organ)) named.add(url);
    }
  }
  const up = all.size === 1 ? all : named;
  return up.size === 1 ? [...up][0]! : null;
}

/** Moves a list selection by delta, staying inside the list; -1 (nothing selected) starts at an end. */
export function moveSelection(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

/**
 * Indices of the next meeting on or after `today` and of the latest one before it, -1 for none (ISO
 * dates compare as strings).
 */
export function nextAndPreviousMeeting(meetings: readonly OrganMeeting[], today: string): { next: number; previous: number } {
  let next = -1;
  let previous = -1;
  meetings.forEach(({ date }, i) => {
    if (!date) return;
    if (date >= today) {
      if (next < 0 || date < meetings[next]!.date!) next = i;
    } else if (previous < 0 || date > meetings[previous]!.date!) previous = i;
  });
  return { next, previous };
}
