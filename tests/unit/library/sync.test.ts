/**
 * Bookmarks across devices: two (or three) databases sharing one fake `storage.sync`, with Chrome's
 * limits (100 kB in all, 8 kB per key). Each device syncs as the extension does: the library page
 * pulls when it opens, every change pushes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { PykalaDatabase } from '@/lib/db';
import { removeBookmark, saveBookmark } from '@/lib/library/bookmarks';
import { exportBackup, importBackup } from '@/lib/library/backup';
import { deleteEverything, deleteItem, deletePortal, recordPage } from '@/lib/library/recording';
import {
  mergeSyncSets,
  pullFromSync,
  pushToSync,
  selectForSync,
  SYNC_BOOKMARKS_PREFIX,
  SYNC_BUDGET_BYTES,
  SYNC_SETTINGS_KEY,
  SYNC_TOMBSTONES_PREFIX,
  type Row,
  type SyncArea,
  type SyncSet,
} from '@/lib/library/sync';
import { DEFAULT_SETTINGS } from '@/lib/library/settings';
import { readTombstones, recordDeletions, TOMBSTONE_MAX_AGE_MS, type Tombstone } from '@/lib/library/tombstones';
import { closeAll, freshDb, page, PORTAL } from './helpers';

afterEach(closeAll);

const OTHER_PORTAL = 'https://paatokset.example.fi';
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 9, 1);

type FakeSync = SyncArea & { data: Record<string, unknown>; writes: number };

/** storage.sync as Chrome limits it: the whole write fails when it would pass a quota. */
function fakeSync({ total = 102_400, perKey = 8_192 } = {}): FakeSync {
  const data: Record<string, unknown> = {};
  // Chrome measures the key and the value as its own JSON writer writes it, which escapes `<` (and
  // DEL) as \u003C and U+2028/U+2029 as \u2028: longer than JSON.stringify's.
  const json = (v: unknown) => JSON.stringify(v).replace(/[<\u007f\u2028\u2029]/g, '\\u003C');
  const size = (k: string, v: unknown) => k.length + new TextEncoder().encode(json(v)).length;
  const area: FakeSync = {
    data,
    writes: 0,
    async get(keys) {
      const copy = structuredClone(data);
      if (keys === null) return copy;
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in copy).map((k) => [k, copy[k]]));
    },
    async set(items) {
      const next = { ...data, ...structuredClone(items) };
      if (Object.entries(items).some(([k, v]) => size(k, v) > perKey)) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      if (Object.entries(next).reduce((sum, [k, v]) => sum + size(k, v), 0) > total) throw new Error('QUOTA_BYTES quota exceeded');
      Object.assign(data, structuredClone(items));
      area.writes++;
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
  return area;
}

/** What the user sees in a device's bookmark list: item and note. */
async function bookmarks(db: PykalaDatabase): Promise<string[]> {
  return (await db.bookmarks.toArray()).map((b) => `${b.portal === PORTAL ? '' : `${b.portal} `}${b.itemId}: ${b.note}`).sort();
}

/** Which bookmarks a device holds, by item id. */
async function ids(db: PykalaDatabase): Promise<string[]> {
  return (await db.bookmarks.toArray()).map((b) => b.itemId).sort();
}

/** Opening the library page, then a change pushed: pull, then push. */
async function sync(db: PykalaDatabase, area: SyncArea, now: number): Promise<void> {
  await pullFromSync(db, area, now);
  expect(await pushToSync(db, area, now)).toMatchObject({ ok: true });
}

async function bookmark(db: PykalaDatabase, itemId: string, note: string, now: number, portal = PORTAL): Promise<void> {
  await saveBookmark(db, { portal, itemId, note, tags: [] }, now);
}

describe('sync: a deletion reaches the other devices', () => {
  it('a bookmark removed on A is gone from B after B syncs, and B cannot bring it back', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await recordPage(a, page('1-1'));
    await bookmark(a, '1-1', 'kysy valtuustossa', T0);
    await bookmark(a, '1-2', 'jää', T0);
    await sync(a, area, T0);
    await sync(b, area, T0 + 1000);
    expect(await bookmarks(b)).toEqual(['1-1: kysy valtuustossa', '1-2: jää']);

    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + DAY);
    await sync(a, area, T0 + DAY);
    // B still has it and pushes first (a change of its own): the deletion must survive that.
    await bookmark(b, '1-3', 'uusi B:llä', T0 + DAY + 1000);
    expect(await pushToSync(b, area, T0 + DAY + 1000)).toMatchObject({ ok: true });
    await sync(a, area, T0 + DAY + 2000);
    expect(await bookmarks(a)).toEqual(['1-2: jää', '1-3: uusi B:llä']);

    expect(await pullFromSync(b, area, T0 + DAY + 3000)).toBe(1);
    expect(await bookmarks(b)).toEqual(['1-2: jää', '1-3: uusi B:llä']);
    // Nothing left to do: syncing again changes nothing on either side.
    expect(await pullFromSync(b, area, T0 + DAY + 4000)).toBe(0);
    expect(await pullFromSync(a, area, T0 + DAY + 4000)).toBe(0);
  });

  it.each([
    ['deleting the item', (db: PykalaDatabase, now: number) => deleteItem(db, PORTAL, '1-1', now)],
    ['deleting the portal', (db: PykalaDatabase, now: number) => deletePortal(db, PORTAL, now).then(() => undefined)],
    ['deleting everything', (db: PykalaDatabase, now: number) => deleteEverything(db, now)],
  ])('%s on A deletes those bookmarks on B too; a bookmark A never saw stays', async (_, remove) => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await recordPage(a, page('1-1'));
    await bookmark(a, '1-1', 'poistuu', T0);
    await sync(a, area, T0);
    await sync(b, area, T0 + 1);
    // Made on B after A's last look at sync storage: A's deletion does not know it.
    await bookmark(b, '1-9', 'A ei nähnyt tätä', T0 + 2);

    await remove(a, T0 + DAY);
    await sync(a, area, T0 + DAY);
    await sync(b, area, T0 + DAY + 1);
    await sync(a, area, T0 + DAY + 2);
    expect(await bookmarks(b)).toEqual(['1-9: A ei nähnyt tätä']);
    expect(await bookmarks(a)).toEqual(['1-9: A ei nähnyt tätä']);
  });

  it('an item B knows only through the synced bookmark goes with it; one B has read stays in B’s history', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await recordPage(a, page('1-1'));
    await recordPage(a, page('1-2'));
    await bookmark(a, '1-1', 'vain A luki', T0);
    await bookmark(a, '1-2', 'molemmat lukivat', T0);
    await recordPage(b, page('1-2'));
    await sync(a, area, T0);
    await sync(b, area, T0 + 1);
    expect((await b.items.toArray()).map((i) => i.itemId).sort()).toEqual(['1-1', '1-2']);

    await deleteItem(a, PORTAL, '1-1', T0 + 10);
    await deleteItem(a, PORTAL, '1-2', T0 + 10);
    await sync(a, area, T0 + 10);
    await sync(b, area, T0 + 20);
    expect(await bookmarks(b)).toEqual([]);
    expect((await b.items.toArray()).map((i) => i.itemId)).toEqual(['1-2']);
  });

  it('a bookmark made again after the deletion wins, on both devices', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-1', 'ensimmäinen', T0);
    await sync(a, area, T0);
    await sync(b, area, T0 + 1);
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + 10);
    await sync(a, area, T0 + 10);
    // B has not seen the deletion yet and bookmarks the item again, later.
    await bookmark(b, '1-1', 'uudestaan', T0 + 20);
    await sync(b, area, T0 + 20);
    await sync(a, area, T0 + 30);
    expect(await bookmarks(a)).toEqual(['1-1: uudestaan']);
    expect(await bookmarks(b)).toEqual(['1-1: uudestaan']);

    // And on A itself: removed, then bookmarked again before any sync.
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + 40);
    await bookmark(a, '1-1', 'kolmas', T0 + 50);
    await sync(a, area, T0 + 50);
    await sync(b, area, T0 + 60);
    expect(await bookmarks(b)).toEqual(['1-1: kolmas']);
  });

  it('a change made after seeing a deletion or a copy from a device whose clock runs an hour ahead still wins', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    const ahead = 60 * 60 * 1000;
    await bookmark(b, '1-1', 'B:n', T0);
    await sync(b, area, T0);
    await sync(a, area, T0 + ahead);
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + ahead + 10);
    await sync(a, area, T0 + ahead + 10);
    await sync(b, area, T0 + 20);
    expect(await bookmarks(b)).toEqual([]);
    // B bookmarks it again by its own (slower) clock, then edits A's copy of another bookmark.
    await bookmark(b, '1-1', 'taas B:llä', T0 + 30);
    await bookmark(a, '1-2', 'A:n', T0 + ahead + 40);
    await sync(a, area, T0 + ahead + 40);
    await sync(b, area, T0 + 50);
    await bookmark(b, '1-2', 'B muokkasi', T0 + 60);
    await sync(b, area, T0 + 60);
    await sync(a, area, T0 + ahead + 70);
    await sync(b, area, T0 + 80);
    expect(await bookmarks(a)).toEqual(['1-1: taas B:llä', '1-2: B muokkasi']);
    expect(await bookmarks(b)).toEqual(['1-1: taas B:llä', '1-2: B muokkasi']);
  });

  it('a copy that lacks a bookmark never deletes it: B pushing without pulling keeps A’s bookmarks', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-1', 'A:n', T0);
    await sync(a, area, T0);
    await bookmark(b, '2-1', 'B:n', T0 + 5);
    expect(await pushToSync(b, area, T0 + 5)).toEqual({ ok: true, bookmarks: 2 });
    await sync(a, area, T0 + 10);
    await sync(b, area, T0 + 10);
    expect(await bookmarks(a)).toEqual(['1-1: A:n', '2-1: B:n']);
    expect(await bookmarks(b)).toEqual(['1-1: A:n', '2-1: B:n']);
  });
});

describe('sync: what other copies may hold', () => {
  it('a device on the previous version, overwriting the bookmark chunks with its stale copy, does not bring a deletion back', async () => {
    const area = fakeSync();
    const a = freshDb();
    await bookmark(a, '1-1', 'poistettu', T0);
    await bookmark(a, '1-2', 'jää', T0);
    await sync(a, area, T0);
    const stale = structuredClone(area.data[`${SYNC_BOOKMARKS_PREFIX}0`]);
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + 10);
    await sync(a, area, T0 + 10);
    // The old version writes its bookmark rows and count, and knows nothing of the markers.
    await area.set({ [`${SYNC_BOOKMARKS_PREFIX}0`]: stale, [`${SYNC_BOOKMARKS_PREFIX}count`]: 1 });
    await sync(a, area, T0 + 20);
    const fresh = freshDb();
    await pullFromSync(fresh, area, T0 + 30);
    expect(await bookmarks(a)).toEqual(['1-2: jää']);
    expect(await bookmarks(fresh)).toEqual(['1-2: jää']);
  });

  it('rows that are not ours are skipped; the rest still merges', async () => {
    const area = fakeSync();
    area.data[`${SYNC_BOOKMARKS_PREFIX}0`] = [
      'roska',
      [PORTAL],
      [PORTAL, '1-1', 'hyvä', ['talous', 5], T0, T0, 'Otsikko', null, null, null],
      [PORTAL, '1-2', { note: 1 }, 'tags', 'x', null],
    ];
    area.data[`${SYNC_BOOKMARKS_PREFIX}1`] = { not: 'a chunk' };
    area.data[`${SYNC_TOMBSTONES_PREFIX}0`] = [[PORTAL], [PORTAL, '9-9', 'eilen'], 42];
    const db = freshDb();
    await bookmark(db, '9-9', 'oma', T0);
    await pullFromSync(db, area, T0 + 1);
    expect(await bookmarks(db)).toEqual(['1-1: hyvä', '9-9: oma']);
    expect((await db.bookmarks.get([PORTAL, '1-1'] as never))?.tags).toEqual(['talous']);
    expect(await pushToSync(db, area, T0 + 2)).toEqual({ ok: true, bookmarks: 2 });
  });
});

describe('sync: concurrent edits', () => {
  it.each([
    ['A pushes first', false],
    ['B pushes first', true],
  ])('the note edited last wins on both devices (%s)', async (_, bFirst) => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-1', 'alkuperäinen', T0);
    await sync(a, area, T0);
    await sync(b, area, T0 + 1);
    // Both edit offline; A's edit is the later one.
    await bookmark(b, '1-1', 'B:n muokkaus', T0 + 100);
    await bookmark(a, '1-1', 'A:n myöhempi muokkaus', T0 + 200);
    const order: PykalaDatabase[] = bFirst ? [b, a] : [a, b];
    for (const db of order) await pushToSync(db, area, T0 + 300);
    for (const db of order) await sync(db, area, T0 + 400);
    expect(await bookmarks(a)).toEqual(['1-1: A:n myöhempi muokkaus']);
    expect(await bookmarks(b)).toEqual(['1-1: A:n myöhempi muokkaus']);
  });
});

describe('sync: deletion markers age out', () => {
  it('are kept for 90 days (a device back within them does not resurrect), then pruned here and in sync storage', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-1', 'poistetaan', T0);
    await sync(a, area, T0);
    await sync(b, area, T0);
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + DAY);
    await sync(a, area, T0 + DAY);

    // B was away for 80 days and pushes its copy first.
    await pushToSync(b, area, T0 + 81 * DAY);
    await sync(a, area, T0 + 81 * DAY);
    await sync(b, area, T0 + 81 * DAY);
    expect(await bookmarks(a)).toEqual([]);
    expect(await bookmarks(b)).toEqual([]);
    expect(Object.keys(area.data).some((k) => k.startsWith(`${SYNC_TOMBSTONES_PREFIX}0`))).toBe(true);

    const later = T0 + DAY + TOMBSTONE_MAX_AGE_MS + 1;
    await sync(a, area, later);
    expect(await readTombstones(a)).toEqual([]);
    expect(Object.keys(area.data).filter((k) => k.startsWith(SYNC_TOMBSTONES_PREFIX) && k !== `${SYNC_TOMBSTONES_PREFIX}count`)).toEqual([]);
    expect(area.data[`${SYNC_TOMBSTONES_PREFIX}count`]).toBe(0);
  });
});

describe('sync: over the quota', () => {
  it('says so plainly, loses nothing locally, and still carries deletions', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-0', 'poistetaan', T0);
    await sync(a, area, T0);
    await bookmark(b, 'b-1', 'B:n oma', T0 + 1);
    await sync(b, area, T0 + 1);
    await sync(a, area, T0 + 2);

    await removeBookmark(a, { portal: PORTAL, itemId: '1-0' }, T0 + 10);
    for (let i = 1; i <= 40; i++) await bookmark(a, `1-${i}`, `${i} ${'x'.repeat(3000)}`, T0 + 10 + i);
    const before = await bookmarks(a);
    const outcome = await pushToSync(a, area, T0 + 100);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota', total: 41 });
    expect(await bookmarks(a)).toEqual(before);
    expect(before).toHaveLength(41);
    expect(area.data[SYNC_SETTINGS_KEY]).toBeDefined();
    // The deletion still travels, with A's newest bookmarks; B's own (the oldest, left out of sync
    // storage) stays on B.
    const synced = (outcome as { synced: number }).synced;
    await pullFromSync(b, area, T0 + 200);
    const newest = Array.from({ length: synced }, (_, i) => 40 - i);
    expect(await ids(b)).toEqual([...newest.map((i) => `1-${i}`), 'b-1'].sort());

    // A later pull on A changes nothing there either (B's bookmark is already in A).
    await pullFromSync(a, area, T0 + 300);
    expect(await bookmarks(a)).toEqual(before);
  });

  it('measures as Chrome does: notes full of "<" (six bytes each to Chrome) still sync the newest that fit, not nothing', async () => {
    const area = fakeSync();
    const a = freshDb();
    for (let i = 1; i <= 40; i++) await bookmark(a, `1-${i}`, `${i} ${'<p>'.repeat(500)}`, T0 + i);
    const outcome = await pushToSync(a, area, T0 + 100);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota', total: 40 });
    expect((outcome as { synced: number }).synced).toBeGreaterThan(0);
    expect(area.data[SYNC_SETTINGS_KEY]).toBeDefined();
  });

  it('syncs the most recently updated bookmarks that fit; the oldest stay on their device until edited', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    for (let i = 1; i <= 40; i++) await bookmark(a, `1-${i}`, `${i} ${'x'.repeat(3000)}`, T0 + i);
    const outcome = await pushToSync(a, area, T0 + 100);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota', total: 40 });
    const synced = (outcome as { synced: number }).synced;
    expect(synced).toBeGreaterThan(20);
    expect(synced).toBeLessThan(40);
    await pullFromSync(b, area, T0 + 200);
    const newest = Array.from({ length: synced }, (_, i) => `1-${40 - i}`);
    expect(await ids(b)).toEqual([...newest].sort());
    expect(await ids(a)).toHaveLength(40);

    // The oldest, edited today, is now the newest: it travels, and B keeps what it already had.
    await bookmark(a, '1-1', 'muokattu tänään', T0 + DAY);
    expect(await pushToSync(a, area, T0 + DAY)).toMatchObject({ ok: false, reason: 'quota', total: 40 });
    await pullFromSync(b, area, T0 + DAY + 1);
    expect(await bookmarks(b)).toContain('1-1: muokattu tänään');
    expect(await ids(b)).toEqual([...newest, '1-1'].sort());
    expect(await ids(a)).toHaveLength(40);
  });

  it('a device keeps its own bookmarks that another device’s push left out of sync storage, and gets the newest', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    // B's own, older than all of A's, synced while they still fit.
    for (let i = 1; i <= 5; i++) await bookmark(b, `b-${i}`, `B ${i} ${'y'.repeat(3500)}`, T0 - DAY + i);
    expect(await pushToSync(b, area, T0 - DAY + 10)).toMatchObject({ ok: true, bookmarks: 5 });
    for (let i = 1; i <= 40; i++) await bookmark(a, `1-${i}`, `${i} ${'x'.repeat(3000)}`, T0 + i);
    await pullFromSync(a, area, T0 + 100);
    const outcome = await pushToSync(a, area, T0 + 100);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota', total: 45 });
    const synced = (outcome as { synced: number }).synced;
    // B's are the oldest: not in sync storage any more, yet never taken as deleted on either side.
    await pullFromSync(b, area, T0 + 200);
    expect(await pushToSync(b, area, T0 + 200)).toMatchObject({ ok: false, reason: 'quota', synced, total: 5 + synced });
    await pullFromSync(b, area, T0 + 300);
    const mine = Array.from({ length: 5 }, (_, i) => `b-${i + 1}`);
    const newest = Array.from({ length: synced }, (_, i) => `1-${40 - i}`);
    expect(await ids(b)).toEqual([...mine, ...newest].sort());
    await pullFromSync(a, area, T0 + 300);
    expect(await ids(a)).toHaveLength(45);
  });

  it('deletion markers come first: all of them travel, then as many of the newest bookmarks as still fit', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, 'z-1', 'poistetaan', T0);
    await sync(a, area, T0);
    await sync(b, area, T0);
    // About 60 kB of markers, then 40 bookmarks that would take about 120 kB.
    const old = Array.from({ length: 1100 }, (_, i) => ({ portal: PORTAL, itemId: `2021${i}-1` }));
    await a.transaction('rw', a.kv, () => recordDeletions(a, old, T0 + 1));
    await removeBookmark(a, { portal: PORTAL, itemId: 'z-1' }, T0 + 2);
    for (let i = 1; i <= 40; i++) await bookmark(a, `1-${i}`, `${i} ${'x'.repeat(3000)}`, T0 + 10 + i);
    const outcome = await pushToSync(a, area, T0 + 100);
    expect(outcome).toMatchObject({ ok: false, reason: 'quota', total: 40 });
    const synced = (outcome as { synced: number }).synced;
    expect(synced).toBeGreaterThan(0);
    expect(synced).toBeLessThan(15);

    await pullFromSync(b, area, T0 + 200);
    expect((await readTombstones(b)).length).toBe(1101);
    expect(await ids(b)).toEqual(Array.from({ length: synced }, (_, i) => `1-${40 - i}`).sort());
  });

  it('a note too long for any chunk stays on its device; the other bookmarks still travel', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, '1-1', 'lyhyt', T0);
    await bookmark(a, '1-2', 'z'.repeat(12_000), T0 + 1);
    expect(await pushToSync(a, area, T0 + 2)).toMatchObject({ ok: false, reason: 'quota', synced: 1, total: 2 });
    await pullFromSync(b, area, T0 + 3);
    expect(await bookmarks(b)).toEqual(['1-1: lyhyt']);
  });

  it('when even the deletion markers do not all fit, the newest travel', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    await bookmark(a, 'z-1', 'poistetaan viimeisenä', T0);
    await sync(a, area, T0);
    await sync(b, area, T0);
    // 2,500 older deletions (about 135 kB of markers) on A, then the one B must hear of.
    const old = Array.from({ length: 2500 }, (_, i) => ({ portal: PORTAL, itemId: `2021${i}-1` }));
    await a.transaction('rw', a.kv, () => recordDeletions(a, old, T0 + 1));
    await removeBookmark(a, { portal: PORTAL, itemId: 'z-1' }, T0 + 2);
    expect(await pushToSync(a, area, T0 + 3)).toMatchObject({ ok: false, reason: 'quota', synced: 0, total: 0 });
    expect((await readTombstones(a)).length).toBe(2501);

    await pullFromSync(b, area, T0 + 4);
    expect(await bookmarks(b)).toEqual([]);
    const synced = await readTombstones(b);
    expect(synced.length).toBeGreaterThan(1000);
    expect(synced.length).toBeLessThan(2501);
  });

  it('a write the browser refuses is reported as the quota, and leaves both sides as they were', async () => {
    const area = fakeSync({ total: 4_000 });
    const a = freshDb();
    await bookmark(a, '1-1', 'mahtuu', T0);
    expect(await pushToSync(a, area, T0)).toMatchObject({ ok: true });
    const stored = structuredClone(area.data);
    for (let i = 2; i <= 6; i++) await bookmark(a, `1-${i}`, 'y'.repeat(1000), T0 + i);
    expect(await pushToSync(a, area, T0 + 10)).toMatchObject({ ok: false, reason: 'quota' });
    expect(area.data).toEqual(stored);
    expect(await a.bookmarks.count()).toBe(6);
  });
});

describe('sync: which entries go when not all fit (selectForSync)', () => {
  const row = (itemId: string, updated: number, noteBytes = 3000): Row => [PORTAL, itemId, 'x'.repeat(noteBytes), [], updated, updated, null, null, null, null];
  const marker = (itemId: string, deleted: number): Tombstone => [PORTAL, itemId, deleted];
  const size = (set: SyncSet) => new TextEncoder().encode(JSON.stringify(set)).length;

  it('keeps everything that fits, as it is', () => {
    const set: SyncSet = { bookmarks: [row('1-1', T0), row('1-2', T0 + 1)], tombstones: [marker('9-9', T0)] };
    expect(selectForSync(set, DEFAULT_SETTINGS)).toEqual(set);
  });

  it('takes the most recently updated bookmarks first, whatever their order in the set', () => {
    // 50 rows of about 3 kB, updated in a shuffled order: about 29 fit.
    const order = Array.from({ length: 50 }, (_, i) => (i * 17) % 50);
    const set: SyncSet = { bookmarks: order.map((n) => row(`1-${String(n).padStart(2, '0')}`, T0 + n)), tombstones: [] };
    const chosen = selectForSync(set, DEFAULT_SETTINGS);
    const n = chosen.bookmarks.length;
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(50);
    expect(chosen.bookmarks.map((r) => r[5]).sort()).toEqual(Array.from({ length: n }, (_, i) => T0 + 49 - i).sort());
    expect(size(chosen)).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
    // A subset in the set's own order: nothing is changed, only left out.
    expect(set.bookmarks.filter((r) => chosen.bookmarks.includes(r))).toEqual(chosen.bookmarks);
  });

  it('gives deletion markers the budget first, then bookmarks fill the rest', () => {
    const tombstones = Array.from({ length: 1000 }, (_, i) => marker(`2021${i}-1`, T0 + i));
    const bookmarksOnly = Array.from({ length: 40 }, (_, i) => row(`1-${i}`, T0 + i));
    const alone = selectForSync({ bookmarks: bookmarksOnly, tombstones: [] }, DEFAULT_SETTINGS).bookmarks.length;
    const chosen = selectForSync({ bookmarks: bookmarksOnly, tombstones }, DEFAULT_SETTINGS);
    expect(chosen.tombstones).toEqual(tombstones);
    expect(chosen.bookmarks.length).toBeGreaterThan(0);
    expect(chosen.bookmarks.length).toBeLessThan(alone - 10);
    expect(chosen.bookmarks.map((r) => r[1])).toEqual(bookmarksOnly.slice(40 - chosen.bookmarks.length).map((r) => r[1]));
  });

  it('when markers alone overflow, the newest markers and no bookmarks', () => {
    const tombstones = Array.from({ length: 3000 }, (_, i) => marker(`2021${i}-1`, T0 + i));
    const chosen = selectForSync({ bookmarks: [row('1-1', T0 + 5000)], tombstones }, DEFAULT_SETTINGS);
    expect(chosen.bookmarks).toEqual([]);
    const n = chosen.tombstones.length;
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThan(3000);
    expect(chosen.tombstones).toEqual(tombstones.slice(3000 - n));
  });

  it('leaves out a row too big for any chunk, and still takes the older ones', () => {
    const set: SyncSet = { bookmarks: [row('1-1', T0), row('1-2', T0 + 1, 12_000), row('1-3', T0 + 2)], tombstones: [] };
    expect(selectForSync(set, DEFAULT_SETTINGS).bookmarks.map((r) => r[1])).toEqual(['1-1', '1-3']);
  });

  it('for any set: a subset that fits, markers before bookmarks, newest first', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 6000 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (rows, markers) => {
        const set = mergeSyncSets(
          [{ bookmarks: rows.map(([id, t, len]) => row(`1-${id}`, T0 + t, len)), tombstones: markers.map((t, i) => marker(`2-${i}`, T0 + t)) }],
          T0,
        );
        const chosen = selectForSync(set, DEFAULT_SETTINGS);
        expect(size(chosen)).toBeLessThanOrEqual(SYNC_BUDGET_BYTES);
        expect(set.bookmarks.filter((r) => chosen.bookmarks.includes(r))).toEqual(chosen.bookmarks);
        expect(set.tombstones.filter((t) => chosen.tombstones.includes(t))).toEqual(chosen.tombstones);
        if (chosen.bookmarks.length) expect(chosen.tombstones).toEqual(set.tombstones);
        // No bookmark left out (that could fit a chunk) is newer than one taken.
        const oldestTaken = Math.min(...chosen.bookmarks.map((r) => r[5]));
        const leftOut = set.bookmarks.filter((r) => !chosen.bookmarks.includes(r) && r[2].length < 6000);
        for (const r of leftOut) expect(r[5]).toBeLessThanOrEqual(oldestTaken);
      }),
      { numRuns: 100 },
    );
  });
});

describe('sync: backup restored after a deletion', () => {
  it('bookmarks imported after "delete everything" come back and stay after syncing', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    // Real clock here: "delete everything" and the import date their markers by it.
    const start = Date.now() - DAY;
    await recordPage(a, page('1-1'));
    await bookmark(a, '1-1', 'varmuuskopiossa', start);
    await sync(a, area, start);
    await sync(b, area, start);
    const backup = JSON.stringify(await exportBackup(a));
    await deleteEverything(a);
    await sync(a, area, Date.now());
    await sync(b, area, Date.now());
    expect(await bookmarks(b)).toEqual([]);

    await importBackup(a, backup);
    await sync(a, area, Date.now());
    await sync(b, area, Date.now());
    await sync(a, area, Date.now());
    expect(await bookmarks(a)).toEqual(['1-1: varmuuskopiossa']);
    expect(await bookmarks(b)).toEqual(['1-1: varmuuskopiossa']);
  });
});

describe('sync: merging is idempotent and its order does not matter', () => {
  const key = fc.record({ portal: fc.constantFrom(PORTAL, OTHER_PORTAL), itemId: fc.constantFrom('1-1', '1-2', '2-1') });
  // Few distinct times, so that ties between copies and markers happen often.
  const at = fc.integer({ min: 0, max: 6 }).map((n) => T0 + n * 1000);
  const row = fc.tuple(key, fc.constantFrom('', 'a', 'b'), fc.subarray(['talous', 'koulut']), at, at).map(
    ([k, note, tags, created, updated]): Row => [k.portal, k.itemId, note, tags, Math.min(created, updated), updated, null, null, null, null],
  );
  const marker = fc.tuple(key, at).map(([k, t]): Tombstone => [k.portal, k.itemId, t]);
  const set = fc.record({ bookmarks: fc.array(row, { maxLength: 5 }), tombstones: fc.array(marker, { maxLength: 3 }) });
  const now = T0 + DAY;

  it('for the merge itself: any order, any grouping, repeated', () => {
    fc.assert(
      fc.property(set, set, set, (x: SyncSet, y: SyncSet, z: SyncSet) => {
        const all = mergeSyncSets([x, y, z], now);
        expect(mergeSyncSets([z, x, y], now)).toEqual(all);
        expect(mergeSyncSets([y, z, x], now)).toEqual(all);
        expect(mergeSyncSets([mergeSyncSets([x, y], now), z], now)).toEqual(all);
        expect(mergeSyncSets([x, mergeSyncSets([z, y], now)], now)).toEqual(all);
        expect(mergeSyncSets([all, all, y], now)).toEqual(all);
        // One entry per bookmark.
        const keys = [...all.bookmarks, ...all.tombstones].map((e) => JSON.stringify([e[0], e[1]]));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });

  it('for a device: pulling copy A then B leaves the same bookmarks as B then A', async () => {
    await fc.assert(
      fc.asyncProperty(set, set, set, async (mine: SyncSet, x: SyncSet, y: SyncSet) => {
        const areaX = fakeSync();
        const areaY = fakeSync();
        areaX.data[`${SYNC_BOOKMARKS_PREFIX}0`] = x.bookmarks;
        areaX.data[`${SYNC_TOMBSTONES_PREFIX}0`] = x.tombstones;
        areaY.data[`${SYNC_BOOKMARKS_PREFIX}0`] = y.bookmarks;
        areaY.data[`${SYNC_TOMBSTONES_PREFIX}0`] = y.tombstones;
        const seed = fakeSync();
        seed.data[`${SYNC_BOOKMARKS_PREFIX}0`] = mine.bookmarks;
        seed.data[`${SYNC_TOMBSTONES_PREFIX}0`] = mine.tombstones;

        const results = [];
        for (const order of [[areaX, areaY], [areaY, areaX], [areaX, areaY, areaX, areaY]]) {
          const db = freshDb();
          await pullFromSync(db, seed, now);
          for (const area of order) await pullFromSync(db, area, now);
          results.push({ bookmarks: await db.bookmarks.orderBy('[portal+itemId]').toArray(), tombstones: await readTombstones(db) });
          db.close();
        }
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('sync: a deletion on a device whose clock runs behind', () => {
  it('removing a bookmark last edited by a device an hour ahead still deletes it everywhere', async () => {
    const area = fakeSync();
    const a = freshDb();
    const b = freshDb();
    const ahead = 60 * 60 * 1000;
    // B's clock runs an hour ahead: its bookmark is dated T0 + 1 h.
    await bookmark(b, '1-1', 'B:n', T0 + ahead);
    await sync(b, area, T0 + ahead);
    await sync(a, area, T0);
    expect(await bookmarks(a)).toEqual(['1-1: B:n']);
    // A removes it after seeing B's copy, by A's own (slower) clock.
    await removeBookmark(a, { portal: PORTAL, itemId: '1-1' }, T0 + 10);
    await sync(a, area, T0 + 10);
    await sync(b, area, T0 + ahead + 20);
    expect(await bookmarks(a)).toEqual([]);
    expect(await bookmarks(b)).toEqual([]);
  });

  it('deleting the item, the portal or everything after seeing a copy dated ahead also deletes it everywhere', async () => {
    const ahead = 60 * 60 * 1000;
    for (const remove of [
      (db: PykalaDatabase, now: number) => deleteItem(db, PORTAL, '1-1', now),
      (db: PykalaDatabase, now: number) => deletePortal(db, PORTAL, now),
      (db: PykalaDatabase, now: number) => deleteEverything(db, now),
    ]) {
      const area = fakeSync();
      const a = freshDb();
      const b = freshDb();
      await bookmark(b, '1-1', 'B:n', T0 + ahead);
      await sync(b, area, T0 + ahead);
      await sync(a, area, T0);
      await remove(a, T0 + 10);
      await sync(a, area, T0 + 10);
      await sync(b, area, T0 + ahead + 20);
      expect(await bookmarks(a)).toEqual([]);
      expect(await bookmarks(b)).toEqual([]);
    }
  });
});
