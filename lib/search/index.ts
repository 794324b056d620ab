/**
 * The full-text index: a compact inverted index of Finnish stems with BM25 ranking, prefix expansion
 * over the surface vocabulary, facets and a binary snapshot for IndexedDB.
 *
 * Why not MiniSearch: it was the first choice, and bench/search.bench.ts measures both. MiniSearch keeps
 * one Map entry per (term, field, document); at 50,000 items of several kilobytes that is tens of millions
 * of objects (gigabytes of heap, minutes to build), and its JSON snapshot is slow to load in a popup.
 * Here each stem's postings are two growable typed arrays (document ids, field-weighted term
 * frequencies), a snapshot is a handful of ArrayBuffers that IndexedDB stores without serialising, and
 * prefix matching uses a sorted vocabulary of the surface words.
 */
import { normalize, stem, STOP_WORDS, tokenize } from './analyze';

export type DocKind = 'item' | 'feed';

/** What the index keeps about a document (no body text: snippets are built from the stored record). */
export interface DocMeta {
  key: string;
  kind: DocKind;
  portal: string;
  itemId: string;
  organ: string | null;
  date: string | null;
  section: number | null;
  title: string | null;
  diaryNumber: string | null;
  outcome: string | null;
  bookmarked: boolean;
  tags: string[];
  lastSeen: number;
}

/** The texts to index, by field. */
export interface DocFields {
  title?: string | null;
  organ?: string | null;
  tags?: string | null;
  note?: string | null;
  diary?: string | null;
  proposal?: string | null;
  decision?: string | null;
  body?: string | null;
}

export interface IndexDoc extends DocMeta {
  fields: DocFields;
}

export const FIELD_WEIGHTS: Record<keyof DocFields, number> = {
  title: 3,
  organ: 1.5,
  tags: 3,
  note: 2,
  diary: 2,
  decision: 1.5,
  proposal: 1.2,
  body: 1,
};

export interface Facets {
  portal?: string[];
  organ?: string[];
  year?: string[];
  outcome?: string[];
  bookmarked?: boolean;
  tag?: string[];
  kind?: DocKind[];
}

export type FacetName = 'portal' | 'organ' | 'year' | 'outcome' | 'tag' | 'bookmarked';
export type FacetCounts = Record<FacetName, Record<string, number>>;

export interface Hit {
  docId: number;
  score: number;
  meta: DocMeta;
}

/** What to highlight in snippets: tokens with one of these stems, or starting with one of the prefixes. */
export interface Highlight {
  stems: string[];
  prefixes: string[];
  /** Compound heads: highlighted inside longer words. */
  infixes?: string[];
}

export interface TextResult {
  hits: Hit[];
  total: number;
  highlight: Highlight;
}

interface Posting {
  ids: Uint32Array;
  tf: Float32Array;
  n: number;
}

export interface IndexSnapshot {
  format: 'pykala-search';
  version: 1;
  builtAt: number;
  metas: DocMeta[];
  docLen: Float32Array;
  terms: string[];
  offsets: Uint32Array;
  ids: Uint32Array;
  tf: Float32Array;
  surfaces: string[];
  surfaceStem: Uint32Array;
}

export const INDEX_FORMAT_VERSION = 1;

const K1 = 1.2;
const B = 0.75;
const MIN_PREFIX = 3;
const MAX_EXPANSIONS = 64;
const PREFIX_WEIGHT = 0.7;
const MIN_INFIX = 5;
const INFIX_WEIGHT = 0.5;

export class SearchIndex {
  private metas: (DocMeta | null)[] = [];
  private docLen: number[] = [];
  private byKey = new Map<string, number>();
  private postings = new Map<string, Posting>();
  private surfaceToStem = new Map<string, string>();
  private sortedSurfaces: string[] = [];
  private pendingSurfaces: string[] = [];
  private live = 0;
  private totalLen = 0;
  private removedCount = 0;
  builtAt = 0;

  get size(): number {
    return this.live;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): DocMeta | null {
    const id = this.byKey.get(key);
    return id === undefined ? null : this.metas[id]!;
  }

  /** Every live document's metadata (for facets of an empty query, fuzzy matching, listings). */
  allMetas(): DocMeta[] {
    return this.metas.filter((m): m is DocMeta => m !== null);
  }

  /** Adds or replaces a document. */
  add(doc: IndexDoc): void {
    if (this.byKey.has(doc.key)) this.remove(doc.key);
    const docId = this.metas.length;
    const { fields, ...meta } = doc;
    const weights = new Map<string, number>();
    let length = 0;
    for (const field of Object.keys(fields) as (keyof DocFields)[]) {
      const text = fields[field];
      if (!text) continue;
      const w = FIELD_WEIGHTS[field];
      for (const token of tokenize(text)) {
        if (STOP_WORDS.has(token)) continue;
        let s = this.surfaceToStem.get(token);
        if (s === undefined) {
          s = stem(token);
          this.surfaceToStem.set(token, s);
          this.pendingSurfaces.push(token);
        }
        weights.set(s, (weights.get(s) ?? 0) + w);
        length += w;
      }
    }
    for (const [term, tf] of weights) {
      let p = this.postings.get(term);
      if (!p) {
        p = { ids: new Uint32Array(2), tf: new Float32Array(2), n: 0 };
        this.postings.set(term, p);
      } else if (p.n === p.ids.length) {
        const ids = new Uint32Array(p.n * 2);
        ids.set(p.ids);
        const tfs = new Float32Array(p.n * 2);
        tfs.set(p.tf);
        p.ids = ids;
        p.tf = tfs;
      }
      p.ids[p.n] = docId;
      p.tf[p.n] = tf;
      p.n++;
    }
    this.metas.push(meta);
    this.docLen.push(length);
    this.byKey.set(doc.key, docId);
    this.live++;
    this.totalLen += length;
  }

  /** Removes a document; its postings become tombstones, compacted when they pile up. */
  remove(key: string): boolean {
    const id = this.byKey.get(key);
    if (id === undefined) return false;
    this.byKey.delete(key);
    this.metas[id] = null;
    this.live--;
    this.totalLen -= this.docLen[id]!;
    this.removedCount++;
    if (this.removedCount > 1000 && this.removedCount > this.live / 4) this.compact();
    return true;
  }

  /** Updates metadata that is not full text (bookmark flag, tags shown as facets) in place. */
  patchMeta(key: string, patch: Partial<DocMeta>): void {
    const id = this.byKey.get(key);
    if (id !== undefined && this.metas[id]) this.metas[id] = { ...this.metas[id]!, ...patch };
  }

  /** Full-text search. Every document matching at least one query word is returned, best first. */
  search(text: string, options: { filter?: (m: DocMeta) => boolean; limit?: number } = {}): TextResult {
    const tokens = [...new Set(tokenize(text))];
    const meaningful = tokens.filter((t) => !STOP_WORDS.has(t));
    const queryTokens = meaningful.length ? meaningful : tokens;
    const highlight: Highlight = { stems: [], prefixes: [], infixes: [] };
    if (!queryTokens.length || this.live === 0) return { hits: [], total: 0, highlight };

    const n = this.metas.length;
    const scores = new Float32Array(n);
    const matched = new Uint8Array(n);
    const tokenScores = new Float32Array(n);
    const avgLen = this.totalLen / Math.max(1, this.live) || 1;
    const lastToken = queryTokens.length - 1;

    queryTokens.forEach((token, index) => {
      const expansions = new Map<string, number>();
      const exact = stem(token);
      if (this.postings.has(exact)) expansions.set(exact, 1);
      highlight.stems.push(exact);
      // Prefix matching: every query word (not only the last) may be the start of longer words,
      // which is how Finnish compounds are found: `kouluverk` -> kouluverkko, kouluverkkoselvitys.
      if (token.length >= MIN_PREFIX && !/^\d+$/.test(token)) {
        highlight.prefixes.push(token);
        for (const surface of this.surfacesWithPrefix(token)) {
          const s = this.surfaceToStem.get(surface)!;
          if (!expansions.has(s)) expansions.set(s, index === lastToken ? 0.85 : PREFIX_WEIGHT);
          if (expansions.size >= MAX_EXPANSIONS) break;
        }
      }
      // Compound heads: `strategia` also finds kuntastrategia, `koulu` finds yläkoulujen.
      if (token.length >= MIN_INFIX && !/^\d+$/.test(token)) {
        highlight.infixes!.push(token);
        for (const surface of this.surfacesContaining(token)) {
          const s = this.surfaceToStem.get(surface)!;
          if (!expansions.has(s)) expansions.set(s, INFIX_WEIGHT);
          if (expansions.size >= MAX_EXPANSIONS * 2) break;
        }
      }
      const touched: number[] = [];
      for (const [term, weight] of expansions) {
        const p = this.postings.get(term);
        if (!p) continue;
        const idf = Math.log(1 + (this.live - p.n + 0.5) / (p.n + 0.5));
        for (let i = 0; i < p.n; i++) {
          const d = p.ids[i]!;
          if (this.metas[d] === null) continue;
          const tf = p.tf[i]!;
          const s = (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docLen[d]!) / avgLen));
          if (tokenScores[d] === 0) touched.push(d);
          if (s > tokenScores[d]!) tokenScores[d] = s;
        }
      }
      for (const d of touched) {
        scores[d]! += tokenScores[d]!;
        matched[d]!++;
        tokenScores[d] = 0;
      }
    });

    const total = queryTokens.length;
    const hits: Hit[] = [];
    for (let d = 0; d < n; d++) {
      if (matched[d] === 0) continue;
      const meta = this.metas[d]!;
      if (options.filter && !options.filter(meta)) continue;
      const coordination = (matched[d]! / total) ** 2;
      hits.push({ docId: d, score: scores[d]! * coordination * (meta.bookmarked ? 1.1 : 1), meta });
    }
    hits.sort((a, b) => b.score - a.score || b.meta.lastSeen - a.meta.lastSeen);
    return { hits: options.limit ? hits.slice(0, options.limit) : hits, total: hits.length, highlight };
  }

  private surfacesWithPrefix(prefix: string): string[] {
    if (this.pendingSurfaces.length > 2000) this.mergeSurfaces();
    const out: string[] = [];
    const sorted = this.sortedSurfaces;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix) && out.length < MAX_EXPANSIONS * 4; i++) {
      out.push(sorted[i]!);
    }
    for (const s of this.pendingSurfaces) if (s.startsWith(prefix)) out.push(s);
    // Shorter words first: closer to what was typed.
    return out.sort((a, b) => a.length - b.length);
  }

  /** Words that contain the token after their first three letters (compounds ending in it). */
  private surfacesContaining(token: string): string[] {
    this.mergeSurfaces();
    const out: string[] = [];
    for (const s of this.sortedSurfaces) {
      if (s.length > token.length + 2 && s.indexOf(token, 3) > 0) {
        out.push(s);
        if (out.length >= MAX_EXPANSIONS) break;
      }
    }
    return out;
  }

  private mergeSurfaces(): void {
    if (!this.pendingSurfaces.length) return;
    this.sortedSurfaces = [...this.sortedSurfaces, ...this.pendingSurfaces].sort();
    this.pendingSurfaces = [];
  }

  /** Drops tombstones: renumbers documents and rewrites postings. */
  compact(): void {
    const remap = new Int32Array(this.metas.length).fill(-1);
    const metas: DocMeta[] = [];
    const docLen: number[] = [];
    this.metas.forEach((m, i) => {
      if (!m) return;
      remap[i] = metas.length;
      metas.push(m);
      docLen.push(this.docLen[i]!);
    });
    for (const [term, p] of this.postings) {
      let w = 0;
      for (let i = 0; i < p.n; i++) {
        const to = remap[p.ids[i]!]!;
        if (to < 0) continue;
        p.ids[w] = to;
        p.tf[w] = p.tf[i]!;
        w++;
      }
      if (w === 0) this.postings.delete(term);
      else p.n = w;
    }
    this.metas = metas;
    this.docLen = docLen;
    this.byKey = new Map(metas.map((m, i) => [m.key, i]));
    this.removedCount = 0;
  }

  /** A snapshot for IndexedDB: typed arrays and plain objects only (structured-clone friendly). */
  toSnapshot(): IndexSnapshot {
    this.compact();
    this.mergeSurfaces();
    const terms = [...this.postings.keys()];
    const termIndex = new Map(terms.map((t, i) => [t, i]));
    let total = 0;
    for (const p of this.postings.values()) total += p.n;
    const offsets = new Uint32Array(terms.length + 1);
    const ids = new Uint32Array(total);
    const tf = new Float32Array(total);
    let at = 0;
    terms.forEach((term, i) => {
      const p = this.postings.get(term)!;
      offsets[i] = at;
      ids.set(p.ids.subarray(0, p.n), at);
      tf.set(p.tf.subarray(0, p.n), at);
      at += p.n;
    });
    offsets[terms.length] = at;
    const surfaces = this.sortedSurfaces.filter((s) => termIndex.has(this.surfaceToStem.get(s)!));
    const surfaceStem = new Uint32Array(surfaces.map((s) => termIndex.get(this.surfaceToStem.get(s)!)!));
    return {
      format: 'pykala-search',
      version: INDEX_FORMAT_VERSION,
      builtAt: this.builtAt,
      metas: this.metas as DocMeta[],
      docLen: Float32Array.from(this.docLen),
      terms,
      offsets,
      ids,
      tf,
      surfaces,
      surfaceStem,
    };
  }

  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    if (snapshot?.format !== 'pykala-search' || snapshot.version !== INDEX_FORMAT_VERSION) {
      throw new Error('search index snapshot of an unknown format');
    }
    const index = new SearchIndex();
    index.builtAt = snapshot.builtAt;
    index.metas = snapshot.metas.slice();
    index.docLen = Array.from(snapshot.docLen);
    index.byKey = new Map(snapshot.metas.map((m, i) => [m.key, i]));
    index.live = snapshot.metas.length;
    index.totalLen = index.docLen.reduce((a, b) => a + b, 0);
    snapshot.terms.forEach((term, i) => {
      const from = snapshot.offsets[i]!;
      const to = snapshot.offsets[i + 1]!;
      // Views into the snapshot's buffers: no copying until a posting list grows.
      index.postings.set(term, { ids: snapshot.ids.subarray(from, to), tf: snapshot.tf.subarray(from, to), n: to - from });
    });
    index.sortedSurfaces = snapshot.surfaces.slice();
    snapshot.surfaces.forEach((s, i) => index.surfaceToStem.set(s, snapshot.terms[snapshot.surfaceStem[i]!]!));
    return index;
  }
}

/** Counts for each facet over a set of documents. */
export function facetCounts(metas: Iterable<DocMeta>): FacetCounts {
  const counts: FacetCounts = { portal: {}, organ: {}, year: {}, outcome: {}, tag: {}, bookmarked: {} };
  const bump = (facet: FacetName, value: string | null) => {
    if (!value) return;
    counts[facet][value] = (counts[facet][value] ?? 0) + 1;
  };
  for (const m of metas) {
    bump('portal', m.portal);
    bump('organ', m.organ);
    bump('year', m.date?.slice(0, 4) ?? null);
    bump('outcome', m.outcome);
    if (m.bookmarked) bump('bookmarked', 'yes');
    for (const tag of m.tags) bump('tag', tag);
  }
  return counts;
}

export function facetFilter(facets: Facets): ((m: DocMeta) => boolean) | undefined {
  const active = Object.entries(facets).some(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== undefined));
  if (!active) return undefined;
  return (m) =>
    (!facets.portal?.length || facets.portal.includes(m.portal)) &&
    (!facets.organ?.length || (m.organ !== null && facets.organ.includes(m.organ))) &&
    (!facets.year?.length || (m.date !== null && facets.year.includes(m.date.slice(0, 4)))) &&
    (!facets.outcome?.length || (m.outcome !== null && facets.outcome.includes(m.outcome))) &&
    (facets.bookmarked === undefined || m.bookmarked === facets.bookmarked) &&
    (!facets.tag?.length || facets.tag.some((t) => m.tags.includes(t))) &&
    (!facets.kind?.length || facets.kind.includes(m.kind));
}

/** Whether a token should be highlighted for a query. */
export function highlighter(h: Highlight): (token: string) => boolean {
  const stems = new Set(h.stems);
  return (token) => {
    const t = normalize(token);
    return (
      stems.has(stem(t)) || h.prefixes.some((p) => t.startsWith(p)) || (h.infixes ?? []).some((p) => t.includes(p))
    );
  };
}
