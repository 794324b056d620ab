/**
 * One search over the index: identifier routing first (diary number, §, date: exact lookups), then
 * full text (Finnish stems + prefixes, BM25), then fuse.js over the short fields (title, organ, tags)
 * when the full text finds little, so that typos while typing still find something.
 */
import Fuse from 'fuse.js';
import {
  facetCounts,
  facetFilter,
  type DocMeta,
  type FacetCounts,
  type Facets,
  type Highlight,
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
  total: number;
  highlight: Highlight;
  facets: FacetCounts;
  parsed: ParsedQuery;
}

export interface EngineOptions {
  facets?: Facets;
  limit?: number;
  /** Turn off the typo-tolerant fallback (benchmarks of the full text alone). */
  fuzzy?: boolean;
}

const FUZZY_BELOW = 5;

export class SearchEngine {
  private fuse: Fuse<DocMeta> | null = null;
  private fuseSize = -1;

  constructor(readonly index: SearchIndex) {}

  /** The index changed: the fuzzy matcher is rebuilt on its next use. */
  invalidate(): void {
    this.fuse = null;
  }

  search(query: string, options: EngineOptions = {}): EngineResult {
    const limit = options.limit ?? 50;
    const parsed = parseQuery(query);
    const filter = facetFilter(options.facets ?? {});
    const seen = new Set<string>();
    const all: EngineHit[] = [];
    let highlight: Highlight = { stems: [], prefixes: [] };

    if (!query.trim()) {
      const metas = this.index.allMetas().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.lastSeen - a.lastSeen);
      const filtered = filter ? metas.filter(filter) : metas;
      return {
        hits: filtered.slice(0, limit).map((meta) => ({ meta, score: 0, route: 'list' })),
        total: filtered.length,
        highlight,
        facets: facetCounts(metas),
        parsed,
      };
    }

    if (isIdentifierQuery(parsed)) {
      const exact = this.index.allMetas().filter((m) => exactMatch(m, parsed));
      exact.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      for (const meta of exact) {
        seen.add(meta.key);
        all.push({ meta, score: Number.POSITIVE_INFINITY, route: 'exact' });
      }
    }

    // Free text: what is left after the identifiers, or the whole query when they found nothing.
    const text = all.length ? parsed.text : query;
    if (text.trim()) {
      const result = this.index.search(text);
      highlight = result.highlight;
      for (const hit of result.hits) {
        if (seen.has(hit.meta.key)) continue;
        seen.add(hit.meta.key);
        all.push({ meta: hit.meta, score: hit.score, route: 'text' });
      }
      if (options.fuzzy !== false && result.total < FUZZY_BELOW && text.trim().length >= 3) {
        for (const { item, score } of this.fuzzy().search(text, { limit: 20 })) {
          if (seen.has(item.key)) continue;
          seen.add(item.key);
          all.push({ meta: item, score: 1 - (score ?? 1), route: 'fuzzy' });
        }
      }
    }

    const facets = facetCounts(all.map((h) => h.meta));
    const hits = filter ? all.filter((h) => filter(h.meta)) : all;
    return { hits: hits.slice(0, limit), total: hits.length, highlight, facets, parsed };
  }

  private fuzzy(): Fuse<DocMeta> {
    if (!this.fuse || this.fuseSize !== this.index.size) {
      this.fuse = new Fuse(this.index.allMetas(), {
        keys: [
          { name: 'title', weight: 3 },
          { name: 'organ', weight: 1 },
          { name: 'tags', weight: 2 },
        ],
        includeScore: true,
        ignoreLocation: true,
        threshold: 0.35,
        minMatchCharLength: 3,
      });
      this.fuseSize = this.index.size;
    }
    return this.fuse;
  }
}

function exactMatch(m: DocMeta, q: ParsedQuery): boolean {
  if (q.diary && !diaryMatches(m.diaryNumber, q.diary)) return false;
  if (q.date && m.date !== q.date) return false;
  if (q.section !== null && (m.section !== q.section || !organMatches(m.organ, q.organHint))) return false;
  return true;
}
