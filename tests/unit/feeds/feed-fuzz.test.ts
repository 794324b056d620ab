/**
 * Property test: the feed parser never throws on mutated real feed bytes, and never invents a value:
 * every organ, title, id and date it returns can be found in the input.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '@/lib/dynasty/charset';
import { decodeEntities, parseFeed } from '@/lib/dynasty/feed';

const sample = readFileSync(resolve(__dirname, '../../fixtures/dynasty/text/kokkola10-rss-meetingitems-trimmed.utf8.xml'), 'utf8');
const bytes = Uint8Array.from(sample, (c) => c.charCodeAt(0));
const URL_ = 'https://kokkola10.oncloudos.com/cgi/DREQUEST.PHP?page=rss/meetingitems&show=10';

const pieces = ['<item>', '</item>', '<title>', '</title>', '<![CDATA[', ']]>', '<link>', '</link>', ' / ', '&ouml;', '&', '<', '\u00e4', '\n', 'javascript:alert(1)', '31.02.2024', '&amp;id=9-9'];

type Mutation = { kind: 'cut' | 'insert' | 'delete' | 'dup' | 'byte'; at: number; len: number; piece: number; byte: number };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('cut', 'insert', 'delete', 'dup', 'byte'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 200 }),
  piece: fc.nat(pieces.length - 1),
  byte: fc.integer({ min: 0, max: 255 }),
});

function apply(input: Uint8Array, m: Mutation): Uint8Array {
  const at = input.length ? m.at % input.length : 0;
  const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'cut':
      return input.subarray(0, at);
    case 'insert':
      return join(input.subarray(0, at), enc(pieces[m.piece]!), input.subarray(at));
    case 'delete':
      return join(input.subarray(0, at), input.subarray(at + m.len));
    case 'dup':
      return join(input.subarray(0, at + m.len), input.subarray(at));
    case 'byte':
      return join(input.subarray(0, at), Uint8Array.of(m.byte), input.subarray(at + 1));
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('parseFeed under mutation', () => {
  it('never throws and never returns a value that is not in the input', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const input = mutations.reduce(apply, bytes);
        const page = parseFeed(input, { url: URL_ });
        const text = decodeBytes(input).text;
        const plain = squash(decodeEntities(text.replace(/<!\[CDATA\[|\]\]>/g, ' ').replace(/<[A-Za-z/!?][^<>]*>/g, ' ')));
        const raw = squash(text);
        for (const e of page.entries) {
          expect(plain.includes(e.title) || raw.includes(e.title)).toBe(true);
          if (e.organ) expect(plain.includes(e.organ) || raw.includes(e.organ)).toBe(true);
          const urlText = decodeEntities(text.replace(/[\t\n\r]+/g, ''));
          // %XX in a link means that character: the id as the server reads it.
          const percent = urlText.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
          if (e.id) expect(text.includes(e.id) || urlText.includes(e.id) || percent.includes(e.id)).toBe(true);
          if (e.date) {
            const [y, mo, d] = e.date.split('-');
            expect(text).toMatch(new RegExp(`0?${Number(d)}\\.0?${Number(mo)}\\.${y}`));
          }
          if (e.url) expect(e.url).toMatch(/^https?:\/\//);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});
