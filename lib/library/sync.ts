/**
 * Settings and bookmarks through the browser's own sync storage, where they fit its quota
 * (Chrome: 100 kB in all, 8 kB per key, 512 keys). Bookmarks travel as compact rows split over
 * numbered keys; when they do not fit, nothing is half-written and the caller tells the user.
 */
import type { BookmarkRecord, ItemRecord, PykalaDatabase } from '../db';
import { itemKey } from '../search/docs';
import { markStale } from '../search/store';
import { cleanTags } from './bookmarks';
import { cleanSettings, getSettings, setSettings, type LibrarySettings } from './settings';

/** The part of `storage.sync` used here (injected, so that it is testable without a browser). */
export interface SyncArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const SYNC_SETTINGS_KEY = 'pykala.library.settings';
export const SYNC_BOOKMARKS_PREFIX = 'pykala.library.bm.';
export const SYNC_BOOKMARKS_COUNT = 'pykala.library.bm.count';
export const SYNC_BUDGET_BYTES = 90_000;
const CHUNK_BYTES = 7_000;

/** [portal, itemId, note, tags, created, updated, title, organ, date, section] */
type Row = [string, string, string, string[], number, number, string | null, string | null, string | null, number | null];

export type SyncOutcome = { ok: true; bookmarks: number } | { ok: false; reason: 'quota' | 'error'; detail: string };

function bytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

export function chunkRows(rows: Row[]): Row[][] {
  const chunks: Row[][] = [];
  let current: Row[] = [];
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

export async function pushToSync(db: PykalaDatabase, area: SyncArea): Promise<SyncOutcome> {
  const settings = await getSettings(db);
  const bookmarks = await db.bookmarks.toArray();
  const items = await db.items.bulkGet(bookmarks.map((b) => [b.portal, b.itemId]) as never[]);
  const rows: Row[] = bookmarks.map((b, i) => {
    const item = items[i];
    return [b.portal, b.itemId, b.note, b.tags, b.created, b.updated, item?.title ?? null, item?.organ ?? null, item?.meetingDate ?? null, item?.section ?? null];
  });
  const chunks = chunkRows(rows);
  const payload: Record<string, unknown> = { [SYNC_SETTINGS_KEY]: settings, [SYNC_BOOKMARKS_COUNT]: chunks.length };
  chunks.forEach((c, i) => (payload[`${SYNC_BOOKMARKS_PREFIX}${i}`] = c));
  try {
    const before = await area.get(SYNC_BOOKMARKS_COUNT);
    const old = Number(before[SYNC_BOOKMARKS_COUNT] ?? 0);
    if (bytes(payload) > SYNC_BUDGET_BYTES || rows.some((r) => bytes(r) > CHUNK_BYTES)) {
      // Settings still fit; bookmarks do not: sync the settings alone and say so. An earlier,
      // smaller copy of the bookmarks is dropped: left there, it would bring back bookmarks deleted since.
      await area.set({ [SYNC_SETTINGS_KEY]: settings, [SYNC_BOOKMARKS_COUNT]: 0 });
      await removeChunks(area, 0, old);
      return { ok: false, reason: 'quota', detail: `${bytes(payload)} bytes` };
    }
    await area.set(payload);
    await removeChunks(area, chunks.length, old);
    return { ok: true, bookmarks: rows.length };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: /quota/i.test(detail) ? 'quota' : 'error', detail };
  }
}

/** Removes the bookmark chunks numbered from..to-1 (left over from a larger earlier copy). */
async function removeChunks(area: SyncArea, from: number, to: number): Promise<void> {
  const keys = [];
  for (let i = from; i < to; i++) keys.push(`${SYNC_BOOKMARKS_PREFIX}${i}`);
  if (keys.length) await area.remove(keys);
}

/** Merges what another device synced: a bookmark's newer copy wins; settings merge exclusions. */
export async function pullFromSync(db: PykalaDatabase, area: SyncArea, now = Date.now()): Promise<number> {
  const all = await area.get(null);
  const remoteSettings = all[SYNC_SETTINGS_KEY] ? cleanSettings(all[SYNC_SETTINGS_KEY]) : null;
  const count = Number(all[SYNC_BOOKMARKS_COUNT] ?? 0);
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = all[`${SYNC_BOOKMARKS_PREFIX}${i}`];
    if (Array.isArray(chunk)) rows.push(...(chunk.filter((r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string') as Row[]));
  }
  let merged = 0;
  await db.transaction('rw', ['items', 'bookmarks', 'kv'], async () => {
    for (const [portal, itemId, note, tags, created, updated, title, organ, date, section] of rows) {
      const key = [portal, itemId] as never;
      const mine = await db.bookmarks.get(key);
      if (mine && mine.updated >= Number(updated)) continue;
      const record: BookmarkRecord = {
        portal,
        itemId,
        note: typeof note === 'string' ? note : '',
        tags: cleanTags(tags),
        created: Number(created) || now,
        updated: Number(updated) || now,
      };
      await db.bookmarks.put(record);
      if (!(await db.items.get(key))) {
        const stub: ItemRecord = {
          portal, itemId, organ: organ ?? null, meetingDate: date ?? null, section: typeof section === 'number' ? section : null,
          title: title ?? null, diaryNumber: null, outcome: null, page: null, contentHash: null, readHash: null,
          // Not read on this device: dated by the bookmark, so that a real record (import, reading) wins.
          firstSeen: Number(created) || 0, lastSeen: Number(created) || 0, lastRead: null,
        };
        await db.items.put(stub);
      }
      await markStale(db, [itemKey(portal, itemId)]);
      merged++;
    }
    if (remoteSettings) await mergeSettings(db, remoteSettings);
  });
  return merged;
}

async function mergeSettings(db: PykalaDatabase, remote: LibrarySettings): Promise<void> {
  const mine = await getSettings(db);
  await setSettings(db, { excludedPortals: [...new Set([...mine.excludedPortals, ...remote.excludedPortals])] });
}
