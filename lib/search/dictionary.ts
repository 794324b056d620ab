/**
 * The index's dictionary in term-sorted blocks, so that a reader opened from a snapshot reads only the
 * blocks its query words fall in (one or two per word) instead of the whole vocabulary.
 *
 * Three sorted lists, each cut into blocks of DICT_BLOCK_ENTRIES with the first key of every block in
 * the snapshot's small head:
 * - stems (`s` blocks): where each stem's postings are;
 * - surface words (`w` blocks): the stem each word maps to, for prefix matching (`kouluverk`);
 * - word endings (`x` blocks): every ending of a surface word that starts at its fourth letter or later
 *   and is at least MIN_INFIX long, with its word, so that compound heads (`strategia` in
 *   kuntastrategia) are a prefix lookup too instead of a scan of every word.
 * Surface and ending entries carry their stem's posting location, so a query needs no second lookup.
 */

/** Thrown by a lazily opened index asked for what it has not read yet (see SearchIndex.ensureAll). */
export class NotLoadedError extends Error {
  constructor(what: string) {
    super(`search index: ${what} not loaded yet`);
    this.name = 'NotLoadedError';
  }
}

export const DICT_BLOCK_ENTRIES = 512;
/** Shortest word ending indexed for compound heads (a shorter query word never looks inside words). */
export const MIN_INFIX = 5;
/** Compound heads are looked for from this letter on (the word's own start is prefix matching). */
export const INFIX_FROM = 3;
const END = '\uffff';

/** Where a stem's postings are: `n` of them in chunk `chunk`, ids from byte `from`, tfs from `tfFrom`. */
export interface TermInfo {
  n: number;
  chunk: number;
  from: number;
  tfFrom: number;
}

/** One block of a sorted list; for surface and ending blocks, each entry's stem (and word). */
export interface DictBlock {
  keys: string;
  stems?: string;
  words?: string;
  n: Uint32Array;
  chunk: Uint32Array;
  from: Uint32Array;
  tfFrom: Uint32Array;
}

export interface DictEntry {
  key: string;
  stem?: string;
  word?: string;
  info: TermInfo;
}

/** The first key of each block of the three lists (kept in the snapshot's head). */
export interface DictionaryHead {
  stems: string[];
  surfaces: string[];
  endings: string[];
}

export type DictList = 's' | 'w' | 'x';

interface Decoded {
  keys: string[];
  entries: DictEntry[];
}

/** Cuts sorted entries into blocks; returns the blocks and their first keys. */
export function toBlocks(entries: DictEntry[]): { firsts: string[]; blocks: DictBlock[] } {
  const firsts: string[] = [];
  const blocks: DictBlock[] = [];
  for (let at = 0; at < entries.length; at += DICT_BLOCK_ENTRIES) {
    const part = entries.slice(at, at + DICT_BLOCK_ENTRIES);
    firsts.push(part[0]!.key);
    const block: DictBlock = {
      keys: part.map((e) => e.key).join('\n'),
      n: Uint32Array.from(part, (e) => e.info.n),
      chunk: Uint32Array.from(part, (e) => e.info.chunk),
      from: Uint32Array.from(part, (e) => e.info.from),
      tfFrom: Uint32Array.from(part, (e) => e.info.tfFrom),
    };
    if (part[0]!.stem !== undefined) block.stems = part.map((e) => e.stem).join('\n');
    if (part[0]!.word !== undefined) block.words = part.map((e) => e.word).join('\n');
    blocks.push(block);
  }
  return { firsts, blocks };
}

/** The entries of a block, decoded. */
export function fromBlock(block: DictBlock): DictEntry[] {
  const keys = block.keys.split('\n');
  const stems = block.stems?.split('\n');
  const words = block.words?.split('\n');
  return keys.map((key, i) => ({
    key,
    stem: stems?.[i],
    word: words?.[i],
    info: { n: block.n[i]!, chunk: block.chunk[i]!, from: block.from[i]!, tfFrom: block.tfFrom[i]! },
  }));
}

/** The word endings indexed for compound heads, of one word. */
export function endingsOf(word: string): string[] {
  const out: string[] = [];
  for (let at = INFIX_FROM; word.length - at >= MIN_INFIX; at++) out.push(word.slice(at));
  return out;
}

function upperBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in a sorted list whose value is not below `value`. */
export function lowerBound(sorted: ArrayLike<string>, value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The blocks (numbers) whose keys may fall in [from, to). In the endings list one key repeats (one
 * entry per word), so a run of `from` can start in the block before the one whose first key it is.
 */
function blockRange(firsts: readonly string[], from: string, to: string, repeats: boolean): number[] {
  const first = Math.max(0, (repeats ? lowerBound(firsts, from) : upperBound(firsts, from)) - 1);
  const last = lowerBound(firsts, to) - 1;
  const out: number[] = [];
  for (let b = first; b <= last; b++) out.push(b);
  return out;
}

/**
 * The dictionary of a lazily opened snapshot: answers from the blocks read so far and says which
 * blocks a query word needs (`partsFor`); a lookup whose block has not been read throws NotLoadedError.
 */
export class LazyDictionary {
  private readonly blocks: Record<DictList, (Decoded | undefined)[]>;
  private readonly infos = new Map<string, TermInfo>();
  private readonly stems = new Map<string, string>();

  constructor(readonly head: DictionaryHead) {
    this.blocks = {
      s: new Array<Decoded | undefined>(head.stems.length),
      w: new Array<Decoded | undefined>(head.surfaces.length),
      x: new Array<Decoded | undefined>(head.endings.length),
    };
  }

  private firsts(list: DictList): string[] {
    return list === 's' ? this.head.stems : list === 'w' ? this.head.surfaces : this.head.endings;
  }

  /**
   * The blocks not read yet that a query word needs: its stem's, the surface words it begins (at
   * most `prefixCap` of them, so at most a few blocks) and, when `infix`, the endings it begins.
   */
  partsFor(stem: string, prefix: string | null, prefixCap: number, infix: string | null): string[] {
    const wanted: [DictList, number][] = [];
    const stemBlock = upperBound(this.head.stems, stem) - 1;
    if (stemBlock >= 0) wanted.push(['s', stemBlock]);
    if (prefix !== null) {
      const range = blockRange(this.head.surfaces, prefix, prefix + END, false);
      for (const b of range.slice(0, Math.ceil(prefixCap / DICT_BLOCK_ENTRIES) + 1)) wanted.push(['w', b]);
    }
    if (infix !== null) for (const b of blockRange(this.head.endings, infix, infix + END, true)) wanted.push(['x', b]);
    return wanted.filter(([list, b]) => !this.blocks[list][b]).map(([list, b]) => `${list}${b}`);
  }

  /** Takes in a block read from the snapshot (`name` as given by partsFor). */
  add(name: string, block: DictBlock): void {
    const list = name[0] as DictList;
    const b = Number(name.slice(1));
    if (this.blocks[list][b]) return;
    const entries = fromBlock(block);
    this.blocks[list][b] = { keys: entries.map((e) => e.key), entries };
    for (const e of entries) {
      const stem = list === 's' ? e.key : e.stem!;
      if (!this.infos.has(stem)) this.infos.set(stem, e.info);
      if (list !== 's') this.stems.set(list === 'w' ? e.key : e.word!, stem);
    }
  }

  /** Where a stem's postings are (undefined: no such stem). */
  term(stem: string): TermInfo | undefined {
    const known = this.infos.get(stem);
    if (known) return known;
    const b = upperBound(this.head.stems, stem) - 1;
    if (b < 0) return undefined;
    const block = this.blocks.s[b];
    if (!block) throw new NotLoadedError('dictionary');
    const at = lowerBound(block.keys, stem);
    return block.keys[at] === stem ? block.entries[at]!.info : undefined;
  }

  /** The stem of a word returned by withPrefix or containing. */
  stemOf(word: string): string | undefined {
    return this.stems.get(word);
  }

  /** The first `cap` surface words starting with `prefix`, in sorted order. */
  withPrefix(prefix: string, cap: number): string[] {
    return this.walk('w', prefix, (out, e) => {
      out.push(e.key);
      return out.length < cap;
    });
  }

  /** The first `cap` surface words (sorted) containing `token` from their fourth letter on. */
  containing(token: string, cap: number): string[] {
    const words = new Set<string>();
    this.walk('x', token, (_, e) => {
      words.add(e.word!);
      return true;
    });
    return [...words].sort().slice(0, cap);
  }

  /** Visits the entries of a list starting with `prefix`, in order, while `visit` returns true. */
  private walk(list: DictList, prefix: string, visit: (out: string[], e: DictEntry) => boolean): string[] {
    const out: string[] = [];
    const firsts = this.firsts(list);
    for (const b of blockRange(firsts, prefix, prefix + END, list === 'x')) {
      const block = this.blocks[list][b];
      if (!block) throw new NotLoadedError('dictionary');
      for (let i = lowerBound(block.keys, prefix); i < block.entries.length; i++) {
        const e = block.entries[i]!;
        if (!e.key.startsWith(prefix)) return out;
        if (!visit(out, e)) return out;
      }
    }
    return out;
  }
}
