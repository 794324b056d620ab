/** Bookmarks with a note and tags, one per item. */
import type { BookmarkRecord, PykalaDatabase } from '../db';
import type { ParsedPage } from '../dynasty/types';
import type { BookmarkData, ItemRef } from '../messages';
import { itemKey } from '../search/docs';
import { markStale } from '../search/store';
import { guardQuota } from './errors';
import { deletedAt, recordDeletions } from './tombstones';
import { isRecordable, recordFromPage, toData } from './recording';

export const MAX_NOTE = 20_000;
export const MAX_TAGS = 20;

/** Trims, drops empties and duplicates (case-insensitively), keeps the user's spelling. */
export function cleanTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = raw.replace(/\s+/g, ' ').trim().slice(0, 60);
    const k = tag.toLowerCase();
    if (!tag || seen.has(k)) continue;
    seen.add(k);
    out.push(tag);
  }
  return out.slice(0, MAX_TAGS);
}

/** "talous, koulut  #kaava" -> ["talous", "koulut", "kaava"]. */
export function parseTags(text: string): string[] {
  return cleanTags(text.split(/[,;\n]+|\s+#/).map((t) => t.replace(/^#/, '')));
}

export async function getBookmark(db: PykalaDatabase, ref: ItemRef): Promise<BookmarkData | null> {
  const b = await db.bookmarks.get([ref.portal, ref.itemId] as never);
  return b ? toData(b) : null;
}

/** Saves (creates or updates) a bookmark; with the page, the item is stored too if it was not yet. */
export async function saveBookmark(
  db: PykalaDatabase,
  request: ItemRef & BookmarkData & { page?: ParsedPage },
  now = Date.now(),
): Promise<BookmarkRecord> {
  if (!request.portal || !request.itemId) throw new Error('bookmark needs a portal and an item id');
  return guardQuota(() =>
    db.transaction('rw', ['items', 'bookmarks', 'kv'], async () => {
      const key = [request.portal, request.itemId] as never;
      const previous = await db.bookmarks.get(key);
      // Later than every copy and deletion of it this device has seen, even when another device's
      // clock runs ahead: a change made here after seeing them must win the sync merge.
      const seen = Math.max(previous?.updated ?? -Infinity, (await deletedAt(db, request)) ?? -Infinity);
      const record: BookmarkRecord = {
        portal: request.portal,
        itemId: request.itemId,
        note: String(request.note ?? '').slice(0, MAX_NOTE),
        tags: cleanTags(request.tags),
        created: previous?.created ?? now,
        updated: Math.max(now, seen + 1),
      };
      await db.bookmarks.put(record);
      const page = request.page;
      if (page && isRecordable(page) && page.portal === request.portal && page.itemId === request.itemId) {
        const item = await db.items.get(key);
        if (!item) await db.items.put(recordFromPage(page, undefined, now));
      }
      return record;
    }),
  );
}

/** Removes the bookmark here and, through the deletion marker, on the other synced devices. */
export async function removeBookmark(db: PykalaDatabase, ref: ItemRef, now = Date.now()): Promise<void> {
  await db.transaction('rw', ['bookmarks', 'kv'], async () => {
    const key = [ref.portal, ref.itemId] as never;
    const held = await db.bookmarks.get(key);
    if (held) await recordDeletions(db, [held], now);
    await db.bookmarks.delete(key);
    await markStale(db, [itemKey(ref.portal, ref.itemId)]);
  });
}

/** Bookmarks grouped by tag (a bookmark with several tags is in each group; untagged under ''). */
export function groupByTag<T extends { tags: string[] }>(bookmarks: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const b of bookmarks) {
    for (const tag of b.tags.length ? b.tags : ['']) {
      const list = groups.get(tag) ?? [];
      list.push(b);
      groups.set(tag, list);
    }
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'fi')));
}
