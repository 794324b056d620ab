/**
 * Where j / k / u lead. The page's own Edellinen asia / Seuraava asia links win; where a page lacks
 * them, the meeting's item list (when known) gives the order; failing that, the item id
 * `<meetingId>-<n>` gives the neighbours by agenda position (n is the position, not the §).
 * On a meeting page, u leads to the organ's meetings page the page links to (organMeetingsUp).
 */
import type { Generation, MeetingItemPage, MeetingListItem, OrganMeeting } from '../dynasty/types';
import { safeHttpUrl } from './safe';

export type NeighbourSource = 'page' | 'meeting' | 'derived';

export interface Neighbour {
  url: string;
  source: NeighbourSource;
}

export interface Neighbours {
  previous: Neighbour | null;
  next: Neighbour | null;
  up: Neighbour | null;
}

export function parseItemId(itemId: string | null): { meetingId: string; position: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(itemId ?? '');
  if (!match) return null;
  const position = Number(match[2]);
  return position >= 1 ? { meetingId: match[1]!, position } : null;
}

export function itemUrl(portal: string | null, generation: Generation | null, itemId: string): string | null {
  if (!portal) return null;
  if (generation === 'static') return safeHttpUrl(`${portal}/kokous/${itemId}.HTM`);
  if (generation === 'dynamic') return safeHttpUrl(`${portal}/cgi/DREQUEST.PHP?page=meetingitem&id=${itemId}`);
  return null;
}

export function meetingUrl(portal: string | null, generation: Generation | null, meetingId: string): string | null {
  if (!portal) return null;
  if (generation === 'static') return safeHttpUrl(`${portal}/kokous/${meetingId}.HTM`);
  if (generation === 'dynamic') return safeHttpUrl(`${portal}/cgi/DREQUEST.PHP?page=meeting&id=${meetingId}`);
  return null;
}

function fromPage(url: string | null): Neighbour | null {
  const safe = safeHttpUrl(url);
  return safe ? { url: safe, source: 'page' } : null;
}

/** Neighbours of an item; `meetingItems` is the meeting's item list when the content script knows it. */
export function deriveNeighbours(item: MeetingItemPage, meetingItems?: readonly MeetingListItem[] | null): Neighbours {
  let previous = fromPage(item.links.previous);
  let next = fromPage(item.links.next);
  const pos = parseItemId(item.itemId);

  if ((!previous || !next) && meetingItems && meetingItems.length && item.itemId) {
    const index = meetingItems.findIndex((m) => m.itemId === item.itemId);
    if (index >= 0) {
      const urlOf = (m: MeetingListItem | undefined): Neighbour | null => {
        if (!m) return null;
        const url = safeHttpUrl(m.url) ?? (m.itemId ? itemUrl(item.portal, item.generation, m.itemId) : null);
        return url ? { url, source: 'meeting' } : null;
      };
      previous ??= urlOf(meetingItems[index - 1]);
      next ??= urlOf(meetingItems[index + 1]);
      // The list is authoritative: at its ends there is nothing further to derive.
      return { previous, next, up: upOf(item) };
    }
  }
  if (pos) {
    if (!previous && pos.position > 1) {
      const url = itemUrl(item.portal, item.generation, `${pos.meetingId}-${pos.position - 1}`);
      if (url) previous = { url, source: 'derived' };
    }
    if (!next) {
      const url = itemUrl(item.portal, item.generation, `${pos.meetingId}-${pos.position + 1}`);
      if (url) next = { url, source: 'derived' };
    }
  }
  return { previous, next, up: upOf(item) };
}

function upOf(item: MeetingItemPage): Neighbour | null {
  const page = fromPage(item.links.meeting);
  if (page) return page;
  const meetingId = item.meetingId ?? parseItemId(item.itemId)?.meetingId ?? null;
  const url = meetingId ? meetingUrl(item.portal, item.generation, meetingId) : null;
  return url ? { url, source: 'derived' } : null;
}

export interface PageLink {
  /** Absolute, as the DOM resolves it (`a.href`). */
  href: string;
  text: string;
}

/** `<base>/cgi/DREQUEST.PHP?page=meetings&id=<organId>` or `<base>/kokous/TELIN-<organId>.HTM` (as page detection reads it). */
function isOrganMeetingsUrl(href: string): boolean {
  const url = new URL(href);
  if (/\/kokous\/TELIN-[\w-]+\.html?$/i.test(url.pathname)) return true;
  return /\/cgi\/DREQUEST\.PHP$/i.test(url.pathname) && url.searchParams.get('page') === 'meetings' && !!url.searchParams.get('id');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * `u` on a meeting page: the organ's meetings page, when the page links to it. Anchored on the link's
 * URL shape, not on class names. Several different such links: the one whose text is the meeting's
 * organ wins; otherwise there is no telling which is up, and null says so (never a guess).
 */
export function organMeetingsUp(links: Iterable<PageLink>, organ: string | null): Neighbour | null {
  const candidates = new Map<string, string[]>();
  for (const link of links) {
    // A fragment only points inside the same page.
    const url = safeHttpUrl(link.href)?.replace(/#.*$/, '');
    if (!url || !isOrganMeetingsUrl(url)) continue;
    candidates.set(url, [...(candidates.get(url) ?? []), squash(link.text)]);
  }
  let found = candidates.size === 1 ? [...candidates.keys()][0]! : null;
  if (!found && organ) {
    const named = [...candidates].filter(([, texts]) => texts.includes(squash(organ)));
    if (named.length === 1) found = named[0]![0];
  }
  return found ? { url: found, source: 'page' } : null;
}

/** Moves a list selection by delta, staying inside the list; -1 (nothing selected) starts at an end. */
export function moveSelection(current: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, current + delta));
}

/** The next meeting on or after `today` and the latest one before it (ISO dates compare as strings). */
export function nextAndPreviousMeeting(
  meetings: readonly OrganMeeting[],
  today: string,
): { next: OrganMeeting | null; previous: OrganMeeting | null } {
  let next: OrganMeeting | null = null;
  let previous: OrganMeeting | null = null;
  for (const meeting of meetings) {
    if (!meeting.date) continue;
    if (meeting.date >= today) {
      if (!next || meeting.date < next.date!) next = meeting;
    } else if (!previous || meeting.date > previous.date!) previous = meeting;
  }
  return { next, previous };
}
