/**
 * Word-level diff of a proposal and a decision (Myers' O(ND) algorithm over whitespace-separated
 * words, after trimming the common head and tail). Bounded: beyond MAX_EDITS edits it gives up and
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

function myers(a: string[], b: string[], maxD: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('same');
      x--;
      y--;
    }
    ops.push(x === prevX ? 'ins' : 'del');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('same');
    x--;
    y--;
  }
  return ops.reverse();
}

/** Word-level diff from `before` (proposal) to `after` (decision); null when too different to show. */
export function diffWords(before: string, after: string): WordDiff | null {
  const a = words(before);
  const b = words(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const midOps = myers(midA, midB, MAX_EDITS);
  if (!midOps) return null;
  const ops: DiffOp[] = [...Array<DiffOp>(head).fill('same'), ...midOps, ...Array<DiffOp>(tail).fill('same')];

  const segments: DiffSegment[] = [];
  let ia = 0;
  let ib = 0;
  let same = 0;
  for (const op of ops) {
    const word = op === 'ins' ? b[ib++]! : a[ia++]!;
    if (op === 'same') {
      ib++;
      same++;
    }
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += ` ${word}`;
    else segments.push({ op, text: word });
  }
  const longer = Math.max(a.length, b.length);
  return { segments, similarity: longer ? same / longer : 1, changed: segments.some((s) => s.op !== 'same') };
}
