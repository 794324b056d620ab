/**
 * The popup's first search reads with plain IndexedDB (before Dexie is loaded): the same rows as
 * through Dexie, the same results, and never a database created behind Dexie's back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPlainDatabase } from '@/lib/search/plain-db';
import { loadIndex, loadSnapshot } from '@/lib/search/store';
import { SearchEngine } from '@/lib/search/engine';
import { recentBookmarks, recentItems, resolveResults } from '@/lib/library/results';
import { recordPage } from '@/lib/library/recording';
import { saveBookmark } from '@/lib/library/bookmarks';
import { closeAll, freshDb, page, PORTAL } from '../library/helpers';

afterEach(closeAll);

describe('plain IndexedDB reads for the popup', () => {
  it('finds and shows the same results as through Dexie, with the bookmark note', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await recordPage(db, page('1-2', { title: 'Kouluverkkoselvitys', decision: 'Kouluverkko muuttuu.' }));
    await saveBookmark(db, { portal: PORTAL, itemId: '1-2', note: 'Kysy aikataulusta', tags: ['koulu'] });
    await (await loadIndex(db)).save;

    const plain = (await openPlainDatabase(indexedDB, db.name))!;
    expect(plain).not.toBeNull();
    const options = { limit: 20, counts: false };
    const viaPlain = await new SearchEngine((await loadSnapshot(plain.kv))!).searchAsync('kouluverk', options);
    const viaDexie = await new SearchEngine((await loadSnapshot(db))!).searchAsync('kouluverk', options);
    expect(viaPlain.hits.map((h) => h.meta.itemId)).toEqual(['1-2']);
    const shown = await resolveResults(plain.tables, viaPlain);
    expect(shown).toEqual(await resolveResults(db, viaDexie));
    expect(shown[0]!.note).toBe('Kysy aikataulusta');
    expect(shown[0]!.title.some((s) => s.mark && s.text === 'Kouluverkkoselvitys')).toBe(true);
    // The popup's recent items and bookmarks, newest first, as through Dexie.
    expect((await recentItems(plain)).map((r) => r.itemId)).toEqual((await recentItems(db)).map((r) => r.itemId));
    expect(await recentBookmarks(plain)).toEqual(await recentBookmarks(db));
    expect((await recentBookmarks(plain)).map((r) => r.itemId)).toEqual(['1-2']);
    plain.close();
  });

  it('shows a feed entry among item hits with its own link (read only for the feed hit)', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1', { title: 'Tuulivoima-alueiden selvitys' }));
    await db.feedEntries.add({ portal: PORTAL, feed: 'meetingitems', entryId: '7-7', organ: 'Tekninen lautakunta', date: '2025-01-01', title: 'Tuulivoimapuiston osayleiskaava', url: `${PORTAL}/cgi/DREQUEST.PHP?page=meetingitem&id=7-7`, firstSeen: Date.now(), seen: 0, matched: 1 });
    await (await loadIndex(db)).save;
    const plain = (await openPlainDatabase(indexedDB, db.name))!;
    const result = await new SearchEngine((await loadSnapshot(plain.kv))!).searchAsync('tuulivoima', { limit: 20, counts: false });
    const shown = await resolveResults(plain.tables, result);
    expect(shown.map((r) => [r.kind, r.itemId]).sort()).toEqual([['feed', '7-7'], ['item', '1-1']]);
    expect(shown.find((r) => r.kind === 'feed')!.url).toBe(`${PORTAL}/cgi/DREQUEST.PHP?page=meetingitem&id=7-7`);
    expect(shown).toEqual(await resolveResults(db, result));
    plain.close();
  });

  it('leaves a database that does not exist yet to Dexie (creates nothing)', async () => {
    const name = `absent-${Math.random()}`;
    expect(await openPlainDatabase(indexedDB, name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
