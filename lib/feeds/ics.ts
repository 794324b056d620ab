/**
 * Upcoming meetings (from the meetings feed) and their `.ics` export (RFC 5545) for the organs the
 * user follows. The feed gives organ and date but no time, so events are all-day.
 */
import type { FeedEntryRecord } from '../db';
import { isSafeHttpUrl } from '../dynasty/urls';
import type { FollowRule } from './settings';

/** Today's local date as ISO YYYY-MM-DD. */
export function localIsoDate(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

const organKey = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Meetings on or after `today`, soonest first. With organ rules, only those organs (in their portal
 * when the rule names one); without organ rules, every watched portal's meetings.
 */
export function upcomingMeetings(entries: FeedEntryRecord[], rules: readonly FollowRule[], today: string): FeedEntryRecord[] {
  const organRules = rules.filter((r) => r.kind === 'organ');
  const followed = (e: FeedEntryRecord) =>
    organRules.length === 0 ||
    organRules.some((r) => e.organ !== null && organKey(e.organ) === organKey(r.value) && (r.portal === null || r.portal === e.portal));
  return entries
    .filter((e) => e.feed === 'meetings' && e.date !== null && e.date >= today && followed(e))
    .sort((a, b) => a.date!.localeCompare(b.date!) || (a.organ ?? '').localeCompare(b.organ ?? ''));
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character: CRLF + one space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function dateValue(iso: string): string {
  return iso.replace(/-/g, '');
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface IcsText {
  calendarName: string;
  /** Event summary for a meeting of an organ, e.g. "Kaupunginhallitus: kokous". */
  summary: (organ: string, title: string) => string;
}

/** The meetings as one VCALENDAR; lines end in CRLF as RFC 5545 requires. */
export function meetingsToIcs(meetings: FeedEntryRecord[], text: IcsText, now: Date): string {
  const stamp = utcStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pykala//Dynasty meetings//FI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(text.calendarName)}`,
  ];
  for (const m of meetings) {
    if (!m.date) continue;
    let host = 'pykala.invalid';
    try {
      host = new URL(m.portal).host;
    } catch {
      /* keep the placeholder */
    }
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(`${m.entryId}-${m.feed}@${host}`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${dateValue(m.date)}`,
      `DTEND;VALUE=DATE:${dateValue(nextDay(m.date))}`,
      `SUMMARY:${escapeText(text.summary(m.organ ?? '', m.title))}`,
    );
    const url = m.url;
    if (url && isSafeHttpUrl(url)) lines.push(`URL:${url}`, `DESCRIPTION:${escapeText(url)}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
