/**
 * Deletion markers ("tombstones"): which bookmark was removed on this device, and when. Sync storage
 * carries them to the other devices, so that a deletion is not undone by a device that still has the
 * bookmark (see lib/library/sync.ts). Kept in the kv table as one list of [portal, itemId, deleted].
 * Every deletion writes them: one bookmark, one item, a portal, everything.
 */
import type { BookmarkRecord, PykalaDatabase } from '../db';
import type { ItemRef } from '../messages';

export type Tombstone = [portal: string, itemId: string, deleted: number];
export const TOMBSTONES_KEY = 'sync/tombstones';
/** Older markers are forgotten: a device offline for longer could bring such a bookmark back. */
export const TOMBSTONE_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

export function isTombstone(value: unknown): value is Tombstone {
  return (
    Array.isArray(value) &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'number' &&
    Number.isFinite(value[2])
  );
}

export async function readTombstones(db: PykalaDatabase): Promise<Tombstone[]> {
  const value = (await db.kv.get(TOMBSTONES_KEY))?.value;
  return Array.isArray(value) ? value.filter(isTombstone) : [];
}

/** When this bookmark was deleted, as far as this device knows (null: no marker). */
export async function deletedAt(db: PykalaDatabase, ref: ItemRef): Promise<number | null> {
  const marker = (await readTombstones(db)).find((t) => t[0] === ref.portal && t[1] === ref.itemId);
  return marker ? marker[2] : null;
}

/** Replaces the stored markers (call inside a transaction that includes kv). */
export async function writeTombstones(db: PykalaDatabase, tombstones: Tombstone[]): Promise<void> {
  if (tombstones.length) await db.kv.put({ key: TOMBSTONES_KEY, value: tombstones });
  else await db.kv.delete(TOMBSTONES_KEY);
}

/**
 * Marks these bookmarks as deleted at `now` (call inside a transaction that includes kv, with the
 * deletion itself), or just after the bookmark's own `updated` when that is later (a copy from a
 * device whose clock runs ahead): a deletion made after seeing a copy must beat it in the sync merge.
 * Markers past TOMBSTONE_MAX_AGE_MS are dropped on the way.
 */
export async function recordDeletions(db: PykalaDatabase, refs: (ItemRef & { updated?: number })[], now = Date.now()): Promise<void> {
  if (!refs.length) return;
  const byKey = new Map<string, Tombstone>();
  for (const t of await readTombstones(db)) {
    if (t[2] >= now - TOMBSTONE_MAX_AGE_MS) byKey.set(JSON.stringify([t[0], t[1]]), t);
  }
  for (const ref of refs) {
    const key = JSON.stringify([ref.portal, ref.itemId]);
    const seen = typeof ref.updated === 'number' && Number.isFinite(ref.updated) ? ref.updated + 1 : 0;
    byKey.set(key, [ref.portal, ref.itemId, Math.max(now, seen, byKey.get(key)?.[2] ?? 0)]);
  }
  await writeTombstones(db, [...byKey.values()]);
}

/**
 * Bookmarks coming back from a backup after they were deleted here are re-created now: otherwise
 * the older deletion marker (here and in sync storage) would delete them again on the next sync.
 * Returns the records to store; drops the markers they override. Call inside a transaction with kv.
 */
export async function reviveDeleted(db: PykalaDatabase, marks: BookmarkRecord[], now = Date.now()): Promise<BookmarkRecord[]> {
  const tombstones = await readTombstones(db);
  if (!tombstones.length || !marks.length) return marks;
  const deletedAt = new Map(tombstones.map((t) => [JSON.stringify([t[0], t[1]]), t[2]]));
  const revived = new Set<string>();
  const out = marks.map((b) => {
    const key = JSON.stringify([b.portal, b.itemId]);
    const deleted = deletedAt.get(key);
    if (deleted === undefined || deleted < b.updated) return b;
    revived.add(key);
    return { ...b, updated: Math.max(now, deleted + 1) };
  });
  if (revived.size) await writeTombstones(db, tombstones.filter((t) => !revived.has(JSON.stringify([t[0], t[1]]))));
  return out;
}
