/**
 * The full-text index: a compact inverted index of Finnish stems with BM25 ranking, prefix expansion
 * over the surface vocabulary, facets and a binary snapshot for IndexedDB.
 *
 * Why not MiniSearch: it was the first choice, and bench/search.bench.ts measures both. MiniSearch keeps
 * one Map entry per (term, field, document); at 50,000 items of several kilobytes that is tens of millions
 * of objects (gigabytes of heap, minutes to build), and its JSON snapshot is slow to load in a popup.
 * Here each stem's postings are two growable typed arrays (document ids, field-weighted term
 * frequencies), a snapshot is a small head plus named parts that IndexedDB stores without serialising
 * (postings bucketed by sorted stem with each document's length beside its posting, metadata in blocks
 * by document id, the dictionary in sorted blocks: see dictionary.ts), so a reader opened from the head
 * reads only what a query touches, and prefix matching uses a sorted vocabulary of the surface words.
 */
import { normalize, stem, STOP_WORDS, tokenize } from './analyze';
import {
  endingsOf,
  fromBlock,
  LazyDictionary,
  lowerBound,
  MIN_INFIX,
  NotLoadedError,
  toBlocks,
  type DictBlock,
  type DictEntry,
  type DictionaryHead,
  type TermInfo,
} from './dictionary';

export { NotLoadedError } from './dictionary';

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
  /** The number of documents matched; when not `totalExact`, at least this many (see rankTop). */
  total: number;
  totalExact: boolean;
  highlight: Highlight;
}

interface Posting {
  ids: Uint32Array;
  tf: Float32Array;
  n: number;
  /** Each posting's document length code (a view into the chunk, for a lazily opened index: it has no length table). */
  len?: Uint8Array;
  /** Still encoded in a snapshot chunk (decoded on first use): the chunk, where its ids and tfs start. */
  lazy?: TermInfo;
}

/** A run of postings (terms in sorted order, packed to about POSTING_CHUNK_BYTES). */
export interface PostingChunk {
  /** Document ids as LEB128 varints of the gaps between ascending ids (1-2 bytes instead of 4). */
  ids: Uint8Array;
  /** Field-weighted term frequencies in quarter steps (BM25 saturates long before 63). */
  tf: Uint8Array;
  /** Each posting's document length as a lengthCode, beside its tf: BM25 needs no per-document table. */
  len: Uint8Array;
}

/**
 * The best postings of the chunk's terms that have more than TOP_LIST_FROM (`t<n>` beside `p<n>`), so
 * that a one-word query over words found in most documents ranks its first results from a few hundred
 * postings instead of reading and scoring tens of thousands. Each list holds a term's postings in
 * ranking order (BM25 under the snapshot's own document count and mean length: best first, equal
 * scores by higher id), at least TOP_LIST_LENGTH of them and cut where no posting left out can tie
 * with the last one kept except by an exactly equal score (see topListCut).
 */
export interface TopLists {
  /** The terms, joined by newlines. */
  terms: string;
  /** How many postings each term's list holds (in order). */
  counts: Uint32Array;
  ids: Uint32Array;
  tf: Uint8Array;
  len: Uint8Array;
}

/** The metadata of META_BLOCK_DOCS consecutive documents: one JSON text each, UTF-8, with offsets. */
export interface MetaBlock {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/**
 * What a reader reads before anything else: a few kilobytes whatever the library's size (counts, and
 * the first key of each dictionary block). Everything else is in named parts, read when needed:
 * `p<n>` posting chunks, `m<n>` metadata blocks, `s<n>` `w<n>` `x<n>` dictionary blocks (see
 * dictionary.ts), `docs` (keys, lengths and times seen, for changing the index) and `short` (the
 * words of titles, organs and tags, for typo tolerance).
 */
export interface SnapshotHead {
  format: 'pykala-search';
  version: 6;
  builtAt: number;
  docs: number;
  totalLen: number;
  chunkCount: number;
  metaBlockDocs: number;
  metaBlockCount: number;
  dictionary: DictionaryHead;
}

/** The rest of a document table: what only a change to the index (or a listing) needs. */
export interface DocTable {
  /** Document keys joined by NUL. */
  keys: string;
  lastSeen: Float64Array;
  /** lengthCode of each document's field-weighted length. */
  lengths: Uint8Array;
}

/**
 * The whole index as values for IndexedDB: the head in one row and each part in a row of its own, so
 * that a query reads only the blocks its words fall in, the chunks of their postings and the metadata
 * of the hits it shows (few, large values: typed arrays and long strings clone as memory copies).
 */
export interface IndexSnapshot {
  head: SnapshotHead;
  parts: Record<string, unknown>;
}

/** Reads named parts of a stored snapshot (in the order asked; a missing part is an error). */
export interface SnapshotSource {
  read(names: string[]): Promise<unknown[]>;
}

export const INDEX_FORMAT_VERSION = 6;
/** Terms with more postings than this get a top list (TopLists). */
export const TOP_LIST_FROM = 1024;
/** The shortest top list; a limited search up to this many hits can rank from top lists. */
export const TOP_LIST_LENGTH = 64;
/** A top list is not made longer than this to find a clean cut (the term is then read whole). */
const TOP_LIST_MAX = TOP_LIST_LENGTH * 8;
/**
 * Scores this far apart (relatively) stay apart when weighted and rounded to 32 bits, as rank() keeps
 * them; closer ones could round to equal and be ordered by id instead.
 */
const CLEAN_GAP = 1e-6;
export const POSTING_CHUNK_BYTES = 32 * 1024;
/** Small blocks: a popup reads one per hit shown. */
export const META_BLOCK_DOCS = 16;

const K1 = 1.2;
const B = 0.75;
const MIN_PREFIX = 3;
const MAX_EXPANSIONS = 64;
const PREFIX_WEIGHT = 0.7;
const INFIX_WEIGHT = 0.5;
const SHORT_FIELDS: (keyof DocFields)[] = ['title', 'organ', 'tags'];
const SEP = '\u0000';
const DECODER = new TextDecoder();
const EMPTY_IDS = new Uint32Array(0);
const EMPTY_TF = new Float32Array(0);

/**
 * Document lengths are kept as one byte (steps of 4.5 %, up to about 75,000 weighted words), so that
 * they fit beside each posting; the rounded lengths are whole numbers, so sums of them are exact and
 * an index built in memory ranks exactly as the same index read back from its snapshot.
 */
const LENGTH_STEP = Math.log(1.045);
const LENGTHS = Float64Array.from({ length: 256 }, (_, c) => Math.max(1, Math.round(Math.exp(c * LENGTH_STEP))));
export function lengthCode(length: number): number {
  return Math.min(255, Math.max(0, Math.round(Math.log(Math.max(1, length)) / LENGTH_STEP)));
}
/**
 * One posting's BM25 score: `gain` is weight * idf * (K1 + 1). rank() and the top lists compute it
 * the same way, so that both give bit-identical scores.
 */
function bm25(gain: number, tf: number, lengthFree: number, perLength: number, length: number): number {
  return (gain * tf) / (tf + lengthFree + perLength * length);
}

/** One score among a term's postings: how many postings have it, from how many different tf and length codes. */
export interface ScoreLevel {
  score: number;
  count: number;
  codes: number;
}

/**
 * How many of a term's postings its top list keeps, given its score levels best first: at least
 * TOP_LIST_LENGTH, cut where every posting left out either has the same codes as the last one kept
 * (so the same score under any weight, and a lower id: it ranks after it) or a score clearly below it
 * (so rounding cannot make it tie). 0: no such cut within TOP_LIST_MAX.
 */
export function topListCut(levels: readonly ScoreLevel[]): number {
  let start = 0;
  for (let l = 0; l < levels.length; l++) {
    const { score, count, codes } = levels[l]!;
    const end = start + count;
    if (end >= TOP_LIST_LENGTH) {
      // Within a level of one code the cut may fall anywhere; a level of several codes is kept whole.
      const cut = codes === 1 ? Math.max(TOP_LIST_LENGTH, start + 1) : end;
      if (cut > TOP_LIST_MAX) return 0;
      const next = levels[l + 1];
      if (!next || next.score < score * (1 - CLEAN_GAP)) return cut;
    }
    start = end;
  }
  return 0;
}

/** Scratch tables for topList, indexed by a posting's codes (tf * 256 + length). */
interface CodeTables {
  score: Float64Array;
  count: Uint32Array;
  level: Int32Array;
}

/**
 * A term's top list from its postings (ids ascending, tf and length codes), or null when no clean cut
 * exists. A posting's score depends on its two codes alone, so each pair present is scored once and
 * the postings are ordered by bucketing, not sorting: this runs for every big term at every save.
 */
function topList(ids: Uint32Array, tfCodes: Uint8Array, lenCodes: Uint8Array, avgLen: number, tables: CodeTables): { ids: number[]; tf: number[]; len: number[] } | null {
  const n = ids.length;
  const lengthFree = K1 * (1 - B);
  const perLength = (K1 * B) / avgLen;
  const { score, count, level } = tables;
  const present: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = tfCodes[i]! * 256 + lenCodes[i]!;
    if (count[c]!++ === 0) present.push(c);
  }
  const byScore = new Map<number, ScoreLevel>();
  for (const c of present) {
    const v = bm25(1, (c >>> 8) / 4, lengthFree, perLength, LENGTHS[c & 255]!);
    score[c] = v;
    const known = byScore.get(v);
    if (known) {
      known.count += count[c]!;
      known.codes++;
    } else byScore.set(v, { score: v, count: count[c]!, codes: 1 });
  }
  const levels = [...byScore.values()].sort((a, b) => b.score - a.score);
  const cut = topListCut(levels);
  const wanted: number[] = [];
  if (cut) {
    for (let l = 0, taken = 0; taken < cut; l++) {
      wanted.push(Math.min(levels[l]!.count, cut - taken));
      taken += levels[l]!.count;
    }
    const index = new Map(levels.slice(0, wanted.length).map((v, l) => [v.score, l]));
    for (const c of present) level[c] = index.get(score[c]!) ?? -1;
  }
  for (const c of present) count[c] = 0;
  if (!cut) return null;
  // Equal scores by higher id: the postings, walked from the highest id, go into their level in order.
  const buckets = wanted.map(() => [] as number[]);
  for (let i = n - 1; i >= 0; i--) {
    const l = level[tfCodes[i]! * 256 + lenCodes[i]!]!;
    if (l >= 0 && buckets[l]!.length < wanted[l]!) buckets[l]!.push(i);
  }
  const top = buckets.flat();
  return { ids: top.map((i) => ids[i]!), tf: top.map((i) => tfCodes[i]!), len: top.map((i) => lenCodes[i]!) };
}

/** Term frequencies are kept in quarter steps (one byte in a snapshot). */
function tfCode(tf: number): number {
  return Math.min(255, Math.max(1, Math.round(tf * 4)));
}
function quantizeTf(tf: number): number {
  return tfCode(tf) / 4;
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
  /** Keys, lengths and times seen of a snapshot's documents have been read. */
  private docsLoaded = true;
  private shortLoaded = true;
  private keys: string[] = [];
  private lastSeen: number[] | Float64Array = [];
  /** Quantized field-weighted lengths (see lengthCode). */
  private docLen: number[] | Float64Array = [];
  private byKey = new Map<string, number>();
  private postings = new Map<string, Posting>();
  private surfaceToStem = new Map<string, string>();
  /**
   * A loaded snapshot's dictionary, looked up by binary search (sorted) instead of 50,000 map entries
   * made up front: stems with where their postings are, and surfaces with their stems. Terms and
   * surfaces added later live in `postings` and `surfaceToStem`.
   */
  private base: { terms: string[]; info: TermInfo[]; surfaces: string[]; surfaceStems: string[] } | null = null;
  /** The dictionary of a lazily opened snapshot, until all of it is read (then `base`). */
  private lazy: LazyDictionary | null = null;
  private sortedSurfaces: string[] = [];
  private pendingSurfaces: string[] = [];
  /** sortedSurfaces joined by newlines (null: not joined since they changed). */
  private surfacesText: string | null = null;
  private shortWords = new Set<string>();
  private live = 0;
  private totalLen = 0;
  private removedCount = 0;
  private ranked: { key: string; result: Ranked } | null = null;
  /** Top lists read from a snapshot (TopLists), by term. */
  private topLists = new Map<string, { ids: Uint32Array; tf: Uint8Array; len: Uint8Array }>();
  /** The `t` parts read, by chunk number. */
  private topPartsRead = new Set<number>();
  private expansions = new Map<string, Map<string, number>>();
  /** Bumped on every change: caches built from the index compare it. */
  generation = 0;
  builtAt = 0;

  get size(): number {
    return this.live;
  }

  /** Whether everything is in memory (an index opened lazily from a snapshot reads parts on demand). */
  get complete(): boolean {
    if (!this.whole) {
      this.whole = this.docsLoaded && this.shortLoaded && !this.lazy && !this.chunks.includes(undefined) && !this.blocks.includes(undefined);
    }
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
      const info = this.termInfo(term);
      if (!info) return undefined;
      p = { ids: EMPTY_IDS, tf: EMPTY_TF, n: info.n, lazy: info };
      this.postings.set(term, p);
    }
    if (!p.lazy) return p;
    const { chunk: c, from, tfFrom } = p.lazy;
    const chunk = this.chunks[c];
    if (!chunk) throw new NotLoadedError('postings');
    const ids = new Uint32Array(p.n);
    const tf = new Float32Array(p.n);
    // Without the document table (a lazily opened index), lengths come with the postings.
    const len = this.docsLoaded ? undefined : chunk.len.subarray(tfFrom, tfFrom + p.n);
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
    if (len) p.len = len;
    delete p.lazy;
    return p;
  }

  /** Where a snapshot stem's postings are, or undefined. */
  private termInfo(term: string): TermInfo | undefined {
    if (this.lazy) return this.lazy.term(term);
    const terms = this.base?.terms;
    if (!terms) return undefined;
    const i = lowerBound(terms, term);
    return terms[i] === term ? this.base!.info[i] : undefined;
  }

  private hasTerm(term: string): boolean {
    return this.postings.has(term) || this.termInfo(term) !== undefined;
  }

  /**
   * Whether a stem still finds a live document. A removed document's postings and words stay until
   * compaction (and its words after it), but a snapshot holds neither: counting them here would let
   * them take the place of live words among a query word's expansions.
   */
  private findsAny(term: string): boolean {
    if (this.removedCount === 0) return this.hasTerm(term);
    const p = this.posting(term);
    if (!p) return false;
    for (let i = 0; i < p.n; i++) if (this.metas[p.ids[i]!] !== null) return true;
    return false;
  }

  private stemOf(surface: string): string | undefined {
    const s = this.surfaceToStem.get(surface);
    if (s !== undefined) return s;
    if (this.lazy) return this.lazy.stemOf(surface);
    if (!this.base) return undefined;
    const { surfaces, surfaceStems } = this.base;
    const i = lowerBound(surfaces, surface);
    return surfaces[i] === surface ? surfaceStems[i] : undefined;
  }

  /** Every stem in `postings` (before rewriting or saving them all). */
  private materialize(): void {
    if (!this.base) return;
    const { terms, info, surfaces, surfaceStems } = this.base;
    terms.forEach((term, i) => {
      if (!this.postings.has(term)) this.postings.set(term, { ids: EMPTY_IDS, tf: EMPTY_TF, n: info[i]!.n, lazy: info[i]! });
    });
    surfaces.forEach((surface, i) => {
      if (!this.surfaceToStem.has(surface)) this.surfaceToStem.set(surface, surfaceStems[i]!);
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
    const names: string[] = [];
    // Plain loops: the arrays of parts not read yet have holes, which forEach skips.
    for (let n = 0; n < this.chunks.length; n++) if (!this.chunks[n]) names.push(`p${n}`);
    for (let n = 0; n < this.blocks.length; n++) if (!this.blocks[n]) names.push(`m${n}`);
    if (this.lazy) {
      this.lazy.head.stems.forEach((_, n) => names.push(`s${n}`));
      this.lazy.head.surfaces.forEach((_, n) => names.push(`w${n}`));
    }
    if (!this.docsLoaded) names.push('docs');
    if (!this.shortLoaded) names.push('short');
    const values = await source.read(names);
    this.takeParts(new Map(names.map((name, i) => [name, values[i]])));
  }

  /** Takes in parts read from a snapshot (all the dictionary's blocks at once, or none of them). */
  private takeParts(parts: Map<string, unknown>): void {
    const stemBlocks: DictBlock[] = [];
    const surfaceBlocks: DictBlock[] = [];
    for (const [name, value] of parts) {
      const kind = name[0];
      const n = Number(name.slice(1));
      if (name === 'docs') this.setDocs(value as DocTable);
      else if (name === 'short') this.setShortWords(value as string);
      else if (kind === 'p') this.takeChunk(n, value as PostingChunk);
      else if (kind === 'm') this.blocks[n] ??= value as MetaBlock;
      else if (kind === 's') stemBlocks[n] = value as DictBlock;
      else if (kind === 'w') surfaceBlocks[n] = value as DictBlock;
    }
    if (this.lazy && stemBlocks.length === this.lazy.head.stems.length && surfaceBlocks.length === this.lazy.head.surfaces.length) {
      const stems = stemBlocks.flatMap(fromBlock);
      const surfaces = surfaceBlocks.flatMap(fromBlock);
      this.base = { terms: stems.map((e) => e.key), info: stems.map((e) => e.info), surfaces: surfaces.map((e) => e.key), surfaceStems: surfaces.map((e) => e.stem!) };
      this.sortedSurfaces = this.base.surfaces;
      this.surfacesText = null;
      this.lazy = null;
    }
  }

  /**
   * Reads the dictionary blocks and posting chunks that a search for `text` touches (with `limit`, a
   * search for its best `limit` hits only: see rankTop).
   */
  async ensureTerms(text: string, limit = Number.POSITIVE_INFINITY): Promise<void> {
    const source = this.source;
    if (!source) return;
    const lazy = this.lazy;
    if (lazy) {
      const wanted = new Set<string>();
      for (const [token] of this.queryTokens(text)) {
        const words = token.length >= MIN_PREFIX && !/^\d+$/.test(token);
        const inside = token.length >= MIN_INFIX && !/^\d+$/.test(token);
        for (const name of lazy.partsFor(stem(token), words ? token : null, MAX_EXPANSIONS * 4, inside ? token : null)) wanted.add(name);
      }
      const names = [...wanted];
      const blocks = await source.read(names);
      names.forEach((name, i) => lazy.add(name, blocks[i] as DictBlock));
    }
    // A limited one-word search on a snapshot not changed since it was read reads the top lists of its
    // big terms instead of their postings, and the postings only when the lists cannot tell the best hits.
    const tokens = this.queryTokens(text);
    const tops = limit <= TOP_LIST_LENGTH && !this.docsLoaded && tokens.length === 1;
    const wanted = new Set<string>();
    for (const [token, last] of tokens) {
      for (const term of this.expand(token, last).keys()) {
        const info = this.postings.get(term)?.lazy ?? (this.postings.has(term) ? undefined : this.termInfo(term));
        if (!info || this.chunks[info.chunk]) continue;
        if (!tops || info.n <= TOP_LIST_FROM) wanted.add(`p${info.chunk}`);
        else if (!this.topPartsRead.has(info.chunk)) wanted.add(`t${info.chunk}`);
      }
    }
    await this.readParts([...wanted]);
    if (tops && !this.rankTop(text, limit)) await this.ensureTerms(text);
  }

  /** Reads posting chunks (`p<n>`) and top lists (`t<n>`). */
  private async readParts(names: string[]): Promise<void> {
    if (!names.length || !this.source) return;
    const values = await this.source.read(names);
    names.forEach((name, i) => {
      const c = Number(name.slice(1));
      if (name[0] === 'p') this.takeChunk(c, values[i] as PostingChunk);
      else this.takeTopLists(c, values[i] as TopLists);
    });
  }

  private takeChunk(c: number, chunk: PostingChunk): void {
    this.chunks[c] ??= chunk;
  }

  private takeTopLists(c: number, part: TopLists): void {
    if (this.topPartsRead.has(c)) return;
    this.topPartsRead.add(c);
    if (!part.terms) return;
    let at = 0;
    part.terms.split('\n').forEach((term, i) => {
      const n = part.counts[i]!;
      this.topLists.set(term, { ids: part.ids.subarray(at, at + n), tf: part.tf.subarray(at, at + n), len: part.len.subarray(at, at + n) });
      at += n;
    });
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
    const blocks = await this.source.read(numbers.map((b) => `m${b}`));
    numbers.forEach((b, i) => (this.blocks[b] ??= blocks[i] as MetaBlock));
  }

  /** Reads the words of titles, organs and tags (typo tolerance) when they have not been read. */
  async ensureShortWords(): Promise<void> {
    if (this.shortLoaded || !this.source) return;
    const [words] = await this.source.read(['short']);
    this.setShortWords(words as string);
  }

  /** The documents a limited search would return (to read their metadata before searching). */
  topDocs(text: string, limit: number): number[] {
    const r = this.rank(text, limit);
    return r.order.map((i) => r.candidates[i]!);
  }

  private setDocs(table: DocTable): void {
    if (this.docsLoaded) return;
    this.keys = table.keys ? table.keys.split(SEP) : [];
    this.byKey = new Map();
    this.keys.forEach((k, i) => {
      if (this.metas[i] !== null) this.byKey.set(k, i);
    });
    this.lastSeen = table.lastSeen;
    this.docLen = Float64Array.from(table.lengths, (c) => LENGTHS[c]!);
    this.docsLoaded = true;
    // From now on lengths come from the table (postings change with the index; their copies would not).
    for (const p of this.postings.values()) delete p.len;
  }

  private setShortWords(joined: string): void {
    if (this.shortLoaded) return;
    this.shortWords = new Set(joined ? joined.split('\n') : []);
    this.shortLoaded = true;
  }

  /** Distinct words of titles, organs and tags. */
  shortFieldWords(): string[] {
    if (!this.shortLoaded) throw new NotLoadedError('short field words');
    return [...this.shortWords];
  }

  /** Whether a query word finds anything as it is (its stem, or words it begins). */
  knows(token: string): boolean {
    const t = normalize(token);
    return this.findsAny(stem(t)) || (t.length >= MIN_PREFIX && this.surfacesWithPrefix(t).length > 0);
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
    length = LENGTHS[lengthCode(length)]!;
    for (const [term, weight] of weights) {
      const tf = quantizeTf(weight);
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
    if (this.findsAny(exact)) expansions.set(exact, 1);
    // Prefix matching: every query word (not only the last) may be the start of longer words,
    // which is how Finnish compounds are found: `kouluverk` -> kouluverkko, kouluverkkoselvitys.
    if (token.length >= MIN_PREFIX && !/^\d+$/.test(token)) {
      for (const surface of this.surfacesWithPrefix(token)) {
        const s = this.stemOf(surface)!;
        if (!expansions.has(s) && this.findsAny(s)) expansions.set(s, last ? 0.85 : PREFIX_WEIGHT);
        if (expansions.size >= MAX_EXPANSIONS) break;
      }
    }
    // Compound heads: `strategia` also finds kuntastrategia, `koulu` finds yläkoulujen.
    if (token.length >= MIN_INFIX && !/^\d+$/.test(token)) {
      for (const surface of this.surfacesContaining(token)) {
        const s = this.stemOf(surface)!;
        if (!expansions.has(s) && this.findsAny(s)) expansions.set(s, INFIX_WEIGHT);
        if (expansions.size >= MAX_EXPANSIONS * 2) break;
      }
    }
    if (this.expansions.size > 200) this.expansions.clear();
    this.expansions.set(key, expansions);
    return expansions;
  }

  /**
   * The best `limit` hits of a one-word search from the top lists of its big terms (and the postings
   * of the others), when that is sure to be what rank() over all postings gives: a posting left out of
   * a list ranks after the list's last one (topListCut), so when every list's last posting ranks no
   * higher than the limit-th hit, nothing left out can take a place or change a score shown. Null when
   * that cannot be told, when no list is used, or when the index is no longer its snapshot as read.
   * The total is then a lower bound (totalExact false): counting needs every posting.
   */
  private rankTop(text: string, limit: number): Ranked | null {
    if (this.docsLoaded || !Number.isFinite(limit) || limit < 1 || limit > TOP_LIST_LENGTH || this.live === 0) return null;
    const queryTokens = this.queryTokens(text);
    if (queryTokens.length !== 1) return null;
    const key = this.rankKey(text, limit, false);
    if (this.ranked?.key === key) return this.ranked.result;
    const [token, last] = queryTokens[0]!;
    const avgLen = this.totalLen / Math.max(1, this.live) || 1;
    const lengthFree = K1 * (1 - B);
    const perLength = (K1 * B) / avgLen;
    // A document's score is its best over the word's expansions, kept in 32 bits as rank() keeps it.
    const best = new Map<number, number>();
    const take = (d: number, s: number) => {
      const f = Math.fround(s);
      if (!((best.get(d) ?? -1) >= f)) best.set(d, f);
    };
    /** Each list's last posting: score and id. */
    const bounds: [number, number][] = [];
    try {
      for (const [term, weight] of this.expand(token, last)) {
        const info = this.postings.get(term)?.lazy ?? (this.postings.has(term) ? undefined : this.termInfo(term));
        // A list is used with its postings in memory too (a count read them): it is much less to score.
        const list = this.topLists.get(term);
        const n = list && (info ? info.n : this.posting(term)?.n);
        if (list && n) {
          const gain = weight * Math.log(1 + (this.live - n + 0.5) / (n + 0.5)) * (K1 + 1);
          for (let i = 0; i < list.ids.length; i++) take(list.ids[i]!, bm25(gain, list.tf[i]! / 4, lengthFree, perLength, LENGTHS[list.len[i]!]!));
          const end = list.ids.length - 1;
          bounds.push([Math.fround(bm25(gain, list.tf[end]! / 4, lengthFree, perLength, LENGTHS[list.len[end]!]!)), list.ids[end]!]);
          continue;
        }
        const p = this.posting(term);
        if (!p) continue;
        const gain = weight * Math.log(1 + (this.live - p.n + 0.5) / (p.n + 0.5)) * (K1 + 1);
        for (let i = 0; i < p.n; i++) {
          const d = p.ids[i]!;
          take(d, bm25(gain, p.tf[i]!, lengthFree, perLength, p.len ? LENGTHS[p.len[i]!]! : this.docLen[d]!));
        }
      }
    } catch (error) {
      if (error instanceof NotLoadedError) return null;
      throw error;
    }
    if (!bounds.length) return null;
    const candidates = [...best.keys()];
    const final = Float32Array.from(candidates, (d) => best.get(d)!);
    const order = candidates
      .map((_, i) => i)
      .sort((a, b) => final[b]! - final[a]! || candidates[b]! - candidates[a]!)
      .slice(0, limit);
    if (order.length < limit) return null;
    const score = final[order[limit - 1]!]!;
    const id = candidates[order[limit - 1]!]!;
    for (const [f, d] of bounds) if (f > score || (f === score && d > id)) return null;
    const highlight: Highlight = { stems: [], prefixes: [], infixes: [] };
    this.highlightFor(token, highlight);
    const result: Ranked = { candidates, final, order, highlight, totalExact: false };
    this.ranked = { key, result };
    return result;
  }

  /**
   * The cache key of a ranking; `exact` ones come from every posting (rankTop is not tried). Chunks
   * read later do not change a ranking: one made without a posting it needed throws instead.
   */
  private rankKey(text: string, limit: number, exact: boolean): string {
    return `${this.generation}\u0000${limit}\u0000${exact ? 1 : 0}\u0000${text}`;
  }

  /**
   * Scores every document matching at least one query word (documents matching more words rank
   * higher) and orders them: all of them, or only the best `limit` (what a popup shows). The last
   * ranking is kept, so that reading the hits' metadata first and then searching ranks once.
   */
  private rank(text: string, limit: number, exact = false): Ranked {
    const key = this.rankKey(text, limit, exact);
    if (this.ranked?.key === key) return this.ranked.result;
    // A ranking that did not come from top lists counted every match already.
    if (exact && this.ranked?.key === this.rankKey(text, limit, false) && this.ranked.result.totalExact) return this.ranked.result;
    const top = exact ? null : this.rankTop(text, limit);
    if (top) return top;
    const queryTokens = this.queryTokens(text);
    const highlight: Highlight = { stems: [], prefixes: [], infixes: [] };
    const result: Ranked = { candidates: [], final: new Float32Array(0), order: [], highlight, totalExact: true };
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
        const lengths = p.len;
        // BM25: weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * docLen / avgLen)).
        const gain = weight * idf * (K1 + 1);
        const lengthFree = K1 * (1 - B);
        const perLength = (K1 * B) / avgLen;
        for (let i = 0; i < p.n; i++) {
          const d = ids[i]!;
          if (anyRemoved && this.metas[d] === null) continue;
          const tf = tfs[i]!;
          // bm25() written out: a call per posting costs in the hottest loop (same arithmetic, same result)
          const s = (gain * tf) / (tf + lengthFree + perLength * (lengths ? LENGTHS[lengths[i]!]! : docLen[d]!));
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
    // Best first; equal scores: most recently seen first, then the one indexed last. A snapshot numbers
    // its documents in that order, so an index read lazily (without the times seen) orders by number.
    const lastSeen = this.docsLoaded ? this.lastSeen : null;
    const before = lastSeen
      ? (a: number, b: number) => final[b]! - final[a]! || lastSeen[candidates[b]!]! - lastSeen[candidates[a]!]! || candidates[b]! - candidates[a]!
      : (a: number, b: number) => final[b]! - final[a]! || candidates[b]! - candidates[a]!;
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
  search(text: string, options: { filter?: (m: DocMeta) => boolean; limit?: number; all?: boolean; exact?: boolean } = {}): TextResult {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const everything = options.filter !== undefined || options.all === true || !Number.isFinite(limit);
    const { candidates, final, order, highlight, totalExact } = this.rank(text, everything ? Number.POSITIVE_INFINITY : limit, options.exact);
    if (!everything) {
      const hits = order.map((i) => ({ docId: candidates[i]!, score: final[i]!, meta: this.meta(candidates[i]!)! }));
      return { hits, total: candidates.length, totalExact, highlight };
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
    return { hits, total: count, totalExact, highlight };
  }

  private surfacesWithPrefix(prefix: string): string[] {
    if (this.lazy) return this.lazy.withPrefix(prefix, MAX_EXPANSIONS * 4).sort((a, b) => a.length - b.length);
    // Words added since the last merge are merged first, as compound heads do: looked at beside the
    // sorted ones they would pass the cap, and expand to other words than the snapshot's.
    this.mergeSurfaces();
    const out: string[] = [];
    const sorted = this.sortedSurfaces;
    // Words left by removed documents are skipped, as a snapshot has none of them.
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix) && out.length < MAX_EXPANSIONS * 4; i++) {
      if (this.findsAny(this.stemOf(sorted[i]!)!)) out.push(sorted[i]!);
    }
    // Shorter words first: closer to what was typed.
    return out.sort((a, b) => a.length - b.length);
  }

  /** Words that contain the token after their first three letters (compounds ending in it). */
  private surfacesContaining(token: string): string[] {
    if (this.lazy) return this.lazy.containing(token, MAX_EXPANSIONS);
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
      if (s.length > token.length + 2 && s.indexOf(token, 3) > 0 && this.findsAny(this.stemOf(s)!)) {
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

  /**
   * A snapshot for IndexedDB (see SnapshotHead): postings in chunks by term, each posting with its
   * document's length code; metadata in blocks; the dictionary in blocks. Documents are numbered by
   * time seen (oldest first), so that the order of equal scores needs no table of times.
   */
  toSnapshot(): IndexSnapshot {
    this.requireComplete();
    this.compact();
    this.mergeSurfaces();
    this.materialize();
    const docs = this.metas.length;
    // New numbers: by time seen, ties in the present order (a stable sort).
    const order = Array.from({ length: docs }, (_, d) => d).sort((a, b) => this.lastSeen[a]! - this.lastSeen[b]! || a - b);
    const renumber = new Uint32Array(docs);
    order.forEach((old, d) => (renumber[old] = d));
    const inOrder = order.every((old, d) => old === d);
    const lengthCodes = Uint8Array.from(order, (old) => lengthCode(this.docLen[old]!));

    const terms = [...this.postings.keys()].sort();
    const termInfo: TermInfo[] = [];
    const parts: Record<string, unknown> = {};
    let chunkCount = 0;
    let bytes = new Uint8Array(POSTING_CHUNK_BYTES * 2);
    let tf = new Uint8Array(POSTING_CHUNK_BYTES);
    let len = new Uint8Array(POSTING_CHUNK_BYTES);
    let at = 0;
    let tfAt = 0;
    const close = () => {
      parts[`p${chunkCount++}`] = { ids: bytes.slice(0, at), tf: tf.slice(0, tfAt), len: len.slice(0, tfAt) } satisfies PostingChunk;
      at = 0;
      tfAt = 0;
    };
    const avgLen = this.totalLen / Math.max(1, this.live) || 1;
    const topLists = new Map<number, { terms: string[]; counts: number[]; ids: number[]; tf: number[]; len: number[] }>();
    const tables: CodeTables = { score: new Float64Array(0x10000), count: new Uint32Array(0x10000), level: new Int32Array(0x10000) };
    /** The new ids of a big term's postings, as they are written. */
    let bigIds = new Uint32Array(0);
    for (const term of terms) {
      const p = this.posting(term)!;
      // A term's postings never straddle chunks; a chunk closes once it holds about POSTING_CHUNK_BYTES.
      if (at + tfAt > 0 && at + tfAt + p.n * 3 > POSTING_CHUNK_BYTES) close();
      if (tfAt + p.n > tf.length) {
        const size = Math.max(tf.length * 2, tfAt + p.n);
        const grownTf = new Uint8Array(size);
        grownTf.set(tf.subarray(0, tfAt));
        tf = grownTf;
        const grownLen = new Uint8Array(size);
        grownLen.set(len.subarray(0, tfAt));
        len = grownLen;
      }
      termInfo.push({ n: p.n, chunk: chunkCount, from: at, tfFrom: tfAt });
      // Postings in ascending new numbers: re-sorted only when the numbering changed their order, as
      // numbers (new id * 256 + tf code) in a typed array, which sorts natively without a comparator.
      let sorted: Float64Array | null = null;
      if (!inOrder) {
        sorted = new Float64Array(p.n);
        for (let k = 0; k < p.n; k++) sorted[k] = renumber[p.ids[k]!]! * 256 + tfCode(p.tf[k]!);
        sorted.sort();
      }
      let previous = 0;
      const big = p.n > TOP_LIST_FROM;
      if (big && bigIds.length < p.n) bigIds = new Uint32Array(p.n);
      for (let k = 0; k < p.n; k++) {
        const id = sorted ? Math.floor(sorted[k]! / 256) : renumber[p.ids[k]!]!;
        const code = sorted ? sorted[k]! % 256 : tfCode(p.tf[k]!);
        if (at + 5 > bytes.length) {
          const grown = new Uint8Array(bytes.length * 2);
          grown.set(bytes.subarray(0, at));
          bytes = grown;
        }
        if (big) bigIds[k] = id;
        let gap = id - previous;
        previous = id;
        while (gap >= 0x80) {
          bytes[at++] = (gap & 0x7f) | 0x80;
          gap = Math.floor(gap / 128);
        }
        bytes[at++] = gap;
        len[tfAt] = lengthCodes[id]!;
        tf[tfAt++] = code;
      }
      if (big) {
        const from = termInfo[termInfo.length - 1]!.tfFrom;
        const list = topList(bigIds.subarray(0, p.n), tf.subarray(from, tfAt), len.subarray(from, tfAt), avgLen, tables);
        // Every chunk holding a big term gets a `t` part, even one without lists (no clean cut): a
        // popup asks for it by the term's size alone.
        const c = termInfo[termInfo.length - 1]!.chunk;
        let lists = topLists.get(c);
        if (!lists) topLists.set(c, (lists = { terms: [], counts: [], ids: [], tf: [], len: [] }));
        if (list) {
          lists.terms.push(term);
          lists.counts.push(list.ids.length);
          lists.ids.push(...list.ids);
          lists.tf.push(...list.tf);
          lists.len.push(...list.len);
        }
      }
    }
    if (terms.length) close();
    for (const [c, lists] of topLists) {
      parts[`t${c}`] = {
        terms: lists.terms.join('\n'),
        counts: Uint32Array.from(lists.counts),
        ids: Uint32Array.from(lists.ids),
        tf: Uint8Array.from(lists.tf),
        len: Uint8Array.from(lists.len),
      } satisfies TopLists;
    }

    const termNumber = new Map(terms.map((t, i) => [t, i]));
    const stemEntries: DictEntry[] = terms.map((key, i) => ({ key, info: termInfo[i]! }));
    const surfaces = this.sortedSurfaces.filter((s) => termNumber.has(this.surfaceToStem.get(s)!));
    const surfaceEntries: DictEntry[] = surfaces.map((key) => {
      const stem = this.surfaceToStem.get(key)!;
      return { key, stem, info: termInfo[termNumber.get(stem)!]! };
    });
    const endingEntries: DictEntry[] = surfaceEntries
      .flatMap((e) => endingsOf(e.key).map((key) => ({ key, stem: e.stem, word: e.key, info: e.info })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.word! < b.word! ? -1 : 1));
    const dictionary: DictionaryHead = { stems: [], surfaces: [], endings: [] };
    for (const [list, name, entries] of [
      ['s', 'stems', stemEntries],
      ['w', 'surfaces', surfaceEntries],
      ['x', 'endings', endingEntries],
    ] as const) {
      const { firsts, blocks } = toBlocks(entries);
      dictionary[name] = firsts;
      blocks.forEach((block, n) => (parts[`${list}${n}`] = block));
    }

    const encoder = new TextEncoder();
    let metaBlockCount = 0;
    for (let first = 0; first < docs; first += META_BLOCK_DOCS) {
      const last = Math.min(docs, first + META_BLOCK_DOCS);
      const texts: Uint8Array[] = [];
      const offsets = new Uint32Array(last - first + 1);
      let size = 0;
      for (let d = first; d < last; d++) {
        const old = order[d]!;
        const raw = this.metas[old] === undefined ? this.rawMeta(old) : null;
        const text = encoder.encode(raw ?? JSON.stringify(this.metas[old]));
        offsets[d - first] = size;
        texts.push(text);
        size += text.length;
      }
      offsets[last - first] = size;
      const block = new Uint8Array(size);
      let metaAt = 0;
      for (const text of texts) {
        block.set(text, metaAt);
        metaAt += text.length;
      }
      parts[`m${metaBlockCount++}`] = { bytes: block, offsets } satisfies MetaBlock;
    }
    parts.docs = {
      keys: order.map((old) => this.keys[old]).join(SEP),
      lastSeen: Float64Array.from(order, (old) => this.lastSeen[old]!),
      lengths: lengthCodes,
    } satisfies DocTable;
    parts.short = [...this.shortWords].join('\n');
    const head: SnapshotHead = {
      format: 'pykala-search',
      version: INDEX_FORMAT_VERSION,
      builtAt: this.builtAt,
      docs,
      totalLen: this.totalLen,
      chunkCount,
      metaBlockDocs: META_BLOCK_DOCS,
      metaBlockCount,
      dictionary,
    };
    return { head, parts };
  }

  /** An index with everything in memory. */
  static fromSnapshot(snapshot: IndexSnapshot): SearchIndex {
    const index = SearchIndex.fromHead(snapshot?.head, null);
    const parts = new Map<string, unknown>();
    const take = (name: string) => {
      if (!(name in snapshot.parts)) throw new Error(`search index snapshot part ${name} is missing`);
      parts.set(name, snapshot.parts[name]);
    };
    for (let n = 0; n < index.chunks.length; n++) take(`p${n}`);
    for (let n = 0; n < index.blocks.length; n++) take(`m${n}`);
    for (let n = 0; n < snapshot.head.dictionary.stems.length; n++) take(`s${n}`);
    for (let n = 0; n < snapshot.head.dictionary.surfaces.length; n++) take(`w${n}`);
    take('docs');
    take('short');
    index.takeParts(parts);
    return index;
  }

  /**
   * An index from a snapshot's head alone: dictionary blocks, postings and metadata are read from
   * `source` when a search needs them (ensureTerms, ensureDocs), everything when a change does (ensureAll).
   */
  static fromHead(head: SnapshotHead, source: SnapshotSource | null): SearchIndex {
    if (
      head?.format !== 'pykala-search' ||
      head.version !== INDEX_FORMAT_VERSION ||
      !Array.isArray(head.dictionary?.stems) ||
      !Array.isArray(head.dictionary?.surfaces) ||
      !Array.isArray(head.dictionary?.endings)
    ) {
      throw new Error('search index snapshot of an unknown format');
    }
    const index = new SearchIndex();
    index.source = source;
    index.builtAt = head.builtAt;
    index.blockDocs = head.metaBlockDocs;
    index.metas = new Array<DocMeta | undefined>(head.docs);
    index.blocks = new Array<MetaBlock | undefined>(head.metaBlockCount);
    index.chunks = new Array<PostingChunk | undefined>(head.chunkCount);
    index.docsLoaded = false;
    index.shortLoaded = false;
    index.whole = false;
    index.live = head.docs;
    index.totalLen = head.totalLen;
    // Nothing of the dictionary is read here: a search reads the blocks its words fall in.
    index.lazy = new LazyDictionary(head.dictionary);
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
  /** Whether `candidates` are all the matching documents (not so when ranked from top lists). */
  totalExact: boolean;
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
  // A stem keeps its word's first letter (Snowball and the conflation step change endings only), so
  // the many words of a snippet whose first letter starts no highlighted stem are never stemmed.
  const firsts = new Set(h.stems.map((s) => s[0]));
  const infixes = h.infixes ?? [];
  // Snippets test every word of 20 bodies and the same words recur: each distinct word is tested once.
  const known = new Map<string, boolean>();
  return (token) => {
    let match = known.get(token);
    if (match === undefined) {
      const t = normalize(token);
      match = h.prefixes.some((p) => t.startsWith(p)) || infixes.some((p) => t.includes(p)) || (firsts.has(t[0]) && stems.has(stem(t)));
      known.set(token, match);
    }
    return match;
  };
}
