import { afterEach, describe, expect, it } from 'vitest';
import { deleteEverything, deleteItem, deletePortal, itemMarkers, recordPage } from '@/lib/library/recording';
import { saveBookmark } from '@/lib/library/bookmarks';
import { setSettings } from '@/lib/library/settings';
import { KIND_FROM_CONTENT, NO_DIARY, withValue } from '@/lib/dynasty/warnings';
import { closeAll, freshDb, page, PORTAL } from './helpers';

afterEach(closeAll);

describe('recording what the user reads', () => {
  it('stores a meeting item keyed by portal and item id, with its content hash', async () => {
    const db = freshDb();
    const result = await recordPage(db, page('2021463-5'), 1000);
    expect(result).toEqual({ recorded: true, changedSinceRead: false, bookmark: null });
    const item = await db.items.get([PORTAL, '2021463-5'] as never);
    expect(item?.title).toContain('Loppuraportti');
    expect(item?.contentHash).toMatch(/^[0-9a-f]{16}$/);
    expect(item?.firstSeen).toBe(1000);
    expect(await db.visits.count()).toBe(1);
  });

  it('stores the warnings of a page from the content script as sentences, not its short codes', async () => {
    // The content script leaves warnings as codes (its script carries no sentences); the library keeps
    // what a person can read, for a page read or bookmarked alike.
    const db = freshDb();
    const codes = [NO_DIARY, withValue(KIND_FROM_CONTENT, 'meetingItem')];
    await recordPage(db, page('1-1', { warnings: codes }), 1000);
    await saveBookmark(db, { portal: PORTAL, itemId: '1-2', note: '', tags: [], page: page('1-2', { warnings: codes }) }, 1000);
    for (const id of ['1-1', '1-2']) {
      const stored = await db.items.get([PORTAL, id] as never);
      expect(stored?.page?.warnings).toEqual(['diary number not found', 'page kind "meetingItem" recognized from its content']);
    }
  });

  it('updates the same record when the item is read again, and counts the visit', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'), 1000);
    const again = await recordPage(db, page('1-1'), 2000);
    expect(again.changedSinceRead).toBe(false);
    expect(await db.items.count()).toBe(1);
    const item = await db.items.get([PORTAL, '1-1'] as never);
    expect(item).toMatchObject({ firstSeen: 1000, lastSeen: 2000, lastRead: 2000 });
    expect(await db.visits.count()).toBe(2);
  });

  it('reports "changed since you read it" when the decision changed', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'), 1000);
    const changed = await recordPage(db, page('1-1', { decision: 'Palautettiin uudelleen valmisteltavaksi.', outcome: 'returned' }), 2000);
    expect(changed.changedSinceRead).toBe(true);
    expect((await db.items.get([PORTAL, '1-1'] as never))?.changedAt).toBe(2000);
    // Read once more without change: no longer news.
    const third = await recordPage(db, page('1-1', { decision: 'Palautettiin uudelleen valmisteltavaksi.', outcome: 'returned' }), 3000);
    expect(third.changedSinceRead).toBe(false);
  });

  it('ignores pages that are not meeting items', async () => {
    const db = freshDb();
    const result = await recordPage(db, { kind: 'unknown', url: null, portal: PORTAL, generation: null, warnings: [] });
    expect(result.recorded).toBe(false);
    expect(await db.items.count()).toBe(0);
  });

  it('records nothing while paused, and nothing from an excluded portal', async () => {
    const db = freshDb();
    await setSettings(db, { paused: true });
    expect((await recordPage(db, page('1-1'))).recorded).toBe(false);
    await setSettings(db, { paused: false, excludedPortals: [PORTAL] });
    expect((await recordPage(db, page('1-2'))).recorded).toBe(false);
    expect(await db.items.count()).toBe(0);
    await setSettings(db, { excludedPortals: [] });
    expect((await recordPage(db, page('1-3'))).recorded).toBe(true);
  });

  it('still tells the page about its bookmark while paused', async () => {
    const db = freshDb();
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'n', tags: [] });
    await setSettings(db, { paused: true });
    expect((await recordPage(db, page('1-1'))).bookmark).toEqual({ note: 'n', tags: [] });
  });

  it('answers markers for read, bookmarked and new items', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-2', note: '', tags: ['x'] });
    await db.feedEntries.add({ portal: PORTAL, feed: 'meetingitems', entryId: '1-3', organ: null, date: null, title: 'Uusi', url: null, firstSeen: 1, seen: 0, matched: 1 });
    const markers = await itemMarkers(db, PORTAL, ['1-1', '1-2', '1-3', '1-4']);
    expect(markers).toEqual({
      '1-1': { read: true, bookmarked: false, isNew: false },
      '1-2': { read: false, bookmarked: true, isNew: false },
      '1-3': { read: false, bookmarked: false, isNew: true },
      '1-4': { read: false, bookmarked: false, isNew: false },
    });
  });

  it('deletes one item with its visits and bookmark', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2'));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'x', tags: [] });
    await deleteItem(db, PORTAL, '1-1');
    expect((await db.items.toArray()).map((i) => i.itemId)).toEqual(['1-2']);
    expect(await db.bookmarks.count()).toBe(0);
    expect((await db.visits.toArray()).map((v) => v.itemId)).toEqual(['1-2']);
  });

  it('deletes one portal\'s items only', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('9-1', { portal: 'https://other.example' }));
    expect(await deletePortal(db, PORTAL)).toBe(1);
    expect((await db.items.toArray()).map((i) => i.portal)).toEqual(['https://other.example']);
  });

  it('deletes everything of the library but leaves the feed watcher\'s rows', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'x', tags: [] });
    await db.feedEntries.add({ portal: PORTAL, feed: 'meetingitems', entryId: '1-3', organ: null, date: null, title: 'Uusi', url: null, firstSeen: 1, seen: 0, matched: 1 });
    await db.kv.put({ key: 'search/index', value: 'x' });
    await deleteEverything(db);
    expect([await db.items.count(), await db.bookmarks.count(), await db.visits.count()]).toEqual([0, 0, 0]);
    expect(await db.kv.get('search/index')).toBeUndefined();
    expect(await db.feedEntries.count()).toBe(1);
  });
});

describe('a full disk', () => {
  it('is reported as StorageFullError and leaves nothing half-written', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'), 1000);
    const put = db.items.put.bind(db.items);
    db.items.put = (() => Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }))) as never;
    const error = await recordPage(db, page('1-1', { decision: 'Muutettu' }), 2000).catch((e: unknown) => e);
    db.items.put = put;
    expect((error as Error).name).toBe('StorageFullError');
    expect((await db.items.get([PORTAL, '1-1'] as never))?.lastSeen).toBe(1000);
    expect(await db.visits.count()).toBe(1);
  });
});
