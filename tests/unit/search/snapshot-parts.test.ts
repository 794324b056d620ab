/**
 * The snapshot in parts: a reader opens the index from its manifest and reads only the posting chunks
 * and metadata blocks a query touches, with the same answers as the index read whole.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INDEX_KEY, catchUp, loadIndex, loadSnapshot, saveIndex } from '@/lib/search/store';
import { SearchIndex } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { docFromItem } from '@/lib/search/docs';
import { tokenize } from '@/lib/search/analyze';
import { recordPage } from '@/lib/library/recording';
import type { PykalaDatabase } from '@/lib/db';
import { closeAll, freshDb, page } from '../library/helpers';
import { fillerItems, IDENTIFIER_QUERIES, labelledItems, LABELLED_QUERIES } from './corpus';

afterEach(() => {
  vi.restoreAllMocks();
  return closeAll();
});

let whole: SearchIndex;
/** The same index read whole from its snapshot (term frequencies are stored in quarter steps). */
let reference: SearchEngine;
let inMemory: SearchEngine;
beforeAll(() => {
  whole = new SearchIndex();
  // Times seen out of the order of adding: the snapshot numbers documents by time seen.
  const items = [...labelledItems(1200), ...fillerItems(1500, 1200)].map((item, n) => ({ ...item, lastSeen: (n * 7919) % 1000 }));
  for (const item of items) whole.add(docFromItem(item, null));
  inMemory = new SearchEngine(whole);
  reference = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(whole.toSnapshot())));
});

const POPUP = { limit: 20, counts: false } as const;
const top = (r: { hits: { meta: { itemId: string } }[] }) => r.hits.map((h) => h.meta.itemId);

async function saved(): Promise<PykalaDatabase> {
  const db = freshDb();
  await saveIndex(db, SearchIndex.fromSnapshot(structuredClone(whole.toSnapshot())));
  return db;
}

/** Which snapshot rows (chunks p, blocks m, keys) a reader fetched. */
function partsRead(db: PykalaDatabase): string[] {
  const read: string[] = [];
  const bulkGet = db.kv.bulkGet.bind(db.kv);
  vi.spyOn(db.kv, 'bulkGet').mockImplementation(((keys: string[]) => {
    read.push(...keys);
    return bulkGet(keys);
  }) as never);
  return read;
}

describe('snapshot read in parts', () => {
  it('stores postings in several chunks and metadata in several blocks', () => {
    const { head } = whole.toSnapshot();
    expect(head.chunkCount).toBeGreaterThan(4);
    expect(head.metaBlockCount).toBeGreaterThan(10);
    expect(head.dictionary.stems.length).toBeGreaterThan(2);
    // What every reader reads first stays small: counts and the first word of each dictionary block.
    expect(JSON.stringify(head).length).toBeLessThan(2000);
  });

  it('answers every labelled query as the whole index does, reading only a part of the snapshot', async () => {
    const db = await saved();
    const { head } = whole.toSnapshot();
    for (const { q } of LABELLED_QUERIES) {
      const index = await loadSnapshot(db);
      expect(index).not.toBeNull();
      expect(index!.complete).toBe(false);
      const read = partsRead(db);
      const result = await new SearchEngine(index!).searchAsync(q, POPUP);
      vi.restoreAllMocks();
      const expected = reference.search(q, POPUP);
      expect(top(result), q).toEqual(top(expected));
      expect(result.total, q).toBe(expected.total);
      // Lengths and term frequencies are rounded as documents are added, so the index built in memory
      // ranks exactly as its snapshot does.
      expect(top(result), q).toEqual(top(inMemory.search(q, POPUP)));
      expect(read.filter((k) => /\/p\d+$/.test(k)).length, q).toBeLessThan(head.chunkCount / 2);
      expect(read.filter((k) => /\/m\d+$/.test(k)).length, q).toBeLessThanOrEqual(POPUP.limit * 2);
      // Per query word: the block of its stem and one or two of the words it begins.
      expect(read.filter((k) => /\/[sw]\d+$/.test(k)).length, q).toBeLessThanOrEqual(3 * tokenize(q).length);
      expect(read.some((k) => k.endsWith('/docs')), q).toBe(false);
    }
  });

  it('answers identifier queries, empty queries and facet counts by reading the rest', async () => {
    const db = await saved();
    for (const { q } of IDENTIFIER_QUERIES) {
      const engine = new SearchEngine((await loadSnapshot(db))!);
      expect(top(await engine.searchAsync(q, POPUP)), q).toEqual(top(reference.search(q, POPUP)));
    }
    const engine = new SearchEngine((await loadSnapshot(db))!);
    expect(top(await engine.searchAsync('', POPUP))).toEqual(top(reference.search('', POPUP)));
    const library = await engine.searchAsync('kouluverkko', { limit: 50, facets: { year: ['2024'] } });
    expect(library).toEqual(reference.search('kouluverkko', { limit: 50, facets: { year: ['2024'] } }));
    expect(engine.index.complete).toBe(true);
  });

  it('catches up a lazily opened index, saves it, and keeps only the current and previous parts', async () => {
    const db = freshDb();
    for (let i = 0; i < 3; i++) await recordPage(db, page(`1-${i}`, { title: `Asia ${i}` }), 1000 + i);
    const first = await loadIndex(db);
    await first.save;
    for (let round = 0; round < 3; round++) {
      await new Promise((r) => setTimeout(r, 5));
      await recordPage(db, page(`2-${round}`, { title: `Ratapihan asemakaava ${round}` }));
      const index = (await loadSnapshot(db))!;
      expect(await catchUp(db, index)).toBeGreaterThan(0);
      await saveIndex(db, index);
    }
    const engine = new SearchEngine((await loadSnapshot(db))!);
    expect(top(await engine.searchAsync('ratapiha', POPUP)).sort()).toEqual(['2-0', '2-1', '2-2']);
    const partKeys = (await db.kv.where(':id').startsWith(`${INDEX_KEY}/`).primaryKeys()) as string[];
    expect(new Set(partKeys.map((k) => k.split('/')[2])).size).toBe(2);
  });

  it.each([
    ['3', { format: 'pykala-search', version: 3, builtAt: 0, keys: '', terms: '', ids: new Uint8Array(0) }],
    // Format 4: the 2 MB manifest with the whole dictionary, its parts under an id.
    ['4', { format: 'pykala-search', version: 4, id: 'old', builtAt: 0, docs: 1, terms: 'loppuraport', chunkStarts: new Uint32Array(1), counts: new Uint32Array(1), lastSeen: new Float64Array(1), docLen: new Float32Array(1) }],
  ])('rebuilds from a snapshot of format %s instead of misreading it, and its parts go at the next saves', async (_, old) => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await db.kv.put({ key: INDEX_KEY, value: old });
    await db.kv.put({ key: `${INDEX_KEY}/old/p0`, value: { ids: new Uint8Array(0), tf: new Uint8Array(0) } });
    expect(await loadSnapshot(db)).toBeNull();
    const { index, rebuilt, save } = await loadIndex(db);
    expect(rebuilt).toBe(true);
    expect(top(await new SearchEngine(index).searchAsync('loppuraportti', POPUP))).toEqual(['1-1']);
    await save;
    const lazy = (await loadSnapshot(db))!;
    expect(top(await new SearchEngine(lazy).searchAsync('loppuraportti', POPUP))).toEqual(['1-1']);
    await saveIndex(db, (await loadIndex(db)).index);
    expect(await db.kv.get(`${INDEX_KEY}/old/p0`)).toBeUndefined();
  });

  it('fails plainly when its parts were replaced under a reader (the popup then loads the current snapshot whole)', async () => {
    const db = await saved();
    const index = (await loadSnapshot(db))!;
    await db.kv.where(':id').startsWith(`${INDEX_KEY}/`).delete();
    await expect(new SearchEngine(index).searchAsync('kouluverkko', POPUP)).rejects.toThrow();
  });
});

describe('snapshot dictionary blocks', () => {
  it('finds compound heads whose ending is shared by words on both sides of a block boundary', async () => {
    // 700 compounds ending in the same word: their ending entries (one key, many words) fill more than
    // one dictionary block, so the run of equal keys starts in the block before the one it names.
    const index = new SearchIndex();
    const heads = Array.from({ length: 700 }, (_, n) => `${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}aa`);
    heads.forEach((head, n) => {
      index.add(docFromItem({ ...page(`1-${n}`), portal: 'https://x.example.fi', itemId: `1-${n}`, organ: null, meetingDate: null, section: null, title: `${head}tilaiden`, diaryNumber: null, outcome: null, contentHash: null, readHash: null, firstSeen: n, lastSeen: n, lastRead: n, page: null } as never, null));
    });
    const snapshot = index.toSnapshot();
    const source = { read: async (names: string[]) => names.map((name) => structuredClone(snapshot.parts[name])) };
    const lazy = new SearchEngine(SearchIndex.fromHead(snapshot.head, source));
    const wholeIndex = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot)));
    expect(top(await lazy.searchAsync('tilaiden', POPUP))).toEqual(top(wholeIndex.search('tilaiden', POPUP)));
    expect(top(wholeIndex.search('tilaiden', POPUP))).toEqual(top(new SearchEngine(index).search('tilaiden', POPUP)));
  });
});
