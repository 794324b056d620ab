/**
 * Full backup and restore. The file is versioned JSON; an import is validated completely before
 * anything is written, and then written in one transaction, so a bad file changes nothing.
 * Importing merges: the same item or bookmark is never duplicated; the newer copy wins.
 */
import type { BookmarkRecord, ItemRecord, PykalaDatabase, VisitRecord } from '../db';
import { itemKey } from '../search/docs';
import { markStale } from '../search/store';
import { guardQuota } from './errors';
import { cleanSettings, getSettings, SETTINGS_KEY, type LibrarySettings } from './settings';
import { reviveDeleted } from './tombstones';

export const BACKUP_FORMAT = 'pykala-backup';
export const BACKUP_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  counts: { items: number; visits: number; bookmarks: number };
  settings: LibrarySettings;
  items: ItemRecord[];
  visits: Omit<VisitRecord, 'id'>[];
  bookmarks: BookmarkRecord[];
}

export type BackupProblem = 'empty' | 'notOurs' | 'truncated' | 'futureVersion' | 'invalid';

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    detail: string,
  ) {
    super(detail);
    this.name = 'BackupError';
  }
}

export async function exportBackup(db: PykalaDatabase, now = new Date()): Promise<Backup> {
  return db.transaction('r', ['items', 'visits', 'bookmarks', 'kv'], async () => {
    const [items, visits, bookmarks, settings] = await Promise.all([
      db.items.toArray(),
      db.visits.toArray(),
      db.bookmarks.toArray(),
      getSettings(db),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      counts: { items: items.length, visits: visits.length, bookmarks: bookmarks.length },
      settings,
      items,
      visits: visits.map(({ portal, itemId, at }) => ({ portal, itemId, at })),
      bookmarks,
    };
  });
}

export function backupFileName(now = new Date()): string {
  return `pykala-backup-${now.toISOString().slice(0, 10)}.json`;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNullable = <T>(v: unknown, check: (x: unknown) => x is T) => v === null || v === undefined || check(v);

function validItem(v: unknown): v is ItemRecord {
  const i = v as ItemRecord;
  return (
    typeof v === 'object' && v !== null &&
    isString(i.portal) && isString(i.itemId) && i.portal !== '' && i.itemId !== '' &&
    isNum(i.firstSeen) && isNum(i.lastSeen) &&
    isNullable(i.title, isString) && isNullable(i.organ, isString) && isNullable(i.meetingDate, isString) &&
    isNullable(i.section, isNum) && isNullable(i.diaryNumber, isString) &&
    (i.page === null || i.page === undefined || validPage(i.page))
  );
}

/** What indexing and snippets read from a page: a page without them would break every search. */
function validPage(v: unknown): boolean {
  const p = v as ItemRecord['page'] & object;
  return (
    typeof v === 'object' && v !== null && p.kind === 'meetingItem' &&
    Array.isArray(p.sections) && p.sections.every((s) => typeof s === 'object' && s !== null && isString(s.text)) &&
    Array.isArray(p.attachments) && p.attachments.every((a) => typeof a === 'object' && a !== null && isString(a.title)) &&
    Array.isArray(p.people) && p.people.every((x) => typeof x === 'object' && x !== null && isString(x.name)) &&
    isNullable(p.proposal, isString) && isNullable(p.decision, isString) && isNullable(p.url, isString)
  );
}

function validBookmark(v: unknown): v is BookmarkRecord {
  const b = v as BookmarkRecord;
  return (
    typeof v === 'object' && v !== null && isString(b.portal) && isString(b.itemId) && isString(b.note) &&
    Array.isArray(b.tags) && b.tags.every(isString) && isNum(b.created) && isNum(b.updated)
  );
}

function validVisit(v: unknown): v is VisitRecord {
  const x = v as VisitRecord;
  return typeof v === 'object' && v !== null && isString(x.portal) && isString(x.itemId) && isNum(x.at);
}

/** Parses and checks a backup file; throws BackupError naming what is wrong. */
export function parseBackup(text: string): Backup {
  const trimmed = text.trim();
  if (!trimmed) throw new BackupError('empty', 'the file is empty');
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    // Ours but cut short (a download interrupted, a copy that ran out of space).
    if (trimmed.startsWith('{') && trimmed.slice(0, 200).includes(`"${BACKUP_FORMAT}"`)) {
      throw new BackupError('truncated', 'the file ends too early');
    }
    throw new BackupError('notOurs', 'not a Pykälä backup (not JSON)');
  }
  const b = data as Partial<Backup>;
  if (typeof data !== 'object' || data === null || b.format !== BACKUP_FORMAT) {
    throw new BackupError('notOurs', 'not a Pykälä backup');
  }
  if (!isNum(b.version) || b.version < 1) throw new BackupError('invalid', 'the backup has no version');
  if (b.version > BACKUP_VERSION) {
    throw new BackupError('futureVersion', `backup version ${b.version} is newer than this Pykälä understands (${BACKUP_VERSION})`);
  }
  if (!Array.isArray(b.items) || !Array.isArray(b.bookmarks) || !Array.isArray(b.visits)) {
    throw new BackupError('truncated', 'the backup lacks items, visits or bookmarks');
  }
  const counts = b.counts;
  if (
    !counts ||
    counts.items !== b.items.length ||
    counts.bookmarks !== b.bookmarks.length ||
    counts.visits !== b.visits.length
  ) {
    throw new BackupError('truncated', 'the backup holds fewer rows than it says');
  }
  const badItem = b.items.findIndex((i) => !validItem(i));
  if (badItem >= 0) throw new BackupError('invalid', `item ${badItem + 1} is not valid`);
  const badBookmark = b.bookmarks.findIndex((x) => !validBookmark(x));
  if (badBookmark >= 0) throw new BackupError('invalid', `bookmark ${badBookmark + 1} is not valid`);
  const badVisit = b.visits.findIndex((x) => !validVisit(x));
  if (badVisit >= 0) throw new BackupError('invalid', `visit ${badVisit + 1} is not valid`);
  return { ...(b as Backup), settings: cleanSettings(b.settings) };
}

export interface ImportSummary {
  items: number;
  bookmarks: number;
  visits: number;
}

/** Validates, then merges the backup into the database in one transaction. */
export async function importBackup(db: PykalaDatabase, text: string): Promise<ImportSummary> {
  const backup = parseBackup(text);
  return guardQuota(() =>
    db.transaction('rw', ['items', 'visits', 'bookmarks', 'kv'], async () => {
      const summary: ImportSummary = { items: 0, bookmarks: 0, visits: 0 };
      const keys = backup.items.map((i) => [i.portal, i.itemId]);
      const existing = await db.items.bulkGet(keys as never[]);
      const items = backup.items.filter((item, i) => {
        const mine = existing[i];
        // A stub (known only from a synced bookmark or a feed, never read here) gives way to a real record.
        return !mine || item.lastSeen > mine.lastSeen || (mine.page === null && !!item.page);
      });
      await db.items.bulkPut(items.map((i) => ({ ...i, page: i.page ?? null })));
      summary.items = items.length;

      const bookmarkKeys = backup.bookmarks.map((b) => [b.portal, b.itemId]);
      const existingMarks = await db.bookmarks.bulkGet(bookmarkKeys as never[]);
      // A bookmark deleted here since the backup was made comes back as made again now (deletion markers).
      const marks = await reviveDeleted(db, backup.bookmarks.filter((b, i) => !existingMarks[i] || b.updated > existingMarks[i]!.updated));
      await db.bookmarks.bulkPut(marks);
      summary.bookmarks = marks.length;

      const have = new Set((await db.visits.toArray()).map((v) => `${v.portal}|${v.itemId}|${v.at}`));
      const visits = backup.visits.filter((v) => !have.has(`${v.portal}|${v.itemId}|${v.at}`));
      await db.visits.bulkAdd(visits.map(({ portal, itemId, at }) => ({ portal, itemId, at })));
      summary.visits = visits.length;

      const settings = await getSettings(db);
      await db.kv.put({
        key: SETTINGS_KEY,
        value: {
          paused: settings.paused,
          excludedPortals: [...new Set([...settings.excludedPortals, ...backup.settings.excludedPortals])].sort(),
        },
      });
      await markStale(db, [...new Set([...items, ...marks].map((x) => itemKey(x.portal, x.itemId)))]);
      return summary;
    }),
  );
}
