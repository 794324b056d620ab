/**
 * Recording what the user reads: each parsed item page is stored once per portal and item id, a read
 * again updates it, and a changed content hash is reported as "changed since you read it".
 */
import type { BookmarkRecord, FeedName, ItemRecord, PykalaDatabase } from '../db';
import type { MeetingItemPage, ParsedPage } from '../dynasty/types';
import { warningText } from '../dynasty/warnings';
import type { BookmarkData, ItemMarkers } from '../messages';
import { itemKey } from '../search/docs';
import { CLEARED_KEY, markStale } from '../search/store';
import { guardQuota } from './errors';
import { contentHash } from './hash';
import { getSettings, type LibrarySettings } from './settings';
import { recordDeletions } from './tombstones';

export interface RecordResult {
  recorded: boolean;
  changedSinceRead: boolean;
  bookmark: BookmarkData | null;
}

const FEEDS_OF_ITEMS: FeedName[] = ['meetingitems', 'official_decisions'];

export function isRecordable(page: ParsedPage): page is MeetingItemPage & { portal: string; itemId: string } {
  return page.kind === 'meetingItem' && !!page.portal && !!page.itemId;
}

export function recordingAllowed(settings: LibrarySettings, portal: string): boolean {
  return !settings.paused && !settings.excludedPortals.includes(portal);
}

export function recordFromPage(page: MeetingItemPage & { portal: string; itemId: string }, previous: ItemRecord | undefined, now: number): ItemRecord {
  const hash = contentHash(page);
  const changed = !!previous?.readHash && previous.readHash !== hash;
  return {
    portal: page.portal,
    itemId: page.itemId,
    organ: page.organ,
    meetingDate: page.meetingDate,
    section: page.section,
    title: page.title,
    diaryNumber: page.diaryNumber,
    outcome: page.outcome,
    // The content script sends warnings as short codes (its script carries no sentences): keep the sentences.
    page: { ...page, warnings: page.warnings.map(warningText) },
    contentHash: hash,
    readHash: hash,
    firstSeen: previous?.firstSeen ?? now,
    lastSeen: now,
    lastRead: now,
    changedAt: changed ? now : (previous?.changedAt ?? null),
  };
}

/** Handles `page/seen`. Pages other than meeting items are not stored. */
export async function recordPage(db: PykalaDatabase, page: ParsedPage, now = Date.now()): Promise<RecordResult> {
  if (!isRecordable(page)) return { recorded: false, changedSinceRead: false, bookmark: null };
  const key: [string, string] = [page.portal, page.itemId];
  const settings = await getSettings(db);
  if (!recordingAllowed(settings, page.portal)) {
    const bookmark = await db.bookmarks.get(key as never);
    return { recorded: false, changedSinceRead: false, bookmark: bookmark ? toData(bookmark) : null };
  }
  return guardQuota(() =>
    db.transaction('rw', ['items', 'visits', 'bookmarks'], async () => {
      const previous = await db.items.get(key as never);
      const record = recordFromPage(page, previous, now);
      await db.items.put(record);
      await db.visits.add({ portal: page.portal, itemId: page.itemId, at: now });
      // Clearing the item from "new" (and the badge) is the feed watcher's: it observes page/seen too.
      const bookmark = await db.bookmarks.get(key as never);
      return {
        recorded: true,
        changedSinceRead: record.changedAt === now && !!previous,
        bookmark: bookmark ? toData(bookmark) : null,
      };
    }),
  );
}

/** Handles `items/markers`: read, bookmarked and new for the items of a meeting page. */
export async function itemMarkers(db: PykalaDatabase, portal: string, itemIds: string[]): Promise<Record<string, ItemMarkers>> {
  const ids = [...new Set(itemIds)].slice(0, 500);
  const keys = ids.map((id) => [portal, id]);
  const [items, bookmarks, entries] = await Promise.all([
    db.items.bulkGet(keys as never[]),
    db.bookmarks.bulkGet(keys as never[]),
    db.feedEntries.bulkGet(ids.flatMap((id) => FEEDS_OF_ITEMS.map((feed) => [portal, feed, id])) as never[]),
  ]);
  const out: Record<string, ItemMarkers> = {};
  ids.forEach((id, i) => {
    const feedRows = entries.slice(i * FEEDS_OF_ITEMS.length, (i + 1) * FEEDS_OF_ITEMS.length);
    out[id] = {
      read: !!items[i]?.lastRead,
      bookmarked: !!bookmarks[i],
      isNew: feedRows.some((e) => e && e.seen === 0),
    };
  });
  return out;
}

/** Deletes one item with its visits and bookmark. */
export async function deleteItem(db: PykalaDatabase, portal: string, itemId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', ['items', 'visits', 'bookmarks', 'kv'], async () => {
    const held = await db.bookmarks.get([portal, itemId] as never);
    if (held) await recordDeletions(db, [held], now);
    await db.items.delete([portal, itemId] as never);
    await db.bookmarks.delete([portal, itemId] as never);
    await db.visits.where('[portal+itemId]').equals([portal, itemId]).delete();
    await markStale(db, [itemKey(portal, itemId)]);
  });
}

/** Deletes everything recorded from one portal. */
export async function deletePortal(db: PykalaDatabase, portal: string, now = Date.now()): Promise<number> {
  return db.transaction('rw', ['items', 'visits', 'bookmarks', 'kv'], async () => {
    const ids = (await db.items.where('portal').equals(portal).primaryKeys()) as unknown as [string, string][];
    await recordDeletions(db, await db.bookmarks.filter((b) => b.portal === portal).toArray(), now);
    await db.items.where('portal').equals(portal).delete();
    await db.bookmarks.filter((b) => b.portal === portal).delete();
    await db.visits.filter((v) => v.portal === portal).delete();
    await markStale(db, ids.map(([p, id]) => itemKey(p, id)));
    return ids.length;
  });
}

/**
 * Deletes the whole library: items, visits, bookmarks and the search index. Feed entries and feed
 * state stay (they belong to the watcher: without them the next poll would announce everything).
 */
export async function deleteEverything(db: PykalaDatabase, now = Date.now()): Promise<void> {
  await db.transaction('rw', ['items', 'visits', 'bookmarks', 'kv'], async () => {
    // The bookmarks go on every synced device too (deletion markers), as with any other deletion.
    await recordDeletions(db, await db.bookmarks.toArray(), now);
    await Promise.all([db.items.clear(), db.visits.clear(), db.bookmarks.clear()]);
    await db.kv.where('key').startsWith('search/').delete();
    // A library page still open holds the old index in memory: this stamp keeps it from being saved.
    const stamp = Number((await db.kv.get(CLEARED_KEY))?.value ?? 0);
    await db.kv.put({ key: CLEARED_KEY, value: stamp + 1 });
  });
}

export function toData(b: BookmarkRecord): BookmarkData {
  return { note: b.note, tags: b.tags };
}
