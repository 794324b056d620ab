/**
 * The snapshot in parts: a reader opens the index from its manifest and reads only the posting chunks
 * and metadata blocks a query touches, with the same answers as the index read whole.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INDEX_KEY, catchUp, loadIndex, loadSnapshot, saveIndex } from '@/lib/search/store';
import { SearchIndex, TOP_LIST_FROM, TOP_LIST_LENGTH, topListCut, type IndexSnapshot } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { docFromItem } from '@/lib/search/docs';
import { tokenize } from '@/lib/search/analyze';
import { recordPage } from '@/lib/library/recording';
import type { PykalaDatabase } from '@/lib/db';
import { closeAll, freshDb, page } from '../library/helpers';
import { fillerItems, IDENTIFIER_QUERIES, labelledItems, LABELLED_QUERIES, realSentences } from './corpus';

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
    // Format 5: the same parts without top lists.
    ['5', { format: 'pykala-search', version: 5, id: 'old', builtAt: 0, docs: 1, totalLen: 1, chunkCount: 1, metaBlockDocs: 16, metaBlockCount: 1, dictionary: { stems: ['loppuraport'], surfaces: ['loppuraportti'], endings: [] } }],
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

/** A lazily opened index over a snapshot in memory, and the names of the parts it read. */
function opened(snapshot: IndexSnapshot): { engine: SearchEngine; read: string[] } {
  const read: string[] = [];
  const index = SearchIndex.fromHead(structuredClone(snapshot.head), {
    read: async (names) => {
      read.push(...names);
      return names.map((name) => snapshot.parts[name]);
    },
  });
  return { engine: new SearchEngine(index), read };
}

describe('top lists (the best postings of words found in most documents)', () => {
  it('rank a one-word query as all postings do, reading the lists instead of the postings, and count after', async () => {
    const snapshot = whole.toSnapshot();
    const words = [...new Set(tokenize(realSentences().join(' ')))].filter((w) => w.length >= 4).slice(0, 150);
    let fromLists = 0;
    let listsOnly = 0;
    // Also as many hits as a list holds at least: the limit-th hit then meets the lists' ends.
    const longest = { limit: TOP_LIST_LENGTH, counts: false } as const;
    const queries = [...words, ...words.map((w) => w.slice(0, 4))].flatMap((q) => [[q, POPUP], [q, longest]] as const);
    for (const [q, options] of queries) {
      const { engine, read } = opened(snapshot);
      const result = await engine.searchAsync(q, options);
      const expected = reference.search(q, options);
      // The same hits in the same order with the same scores.
      expect(result.hits.map((h) => [h.meta.itemId, h.score]), q).toEqual(expected.hits.map((h) => [h.meta.itemId, h.score]));
      if (result.totalExact) {
        expect(result.total, q).toBe(expected.total);
        continue;
      }
      fromLists++;
      const lists = read.filter((k) => k.startsWith('t'));
      expect(lists.length, q).toBeGreaterThan(0);
      // Often the lists alone were read (other words of the same chunk need its postings).
      if (lists.every((list) => !read.includes(`p${list.slice(1)}`))) listsOnly++;
      // Counting reads the postings the lists stood for.
      expect(await engine.exactTotal(q, options), q).toBe(expected.total);
      expect(read.some((k) => k.startsWith('p')), q).toBe(true);
      // With the postings now in memory, the next search still ranks from the lists (the same hits,
      // without scoring every posting again), and its count is still exact.
      const again = await engine.searchAsync(q, options);
      expect(again.totalExact, q).toBe(false);
      expect(again.hits.map((h) => [h.meta.itemId, h.score]), q).toEqual(expected.hits.map((h) => [h.meta.itemId, h.score]));
      expect(await engine.exactTotal(q, options), q).toBe(expected.total);
    }
    // Words found in more than TOP_LIST_FROM of the 2,700 documents have lists.
    expect(fromLists).toBeGreaterThan(20);
    expect(listsOnly).toBeGreaterThan(20);
  });

  it('are kept for terms with more than TOP_LIST_FROM postings only, and a longer query ranks from all postings', async () => {
    const snapshot = whole.toSnapshot();
    const lists = Object.entries(snapshot.parts).filter(([name]) => name.startsWith('t')) as [string, { counts: Uint32Array }][];
    expect(lists.length).toBeGreaterThan(0);
    for (const [, part] of lists) for (const n of part.counts) expect(n).toBeGreaterThanOrEqual(TOP_LIST_LENGTH);
    expect(TOP_LIST_FROM).toBeGreaterThan(TOP_LIST_LENGTH);
    const { engine } = opened(snapshot);
    const two = await engine.searchAsync('kaupunginhallitus päätös', POPUP);
    expect(two.totalExact).toBe(true);
    expect(top(two)).toEqual(top(reference.search('kaupunginhallitus päätös', POPUP)));
  });

  it('are cut where nothing left out can rank before the last posting kept', () => {
    const level = (score: number, count: number, codes = 1) => ({ score, count, codes });
    // Clearly falling scores: the shortest list, cut inside a level of one tf and length (those left
    // out have lower ids and rank after it).
    expect(topListCut([level(9, 10), level(8, 100), level(7, 5000)])).toBe(TOP_LIST_LENGTH);
    // A level reached by several codes is kept whole.
    expect(topListCut([level(9, 10), level(8, 100, 2), level(7, 5000)])).toBe(110);
    // A next score that rounding could make equal: the list goes on past it.
    expect(topListCut([level(9, 100), level(9 * (1 - 1e-9), 3), level(7, 5000)])).toBe(101);
    // Nothing clearly apart within the longest list: no list.
    expect(topListCut(Array.from({ length: 1000 }, (_, i) => level(1 - i * 1e-9, 1)))).toBe(0);
  });
});
