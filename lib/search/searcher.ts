/**
 * One search over the index: identifier routing first (diary number, §, date: exact lookups), then
 * full text (Finnish stems + prefixes + compound heads, BM25), then typo tolerance: a query word that
 * finds nothing is matched against the words of the short fields (titles, organs, tags) and searched
 * again with the closest words, so `uimahali` still finds "uimahallin rakentaminen".
 *
 * The typo matcher (fuse.js, fuzzy.ts) is given, or loaded when a query first needs it: the popup
 * leaves its 27 kB out of the script that has to run before its first results (engine.ts gives it
 * at once, for the library page).
 */
import { normalize, STOP_WORDS, tokenize } from './analyze';
import {
  facetCounts,
  facetFilter,
  type DocMeta,
  type FacetCounts,
  type Facets,
  type Highlight,
  NotLoadedError,
  type SearchIndex,
} from './index';
import { diaryMatches, isIdentifierQuery, organMatches, parseQuery, type ParsedQuery } from './query';

export type Route = 'exact' | 'text' | 'fuzzy' | 'list';

export interface EngineHit {
  meta: DocMeta;
  score: number;
  route: Route;
}

export interface EngineResult {
  hits: EngineHit[];
  /** How many documents matched; when not `totalExact`, at least this many (exactTotal counts them). */
  total: number;
  /** False when the hits were ranked from top lists, which do not count every match (SearchIndex.rankTop). */
  totalExact: boolean;
  highlight: Highlight;
  /** Facet counts over everything the query matched (before facet filters); empty when not asked. */
  facets: FacetCounts;
  parsed: ParsedQuery;
  /** The words used instead of unknown ones (typo tolerance), for "did you mean". */
  corrections: string[];
}

export interface EngineOptions {
  facets?: Facets;
  limit?: number;
  /** Typo-tolerant fallback (default on). */
  fuzzy?: boolean;
  /** Count facets (default on; the popup turns it off to stay fast on big libraries). */
  counts?: boolean;
  /** Rank from every posting, so that `total` counts every match (what exactTotal asks; see SearchIndex.rankTop). */
  exact?: boolean;
}

const EMPTY_COUNTS = (): FacetCounts => ({ portal: {}, organ: {}, year: {}, outcome: {}, tag: {}, bookmarked: {} });

/** Builds a matcher over words that gives the closest ones to a token, best first. */
export type FuzzyMatcher = (words: string[]) => (token: string, limit: number) => string[];

/** The typo matcher, or how to load it. */
export type FuzzySource = FuzzyMatcher | { load(): Promise<FuzzyMatcher> };

export class Searcher {
  private matcher: FuzzyMatcher | null;
  private closest: ((token: string, limit: number) => string[]) | null = null;
  private closestGeneration = -1;

  constructor(
    readonly index: SearchIndex,
    private readonly fuzzy: FuzzySource,
  ) {
    this.matcher = typeof fuzzy === 'function' ? fuzzy : null;
  }

  /** Loads the typo matcher when it was not given. */
  private async loadMatcher(): Promise<void> {
    if (!this.matcher && typeof this.fuzzy !== 'function') this.matcher = await this.fuzzy.load();
  }

  /**
   * Reads what `search(query, options)` will need from a lazily opened index: the posting chunks of
   * the query's words (for a one-word search, the top lists of its big terms when they tell the best
   * hits: SearchIndex.ensureTerms) and of the typo corrections, then the metadata of the hits it will show.
   * Listings, identifier lookups, facet counts and filters need every document: they read everything.
   */
  async prepare(query: string, options: EngineOptions = {}): Promise<void> {
    const index = this.index;
    if (index.complete) {
      if (options.fuzzy !== false && query.trim() && this.unknownWords(query).length) await this.loadMatcher();
      return;
    }
    const parsed = parseQuery(query);
    if (!query.trim() || isIdentifierQuery(parsed) || facetFilter(options.facets ?? {}) || options.counts !== false) {
      await index.ensureAll();
      if (options.fuzzy !== false && query.trim() && this.unknownWords(query).length) await this.loadMatcher();
      return;
    }
    const limit = options.limit ?? 50;
    await index.ensureTerms(query, limit);
    globalThis.performance?.mark?.('pykala:terms-read');
    let corrected: string | null = null;
    if (options.fuzzy !== false && this.unknownWords(query).length) {
      await Promise.all([index.ensureShortWords(), this.loadMatcher()]);
      corrected = this.correct(query, []);
    }
    if (corrected) await index.ensureTerms(corrected);
    const docs = index.topDocs(query, limit);
    if (corrected) docs.push(...index.topDocs(corrected, limit));
    globalThis.performance?.mark?.('pykala:ranked');
    await index.ensureDocs(docs);
    globalThis.performance?.mark?.('pykala:docs-read');
  }

  /** The exact total of a search whose result was not `totalExact` (reads all postings of its words). */
  async exactTotal(query: string, options: EngineOptions = {}): Promise<number> {
    await this.index.ensureTerms(query);
    return (await this.searchAsync(query, { ...options, exact: true })).total;
  }

  /** `search` on an index that may still be reading its snapshot (see prepare). */
  async searchAsync(query: string, options: EngineOptions = {}): Promise<EngineResult> {
    await this.prepare(query, options);
    try {
      return this.search(query, options);
    } catch (error) {
      if (!(error instanceof NotLoadedError)) throw error;
      // The index changed between reading and searching: read the rest and search again.
      await Promise.all([this.index.ensureAll(), this.loadMatcher()]);
      return this.search(query, options);
    }
  }

  search(query: string, options: EngineOptions = {}): EngineResult {
    const limit = options.limit ?? 50;
    const counts = options.counts !== false;
    const parsed = parseQuery(query);
    const filter = facetFilter(options.facets ?? {});
    const seen = new Set<string>();
    const all: EngineHit[] = [];
    let highlight: Highlight = { stems: [], prefixes: [], infixes: [] };
    const corrections: string[] = [];

    if (!query.trim()) {
      const metas = this.index.allMetas().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.lastSeen - a.lastSeen);
      const filtered = filter ? metas.filter(filter) : metas;
      return {
        hits: filtered.slice(0, limit).map((meta) => ({ meta, score: 0, route: 'list' })),
        total: filtered.length,
        totalExact: true,
        highlight,
        facets: counts ? facetCounts(metas) : EMPTY_COUNTS(),
        parsed,
        corrections,
      };
    }

    if (isIdentifierQuery(parsed)) {
      const exact = this.index.allMetas().filter((m) => exactMatch(m, parsed));
      exact.sort((a, b) => b.lastSeen - a.lastSeen || (b.date ?? '').localeCompare(a.date ?? ''));
      for (const meta of exact) {
        seen.add(meta.key);
        all.push({ meta, score: Number.POSITIVE_INFINITY, route: 'exact' });
      }
    }

    // Free text: what is left after the identifiers, or the whole query when they found nothing.
    const text = all.length ? parsed.text : query;
    let textTotal = 0;
    let totalExact = true;
    if (text.trim()) {
      // Without facet counts or filters only the first `limit` hits are needed.
      const wantAll = counts || filter !== undefined;
      const result = this.index.search(text, wantAll ? { all: true } : { limit, exact: options.exact });
      highlight = result.highlight;
      textTotal = result.total;
      totalExact = result.totalExact;
      for (const hit of result.hits) {
        if (seen.has(hit.meta.key)) continue;
        seen.add(hit.meta.key);
        all.push({ meta: hit.meta, score: hit.score, route: 'text' });
      }
      if (options.fuzzy !== false) {
        const corrected = this.correct(text, corrections);
        if (corrected) {
          const fuzzy = this.index.search(corrected, wantAll ? { all: true } : { limit, exact: options.exact });
          highlight = {
            stems: [...highlight.stems, ...fuzzy.highlight.stems],
            prefixes: [...highlight.prefixes, ...fuzzy.highlight.prefixes],
            infixes: [...(highlight.infixes ?? []), ...(fuzzy.highlight.infixes ?? [])],
          };
          for (const hit of fuzzy.hits) {
            if (seen.has(hit.meta.key)) continue;
            seen.add(hit.meta.key);
            all.push({ meta: hit.meta, score: hit.score * 0.5, route: 'fuzzy' });
          }
          textTotal += fuzzy.total;
          totalExact &&= fuzzy.totalExact;
        }
      }
    }

    const facets = counts ? facetCounts(all.map((h) => h.meta)) : EMPTY_COUNTS();
    const hits = filter ? all.filter((h) => filter(h.meta)) : all;
    const total = filter || counts ? hits.length : Math.max(hits.length, textTotal);
    return { hits: hits.slice(0, limit), total, totalExact, highlight, facets, parsed, corrections };
  }

  /** The query with each unknown word replaced by the closest words of titles, organs and tags. */
  private correct(text: string, corrections: string[]): string | null {
    const tokens = tokenize(text).filter((t) => !STOP_WORDS.has(t));
    const unknown = this.unknownWords(text);
    if (!unknown.length) return null;
    const closest = this.closestWords();
    const out: string[] = tokens.filter((t) => !unknown.includes(t));
    for (const token of unknown) {
      const found = closest(normalize(token), 3);
      corrections.push(...found);
      out.push(...found);
    }
    return corrections.length ? out.join(' ') : null;
  }

  /** The query's words that find nothing as they are. */
  private unknownWords(text: string): string[] {
    return tokenize(text).filter((t) => !STOP_WORDS.has(t) && t.length >= 4 && !/^\d+$/.test(t) && !this.index.knows(t));
  }

  private closestWords(): (token: string, limit: number) => string[] {
    if (!this.matcher) throw new NotLoadedError('typo tolerance');
    if (!this.closest || this.closestGeneration !== this.index.generation) {
      this.closest = this.matcher(this.index.shortFieldWords());
      this.closestGeneration = this.index.generation;
    }
    return this.closest;
  }
}

function exactMatch(m: DocMeta, q: ParsedQuery): boolean {
  if (q.diary && !diaryMatches(m.diaryNumber, q.diary)) return false;
  if (q.date && m.date !== q.date) return false;
  if (q.section !== null && (m.section !== q.section || !organMatches(m.organ, q.organHint))) return false;
  return true;
}
