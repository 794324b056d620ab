/**
 * Notifications: one per poll (never one per entry), naming organ and title; quiet hours. Pure: the
 * shell passes the result to `notifications.create` and remembers id -> address for the click.
 */
import type { FeedEntryRecord } from '../db';
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
