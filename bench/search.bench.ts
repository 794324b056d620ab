/**
 * Search benchmarks (issue 5), all in one run: our index against Fuse.js over full bodies (the naive
 * baseline) and MiniSearch (the first candidate), on synthetic corpora of 5,000 and 50,000 items built
 * from the real fixtures' sentences (bodies of ~3 kB) plus the labelled items of
 * tests/unit/search/corpus.ts. `FUSE_QUERIES=n` sets how many labelled queries Fuse runs (default 12:
 * it takes seconds per query).
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { stemmer as snowballFi } from '@orama/stemmers/finnish';
import { percentile, type BenchRow } from './types';
import { SearchIndex, type IndexSnapshot } from '../lib/search/index';
import { SearchEngine } from '../lib/search/engine';
import { docFromItem, itemBody } from '../lib/search/docs';
import { normalize, stem, STOP_WORDS } from '../lib/search/analyze';
import type { ItemRecord } from '../lib/db';
import { fillerItems, labelledItems, LABELLED_QUERIES } from '../tests/unit/search/corpus';

const BODY_BYTES = 3000;

function corpus(size: number): ItemRecord[] {
  const labelled = labelledItems(BODY_BYTES);
  return [...labelled, ...fillerItems(size - labelled.length, BODY_BYTES)];
}

function recallAt10(search: (q: string) => string[], queries: { q: string; expect: string[] }[]): number {
  let sum = 0;
  for (const { q, expect } of queries) {
    const got = search(q).slice(0, 10);
    sum += expect.filter((e) => got.includes(e)).length / expect.length;
  }
  return sum / queries.length;
}

function timeQueries(search: (q: string) => unknown, queries: string[], rounds: number): number[] {
  for (const q of queries) search(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      search(q);
      times.push(performance.now() - t0);
    }
  }
  return times;
}

function buildOurs(items: ItemRecord[]): { engine: SearchEngine; ms: number } {
  const t0 = performance.now();
  const index = new SearchIndex();
  for (const item of items) index.add(docFromItem(item, null));
  return { engine: new SearchEngine(index), ms: performance.now() - t0 };
}

/** Bytes of a snapshot's values (typed arrays as stored, strings as UTF-8), head and parts. */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + valueBytes(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, v) => sum + valueBytes(v), 0);
  return 8;
}
const snapshotBytes = (s: IndexSnapshot) => valueBytes(s.head) + valueBytes(s.parts);

const fullText = (i: ItemRecord) => [i.page?.proposal, i.page?.decision, itemBody(i)].filter(Boolean).join('\n');

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const queries = LABELLED_QUERIES.map((x) => x.q);
  const log = (s: string) => process.stderr.write(`  search: ${s}\n`);

  // --- Stemming: our Snowball + conflation against plain Snowball, on inflection groups.
  const groups = [
    ['kouluverkko', 'kouluverkon', 'kouluverkkoa', 'kouluverkossa', 'kouluverkkoon', 'kouluverkot'],
    ['päätös', 'päätöksen', 'päätöstä', 'päätökset', 'päätöksessä'],
    ['lautakunta', 'lautakunnan', 'lautakunnalle', 'lautakuntaa', 'lautakunnassa'],
    ['päiväkoti', 'päiväkodin', 'päiväkotia', 'päiväkodissa'],
    ['sopimus', 'sopimuksen', 'sopimusta', 'sopimukset'],
    ['hankinta', 'hankinnan', 'hankintaa', 'hankinnat'],
    ['kokous', 'kokouksen', 'kokousta', 'kokouksessa'],
    ['investointi', 'investoinnin', 'investointia', 'investoinnit'],
  ];
  const pairRecall = (f: (w: string) => string) => {
    let same = 0;
    let pairs = 0;
    for (const g of groups) {
      const s = g.map(f);
      for (let i = 0; i < s.length; i++) {
        for (let j = i + 1; j < s.length; j++) {
          pairs++;
          if (s[i] === s[j]) same++;
        }
      }
    }
    return same / pairs;
  };
  const plain = pairRecall((w) => snowballFi(w));
  const ours = pairRecall(stem);
  rows.push({ name: 'search.stem_pair_recall', value: ours, goal: `> plain Snowball ${plain.toFixed(2)}`, pass: ours > plain });
  rows.push({ name: 'search.stem_pair_recall_snowball', value: plain });

  // --- 5k: ours, MiniSearch, Fuse over full bodies.
  const items5k = corpus(5000);
  const built5k = buildOurs(items5k);
  log(`5k built in ${built5k.ms.toFixed(0)} ms`);
  // As the popup searches while typing: top 10, no facet counts.
  const ourSearch = (engine: SearchEngine) => (q: string) => engine.search(q, { limit: 10, counts: false }).hits.map((h) => h.meta.itemId);
  // As the library page searches: facet counts over everything matched.
  const librarySearch = (engine: SearchEngine) => (q: string) => engine.search(q, { limit: 50 }).hits.map((h) => h.meta.itemId);
  const times5k = timeQueries(ourSearch(built5k.engine), queries, 5);
  const p95_5k = percentile(times5k, 95);
  rows.push({ name: 'search.p95_ms.5k', value: p95_5k, goal: '<= 30', pass: p95_5k <= 30 });
  const recall5k = recallAt10(ourSearch(built5k.engine), LABELLED_QUERIES);
  rows.push({ name: 'search.library_p95_ms.5k', value: percentile(timeQueries(librarySearch(built5k.engine), queries, 3), 95), goal: 'reported (with facet counts)' });
  rows.push({ name: 'search.index_build_ms.5k', value: built5k.ms });

  // Adding one item to a 5k index.
  const extra = fillerItems(200, BODY_BYTES, 99).map((i) => ({ ...i, itemId: `add-${i.itemId}` }));
  const addTimes = extra.map((item) => {
    const t0 = performance.now();
    built5k.engine.index.add(docFromItem(item, null));
    return performance.now() - t0;
  });
  const addP95 = percentile(addTimes, 95);
  rows.push({ name: 'search.add_item_ms', value: addP95, goal: '<= 5 (p95 of 200 adds)', pass: addP95 <= 5 });

  // Storage per item: the stored record plus its share of the index snapshot.
  const snapshot = built5k.engine.index.toSnapshot();
  const indexBytes = snapshotBytes(snapshot);
  const docs = built5k.engine.index.size;
  const recordBytes = items5k.reduce((sum, i) => sum + Buffer.byteLength(JSON.stringify(i)), 0);
  rows.push({ name: 'storage.bytes_per_item', value: recordBytes / items5k.length + indexBytes / docs, goal: 'reported (record + index share)' });
  rows.push({ name: 'storage.index_bytes_per_item', value: indexBytes / docs });

  // MiniSearch with the same Finnish analysis (the first candidate).
  {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const mini = new MiniSearch<{ id: string; title: string; organ: string; body: string }>({
      fields: ['title', 'organ', 'body'],
      storeFields: [],
      processTerm: (term) => {
        const t = normalize(term);
        return STOP_WORDS.has(t) ? null : stem(t);
      },
      searchOptions: { boost: { title: 3, organ: 1.5 }, prefix: true, combineWith: 'OR' },
    });
    mini.addAll(items5k.map((i) => ({ id: i.itemId, title: i.title ?? '', organ: i.organ ?? '', body: fullText(i) })));
    const ms = performance.now() - t0;
    const heap = (process.memoryUsage().heapUsed - heap0) / 1e6;
    const miniSearch = (q: string) => mini.search(q).slice(0, 10).map((r) => String(r.id));
    const p95 = percentile(timeQueries(miniSearch, queries, 3), 95);
    const jsonMs = (() => {
      const json = JSON.stringify(mini);
      const t = performance.now();
      MiniSearch.loadJSON(json, { fields: ['title', 'organ', 'body'] });
      return performance.now() - t;
    })();
    rows.push({ name: 'search.minisearch_p95_ms.5k', value: p95, goal: `ours ${p95_5k.toFixed(2)}` });
    rows.push({ name: 'search.minisearch_recall10', value: recallAt10(miniSearch, LABELLED_QUERIES), goal: `ours ${recall5k.toFixed(3)}` });
    rows.push({ name: 'search.minisearch_build_ms.5k', value: ms, goal: `ours ${built5k.ms.toFixed(0)}` });
    rows.push({ name: 'search.minisearch_heap_mb.5k', value: heap });
    rows.push({ name: 'search.minisearch_load_ms.5k', value: jsonMs });
    log(`minisearch done`);
  }

  // Fuse.js over the full bodies: the naive baseline.
  const fuseCount = Number(process.env.FUSE_QUERIES ?? 12);
  const step = Math.max(1, Math.floor(LABELLED_QUERIES.length / fuseCount));
  const fuseQueries = LABELLED_QUERIES.filter((_, i) => i % step === 0).slice(0, fuseCount);
  const fuse = new Fuse(
    items5k.map((i) => ({ id: i.itemId, title: i.title ?? '', organ: i.organ ?? '', body: fullText(i) })),
    { keys: [{ name: 'title', weight: 3 }, 'organ', 'body'], ignoreLocation: true, threshold: 0.3 },
  );
  const fuseSearch = (q: string) => fuse.search(q, { limit: 10 }).map((r) => r.item.id);
  const fuseTimes: number[] = [];
  for (const { q } of fuseQueries) {
    const t0 = performance.now();
    fuseSearch(q);
    fuseTimes.push(performance.now() - t0);
  }
  const fuseP95 = percentile(fuseTimes, 95);
  log(`fuse ${fuseQueries.length} queries, p95 ${fuseP95.toFixed(0)} ms`);
  const fuseRecall = recallAt10(fuseSearch, fuseQueries);
  const oursOnFuseSet = recallAt10(ourSearch(built5k.engine), fuseQueries);
  const speedup = fuseP95 / p95_5k;
  rows.push({ name: 'search.fuse_fullbody_p95_ms.5k', value: fuseP95, goal: `baseline (${fuseQueries.length} queries)` });
  rows.push({ name: 'search.speedup_vs_fuse.5k', value: speedup, goal: '>= 50x', pass: speedup >= 50 });
  rows.push({ name: 'search.recall10', value: recall5k, goal: `>= Fuse ${fuseRecall.toFixed(3)} (all ${LABELLED_QUERIES.length} queries)`, pass: recall5k >= fuseRecall });
  rows.push({ name: 'search.recall10_fuse_queries', value: oursOnFuseSet, goal: `>= Fuse ${fuseRecall.toFixed(3)} (same queries)`, pass: oursOnFuseSet >= fuseRecall });
  rows.push({ name: 'search.fuse_fullbody_recall10', value: fuseRecall });

  // --- 50k: ours only (Fuse would take minutes per query; MiniSearch gigabytes of heap).
  const items50k = corpus(50_000);
  const built50k = buildOurs(items50k);
  log(`50k built in ${built50k.ms.toFixed(0)} ms`);
  const p95_50k = percentile(timeQueries(ourSearch(built50k.engine), queries, 3), 95);
  rows.push({ name: 'search.p95_ms.50k', value: p95_50k, goal: '<= 100', pass: p95_50k <= 100 });
  rows.push({ name: 'search.recall10.50k', value: recallAt10(ourSearch(built50k.engine), LABELLED_QUERIES) });
  rows.push({ name: 'search.library_p95_ms.50k', value: percentile(timeQueries(librarySearch(built50k.engine), queries, 2), 95), goal: 'reported (with facet counts)' });
  rows.push({ name: 'search.index_build_ms.50k', value: built50k.ms });
  const t0 = performance.now();
  const snap50k = built50k.engine.index.toSnapshot();
  rows.push({ name: 'search.snapshot_save_ms.50k', value: performance.now() - t0 });
  const tc = performance.now();
  const cloned = structuredClone(snap50k);
  rows.push({ name: 'search.snapshot_clone_ms.50k', value: performance.now() - tc, goal: 'reported (what IndexedDB does)' });
  rows.push({ name: 'search.snapshot_mb.50k', value: snapshotBytes(snap50k) / 1e6 });
  rows.push({ name: 'search.snapshot_head_bytes.50k', value: valueBytes(snap50k.head), goal: 'reported (what a popup reads before its first query)' });
  const t1 = performance.now();
  const loaded = SearchIndex.fromSnapshot(cloned);
  new SearchEngine(loaded).search('kouluverk', { limit: 10, counts: false });
  rows.push({ name: 'search.snapshot_load_and_query_ms.50k', value: performance.now() - t1, goal: 'reported (popup cold start, Node)' });
  return rows;
}
