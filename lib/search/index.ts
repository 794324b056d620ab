/**
 * The full-text index: a compact inverted index of Finnish stems with BM25 ranking, prefix expansion
 * over the surface vocabulary, facets and a binary snapshot for IndexedDB.
 *
 * Why not MiniSearch: it was the first choice, and bench/search.bench.ts measures both. MiniSearch keeps
 * one Map entry per (term, field, document); at 50,000 items of several kilobytes that is tens of millions
 * of objects (gigabytes of heap, minutes to build), and its JSON snapshot is slow to load in a popup.
 * Here each stem's postings are two growable typed arrays (document ids, field-weighted term
 * frequencies), a snapshot is a few hundred typed-array chunks that IndexedDB stores without serialising
 * (postings bucketed by sorted stem, metadata in blocks by document id, so a reader opened from the small
 * manifest reads only what a query touches), and prefix matching uses a sorted vocabulary of the surface words.
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
  /** Still encoded in a snapshot chunk (decoded on first use): the chunk, where its ids and tfs start. */
  lazy?: { chunk: number; from: number; tfFrom: number };
}

/** A run of postings (terms in sorted order, packed to about POSTING_CHUNK_BYTES). */
export interface PostingChunk {
  /** Document ids as LEB128 varints of the gaps between ascending ids (1-2 bytes instead of 4). */
  ids: Uint8Array;
  /** Field-weighted term frequencies in quarter steps (BM25 saturates long before 63). */
  tf: Uint8Array;
}

/** The metadata of META_BLOCK_DOCS consecutive documents: one JSON text each, UTF-8, with offsets. */
export interface MetaBlock {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/**
 * What a search needs before it reads any postings or metadata: the dictionary and the per-document
 * numbers BM25 uses. Small (about 2 MB at 50,000 items), read whole when a reader opens the index.
 */
export interface SnapshotManifest {
  format: 'pykala-search';
  version: 4;
  builtAt: number;
  docs: number;
  lastSeen: Float64Array;
  docLen: Float32Array;
  /** Stems, sorted, joined by newlines; stem i's postings are in chunk c where chunkStarts[c] <= i. */
  terms: string;
  chunkStarts: Uint32Array;
  /** Stem i: `counts[i]` postings, ids from byte idOffsets[i] of its chunk, tfs from tfOffsets[i]. */
  counts: Uint32Array;
  idOffsets: Uint32Array;
  tfOffsets: Uint32Array;
  /** Documents per metadata block. */
  metaBlockDocs: number;
  /** Surface words (sorted) joined by newlines, and the stem each one maps to. */
  surfaces: string;
  surfaceStem: Uint32Array;
  /** Words of the short fields (titles, organs, tags), for typo-tolerant matching. */
  shortWords: string;
}

/**
 * The whole index as values for IndexedDB. The store keeps the manifest in one row and each chunk,
 * metadata block and the key list in rows of their own, so that a query reads only the chunks its
 * terms touch and the metadata blocks of the hits it shows (few, large values: typed arrays and long
 * strings clone as memory copies, while 50,000 small objects would take a second to clone).
 */
export interface IndexSnapshot extends SnapshotManifest {
  /** Document keys joined by NUL. */
  keys: string;
  postingChunks: PostingChunk[];
  metaBlocks: MetaBlock[];
}

/** Reads the parts of a stored snapshot that a lazily opened index needs. */
export interface SnapshotSource {
  postingChunks(numbers: number[]): Promise<PostingChunk[]>;
  metaBlocks(numbers: number[]): Promise<MetaBlock[]>;
  keys(): Promise<string>;
}

/** Thrown by a lazily opened index asked for what it has not read yet (see ensureAll). */
export class NotLoadedError extends Error {
  constructor(what: string) {
    super(`search index: ${what} not loaded yet`);
    this.name = 'NotLoadedError';
  }
}

export const INDEX_FORMAT_VERSION = 4;
export const POSTING_CHUNK_BYTES = 32 * 1024;
export const META_BLOCK_DOCS = 64;

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
const EMPTY_IDS = new Uint32Array(0);
const EMPTY_TF = new Float32Array(0);

/** The first position in a sorted list whose value is not below `value`. */
function lowerBound(sorted: ArrayLike<string>, value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in a sorted list of numbers whose value is above `value`. */
function upperBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SearchIndex {
  /** null: removed; undefined: not parsed yet (see `blocks`). */
  private metas: (DocMeta | null | undefined)[] = [];
  /** Metadata still encoded in a loaded snapshot, by block (undefined: not read yet). */
  private blocks: (MetaBlock | undefined)[] = [];
  private blockDocs = META_BLOCK_DOCS;
  /** Posting chunks of a loaded snapshot (undefined: not read yet). */
  private chunks: (PostingChunk | undefined)[] = [];
  /** Where a lazily opened index reads what it has not read yet. */
  private source: SnapshotSource | null = null;
  private keysLoaded = true;
  private keys: string[] = [];
  private lastSeen: number[] | Float64Array = [];
  private docLen: number[] | Float32Array = [];
  private byKey = new Map<string, number>();
  private postings = new Map<string, Posting>();
  private surfaceToStem = new Map<string, string>();
  /**
   * A loaded snapshot's dictionary, looked up by binary search (sorted) instead of 50,000 map entries
   * made up front: stems with where their postings are, and surfaces with their stems. Terms and
   * surfaces added later live in `postings` and `surfaceToStem`.
   */
  private base: { terms: string[]; surfaces: string[]; manifest: SnapshotManifest } | null = null;
  private sortedSurfaces: string[] = [];
  private pendingSurfaces: string[] = [];
  /** sortedSurfaces joined by newlines (null: not joined since they changed). */
  private surfacesText: string | null = null;
  private shortWords = new Set<string>();
  private live = 0;
  private totalLen = 0;
  private removedCount = 0;
  private ranked: { key: string; result: Ranked } | null = null;
  private expansions = new Map<string, Map<string, number>>();
  /** Bumped on every change: caches built from the index compare it. */
  generation = 0;
  builtAt = 0;

  get size(): number {
    return this.live;
  }

  /** Whether everything is in memory (an index opened lazily from a snapshot reads parts on demand). */
  get complete(): boolean {
    if (!this.whole) this.whole = this.keysLoaded && !this.chunks.includes(undefined) && !this.blocks.includes(undefined);
    return this.whole;
  }

  private whole = true;

  has(key: string): boolean {
    this.requireComplete();
    return this.byKey.has(key);
  }

  get(key: string): DocMeta | null {
    this.requireComplete();
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
    this.requireComplete();
    const out: DocMeta[] = [];
    for (let d = 0; d < this.metas.length; d++) {
      const m = this.meta(d);
      if (m) out.push(m);
    }
    return out;
  }

  private rawMeta(docId: number): string | null {
    const b = Math.floor(docId / this.blockDocs);
    if (b >= this.blocks.length) return null;
    const block = this.blocks[b];
    if (!block) throw new NotLoadedError('document metadata');
    const at = docId - b * this.blockDocs;
    if (at + 1 >= block.offsets.length) return null;
    return DECODER.decode(block.bytes.subarray(block.offsets[at]!, block.offsets[at + 1]!));
  }

  /** A stem's postings, decoded from the snapshot on first use. */
  private posting(term: string): Posting | undefined {
    let p = this.postings.get(term);
    if (!p) {
      const i = this.baseTerm(term);
      if (i < 0) return undefined;
      p = this.basePosting(i);
      this.postings.set(term, p);
    }
    if (!p.lazy) return p;
    const { chunk: c, from, tfFrom } = p.lazy;
    const chunk = this.chunks[c];
    if (!chunk) throw new NotLoadedError('postings');
    const ids = new Uint32Array(p.n);
    const tf = new Float32Array(p.n);
    const bytes = chunk.ids;
    let at = from;
    let id = 0;
    for (let i = 0; i < p.n && at < bytes.length; i++) {
      let gap = 0;
      let scale = 1;
      let b: number;
      do {
        b = bytes[at++]!;
        gap += (b & 0x7f) * scale;
        scale *= 128;
      } while (b & 0x80);
      id += gap;
      ids[i] = id;
      tf[i] = chunk.tf[tfFrom + i]! / 4;
    }
    p.ids = ids;
    p.tf = tf;
    delete p.lazy;
    return p;
  }

  /** A snapshot stem's number, or -1. */
  private baseTerm(term: string): number {
    const terms = this.base?.terms;
    if (!terms) return -1;
    const i = lowerBound(terms, term);
    return terms[i] === term ? i : -1;
  }

  private basePosting(i: number): Posting {
    const m = this.base!.manifest;
    return { ids: EMPTY_IDS, tf: EMPTY_TF, n: m.counts[i]!, lazy: { chunk: upperBound(m.chunkStarts, i) - 1, from: m.idOffsets[i]!, tfFrom: m.tfOffsets[i]! } };
  }

  private hasTerm(term: string): boolean {
    return this.postings.has(term) || this.baseTerm(term) >= 0;
  }

  /** The chunk holding a stem's still encoded postings (undefined: decoded, new or unknown). */
  private chunkOf(term: string): number | undefined {
    const p = this.postings.get(term);
    if (p) return p.lazy?.chunk;
    const i = this.baseTerm(term);
    return i < 0 ? undefined : this.basePosting(i).lazy!.chunk;
  }

  private stemOf(surface: string): string | undefined {
    const s = this.surfaceToStem.get(surface);
    if (s !== undefined || !this.base) return s;
    const { surfaces, terms, manifest } = this.base;
    const i = lowerBound(surfaces, surface);
    return surfaces[i] === surface ? terms[manifest.surfaceStem[i]!] : undefined;
  }

  /** Every stem in `postings` (before rewriting or saving them all). */
  private materialize(): void {
    if (!this.base) return;
    this.base.terms.forEach((term, i) => {
      if (!this.postings.has(term)) this.postings.set(term, this.basePosting(i));
    });
    this.base.surfaces.forEach((surface, i) => {
      if (!this.surfaceToStem.has(surface)) this.surfaceToStem.set(surface, this.base!.terms[this.base!.manifest.surfaceStem[i]!]!);
    });
    this.base = null;
  }

  private requireComplete(): void {
    if (!this.complete) throw new NotLoadedError('the whole index');
  }

  /** Reads every part of the snapshot not read yet (before changing, saving or listing everything). */
  async ensureAll(): Promise<void> {
    const source = this.source;
    if (!source || this.complete) return;
    const missing = (parts: unknown[]) => {
      const out: number[] = [];
      for (let i = 0; i < parts.length; i++) if (parts[i] === undefined) out.push(i);
      return out;
    };
    const chunkNumbers = missing(this.chunks);
    const blockNumbers = missing(this.blocks);
    const [chunks, blocks, keys] = await Promise.all([
      source.postingChunks(chunkNumbers),
      source.metaBlocks(blockNumbers),
      this.keysLoaded ? Promise.resolve(null) : source.keys(),
    ]);
    chunkNumbers.forEach((c, i) => (this.chunks[c] ??= chunks[i]));
    blockNumbers.forEach((b, i) => (this.blocks[b] ??= blocks[i]));
    if (keys !== null && !this.keysLoaded) this.setKeys(keys);
  }

  /** Reads the posting chunks that a search for `text` touches. */
  async ensureTerms(text: string): Promise<void> {
    if (!this.source) return;
    const wanted = new Set<number>();
    for (const [token, last] of this.queryTokens(text)) {
      for (const term of this.expand(token, last).keys()) {
        const c = this.chunkOf(term);
        if (c !== undefined && !this.chunks[c]) wanted.add(c);
      }
    }
    if (!wanted.size) return;
    const numbers = [...wanted];
    const chunks = await this.source.postingChunks(numbers);
    numbers.forEach((c, i) => (this.chunks[c] ??= chunks[i]));
  }

  /** Reads the metadata blocks of these documents. */
  async ensureDocs(docIds: Iterable<number>): Promise<void> {
    if (!this.source) return;
    const wanted = new Set<number>();
    for (const d of docIds) {
      const b = Math.floor(d / this.blockDocs);
      if (b < this.blocks.length && !this.blocks[b] && this.metas[d] === undefined) wanted.add(b);
    }
    if (!wanted.size) return;
    const numbers = [...wanted];
    const blocks = await this.source.metaBlocks(numbers);
    numbers.forEach((b, i) => (this.blocks[b] ??= blocks[i]));
  }

  /** The documents a limited search would return (to read their metadata before searching). */
  topDocs(text: string, limit: number): number[] {
    const r = this.rank(text, limit);
    return r.order.map((i) => r.candidates[i]!);
  }

  private setKeys(joined: string): void {
    this.keys = joined ? joined.split(SEP) : [];
    this.byKey = new Map();
    this.keys.forEach((k, i) => {
      if (this.metas[i] !== null) this.byKey.set(k, i);
    });
    this.keysLoaded = true;
  }

  /** Distinct words of titles, organs and tags. */
  shortFieldWords(): string[] {
    return [...this.shortWords];
  }

  /** Whether a query word finds anything as it is (its stem, or words it begins). */
  knows(token: string): boolean {
    const t = normalize(token);
    return this.hasTerm(stem(t)) || (t.length >= MIN_PREFIX && this.surfacesWithPrefix(t).length > 0);
  }

  /** Adds or replaces a document. */
  add(doc: IndexDoc): void {
    this.requireComplete();
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
        let s = this.stemOf(token);
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
    if (!Array.isArray(this.lastSeen)) this.lastSeen = Array.from(this.lastSeen);
    if (!Array.isArray(this.docLen)) this.docLen = Array.from(this.docLen);
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
    this.requireComplete();
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

  /** The query's words: stop words dropped unless nothing else is left; each with whether it is last. */
  private queryTokens(text: string): [string, boolean][] {
    const tokens = [...new Set(tokenize(text))];
    const meaningful = tokens.filter((t) => !STOP_WORDS.has(t));
    const queryTokens = meaningful.length ? meaningful : tokens;
    return queryTokens.map((t, i) => [t, i === queryTokens.length - 1]);
  }

  /** What to highlight for a query word. */
  private highlightFor(token: string, highlight: Highlight): void {
    highlight.stems.push(stem(token));
    if (token.length >= MIN_PREFIX && !/^\d+$/.test(token)) highlight.prefixes.push(token);
    if (token.length >= MIN_INFIX && !/^\d+$/.test(token)) highlight.infixes!.push(token);
  }

  /** The stems a query word stands for, with their weights (kept for the index's generation). */
  private expand(token: string, last: boolean): Map<string, number> {
    const key = `${this.generation}\u0000${last ? 1 : 0}\u0000${token}`;
    const known = this.expansions.get(key);
    if (known) return known;
    const expansions = new Map<string, number>();
    const exact = stem(token);
    if (this.hasTerm(exact)) expansions.set(exact, 1);
    // Prefix matching: every query word (not only the last) may be the start of longer words,
    // which is how Finnish compounds are found: `kouluverk` -> kouluverkko, kouluverkkoselvitys.
    if (token.length >= MIN_PREFIX && !/^\d+$/.test(token)) {
      for (const surface of this.surfacesWithPrefix(token)) {
        const s = this.stemOf(surface)!;
        if (!expansions.has(s)) expansions.set(s, last ? 0.85 : PREFIX_WEIGHT);
        if (expansions.size >= MAX_EXPANSIONS) break;
      }
    }
    // Compound heads: `strategia` also finds kuntastrategia, `koulu` finds yläkoulujen.
    if (token.length >= MIN_INFIX && !/^\d+$/.test(token)) {
      for (const surface of this.surfacesContaining(token)) {
        const s = this.stemOf(surface)!;
        if (!expansions.has(s)) expansions.set(s, INFIX_WEIGHT);
        if (expansions.size >= MAX_EXPANSIONS * 2) break;
      }
    }
    if (this.expansions.size > 200) this.expansions.clear();
    this.expansions.set(key, expansions);
    return expansions;
  }

  /**
   * Scores every document matching at least one query word (documents matching more words rank
   * higher) and orders them: all of them, or only the best `limit` (what a popup shows). The last
   * ranking is kept, so that reading the hits' metadata first and then searching ranks once.
   */
  private rank(text: string, limit: number): Ranked {
    const key = `${this.generation}\u0000${limit}\u0000${text}`;
    if (this.ranked?.key === key) return this.ranked.result;
    const queryTokens = this.queryTokens(text);
    const highlight: Highlight = { stems: [], prefixes: [], infixes: [] };
    const result: Ranked = { candidates: [], final: new Float32Array(0), order: [], highlight };
    if (!queryTokens.length || this.live === 0) return result;

    const n = this.metas.length;
    const scores = new Float32Array(n);
    const matched = new Uint8Array(n);
    const tokenScores = new Float32Array(n);
    const avgLen = this.totalLen / Math.max(1, this.live) || 1;
    const candidates: number[] = [];
    const docLen = this.docLen;
    const anyRemoved = this.removedCount > 0;

    for (const [token, last] of queryTokens) {
      this.highlightFor(token, highlight);
      const expansions = this.expand(token, last);
      const touched: number[] = [];
      for (const [term, weight] of expansions) {
        const p = this.posting(term);
        if (!p) continue;
        const idf = Math.log(1 + (this.live - p.n + 0.5) / (p.n + 0.5));
        const ids = p.ids;
        const tfs = p.tf;
        // BM25: weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * docLen / avgLen)).
        const gain = weight * idf * (K1 + 1);
        const lengthFree = K1 * (1 - B);
        const perLength = (K1 * B) / avgLen;
        for (let i = 0; i < p.n; i++) {
          const d = ids[i]!;
          if (anyRemoved && this.metas[d] === null) continue;
          const tf = tfs[i]!;
          const s = (gain * tf) / (tf + lengthFree + perLength * docLen[d]!);
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
    }

    const total = queryTokens.length;
    const final = new Float32Array(candidates.length);
    candidates.forEach((d, i) => {
      final[i] = scores[d]! * (matched[d]! / total) ** 2;
    });
    const lastSeen = this.lastSeen;
    // Best first; equal scores: most recently seen first, then in the order found (a stable sort).
    const before = (a: number, b: number) =>
      final[b]! - final[a]! || lastSeen[candidates[b]!]! - lastSeen[candidates[a]!]! || a - b;
    let order: number[];
    if (limit >= candidates.length) {
      order = candidates.map((_, i) => i);
      order.sort(before);
    } else {
      // The best `limit` only: one pass keeping a short sorted list instead of sorting everything.
      order = [];
      let worst = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < candidates.length; i++) {
        if (order.length === limit) {
          if (final[i]! < worst) continue;
          if (before(i, order[limit - 1]!) >= 0) continue;
        }
        let lo = 0;
        let hi = order.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (before(order[mid]!, i) < 0) lo = mid + 1;
          else hi = mid;
        }
        order.splice(lo, 0, i);
        if (order.length > limit) order.pop();
        if (order.length === limit) worst = final[order[limit - 1]!]!;
      }
    }
    result.candidates = candidates;
    result.final = final;
    result.order = order;
    this.ranked = { key, result };
    return result;
  }

  /**
   * Full-text search. Every document matching at least one query word counts (documents matching
   * more words rank higher); metadata is materialised only for the returned hits.
   */
  search(text: string, options: { filter?: (m: DocMeta) => boolean; limit?: number; all?: boolean } = {}): TextResult {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const everything = options.filter !== undefined || options.all === true || !Number.isFinite(limit);
    const { candidates, final, order, highlight } = this.rank(text, everything ? Number.POSITIVE_INFINITY : limit);
    if (!everything) {
      const hits = order.map((i) => ({ docId: candidates[i]!, score: final[i]!, meta: this.meta(candidates[i]!)! }));
      return { hits, total: candidates.length, highlight };
    }
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
    // One native search through all the words joined by newlines instead of one call per word;
    // only the lines holding the token are looked at, in the same (sorted) order.
    const text = (this.surfacesText ??= this.sortedSurfaces.join('\n'));
    const out: string[] = [];
    let at = text.indexOf(token);
    while (at >= 0) {
      const start = text.lastIndexOf('\n', at) + 1;
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const s = text.slice(start, end);
      if (s.length > token.length + 2 && s.indexOf(token, 3) > 0) {
        out.push(s);
        if (out.length >= MAX_EXPANSIONS) break;
      }
      at = end < text.length ? text.indexOf(token, end + 1) : -1;
    }
    return out;
  }

  private mergeSurfaces(): void {
    if (!this.pendingSurfaces.length) return;
    this.sortedSurfaces = [...this.sortedSurfaces, ...this.pendingSurfaces].sort();
    this.surfacesText = null;
    this.pendingSurfaces = [];
  }

  /** Drops tombstones: renumbers documents and rewrites postings. */
  compact(): void {
    if (this.removedCount === 0) return;
    this.requireComplete();
    this.materialize();
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
    this.blocks = [];
    this.keys = keys;
    this.lastSeen = lastSeen;
    this.docLen = docLen;
    this.byKey = new Map(keys.map((k, i) => [k, i]));
    this.removedCount = 0;
    this.generation++;
  }

  /** A snapshot for IndexedDB (see IndexSnapshot): postings in chunks by term, metadata in blocks. */
  toSnapshot(): IndexSnapshot {
    this.requireComplete();
    this.compact();
    this.mergeSurfaces();
    this.materialize();
    const terms = [...this.postings.keys()].sort();
    const termIndex = new Map(terms.map((t, i) => [t, i]));
    const counts = new Uint32Array(terms.length);
    const idOffsets = new Uint32Array(terms.length);
    const tfOffsets = new Uint32Array(terms.length);
    const chunkStarts: number[] = [];
    const postingChunks: PostingChunk[] = [];
    let bytes = new Uint8Array(POSTING_CHUNK_BYTES * 2);
    let tf = new Uint8Array(POSTING_CHUNK_BYTES);
    let at = 0;
    let tfAt = 0;
    const close = () => {
      postingChunks.push({ ids: bytes.slice(0, at), tf: tf.slice(0, tfAt) });
      at = 0;
      tfAt = 0;
    };
    terms.forEach((term, i) => {
      const p = this.posting(term)!;
      // A term's postings never straddle chunks; a chunk closes once it holds about POSTING_CHUNK_BYTES.
      if (i === 0 || (at + tfAt > 0 && at + tfAt + p.n * 2 > POSTING_CHUNK_BYTES)) {
        if (i > 0) close();
        chunkStarts.push(i);
      }
      if (tfAt + p.n > tf.length) {
        const grown = new Uint8Array(Math.max(tf.length * 2, tfAt + p.n));
        grown.set(tf.subarray(0, tfAt));
        tf = grown;
      }
      counts[i] = p.n;
      idOffsets[i] = at;
      tfOffsets[i] = tfAt;
      let previous = 0;
      for (let k = 0; k < p.n; k++) {
        if (at + 5 > bytes.length) {
          const grown = new Uint8Array(bytes.length * 2);
          grown.set(bytes.subarray(0, at));
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
    if (terms.length) close();
    const surfaces = this.sortedSurfaces.filter((s) => termIndex.has(this.surfaceToStem.get(s)!));
    const surfaceStem = new Uint32Array(surfaces.map((s) => termIndex.get(this.surfaceToStem.get(s)!)!));
    const encoder = new TextEncoder();
    const metaBlocks: MetaBlock[] = [];
    for (let first = 0; first < this.metas.length; first += META_BLOCK_DOCS) {
      const last = Math.min(this.metas.length, first + META_BLOCK_DOCS);
      const parts: Uint8Array[] = [];
      const offsets = new Uint32Array(last - first + 1);
      let size = 0;
      for (let d = first; d < last; d++) {
        const raw = this.metas[d] === undefined ? this.rawMeta(d) : null;
        const part = encoder.encode(raw ?? JSON.stringify(this.metas[d]));
        offsets[d - first] = size;
        parts.push(part);
        size += part.length;
      }
      offsets[last - first] = size;
      const block = new Uint8Array(size);
      let metaAt = 0;
      for (const part of parts) {
        block.set(part, metaAt);
        metaAt += part.length;
      }
      metaBlocks.push({ bytes: block, offsets });
    }
    return {
      format: 'pykala-search',
      version: INDEX_FORMAT_VERSION,
      builtAt: this.builtAt,
      docs: this.metas.length,
      keys: this.keys.join(SEP),
      lastSeen: Float64Array.from(this.lastSeen),
      docLen: Float32Array.from(this.docLen),
      terms: terms.join('\n'),
      chunkStarts: Uint32Array.from(chunkStarts),
      counts,
      idOffsets,
      tfOffsets,
      metaBlockDocs: META_BLOCK_DOCS,
      surfaces: surfaces.join('\n'),
      surfaceStem,
      shortWords: [...this.shortWords].join('\n'),
      postingChunks,
      metaBlocks,
    };
  }

  /** An index with everything in memory. */
  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = SearchIndex.fromManifest(snapshot, null);
    if (!Array.isArray(snapshot.postingChunks) || !Array.isArray(snapshot.metaBlocks) || typeof snapshot.keys !== 'string') {
      throw new Error('search index snapshot of an unknown format');
    }
    index.chunks = snapshot.postingChunks.slice();
    index.blocks = snapshot.metaBlocks.slice();
    index.setKeys(snapshot.keys);
    return index;
  }

  /**
   * An index from a snapshot's manifest alone: postings, metadata and keys are read from `source`
   * when a search (ensureTerms, ensureDocs) or a change (ensureAll) needs them.
   */
  static fromManifest(snapshot: SnapshotManifest, source: SnapshotSource | null): SearchIndex {
    if (
      snapshot?.format !== 'pykala-search' ||
      snapshot.version !== INDEX_FORMAT_VERSION ||
      !(snapshot.counts instanceof Uint32Array) ||
      !(snapshot.chunkStarts instanceof Uint32Array) ||
      !(snapshot.lastSeen instanceof Float64Array) ||
      !(snapshot.docLen instanceof Float32Array)
    ) {
      throw new Error('search index snapshot of an unknown format');
    }
    const index = new SearchIndex();
    index.source = source;
    index.builtAt = snapshot.builtAt;
    index.blockDocs = snapshot.metaBlockDocs;
    index.metas = new Array<DocMeta | undefined>(snapshot.docs);
    index.blocks = new Array<MetaBlock | undefined>(Math.ceil(snapshot.docs / snapshot.metaBlockDocs));
    index.chunks = new Array<PostingChunk | undefined>(snapshot.chunkStarts.length);
    index.keysLoaded = false;
    index.whole = false;
    index.lastSeen = snapshot.lastSeen;
    index.docLen = snapshot.docLen;
    index.live = snapshot.docs;
    let totalLen = 0;
    for (let d = 0; d < snapshot.docLen.length; d++) totalLen += snapshot.docLen[d]!;
    index.totalLen = totalLen;
    // Postings are found by binary search over the sorted stems and decoded when a query needs them:
    // opening the index makes no per-term objects and decodes nothing.
    const terms = snapshot.terms ? snapshot.terms.split('\n') : [];
    index.sortedSurfaces = snapshot.surfaces ? snapshot.surfaces.split('\n') : [];
    index.surfacesText = snapshot.surfaces ?? '';
    index.base = { terms, surfaces: index.sortedSurfaces, manifest: snapshot };
    index.shortWords = new Set(snapshot.shortWords ? snapshot.shortWords.split('\n') : []);
    return index;
  }
}

interface Ranked {
  /** Matching documents in the order found. */
  candidates: number[];
  /** Their scores. */
  final: Float32Array;
  /** Indices into `candidates`, best first (all, or the best `limit`). */
  order: number[];
  highlight: Highlight;
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
  const infixes = h.infixes ?? [];
  // Snippets test every word of 20 bodies and the same words recur: each distinct word is tested once.
  const known = new Map<string, boolean>();
  return (token) => {
    let match = known.get(token);
    if (match === undefined) {
      const t = normalize(token);
      match = h.prefixes.some((p) => t.startsWith(p)) || infixes.some((p) => t.includes(p)) || stems.has(stem(t));
      known.set(token, match);
    }
    return match;
  };
}
