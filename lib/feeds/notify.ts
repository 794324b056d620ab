/**
 * Notifications: one per poll (never one per entry), naming organ and title; quiet hours. Pure: the
 * shell passes the result to `notifications.create` and remembers id -> address for the click.
 */
import type { FeedEntryRecord, FeedName } from '../db';
import { isSafeHttpUrl } from '../dynasty/urls';
import type { QuietHours } from './settings';

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when `at` (local time) falls inside the quiet hours; a range may cross midnight (22:00-07:00). */
export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const now = at.getHours() * 60 + at.getMinutes();
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

export interface NotificationPlan {
  title: string;
  message: string;
  /** Where a click goes: the item for one entry; null for a group (the shell opens the "New" list). */
  url: string | null;
  count: number;
}

export interface NotifyText {
  /** "{count} new items" in the user's language. */
  manyTitle: (count: number) => string;
  /** "+{count} more" */
  more: (count: number) => string;
}

const MAX_LINES = 4;

/** What to show for the entries one poll announced, or null when there is nothing to say. */
export function planNotification(entries: FeedEntryRecord[], text: NotifyText): NotificationPlan | null {
  if (entries.length === 0) return null;
  if (entries.length === 1) {
    const e = entries[0]!;
    return { title: e.organ ?? e.portal, message: e.title, url: isSafeHttpUrl(e.url) ? e.url : null, count: 1 };
  }
  const lines = entries.slice(0, MAX_LINES).map((e) => (e.organ ? `${e.organ}: ${e.title}` : e.title));
  if (entries.length > MAX_LINES) lines.push(text.more(entries.length - MAX_LINES));
  return { title: text.manyTitle(entries.length), message: lines.join('\n'), url: null, count: entries.length };
}

/** A held entry's primary key in `feedEntries` ([portal, feed, entryId]): small to store, re-read at delivery. */
export type HeldKey = [portal: string, feed: FeedName, entryId: string];

/** At most this many entries are held (newest kept); quiet hours are shorter than a day, so it is a guard only. */
export const MAX_HELD = 1000;

export function heldKeyOf(e: Pick<FeedEntryRecord, 'portal' | 'feed' | 'entryId'>): HeldKey {
  return [e.portal, e.feed, e.entryId];
}

/** Whatever storage holds (older versions, hand edits) as a list of keys; anything else is dropped. */
export function sanitizeHeld(raw: unknown): HeldKey[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((k): k is HeldKey => Array.isArray(k) && k.length === 3 && k.every((x) => typeof x === 'string'));
}

export interface NotifyInput {
  /** New entries this poll announced (matched the follow rules). */
  announced: FeedEntryRecord[];
  /** Entries held earlier, as the database has them now (a row that is gone is simply not here). */
  held: FeedEntryRecord[];
  /** Notifications are switched on in the settings, permitted and available. */
  canNotify: boolean;
  quiet: QuietHours;
  at: Date;
}

export interface NotifyDecision {
  /** Shown now as one notification (planNotification), newest first; empty: nothing is shown. */
  show: FeedEntryRecord[];
  /** Kept for later, oldest first; replaces what was held. */
  hold: FeedEntryRecord[];
}

/**
 * What one poll does with its new entries and with those held from quiet hours:
 * - inside quiet hours: hold them all (nothing shown);
 * - outside (quiet hours over, or switched off meanwhile): show the held and the new ones together as
 *   the poll's one notification, and hold nothing;
 * - notifications off (or the permission withdrawn): show nothing and drop what was held. The user
 *   chose silence; switching notifications back on later should not bring up last night's items,
 *   which the badge and the New list still show;
 * - an entry opened or marked seen in the meantime (seen = 1, as the badge counts) is never announced,
 *   nor one that no longer counts as followed.
 */
export function decideNotification(input: NotifyInput): NotifyDecision {
  if (!input.canNotify) return { show: [], hold: [] };
  const keys = new Set<string>();
  const pending = [...input.held, ...input.announced].filter((e) => {
    const key = heldKeyOf(e).join('\n');
    if (e.seen !== 0 || e.matched !== 1 || keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  if (inQuietHours(input.quiet, input.at)) return { show: [], hold: pending.slice(-MAX_HELD) };
  // Newest first; a stable sort keeps the feed's own order among one poll's entries (as before).
  return { show: [...pending].sort((a, b) => b.firstSeen - a.firstSeen), hold: [] };
}
