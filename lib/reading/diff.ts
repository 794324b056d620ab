/**
 * Word-level diff of a proposal and a decision (Myers' O(ND) algorithm over whitespace-separated
 * words, the common tail set aside first). Bounded: beyond MAX_EDITS edits it gives up and
 * returns null, because a decision worded wholly apart from its proposal is not a useful diff.
 */

export type DiffOp = 'same' | 'ins' | 'del';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

export interface WordDiff {
  segments: DiffSegment[];
  /** Share of words the two texts have in common, 0..1, against the longer text. */
  similarity: number;
  changed: boolean;
}

const MAX_EDITS = 1500;

export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Word-level diff from `before` (proposal) to `after` (decision); null when too different to show. */
export function diffWords(before: string, after: string): WordDiff | null {
  const a = words(before);
  const b = words(after);
  // A common head is Myers' first snake, but a common tail is not always its last: where an inserted
  // phrase ends with the word the tail starts with, Myers may match that word inside the insertion and
  // split it. So the tail (not overlapping the head) is set aside and stays one run, as it was before.
  let head = 0;
  while (a[head] !== undefined && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - tail;
  const m = b.length - tail;
  // Myers: v[offset + k] is the furthest x reached on diagonal k = x - y with d edits; trace[d] keeps
  // diagonals -d..d of it as round d starts (the d - 1 values), at index k + d, for the way back.
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  // Round d reaches diagonal k from k + 1 (an insertion) or from k - 1 (a deletion), whichever got further.
  const fromAbove = (d: number, k: number, at: Int32Array, base: number) => k === -d || (k !== d && at[base + k - 1]! < at[base + k + 1]!);
  let x = 0;
  let y = 0;
  search: for (let d = 0; ; d++) {
    if (d > MAX_EDITS) return null;
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      x = fromAbove(d, k, v, offset) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }

  // Back from (n, m): each round d undoes the snake before it and one insertion or deletion. Words go
  // in front of the segments, so runs of one kind grow into one segment; the set-aside tail is the last.
  const segments: DiffSegment[] = tail ? [{ op: 'same', text: a.slice(n).join(' ') }] : [];
  let same = tail;
  const put = (op: DiffOp, word: string) => {
    const first = segments[0];
    if (first?.op === op) first.text = `${word} ${first.text}`;
    else segments.unshift({ op, text: word });
  };
  for (let d = trace.length - 1; d >= 0; d--) {
    const k = x - y;
    const prev = trace[d]!;
    const prevK = fromAbove(d, k, prev, d) ? k + 1 : k - 1;
    // Round 0 starts at (0, 0): its snake is the common head.
    const prevX = d ? prev[prevK + d]! : 0;
    const prevY = d ? prevX - prevK : 0;
    while (x > prevX && y > prevY) {
      put('same', a[--x]!);
      y--;
      same++;
    }
    if (d) put(x === prevX ? 'ins' : 'del', x === prevX ? b[y - 1]! : a[x - 1]!);
    x = prevX;
    y = prevY;
  }

  const longer = Math.max(a.length, b.length);
  return { segments, similarity: longer ? same / longer : 1, changed: same < longer };
}
