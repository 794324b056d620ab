/**
 * The popup's path (a snapshot read back in parts, searched for its first hits, ranked from top lists
 * where they tell) against the full ranking of the same snapshot read whole (what the library page
 * ranks by): random libraries, removals and additions before the save, one-word queries, prefixes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSnapshot, saveIndex } from '@/lib/search/store';
import { docFromItem } from '@/lib/search/docs';
import { normalize, stem } from '@/lib/search/analyze';
import { closeAll, freshDb } from '../library/helpers';
import { fillerItems, IDENTIFIER_QUERIES, labelledItems, LABELLED_QUERIES } from './corpus';
import { highlighter, SearchIndex, TOP_LIST_FROM, TOP_LIST_LENGTH, type IndexDoc, type IndexSnapshot } from '@/lib/search/index';
import { SearchEngine } from '@/lib/search/engine';
import { Searcher, type EngineResult } from '@/lib/search/searcher';
import { closestWords } from '@/lib/search/fuzzy';

/** Words of council minutes; the first ones are in most documents, so they have top lists. */
const VOCABULARY = [
  'päätös', 'kaupunginhallitus', 'esitys', 'hyväksyä', 'talousarvio', 'kouluverkko', 'liikenne', 'asemakaava',
  'ympäristölupa', 'rakennus', 'selvitys', 'palvelu', 'terveys', 'kunnanvaltuusto', 'tiedoksi', 'maankäyttö',
  'uimahalli', 'sopimus', 'hankinta', 'vuokraus', 'kiinteistö', 'avustus', 'lausunto', 'valitus',
];

interface Shape {
  title: number[];
  body: number[];
  proposal: number[];
  lastSeen: number;
}

/** Word n of the vocabulary, or a rare filler word. */
const wordOf = (n: number) => VOCABULARY[n] ?? `harvinainen${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + ((n * 7) % 26))}`;
/** Mostly the first words: a few of them end up in more than TOP_LIST_FROM documents. */
const skewedWord = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 4, max: VOCABULARY.length - 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: VOCABULARY.length, max: VOCABULARY.length + 200 }) },
);
const shape: fc.Arbitrary<Shape> = fc.record({
  title: fc.array(skewedWord, { minLength: 1, maxLength: 4 }),
  body: fc.array(skewedWord, { maxLength: 24 }),
  proposal: fc.array(skewedWord, { maxLength: 3 }),
  // Few distinct times: many equal times, so the order of equal scores is tested too.
  lastSeen: fc.integer({ min: 0, max: 40 }),
});

function doc(n: number, s: Shape): IndexDoc {
  const text = (words: number[]) => words.map(wordOf).join(' ');
  return {
    key: `i|p|${n}`, kind: 'item', portal: 'p', itemId: String(n), organ: null, date: null, section: null,
    title: text(s.title), diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: s.lastSeen,
    fields: { title: text(s.title), body: text(s.body), proposal: s.proposal.length ? text(s.proposal) : null },
  };
}

/** A snapshot source as the store's: a part that is not there is an error, values are copies. */
function source(snapshot: IndexSnapshot, read: string[] = []) {
  return {
    read: async (names: string[]) =>
      names.map((name) => {
        read.push(name);
        if (!(name in snapshot.parts)) throw new Error(`search index snapshot part ${name} is gone`);
        return structuredClone(snapshot.parts[name]);
      }),
  };
}

const popupEngine = (snapshot: IndexSnapshot, read?: string[]) =>
  new Searcher(SearchIndex.fromHead(structuredClone(snapshot.head), source(snapshot, read)), { load: async () => closestWords });
const shown = (r: EngineResult) => r.hits.map((h) => [h.meta.key, h.score, h.route]);

const QUERIES = [...VOCABULARY.slice(0, 8), 'päät', 'kaup', 'esit', 'hyv', 'kouluv', 'ja', 'talousarvio ja', 'päätös esitys', 'paatos', 'hyvaksya', 'zzzz'];

/** The popup's results for each query and limit against the full ranking of the snapshot read whole. */
async function compare(snapshot: IndexSnapshot, limits: number[]): Promise<number> {
  const whole = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot)));
  let fromLists = 0;
  for (const limit of limits) {
    const options = { limit, counts: false } as const;
    for (const q of QUERIES) {
      const read: string[] = [];
      const popup = popupEngine(snapshot, read);
      const result = await popup.searchAsync(q, options);
      const expected = whole.search(q, options);
      expect(shown(result), `${q} @${limit}`).toEqual(shown(expected));
      expect(result.corrections, q).toEqual(expected.corrections);
      expect(result.highlight, q).toEqual(expected.highlight);
      if (result.totalExact) {
        expect(result.total, q).toBe(expected.total);
      } else {
        fromLists++;
        expect(limit).toBeLessThanOrEqual(TOP_LIST_LENGTH);
        expect(result.total, q).toBeLessThanOrEqual(expected.total);
        expect(read.some((name) => name.startsWith('t')), q).toBe(true);
        expect(await popup.exactTotal(q, options), q).toBe(expected.total);
        // Once counted (the postings are in memory), the same search still ranks from the lists: the same
        // hits, not every posting scored again; its count is asked again and is still exact.
        const again = await popup.searchAsync(q, options);
        expect(shown(again), q).toEqual(shown(expected));
        expect(again.totalExact, q).toBe(false);
        expect(await popup.exactTotal(q, options), q).toBe(expected.total);
      }
    }
  }
  return fromLists;
}

describe('top lists: the popup ranks as the library page does', () => {
  it('on random libraries with words in more than TOP_LIST_FROM documents, before and after removals and additions', async () => {
    let fromLists = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(shape, { minLength: TOP_LIST_FROM + 300, maxLength: TOP_LIST_FROM + 700 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.array(shape, { maxLength: 60 }),
        async (shapes, removals, additions) => {
          const index = new SearchIndex();
          shapes.forEach((s, n) => index.add(doc(n, s)));
          for (const r of removals) index.remove(`i|p|${r % shapes.length}`);
          additions.forEach((s, n) => index.add(doc(shapes.length + n, s)));
          fromLists += await compare(index.toSnapshot(), [20, TOP_LIST_LENGTH, TOP_LIST_LENGTH + 1]);
        },
      ),
      { numRuns: Number(process.env.REVIEW_RUNS ?? 8) },
    );
    // The property exercised the lists, not only the postings.
    expect(fromLists).toBeGreaterThan(0);
  }, 240_000);
});

/** A kind of document repeated many times: one tf and length for the word, so big runs of equal scores. */
const template = fc.record({
  inTitle: fc.nat({ max: 2 }),
  inBody: fc.nat({ max: 3 }),
  others: fc.nat({ max: 6 }),
  othersInProposal: fc.nat({ max: 2 }),
  count: fc.integer({ min: 1, max: 700 }),
  lastSeen: fc.nat({ max: 3 }),
});

describe('top lists: equal scores', () => {
  it('rank runs of equal scores (cut inside them) as the full ranking does', async () => {
    let fromLists = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(template, { minLength: 1, maxLength: 4 }), async (templates) => {
        const shapes: Shape[] = [];
        for (const t of templates) {
          for (let i = 0; i < t.count; i++) {
            const title = [...Array<number>(t.inTitle).fill(0), VOCABULARY.length + (i % 50)];
            const body = [...Array<number>(t.inBody).fill(0), ...Array.from({ length: t.others }, (_, k) => 4 + ((i + k) % 10))];
            const proposal = Array.from({ length: t.othersInProposal }, (_, k) => 14 + ((i + k) % 4));
            shapes.push({ title: title.length > 1 || body.length ? title.slice(0, t.inTitle) : title, body, proposal, lastSeen: t.lastSeen });
          }
        }
        // Enough documents with the word for it to have a list (some shapes have it nowhere).
        while (shapes.length < TOP_LIST_FROM + 100) shapes.push({ title: [0], body: [], proposal: [], lastSeen: 0 });
        const index = new SearchIndex();
        shapes.forEach((s, n) => index.add(doc(n, s)));
        fromLists += await compare(index.toSnapshot(), [1, 20, TOP_LIST_LENGTH]);
      }),
      { numRuns: Number(process.env.REVIEW_RUNS ?? 10) },
    );
    expect(fromLists).toBeGreaterThan(0);
  }, 240_000);
});

describe('top lists: small and odd libraries', () => {
  const build = (docs: IndexDoc[]) => {
    const index = new SearchIndex();
    for (const d of docs) index.add(d);
    return index.toSnapshot();
  };
  const shapeOf = (title: number[], body: number[] = [], lastSeen = 0): Shape => ({ title, body, proposal: [], lastSeen });

  it('an empty library, one document, and a query of stop words only', async () => {
    await compare(build([]), [1, 20]);
    await compare(build([doc(0, shapeOf([0, 1], [2]))]), [1, 20]);
    const stopWordsOnly = await popupEngine(build([doc(0, shapeOf([0]))])).searchAsync('ja sekä', { limit: 20, counts: false });
    expect(stopWordsOnly.hits).toEqual([]);
    expect(stopWordsOnly.totalExact).toBe(true);
  });

  it('offers "did you mean" in the popup, whose typo matcher is loaded on demand', async () => {
    const docs = Array.from({ length: TOP_LIST_FROM + 100 }, (_, n) => doc(n, shapeOf([1, n % 2 ? 0 : 4], [0, 2], n % 3)));
    const snapshot = build(docs);
    let loaded = 0;
    const popup = new Searcher(SearchIndex.fromHead(structuredClone(snapshot.head), source(snapshot)), {
      load: async () => {
        loaded++;
        return closestWords;
      },
    });
    const plainWord = await popup.searchAsync('kaupunginhallitus', { limit: 20, counts: false });
    expect(plainWord.hits.length).toBe(20);
    expect(loaded).toBe(0);
    const typo = await popup.searchAsync('kaupunginhalitus', { limit: 20, counts: false });
    expect(loaded).toBe(1);
    expect(typo.corrections).toContain('kaupunginhallitus');
    const whole = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot)));
    expect(shown(typo)).toEqual(shown(whole.search('kaupunginhalitus', { limit: 20, counts: false })));
    expect(typo.hits.every((h) => h.route === 'fuzzy')).toBe(true);
  });

  it('a word in most documents that also begins hundreds of other words', async () => {
    const docs: IndexDoc[] = [];
    for (let n = 0; n < TOP_LIST_FROM + 200; n++) docs.push(doc(n, shapeOf([0, (n % 7) + 4], n % 3 ? [1, 0] : [1], n % 5)));
    // 400 words beginning with the query word (prefix expansions) and 100 ending with it (compound heads).
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let n = 0; n < 500; n++) {
      const suffix = `${letters[n % 26]}${letters[Math.floor(n / 26) % 26]}`;
      const word = n < 400 ? `päätös${suffix}ssa` : `${suffix}päätös`;
      docs.push({ ...doc(TOP_LIST_FROM + 200 + n, shapeOf([1])), fields: { title: word, body: n % 2 ? 'esitys' : '' } });
    }
    const snapshot = build(docs);
    expect(Object.keys(snapshot.parts).some((name) => name.startsWith('t'))).toBe(true);
    expect(await compare(snapshot, [1, 20, TOP_LIST_LENGTH])).toBeGreaterThan(0);
  });
});

describe('top lists: through the store, and after the popup catches up', () => {
  afterEach(() => closeAll());

  it('a saved library read back as the popup reads it; changed while open; saved again', async () => {
    let fromLists = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(shape, { minLength: TOP_LIST_FROM + 500, maxLength: TOP_LIST_FROM + 700 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.array(shape, { minLength: 1, maxLength: 40 }),
        async (shapes, removals, additions) => {
          const db = freshDb();
          const built = new SearchIndex();
          shapes.forEach((s, n) => built.add(doc(n, s)));
          await saveIndex(db, built);
          const whole = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(built.toSnapshot())));
          const popup = new Searcher((await loadSnapshot(db))!, { load: async () => closestWords });
          const options = { limit: 20, counts: false } as const;
          for (const q of QUERIES) {
            const result = await popup.searchAsync(q, options);
            expect(shown(result), q).toEqual(shown(whole.search(q, options)));
            if (!result.totalExact) fromLists++;
          }
          // Catching up (store.catchUp): the rest is read, documents removed and added in place.
          const index = popup.index;
          await index.ensureAll();
          for (const r of removals) index.remove(`i|p|${r % shapes.length}`);
          additions.forEach((s, n) => index.add(doc(shapes.length + n, s)));
          for (const q of QUERIES) {
            const result = await popup.searchAsync(q, options);
            // What the popup shows after the change is the index's own full ranking, counted exactly.
            const everything = popup.search(q, { counts: false, limit: Number.MAX_SAFE_INTEGER });
            expect(shown(result), q).toEqual(shown(everything).slice(0, options.limit));
            expect(result.totalExact).toBe(true);
            expect(result.total, q).toBe(everything.total);
            for (const r of removals) expect(result.hits.map((h) => h.meta.key)).not.toContain(`i|p|${r % shapes.length}`);
          }
          await saveIndex(db, index);
          await compare(index.toSnapshot(), [20]);
          const reread = new Searcher((await loadSnapshot(db))!, { load: async () => closestWords });
          const wholeAgain = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(index.toSnapshot())));
          for (const q of QUERIES) expect(shown(await reread.searchAsync(q, options)), q).toEqual(shown(wholeAgain.search(q, options)));
        },
      ),
      // A failure is reported as found: shrinking a library through IndexedDB takes minutes.
      { numRuns: Number(process.env.REVIEW_RUNS ?? 3), endOnFailure: true },
    );
    expect(fromLists).toBeGreaterThan(0);
  }, 240_000);
});

describe('top lists: the labelled corpus through the popup\'s searcher (typo matcher loaded on demand)', () => {
  it('labelled, identifier and typo queries give what the library page gives', async () => {
    const index = new SearchIndex();
    const items = [...labelledItems(1200), ...fillerItems(1500, 1200)].map((item, n) => ({ ...item, lastSeen: (n * 7919) % 1000 }));
    for (const item of items) index.add(docFromItem(item, null));
    const snapshot = index.toSnapshot();
    const whole = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot)));
    const options = { limit: 20, counts: false } as const;
    const queries = [...LABELLED_QUERIES, ...IDENTIFIER_QUERIES].map(({ q }) => q);
    for (const q of [...queries, 'kaupunginhalitus', 'uimahali', 'päätös', 'esitys']) {
      const popup = popupEngine(snapshot);
      const result = await popup.searchAsync(q, options);
      const expected = whole.search(q, options);
      expect(shown(result), q).toEqual(shown(expected));
      expect(result.corrections, q).toEqual(expected.corrections);
      if (result.totalExact) expect(result.total, q).toBe(expected.total);
      else expect(await popup.exactTotal(q, options), q).toBe(expected.total);
    }
    // The corpus answers identifiers exactly and corrects a typo (the comparison above is not of empty results).
    for (const { q, expect: ids } of IDENTIFIER_QUERIES) {
      const result = await popupEngine(snapshot).searchAsync(q, options);
      expect(result.hits.filter((h) => h.route === 'exact').map((h) => h.meta.itemId), q).toEqual(expect.arrayContaining(ids));
    }
    expect((await popupEngine(snapshot).searchAsync('kaupunginhalitus', options)).corrections).toContain('kaupunginhallitus');
  }, 120_000);
});

describe('top lists: searches that overlap (typing faster than the parts are read)', () => {
  it('each search gives its own full ranking, and counts stay with their query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shape, { minLength: TOP_LIST_FROM + 500, maxLength: TOP_LIST_FROM + 700 }),
        fc.shuffledSubarray(QUERIES, { minLength: 2 }),
        async (shapes, queries) => {
          const index = new SearchIndex();
          shapes.forEach((s, n) => index.add(doc(n, s)));
          const snapshot = index.toSnapshot();
          const whole = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot)));
          const popup = popupEngine(snapshot);
          const options = { limit: 20, counts: false } as const;
          // All at once on one index, with the counts of those ranked from top lists overlapping too.
          const results = await Promise.all(queries.map((q) => popup.searchAsync(q, options)));
          const counts = await Promise.all(queries.map((q, i) => (results[i]!.totalExact ? results[i]!.total : popup.exactTotal(q, options))));
          queries.forEach((q, i) => {
            const expected = whole.search(q, options);
            expect(shown(results[i]!), q).toEqual(shown(expected));
            expect(counts[i], q).toBe(expected.total);
          });
        },
      ),
      { numRuns: Number(process.env.REVIEW_RUNS ?? 6) },
    );
  }, 240_000);
});

describe('snippet highlighting (07909f0 stems only words whose first letter starts a highlighted stem)', () => {
  const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöåéüšž0123456789');
  const word = fc.array(letter, { minLength: 1, maxLength: 14 }).map((a) => a.join(''));

  it('a stem keeps its word\'s first letter, for any word of letters and digits', () => {
    fc.assert(
      fc.property(word, (w) => {
        const t = normalize(w);
        expect(stem(t)[0]).toBe(t[0]);
      }),
      { numRuns: 20_000 },
    );
  });

  it('marks a word exactly when its stem, a prefix or an infix of the query matches', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(word, { maxLength: 30 }), (queryWords, words) => {
        const h = { stems: queryWords.map((q) => stem(normalize(q))), prefixes: [], infixes: [] };
        const marks = highlighter(h);
        for (const w of [...words, ...queryWords]) expect(marks(w), w).toBe(h.stems.includes(stem(normalize(w))));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('a word in more than 1,024 documents without a top list', () => {
  it('is searched from its postings instead of failing on a missing part', async () => {
    const abc = 'bcdfghjklmnpqrstvxz';
    const filler = (n: number) => `${abc[n % 19]}${abc[Math.floor(n / 19) % 19]}${abc[Math.floor(n / 361) % 19]}ola`;
    const doc = (n: number, body: string): IndexDoc => ({
      key: `i|p|${n}`, kind: 'item', portal: 'p', itemId: String(n), organ: null, date: null, section: null, title: null,
      diaryNumber: null, outcome: null, bookmarked: false, tags: [], lastSeen: n, fields: { body },
    });
    const index = new SearchIndex();
    let n = 0;
    // At a mean length of 3, 'päätös' once in a one-word document and twice in a three-word one score
    // alike: 1,100 postings on one level, longer than a top list may be, so the word gets no list.
    for (let i = 0; i < 550; i++) index.add(doc(n++, 'päätös'));
    for (let i = 0; i < 550; i++) index.add(doc(n++, 'päätös päätös kunta'));
    for (let i = 0; i < 550; i++) index.add(doc(n++, [0, 1, 2, 3, 4].map((k) => filler(i * 5 + k)).join(' ')));
    const snapshot = index.toSnapshot();
    const listed = Object.entries(snapshot.parts).filter(([name]) => name.startsWith('t')).map(([, part]) => (part as { terms: string }).terms);
    expect(listed.join('\n')).not.toContain('päätös');
    const db = freshDb();
    await saveIndex(db, index);
    const expected = new SearchEngine(SearchIndex.fromSnapshot(structuredClone(snapshot))).search('päätös', { limit: 20, counts: false });
    const popup = new Searcher((await loadSnapshot(db))!, { load: async () => closestWords });
    const result = await popup.searchAsync('päätös', { limit: 20, counts: false });
    expect(result.hits.map((h) => h.meta.key)).toEqual(expected.hits.map((h) => h.meta.key));
    expect(result.hits).toHaveLength(20);
  });
});
