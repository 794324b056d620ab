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
  /** Still encoded in the snapshot (decoded on first use): byte range of the ids, index of the tfs. */
  lazy?: { from: number; to: number; tfFrom: number };
}

/**
 * What IndexedDB stores. Few, large values: typed arrays and long strings clone as memory copies,
 * while 50,000 small objects would take a second to clone and as long to read back. Document metadata
 * is one JSON text per document, parsed only when a document is shown or filtered.
 */
export interface IndexSnapshot {
  format: 'pykala-search';
  version: 3;
  builtAt: number;
  /** Document keys joined by NUL. */
  keys: string;
  /** One JSON text per document, UTF-8; document d is bytes metaOffsets[d]..metaOffsets[d+1]. */
  metas: Uint8Array;
  metaOffsets: Uint32Array;
  lastSeen: Float64Array;
  docLen: Float32Array;
  /** Stems joined by newlines. */
  terms: string;
  /** Stem i's postings: ids are bytes idOffsets[i]..idOffsets[i+1] of `ids`, tfs start at tfOffsets[i]. */
  idOffsets: Uint32Array;
  tfOffsets: Uint32Array;
  /** Document ids as LEB128 varints of the gaps between ascending ids (1-2 bytes instead of 4). */
  ids: Uint8Array;
  /** Field-weighted term frequencies in quarter steps (BM25 saturates long before 63). */
  tf: Uint8Array;
  /** Surface words (sorted) joined by newlines, and the stem each one maps to. */
  surfaces: string;
  surfaceStem: Uint32Array;
  /** Words of the short fields (titles, organs, tags), for typo-tolerant matching. */
  shortWords: string;
}

export const INDEX_FORMAT_VERSION = 3;

const K1 = 1.2;
const B = 0.75;
const MIN_PREFIX = 3;
const MAX_EXPANSIONS = 64;
const PREFIX_WEIGHT = 0.7;
const MIN_INFIX = 5;
const INFIX_WEIGHT = 0.5;
const SHORT_FIELDS: (keyof DocFields)[] = ['title', 'organ', 'tags'];
const SEP = '\u0000';
const DECODER = new TextDecoder();

export class SearchIndex {
  /** null: removed; undefined: not parsed yet (see `raw`). */
  private metas: (DocMeta | null | undefined)[] = [];
  /** Metadata still encoded in a loaded snapshot. */
  private rawBytes: { bytes: Uint8Array; offsets: Uint32Array } | null = null;
  private keys: string[] = [];
  private lastSeen: number[] = [];
  private docLen: number[] = [];
  private byKey = new Map<string, number>();
  private postings = new Map<string, Posting>();
  private surfaceToStem = new Map<string, string>();
  private sortedSurfaces: string[] = [];
  private pendingSurfaces: string[] = [];
  private shortWords = new Set<string>();
  private live = 0;
  private totalLen = 0;
  private removedCount = 0;
  /** Bumped on every change: caches built from the index compare it. */
  generation = 0;
  builtAt = 0;

  get size(): number {
    return this.live;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): DocMeta | null {
    const id = this.byKey.get(key);
    return id === undefined ? null : this.meta(id);
  }

  /** A document's metadata by internal id (parsed on first use after loading a snapshot). */
  meta(docId: number): DocMeta | null {
    let m = this.metas[docId];
    if (m === undefined) {
      const raw = this.rawMeta(docId);
      m = raw ? (JSON.parse(raw) as DocMeta) : null;
      this.metas[docId] = m;
    }
    return m;
  }

  /** Every live document's metadata (for listings and facets of an empty query). */
  allMetas(): DocMeta[] {
    const out: DocMeta[] = [];
    for (let d = 0; d < this.metas.length; d++) {
      const m = this.meta(d);
      if (m) out.push(m);
    }
    return out;
  }

  private rawMeta(docId: number): string | null {
    const r = this.rawBytes;
    if (!r || docId + 1 >= r.offsets.length) return null;
    return DECODER.decode(r.bytes.subarray(r.offsets[docId]!, r.offsets[docId + 1]!));
  }

  /** A stem's postings, decoded from the snapshot on first use. */
  private posting(term: string): Posting | undefined {
    const p = this.postings.get(term);
    if (!p?.lazy || !this.encoded) return p;
    const { from, to, tfFrom } = p.lazy;
    const ids = new Uint32Array(p.n);
    const tf = new Float32Array(p.n);
    const bytes = this.encoded.ids;
    let at = from;
    let id = 0;
    for (let i = 0; i < p.n && at < to; i++) {
      let gap = 0;
      let shift = 0;
      let b: number;
      do {
        b = bytes[at++]!;
        gap += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      id += gap;
      ids[i] = id;
      tf[i] = this.encoded.tf[tfFrom + i]! / 4;
    }
    p.ids = ids;
    p.tf = tf;
    delete p.lazy;
    return p;
  }

  private encoded: { ids: Uint8Array; tf: Uint8Array } | null = null;

  /** Distinct words of titles, organs and tags. */
  shortFieldWords(): string[] {
    return [...this.shortWords];
  }

  /** Whether a query word finds anything as it is (its stem, or words it begins). */
  knows(token: string): boolean {
    const t = normalize(token);
    return this.postings.has(stem(t)) || (t.length >= MIN_PREFIX && this.surfacesWithPrefix(t).length > 0);
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
      const short = SHORT_FIELDS.includes(field);
      for (const token of tokenize(text)) {
        if (STOP_WORDS.has(token)) continue;
        let s = this.surfaceToStem.get(token);
        if (s === undefined) {
          s = stem(token);
          this.surfaceToStem.set(token, s);
          this.pendingSurfaces.push(token);
        }
        if (short && token.length >= 3 && !/^\d+$/.test(token)) this.shortWords.add(token);
        weights.set(s, (weights.get(s) ?? 0) + w);
        length += w;
      }
    }
    for (const [term, tf] of weights) {
      let p = this.posting(term);
      if (!p) {
        p = { ids: new Uint32Array(2), tf: new Float32Array(2), n: 0 };
        this.postings.set(term, p);
      } else if (p.n === p.ids.length) {
        const ids = new Uint32Array(Math.max(4, p.n * 2));
        ids.set(p.ids.subarray(0, p.n));
        const tfs = new Float32Array(ids.length);
        tfs.set(p.tf.subarray(0, p.n));
        p.ids = ids;
        p.tf = tfs;
      }
      p.ids[p.n] = docId;
      p.tf[p.n] = tf;
      p.n++;
    }
    this.metas.push(meta);
    this.keys.push(doc.key);
    this.lastSeen.push(meta.lastSeen);
    this.docLen.push(length);
    this.byKey.set(doc.key, docId);
    this.live++;
    this.totalLen += length;
    this.generation++;
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
    this.generation++;
    if (this.removedCount > 1000 && this.removedCount > this.live / 4) this.compact();
    return true;
  }

  /**
   * Full-text search. Every document matching at least one query word counts (documents matching
   * more words rank higher); metadata is materialised only for the returned hits.
   */
  search(text: string, options: { filter?: (m: DocMeta) => boolean; limit?: number; all?: boolean } = {}): TextResult {
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
    const candidates: number[] = [];

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
        const p = this.posting(term);
        if (!p) continue;
        const idf = Math.log(1 + (this.live - p.n + 0.5) / (p.n + 0.5));
        const ids = p.ids;
        const tfs = p.tf;
        for (let i = 0; i < p.n; i++) {
          const d = ids[i]!;
          if (this.metas[d] === null) continue;
          const tf = tfs[i]!;
          const s = (weight * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.docLen[d]!) / avgLen));
          if (tokenScores[d] === 0) touched.push(d);
          if (s > tokenScores[d]!) tokenScores[d] = s;
        }
      }
      for (const d of touched) {
        if (matched[d] === 0) candidates.push(d);
        scores[d]! += tokenScores[d]!;
        matched[d]!++;
        tokenScores[d] = 0;
      }
    });

    const total = queryTokens.length;
    const final = new Float32Array(candidates.length);
    candidates.forEach((d, i) => {
      final[i] = scores[d]! * (matched[d]! / total) ** 2;
    });
    const order = candidates.map((_, i) => i);
    order.sort((a, b) => final[b]! - final[a]! || this.lastSeen[candidates[b]!]! - this.lastSeen[candidates[a]!]!);

    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const hits: Hit[] = [];
    let count = 0;
    for (const i of order) {
      const d = candidates[i]!;
      if (options.filter) {
        const meta = this.meta(d)!;
        if (!options.filter(meta)) continue;
        count++;
        if (hits.length < limit) hits.push({ docId: d, score: final[i]!, meta });
      } else {
        count++;
        if (hits.length < limit) hits.push({ docId: d, score: final[i]!, meta: this.meta(d)! });
        else if (!options.all) {
          count = order.length;
          break;
        }
      }
    }
    return { hits, total: count, highlight };
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
    if (this.removedCount === 0) return;
    const remap = new Int32Array(this.metas.length).fill(-1);
    const metas: DocMeta[] = [];
    const keys: string[] = [];
    const lastSeen: number[] = [];
    const docLen: number[] = [];
    for (let i = 0; i < this.metas.length; i++) {
      if (this.metas[i] === null) continue;
      const m = this.meta(i);
      if (!m) continue;
      remap[i] = metas.length;
      metas.push(m);
      keys.push(this.keys[i]!);
      lastSeen.push(this.lastSeen[i]!);
      docLen.push(this.docLen[i]!);
    }
    for (const term of [...this.postings.keys()]) {
      const p = this.posting(term)!;
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
    this.rawBytes = null;
    this.keys = keys;
    this.lastSeen = lastSeen;
    this.docLen = docLen;
    this.byKey = new Map(keys.map((k, i) => [k, i]));
    this.removedCount = 0;
  }

  /** A snapshot for IndexedDB (see IndexSnapshot). */
  toSnapshot(): IndexSnapshot {
    this.compact();
    this.mergeSurfaces();
    const terms = [...this.postings.keys()];
    const termIndex = new Map(terms.map((t, i) => [t, i]));
    let total = 0;
    for (const p of this.postings.values()) total += p.n;
    const idOffsets = new Uint32Array(terms.length + 1);
    const tfOffsets = new Uint32Array(terms.length + 1);
    let bytes = new Uint8Array(Math.max(16, total * 2));
    const tf = new Uint8Array(total);
    let at = 0;
    let tfAt = 0;
    terms.forEach((term, i) => {
      const p = this.posting(term)!;
      idOffsets[i] = at;
      tfOffsets[i] = tfAt;
      let previous = 0;
      for (let k = 0; k < p.n; k++) {
        if (at + 5 > bytes.length) {
          const grown = new Uint8Array(bytes.length * 2);
          grown.set(bytes);
          bytes = grown;
        }
        let gap = p.ids[k]! - previous;
        previous = p.ids[k]!;
        while (gap >= 0x80) {
          bytes[at++] = (gap & 0x7f) | 0x80;
          gap = Math.floor(gap / 128);
        }
        bytes[at++] = gap;
        tf[tfAt++] = Math.min(255, Math.max(1, Math.round(p.tf[k]! * 4)));
      }
    });
    idOffsets[terms.length] = at;
    tfOffsets[terms.length] = tfAt;
    const ids = bytes.slice(0, at);
    const surfaces = this.sortedSurfaces.filter((s) => termIndex.has(this.surfaceToStem.get(s)!));
    const surfaceStem = new Uint32Array(surfaces.map((s) => termIndex.get(this.surfaceToStem.get(s)!)!));
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    const metaOffsets = new Uint32Array(this.metas.length + 1);
    let metaSize = 0;
    for (let d = 0; d < this.metas.length; d++) {
      const r = this.rawBytes;
      const part =
        this.metas[d] === undefined && r
          ? r.bytes.subarray(r.offsets[d]!, r.offsets[d + 1]!)
          : encoder.encode(JSON.stringify(this.metas[d]));
      metaOffsets[d] = metaSize;
      parts.push(part);
      metaSize += part.length;
    }
    metaOffsets[this.metas.length] = metaSize;
    const metaBytes = new Uint8Array(metaSize);
    let metaAt = 0;
    for (const part of parts) {
      metaBytes.set(part, metaAt);
      metaAt += part.length;
    }
    return {
      format: 'pykala-search',
      version: INDEX_FORMAT_VERSION,
      builtAt: this.builtAt,
      keys: this.keys.join(SEP),
      metas: metaBytes,
      metaOffsets,
      lastSeen: Float64Array.from(this.lastSeen),
      docLen: Float32Array.from(this.docLen),
      terms: terms.join('\n'),
      idOffsets,
      tfOffsets,
      ids,
      tf,
      surfaces: surfaces.join('\n'),
      surfaceStem,
      shortWords: [...this.shortWords].join('\n'),
    };
  }

  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    if (snapshot?.format !== 'pykala-search' || snapshot.version !== INDEX_FORMAT_VERSION) {
      throw new Error('search index snapshot of an unknown format');
    }
    const index = new SearchIndex();
    index.builtAt = snapshot.builtAt;
    index.keys = snapshot.keys ? snapshot.keys.split(SEP) : [];
    index.rawBytes = { bytes: snapshot.metas, offsets: snapshot.metaOffsets };
    index.metas = new Array<DocMeta | undefined>(index.keys.length);
    index.lastSeen = Array.from(snapshot.lastSeen);
    index.docLen = Array.from(snapshot.docLen);
    index.byKey = new Map(index.keys.map((k, i) => [k, i]));
    index.live = index.keys.length;
    index.totalLen = index.docLen.reduce((a, b) => a + b, 0);
    const terms = snapshot.terms ? snapshot.terms.split('\n') : [];
    index.encoded = { ids: snapshot.ids, tf: snapshot.tf };
    const empty32 = new Uint32Array(0);
    const emptyF = new Float32Array(0);
    terms.forEach((term, i) => {
      // Decoded when a query first needs them: opening the index costs no decoding.
      index.postings.set(term, {
        ids: empty32,
        tf: emptyF,
        n: snapshot.tfOffsets[i + 1]! - snapshot.tfOffsets[i]!,
        lazy: { from: snapshot.idOffsets[i]!, to: snapshot.idOffsets[i + 1]!, tfFrom: snapshot.tfOffsets[i]! },
      });
    });
    index.sortedSurfaces = snapshot.surfaces ? snapshot.surfaces.split('\n') : [];
    index.sortedSurfaces.forEach((s, i) => index.surfaceToStem.set(s, terms[snapshot.surfaceStem[i]!]!));
    index.shortWords = new Set(snapshot.shortWords ? snapshot.shortWords.split('\n') : []);
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
