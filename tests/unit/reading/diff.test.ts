import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffWords, words } from '@/lib/reading/diff';

function rebuild(segments: { op: string; text: string }[], side: 'before' | 'after'): string {
  return segments
    .filter((s) => s.op === 'same' || s.op === (side === 'before' ? 'del' : 'ins'))
    .map((s) => s.text)
    .join(' ');
}

describe('word diff proposal -> decision', () => {
  it('marks the words a decision changed', () => {
    const d = diffWords(
      'Kaupunginhallitus päättää myöntää avustusta 5 000 euroa yhdistykselle.',
      'Kaupunginhallitus päättää myöntää avustusta 3 000 euroa yhdistykselle ja seuraa käyttöä.',
    )!;
    expect(d.changed).toBe(true);
    expect(d.segments).toEqual([
      { op: 'same', text: 'Kaupunginhallitus päättää myöntää avustusta' },
      { op: 'del', text: '5' },
      { op: 'ins', text: '3' },
      { op: 'same', text: '000 euroa' },
      { op: 'del', text: 'yhdistykselle.' },
      { op: 'ins', text: 'yhdistykselle ja seuraa käyttöä.' },
    ]);
  });

  it('says unchanged when the decision repeats the proposal (whitespace aside)', () => {
    const d = diffWords('Hyväksytään  ehdotus.\n', 'Hyväksytään ehdotus.')!;
    expect(d.changed).toBe(false);
    expect(d.similarity).toBe(1);
  });

  it('handles empty texts', () => {
    expect(diffWords('', '')!.segments).toEqual([]);
    expect(diffWords('a b', '')!.segments).toEqual([{ op: 'del', text: 'a b' }]);
  });

  it('always rebuilds both texts from its segments', () => {
    const word = fc.constantFrom('kunta', 'päättää', 'hyväksyä', 'ehdotus', '§', '5', 'ja', 'ei');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 40 }), (a, b) => {
        const d = diffWords(a.join(' '), b.join(' '))!;
        expect(rebuild(d.segments, 'before')).toBe(a.join(' '));
        expect(rebuild(d.segments, 'after')).toBe(b.join(' '));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an inserted phrase in one piece when the decision doubles the word after it', () => {
    // As before the Myers rewrite: the common tail stays one unchanged run, so the insertion is not split.
    const d = diffWords('Hallitus hyväksyy ehdotuksen ja esittää sen valtuustolle.', 'Hallitus hyväksyy ehdotuksen ja esittää muutettuna sen sen valtuustolle.')!;
    expect(d.segments).toEqual([
      { op: 'same', text: 'Hallitus hyväksyy ehdotuksen ja esittää' },
      { op: 'ins', text: 'muutettuna sen' },
      { op: 'same', text: 'sen valtuustolle.' },
    ]);
  });

  it('is a shortest diff, with the common head and tail each one unchanged run', () => {
    const word = fc.constantFrom('kunta', 'päättää', 'ja', 'sen', '§', '5');
    const lcs = (a: string[], b: string[]) => {
      let row = Array<number>(b.length + 1).fill(0);
      for (const x of a) {
        const next = [0];
        for (let j = 0; j < b.length; j++) next.push(x === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
        row = next;
      }
      return row[b.length]!;
    };
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.array(word, { maxLength: 30 }), (a, b) => {
        const d = diffWords(a.join(' '), b.join(' '))!;
        const kept = d.segments.filter((s) => s.op === 'same').reduce((n, s) => n + words(s.text).length, 0);
        expect(kept).toBe(lcs(a, b));
        let head = 0;
        while (head < a.length && a[head] === b[head]) head++;
        let tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
        const first = d.segments[0];
        const last = d.segments[d.segments.length - 1];
        if (head) expect(first?.op === 'same' && words(first.text).length >= head).toBe(true);
        if (tail) expect(last?.op === 'same' && words(last.text).length >= tail).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives up (null) instead of grinding on texts with nothing in common', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    expect(diffWords(a, b)).toBeNull();
    expect(words(' x  y ')).toEqual(['x', 'y']);
  });
});
