/**
 * The snapshot in parts: a reader opens the index from its manifest and reads only the posting chunks
 * and metadata blocks a query touches, with the same answers as the index read whole.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { INDEX_KEY, catchUp, loadIndex, loadSnapshot, saveIndex } from '@/lib/search/store';
import { SearchIndex } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { docFromItem } from '@/lib/search/docs';
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
beforeAll(() => {
  whole = new SearchIndex();
  for (const item of [...labelledItems(1200), ...fillerItems(1500, 1200)]) whole.add(docFromItem(item, null));
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
    const snapshot = whole.toSnapshot();
    expect(snapshot.postingChunks.length).toBeGreaterThan(4);
    expect(snapshot.metaBlocks.length).toBeGreaterThan(10);
  });

  it('answers every labelled query as the whole index does, reading only a part of the snapshot', async () => {
    const db = await saved();
    const chunkCount = whole.toSnapshot().postingChunks.length;
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
      expect(read.filter((k) => /\/p\d+$/.test(k)).length, q).toBeLessThan(chunkCount / 2);
      expect(read.filter((k) => /\/m\d+$/.test(k)).length, q).toBeLessThanOrEqual(POPUP.limit * 2);
      expect(read.some((k) => k.endsWith('/keys')), q).toBe(false);
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

  it('rebuilds from a snapshot of the previous format instead of misreading it', async () => {
    const db = freshDb();
    await recordPage(db, page('1-1'));
    await db.kv.put({ key: INDEX_KEY, value: { format: 'pykala-search', version: 3, builtAt: 0, keys: '', terms: '', ids: new Uint8Array(0) } });
    expect(await loadSnapshot(db)).toBeNull();
    const { index, rebuilt } = await loadIndex(db);
    expect(rebuilt).toBe(true);
    expect(top(new SearchEngine(index).search('loppuraportti', POPUP))).toEqual(['1-1']);
  });

  it('fails plainly when its parts were replaced under a reader (the popup then loads the current snapshot whole)', async () => {
    const db = await saved();
    const index = (await loadSnapshot(db))!;
    await db.kv.where(':id').startsWith(`${INDEX_KEY}/`).delete();
    await expect(new SearchEngine(index).searchAsync('kouluverkko', POPUP)).rejects.toThrow();
  });
});
