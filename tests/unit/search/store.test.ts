import { afterEach, describe, expect, it } from 'vitest';
import { loadIndex, loadSnapshot, INDEX_KEY, rebuildIndex, saveIndex, catchUp } from '@/lib/search/store';
import { SearchIndex } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { deleteEverything, deleteItem, recordPage } from '@/lib/library/recording';
import { removeBookmark, saveBookmark } from '@/lib/library/bookmarks';
import { closeAll, freshDb, page, PORTAL } from '../library/helpers';

afterEach(closeAll);

const ids = (index: SearchIndex, q: string) => new SearchEngine(index).search(q, { fuzzy: false }).hits.map((h) => h.meta.itemId);

describe('persisted index', () => {
  it('builds with progress, saves a snapshot, and loads it with the same answers', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2', { title: 'Kouluverkkoselvitys', decision: 'Kouluverkko muuttuu.' }));
    const progress: [number, number][] = [];
    const built = await rebuildIndex(db, (d, t) => progress.push([d, t]));
    expect(progress[progress.length - 1]).toEqual([2, 2]);
    await saveIndex(db, built);
    const { index, rebuilt } = await loadIndex(db);
    expect(rebuilt).toBe(false);
    expect(ids(index, 'kouluverk')).toEqual(['1-2']);
    expect(ids(index, 'strategia')[0]).toBe('1-1');
  });

  it('never saves back an index read before "delete everything" (a library page left open)', async () => {
    const db = freshDb();
    await recordPage(db, page('1-2', { title: 'Kouluverkkoselvitys', decision: 'Kouluverkko muuttuu.' }));
    const { index: openPage, save } = await loadIndex(db);
    await save;
    await deleteEverything(db);
    await saveIndex(db, openPage);
    expect(await db.kv.get(INDEX_KEY)).toBeUndefined();
    const { index } = await loadIndex(db);
    expect(ids(index, 'kouluverk')).toEqual([]);
  });

  it('catches up incrementally with new reads, bookmarks, deletions and feed entries', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'), 1000);
    const { index, save } = await loadIndex(db);
    await save;
    await new Promise((r) => setTimeout(r, 5));
    await recordPage(db, page('1-2', { title: 'Ratapihan asemakaava' }));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-1', note: 'Kysy meluesteistä', tags: ['melu'] });
    await db.feedEntries.add({ portal: PORTAL, feed: 'meetingitems', entryId: '5-5', organ: 'Tekninen lautakunta', date: '2025-01-01', title: 'Tuulivoimapuiston osayleiskaava', url: null, firstSeen: Date.now(), seen: 0, matched: 1 });
    expect(await catchUp(db, index)).toBeGreaterThanOrEqual(3);
    expect(ids(index, 'ratapiha')).toEqual(['1-2']);
    expect(ids(index, 'meluesteistä')).toEqual(['1-1']);
    expect(index.get(`i|${PORTAL}|1-1`)?.bookmarked).toBe(true);
    expect(ids(index, 'tuulivoima')).toEqual(['5-5']);

    await removeBookmark(db, { portal: PORTAL, itemId: '1-1' });
    await deleteItem(db, PORTAL, '1-2');
    await catchUp(db, index);
    expect(ids(index, 'ratapiha')).toEqual([]);
    expect(index.get(`i|${PORTAL}|1-1`)?.bookmarked).toBe(false);
  });

  it('keeps an item deleted while the index is being rebuilt out of the caught-up index', async () => {
    const db = freshDb();
    await db.items.bulkPut(
      Array.from({ length: 1200 }, (_, n) => ({
        portal: PORTAL, itemId: `9-${String(n).padStart(4, '0')}`, organ: 'Kaupunginhallitus', meetingDate: '2021-06-07', section: n,
        title: n === 0 ? 'Ratapihan asemakaava' : 'Talousarvio', diaryNumber: null, outcome: null, page: null, contentHash: null,
        readHash: null, firstSeen: 1, lastSeen: 1, lastRead: 1,
      })),
    );
    let deletion: Promise<void> | null = null;
    // The first chunk (with 9-0000) is already read when the user deletes it.
    const index = await rebuildIndex(db, () => {
      deletion ??= deleteItem(db, PORTAL, '9-0000');
    });
    await deletion;
    await catchUp(db, index);
    expect(ids(index, 'ratapiha')).toEqual([]);
  });

  it('replaces a feed entry by the item once it is read', async () => {
    const db = freshDb();
    await db.feedEntries.add({ portal: PORTAL, feed: 'meetingitems', entryId: '1-1', organ: 'Kh', date: null, title: 'Loppuraportti', url: null, firstSeen: 1, seen: 0, matched: 1 });
    const { index } = await loadIndex(db);
    expect(index.get(`f|${PORTAL}|meetingitems|1-1`)).not.toBeNull();
    await recordPage(db, page('1-1'));
    await catchUp(db, index);
    expect(index.get(`f|${PORTAL}|meetingitems|1-1`)).toBeNull();
    expect(ids(index, 'loppuraportti')).toEqual(['1-1']);
  });

  it('rebuilds when the snapshot is of an unknown format', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await db.kv.put({ key: INDEX_KEY, value: { format: 'something-else' } });
    const { index, rebuilt } = await loadIndex(db);
    expect(rebuilt).toBe(true);
    expect(index.size).toBe(1);
  });

  it('gives the same results after a snapshot round trip with removals (compaction)', () => {
    const index = new SearchIndex();
    const base = { kind: 'item' as const, portal: PORTAL, organ: 'Kh', date: '2024-01-01', section: 1, diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: 1 };
    for (let i = 0; i < 50; i++) index.add({ ...base, key: `k${i}`, itemId: `${i}`, title: `Asia ${i} ${i % 2 ? 'kouluverkko' : 'ratapiha'}`, fields: { title: `Asia ${i} ${i % 2 ? 'kouluverkko' : 'ratapiha'}` } });
    for (let i = 0; i < 50; i += 3) index.remove(`k${i}`);
    const before = ids(index, 'kouluverkko');
    const copy = SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()));
    expect(ids(copy, 'kouluverkko')).toEqual(before);
    expect(copy.size).toBe(index.size);
  });

  it('keeps working after loading a snapshot lazily, changing it and saving it again', () => {
    const index = new SearchIndex();
    const base = { kind: 'item' as const, portal: PORTAL, organ: 'Kh', date: '2024-01-01', section: 1, diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: 1 };
    for (let i = 0; i < 300; i++) index.add({ ...base, key: `k${i}`, itemId: `${i}`, title: `Asia ${i}`, fields: { title: `Asia ${i} ${i % 3 ? 'kouluverkko' : 'ratapiha'} äänestys`, body: 'pöytäkirja '.repeat(i % 7) } });
    const loaded = SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()));
    expect(ids(loaded, 'kouluverkko')).toEqual(ids(index, 'kouluverkko'));
    loaded.add({ ...base, key: 'new', itemId: 'new', title: 'Uusi ratapiha', fields: { title: 'Uusi ratapiha' } });
    loaded.remove('k3');
    const again = SearchIndex.fromSnapshot(structuredClone(loaded.toSnapshot()));
    expect(ids(again, 'ratapiha')).toEqual(ids(loaded, 'ratapiha'));
    expect(ids(again, 'ratapiha')).toContain('new');
    expect(ids(again, 'ratapiha')).not.toContain('3');
    expect(again.get('k10')?.title).toBe('Asia 10');
  });
});

describe('words of removed documents', () => {
  it('do not take the place of live words among a prefix’s expansions (the in-memory index finds what its snapshot finds)', () => {
    const index = new SearchIndex();
    // 80 words beginning "melu", one per document: more than a query word expands to.
    const words = Array.from({ length: 80 }, (_, n) => `melu${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}x`);
    const base = { kind: 'item' as const, portal: PORTAL, organ: null, date: null, section: null, diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: 1 };
    words.forEach((word, n) => index.add({ ...base, key: `k${n}`, itemId: `${n}`, title: word, fields: { title: word } }));
    // The documents of the first ten words go (read again with other text, or deleted), before compaction.
    for (let n = 0; n < 10; n++) index.remove(`k${n}`);
    const inMemory = new SearchEngine(index).search('melu', { limit: 100 });
    const snapshot = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()))).search('melu', { limit: 100 });
    expect(inMemory.total).toBe(snapshot.total);
    // And after compaction, where the removed words have no postings left but are still known as words.
    expect(new SearchEngine(index).search('melu', { limit: 100 }).total).toBe(snapshot.total);
  });

  it('a prefix expands to the same words whether they were just added or read from a snapshot', () => {
    const index = new SearchIndex();
    const base = { kind: 'item' as const, portal: PORTAL, organ: null, date: null, section: null, diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: 1 };
    // 300 words beginning "arvi", the alphabetically first long and the last short: more than a
    // prefix looks at, and fewer than the words an index sorts only when there are many of them.
    const code = (n: number) => `${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`;
    const words = Array.from({ length: 300 }, (_, n) => `arvi${code(n)}nt${n < 260 ? 'kkkkkkkkkkkk' : ''}`);
    words.forEach((word, n) => index.add({ ...base, key: `k${n}`, itemId: `${n}`, title: word, fields: { title: word } }));
    const found = (i: SearchIndex) => new SearchEngine(i).search('arvi', { limit: 1000, fuzzy: false }).hits.map((h) => h.meta.itemId).sort();
    const inMemory = found(index);
    expect(inMemory).toEqual(found(SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()))));
  });
});

describe('changes listed for the index (stale keys)', () => {
  it('a deletion caught up by a reader that closes before saving (the popup) still reaches the next reader', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2', { title: 'Ratapihan asemakaava' }));
    await (await loadIndex(db)).save;
    await deleteItem(db, PORTAL, '1-2');
    // The popup catches up, then is closed (a result clicked) before its save is written.
    const popup = (await loadSnapshot(db))!;
    expect(await catchUp(db, popup)).toBeGreaterThan(0);
    expect(ids(popup, 'ratapiha')).toEqual([]);
    const { index } = await loadIndex(db);
    expect(ids(index, 'ratapiha')).toEqual([]);
  });

  it('a key listed again after a reader read it stays listed when that reader saves', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2', { title: 'Ratapihan asemakaava' }));
    await (await loadIndex(db)).save;
    await saveBookmark(db, { portal: PORTAL, itemId: '1-2', note: '', tags: [] });
    await removeBookmark(db, { portal: PORTAL, itemId: '1-2' });
    const reader = (await loadSnapshot(db))!;
    expect(await catchUp(db, reader)).toBeGreaterThan(0);
    // Deleted after the reader caught up, before it saved.
    await deleteItem(db, PORTAL, '1-2');
    await saveIndex(db, reader);
    const { index } = await loadIndex(db);
    expect(ids(index, 'ratapiha')).toEqual([]);
  });

  it('reads the list of the previous version (keys alone)', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2', { title: 'Ratapihan asemakaava' }));
    await (await loadIndex(db)).save;
    await db.items.delete([PORTAL, '1-2'] as never);
    await db.kv.put({ key: 'search/stale', value: [`i|${PORTAL}|1-2`] });
    const { index, save } = await loadIndex(db);
    expect(ids(index, 'ratapiha')).toEqual([]);
    await save;
    expect(ids((await loadIndex(db)).index, 'ratapiha')).toEqual([]);
  });
});
