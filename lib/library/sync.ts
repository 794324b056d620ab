/**
 * Settings and bookmarks through the browser's own sync storage, where they fit its quota
 * (Chrome: 100 kB in all, 8 kB per key, 512 keys). Bookmarks travel as compact rows split over
 * numbered keys, deletions as markers (tombstones: portal, item id, time) split the same way; when
 * not all fit, the markers go first and then the most recently updated bookmarks (selectForSync), and
 * the caller tells the user how many of how many bookmarks were synced.
 *
 * Synced bookmarks are one set shared by all devices, merged entry by entry, never replaced whole:
 * - each bookmark has one entry, either the bookmark or its deletion marker; the newer one wins
 *   (`updated` against the deletion time), so a note edited later beats an older copy, a deletion
 *   beats the copy a device still holds, and a bookmark made again after the deletion beats the
 *   marker. At the same millisecond the deletion wins, and between two copies the greater row, so
 *   that every device picks the same one: merging is idempotent and its order does not matter.
 * - a bookmark missing from a copy is never taken as deleted (only a marker deletes), so a copy
 *   that is partial, older, or mixed key by key by the browser's own sync loses nothing.
 * - what each deletion means on the other devices: removing a bookmark, deleting its item,
 *   deleting a portal and "delete everything" all mark the bookmarks they removed here as deleted,
 *   so they go on every device; bookmarks this device never saw are not touched. Items, visits and
 *   the search index are not synced: deleting them stays on this device, except that an item known
 *   on another device only through the synced bookmark (never read there) goes with the bookmark.
 * - markers older than TOMBSTONE_MAX_AGE_MS (90 days) are dropped, on pull and on push: a device
 *   that comes back after longer can bring such a bookmark back.
 * - times are the devices' clocks, but a bookmark saved here is dated after every copy and deletion
 *   of it this device has seen (saveBookmark), so a clock running behind only decides between
 *   changes made without seeing each other.
 * - push writes the merge of this device's entries and the synced ones; when that does not fit, the
 *   markers are written first (deletions keep travelling; the newest that fit, if not all do), then
 *   as many of the most recently updated bookmarks as fit the rest. A bookmark left out is only
 *   absent from sync storage, which never deletes it anywhere: it stays on the devices that have it,
 *   and travels again once edited (it is then the newest).
 */
import type { BookmarkRecord, ItemRecord, PykalaDatabase } from '../db';
import { itemKey } from '../search/docs';
import { markStale } from '../search/store';
import { cleanTags, MAX_NOTE } from './bookmarks';
import { cleanSettings, getSettings, setSettings, type LibrarySettings } from './settings';
import { isTombstone, readTombstones, TOMBSTONE_MAX_AGE_MS, writeTombstones, type Tombstone } from './tombstones';

/** The part of `storage.sync` used here (injected, so that it is testable without a browser). */
export interface SyncArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const SYNC_SETTINGS_KEY = 'pykala.library.settings';
export const SYNC_BOOKMARKS_PREFIX = 'pykala.library.bm.';
export const SYNC_BOOKMARKS_COUNT = 'pykala.library.bm.count';
export const SYNC_TOMBSTONES_PREFIX = 'pykala.library.del.';
export const SYNC_TOMBSTONES_COUNT = 'pykala.library.del.count';
export const SYNC_BUDGET_BYTES = 90_000;
const CHUNK_BYTES = 7_000;

/** [portal, itemId, note, tags, created, updated, title, organ, date, section] */
export type Row = [string, string, string, string[], number, number, string | null, string | null, string | null, number | null];

/** One device's or one storage's bookmarks and deletion markers. */
export interface SyncSet {
  bookmarks: Row[];
  tombstones: Tombstone[];
}

/**
 * The last push's outcome. Over the quota it names how many bookmarks (the most recently updated)
 * were synced of how many; without the counts the browser refused the write and nothing went.
 */
export type SyncOutcome =
  | { ok: true; bookmarks: number }
  | { ok: false; reason: 'quota' | 'error'; detail: string; synced?: number; total?: number; pull?: true };

/** Where the last push's or failed pull's outcome is kept (storage.local) for the library page to show. */
export const SYNC_STATUS_KEY = 'pykala.library.syncStatus';

/** A failed pull or push, as the outcome the library page shows; a pull's is marked, as the next good pull clears it. */
export function failedSync(error: unknown, during?: 'pull'): SyncOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: isFullQuota(detail) ? 'quota' : 'error', detail, ...(during === 'pull' ? { pull: true as const } : {}) };
}

/** After a pull that went well: a failed pull kept as the status is no longer true (a push's outcome stays). */
export async function clearFailedPull(local: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> }): Promise<void> {
  const status = (await local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as SyncOutcome | undefined;
  if (status && !status.ok && status.pull) await local.remove(SYNC_STATUS_KEY);
}

/**
 * Sync storage is full (QUOTA_BYTES, QUOTA_BYTES_PER_ITEM). Chrome words its write-rate limits
 * (MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR) as a "quota" too, but those only mean "later".
 */
function isFullQuota(message: string): boolean {
  return /quota/i.test(message) && !/MAX_WRITE_OPERATIONS/i.test(message);
}

/** What the library page says about the last sync: nothing when it went well. */
export function syncStatusMessage(outcome: SyncOutcome | undefined, t: (key: string, substitutions?: string | string[]) => string): string | null {
  if (!outcome || outcome.ok) return null;
  if (outcome.reason === 'error') return t('library_syncFailed', outcome.detail || '?');
  const { synced, total } = outcome;
  if (typeof synced !== 'number' || typeof total !== 'number') return t('library_syncQuota');
  // Every bookmark went and only the oldest deletion markers did not: nothing the user can act on.
  if (synced >= total) return null;
  return t('library_syncPartial', [String(synced), String(total)]);
}

/** Whether a sync storage key holds bookmarks or deletion markers (settings and counts do not). */
export function isSyncedBookmarkKey(key: string): boolean {
  return [SYNC_BOOKMARKS_PREFIX, SYNC_TOMBSTONES_PREFIX].some((prefix) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)));
}

/**
 * Size as Chrome counts it against the quota: its own JSON writer escapes `<` and DEL as \u003C and
 * U+2028/U+2029 as \u2028 (six bytes where JSON.stringify writes one to three), so they count so here.
 */
function bytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value).replace(/[<\u007f\u2028\u2029]/g, '\\u003C')).length;
}

function entryKey(portal: string, itemId: string): string {
  return JSON.stringify([portal, itemId]);
}

export function chunkRows<T>(rows: T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const row of rows) {
    const s = bytes(row) + 1;
    if (current.length && size + s > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(row);
    size += s;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const time = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** A row from sync storage in the shape this device writes, or null when it is not a bookmark row. */
export function cleanRow(raw: unknown): Row | null {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'string' || !raw[0] || !raw[1]) return null;
  const [portal, itemId, note, tags, created, updated, title, organ, date, section] = raw as unknown[];
  // Without its time a row cannot be ordered against the other copies.
  if (!time(updated)) return null;
  return [
    portal as string,
    itemId as string,
    (text(note) ?? '').slice(0, MAX_NOTE),
    cleanTags(tags),
    time(created) || time(updated),
    time(updated),
    text(title),
    text(organ),
    text(date),
    typeof section === 'number' && Number.isFinite(section) ? section : null,
  ];
}

type Entry = Row | Tombstone;
const isMarker = (e: Entry): e is Tombstone => e.length === 3;
const entryTime = (e: Entry): number => (isMarker(e) ? e[2] : e[5]);

/** Whether `a` replaces `b` (entries of the same bookmark): a total order, the same on every device. */
function beats(a: Entry, b: Entry): boolean {
  if (entryTime(a) !== entryTime(b)) return entryTime(a) > entryTime(b);
  if (isMarker(a) !== isMarker(b)) return isMarker(a);
  return JSON.stringify(a) > JSON.stringify(b);
}

/**
 * Merges copies of the synced set: per bookmark the winning entry (see the top of this file), markers
 * older than TOMBSTONE_MAX_AGE_MS before `now` left out. Commutative, associative and idempotent for
 * a given `now`; the result is sorted, so equal sets come out equal.
 */
export function mergeSyncSets(sets: SyncSet[], now: number): SyncSet {
  const cutoff = now - TOMBSTONE_MAX_AGE_MS;
  const winners = new Map<string, Entry>();
  const offer = (entry: Entry) => {
    const key = entryKey(entry[0], entry[1]);
    const held = winners.get(key);
    if (!held || beats(entry, held)) winners.set(key, entry);
  };
  for (const set of sets) {
    for (const t of set.tombstones) if (t[2] >= cutoff) offer(t);
    for (const r of set.bookmarks) offer(r);
  }
  const merged: SyncSet = { bookmarks: [], tombstones: [] };
  for (const key of [...winners.keys()].sort()) {
    const entry = winners.get(key)!;
    if (isMarker(entry)) merged.tombstones.push(entry);
    else merged.bookmarks.push(entry);
  }
  return merged;
}

/** Chunks stored under `prefix` + a number, whatever the count key says (a stale count loses nothing). */
function storedChunks(all: Record<string, unknown>, prefix: string): { keys: string[]; rows: unknown[] } {
  const keys = Object.keys(all).filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)));
  const rows = keys.flatMap((k) => (Array.isArray(all[k]) ? (all[k] as unknown[]) : []));
  return { keys, rows };
}

/** What sync storage holds, checked row by row (a row that is not ours is skipped). */
export function readSyncSet(all: Record<string, unknown>): SyncSet {
  return {
    bookmarks: storedChunks(all, SYNC_BOOKMARKS_PREFIX).rows.map(cleanRow).filter((r): r is Row => r !== null),
    tombstones: storedChunks(all, SYNC_TOMBSTONES_PREFIX).rows.filter(isTombstone).map((t) => [t[0], t[1], t[2]] as Tombstone),
  };
}

/** This device's bookmarks (with their item's title, organ, date and § for the other side) and markers. */
async function localSyncSet(db: PykalaDatabase, bookmarks?: BookmarkRecord[]): Promise<SyncSet> {
  bookmarks ??= await db.bookmarks.toArray();
  const items = await db.items.bulkGet(bookmarks.map((b) => [b.portal, b.itemId]) as never[]);
  return {
    bookmarks: bookmarks.map((b, i) => {
      const item = items[i];
      return [b.portal, b.itemId, b.note, b.tags, b.created, b.updated, item?.title ?? null, item?.organ ?? null, item?.meetingDate ?? null, item?.section ?? null];
    }),
    tombstones: await readTombstones(db),
  };
}

/** The payload for `set`: settings, bookmark chunks and marker chunks with their counts. */
function payloadOf(settings: LibrarySettings, bookmarks: Row[], tombstones: Tombstone[]): Record<string, unknown> {
  const payload: Record<string, unknown> = { [SYNC_SETTINGS_KEY]: settings };
  const add = (prefix: string, countKey: string, rows: unknown[]) => {
    const chunks = chunkRows(rows);
    payload[countKey] = chunks.length;
    chunks.forEach((c, i) => (payload[`${prefix}${i}`] = c));
  };
  add(SYNC_BOOKMARKS_PREFIX, SYNC_BOOKMARKS_COUNT, bookmarks);
  add(SYNC_TOMBSTONES_PREFIX, SYNC_TOMBSTONES_COUNT, tombstones);
  return payload;
}

function fits(payload: Record<string, unknown>, rows: unknown[]): boolean {
  return bytes(payload) <= SYNC_BUDGET_BYTES && rows.every((r) => bytes(r) <= CHUNK_BYTES);
}

/** The longest prefix of `entries` for which `fitsWith` holds (it must hold for fewer when it holds for more). */
function longestPrefixThatFits<T>(entries: T[], fitsWith: (prefix: T[]) => boolean): T[] {
  if (fitsWith(entries)) return entries;
  // By bisection; none at all always fits (the settings alone).
  let fitting = 0;
  let over = entries.length;
  while (over - fitting > 1) {
    const mid = (fitting + over) >> 1;
    if (fitsWith(entries.slice(0, mid))) fitting = mid;
    else over = mid;
  }
  return entries.slice(0, fitting);
}

/**
 * What of a merged set goes to sync storage: all of it when it fits; otherwise the newest deletion
 * markers that fit (all of them if they can), then the most recently updated bookmarks that fit the
 * rest. A bookmark too big for a chunk of its own is left out (it never fits). The result is a
 * subset of `merged` in its own order.
 */
export function selectForSync(merged: SyncSet, settings: LibrarySettings): SyncSet {
  if (fits(payloadOf(settings, merged.bookmarks, merged.tombstones), [...merged.bookmarks, ...merged.tombstones])) return merged;
  const byKey = (x: Entry, y: Entry) => (entryKey(x[0], x[1]) < entryKey(y[0], y[1]) ? -1 : 1);
  const newestFirst = (x: Entry, y: Entry) => entryTime(y) - entryTime(x) || byKey(x, y);
  // A marker left out only stops protecting against a stale copy; a bookmark left out stays on the
  // devices that have it.
  const markers = new Set(
    longestPrefixThatFits([...merged.tombstones].sort(newestFirst), (m) => fits(payloadOf(settings, [], m), m)),
  );
  const tombstones = merged.tombstones.filter((t) => markers.has(t));
  const candidates = merged.bookmarks.filter((r) => bytes(r) <= CHUNK_BYTES).sort(newestFirst);
  const rows = new Set(longestPrefixThatFits(candidates, (r) => fits(payloadOf(settings, r, tombstones), r)));
  return { bookmarks: merged.bookmarks.filter((r) => rows.has(r)), tombstones };
}

/**
 * Writes the merge of this device's bookmarks and markers with what sync storage holds (entries of
 * other devices not pulled here yet stay). This device's database is not changed: pullFromSync does that.
 */
export async function pushToSync(db: PykalaDatabase, area: SyncArea, now = Date.now()): Promise<SyncOutcome> {
  const settings = await getSettings(db);
  const local = await db.transaction('r', ['items', 'bookmarks', 'kv'], () => localSyncSet(db));
  try {
    const all = await area.get(null);
    const merged = mergeSyncSets([local, readSyncSet(all)], now);
    const chosen = selectForSync(merged, settings);
    const payload = payloadOf(settings, chosen.bookmarks, chosen.tombstones);
    const leftover = [...storedChunks(all, SYNC_BOOKMARKS_PREFIX).keys, ...storedChunks(all, SYNC_TOMBSTONES_PREFIX).keys].filter((k) => !(k in payload));
    try {
      await area.set(payload);
    } catch (error) {
      // The old chunks still count against the quota while the new ones are written: they hold
      // nothing the merge lacks, so drop them first and try once more.
      if (!leftover.length || !isFullQuota(String(error))) throw error;
      await area.remove(leftover);
      leftover.length = 0;
      await area.set(payload);
    }
    if (leftover.length) await area.remove(leftover);
    if (chosen !== merged) {
      const full = payloadOf(settings, merged.bookmarks, merged.tombstones);
      return { ok: false, reason: 'quota', detail: `${bytes(full)} bytes`, synced: chosen.bookmarks.length, total: merged.bookmarks.length };
    }
    return { ok: true, bookmarks: merged.bookmarks.length };
  } catch (error) {
    return failedSync(error);
  }
}

const sameRecord = (b: BookmarkRecord, r: Row): boolean =>
  JSON.stringify([b.note, b.tags, b.created, b.updated]) === JSON.stringify([r[2], r[3], r[4], r[5]]);

/**
 * Merges what the other devices synced into this device: newer bookmarks are stored, bookmarks with
 * a newer deletion marker are deleted, the markers are kept for this device's next push; settings
 * merge exclusions. Returns how many bookmarks were added, changed or deleted here.
 */
export async function pullFromSync(db: PykalaDatabase, area: SyncArea, now = Date.now()): Promise<number> {
  const all = await area.get(null);
  const remoteSettings = all[SYNC_SETTINGS_KEY] ? cleanSettings(all[SYNC_SETTINGS_KEY]) : null;
  const remote = readSyncSet(all);
  let changed = 0;
  await db.transaction('rw', ['items', 'bookmarks', 'kv'], async () => {
    const records = await db.bookmarks.toArray();
    const mine = new Map(records.map((b) => [entryKey(b.portal, b.itemId), b]));
    const local = await localSyncSet(db, records);
    const merged = mergeSyncSets([local, remote], now);
    const touched: string[] = [];
    for (const row of merged.bookmarks) {
      const [portal, itemId, note, tags, created, updated, title, organ, date, section] = row;
      const held = mine.get(entryKey(portal, itemId));
      if (held && sameRecord(held, row)) continue;
      const record: BookmarkRecord = { portal, itemId, note, tags, created, updated };
      await db.bookmarks.put(record);
      const key = [portal, itemId] as never;
      if (!(await db.items.get(key))) {
        const stub: ItemRecord = {
          portal, itemId, organ, meetingDate: date, section,
          title, diaryNumber: null, outcome: null, page: null, contentHash: null, readHash: null,
          // Not read on this device: dated by the bookmark, so that a real record (import, reading) wins.
          firstSeen: created, lastSeen: created, lastRead: null,
        };
        await db.items.put(stub);
      }
      touched.push(itemKey(portal, itemId));
    }
    for (const [portal, itemId] of merged.tombstones) {
      if (!mine.has(entryKey(portal, itemId))) continue;
      const key = [portal, itemId] as never;
      await db.bookmarks.delete(key);
      // An item known here only through the synced bookmark (a stub, never read here) goes with it;
      // one read here is this device's own history and stays.
      const item = await db.items.get(key);
      if (item && item.page === null && item.lastRead === null) await db.items.delete(key);
      touched.push(itemKey(portal, itemId));
    }
    if (JSON.stringify(merged.tombstones) !== JSON.stringify(local.tombstones)) await writeTombstones(db, merged.tombstones);
    if (touched.length) await markStale(db, touched);
    changed = touched.length;
    if (remoteSettings) await mergeSettings(db, remoteSettings);
  });
  return changed;
}

async function mergeSettings(db: PykalaDatabase, remote: LibrarySettings): Promise<void> {
  const mine = await getSettings(db);
  await setSettings(db, { excludedPortals: [...new Set([...mine.excludedPortals, ...remote.excludedPortals])] });
}
