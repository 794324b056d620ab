import { describe, expect, it } from 'vitest';
import { escapeNonAscii, escapeRefusedByChromium, refusedByChromium } from '../../../scripts/script-charset';

/** Evaluates a JS expression (trusted test input only). */
const evaluate = (code: string): unknown => new Function(`return (${code});`)();
const raw = (unit: number) => String.fromCharCode(unit);

describe('escapeNonAscii (the build keeps only ASCII in scripts)', () => {
  const cases = [
    `"Pöytäkirja 07.06.2021 – § 210"`,
    `/(?:Pöytäkirja|Föredragningslista)\\s+\\d/.test("Föredragningslista 1")`,
    `/[äöå]+/u.exec("xåäöy")[0]`,
    '`Käsittely ${1 + 1} ä`',
    `"\\ä"`,
    `/\\ö/.test("ö")`,
    `"emoji 😀 and \\uFFFF"`,
    `/😀/u.test("😀")`,
    `(() => { const äiti = 3; return äiti; })()`,
  ];
  for (const code of cases) {
    it(`means the same after escaping: ${code}`, () => {
      const escaped = escapeNonAscii(code);
      expect([...Buffer.from(escaped, 'utf8')].every((b) => b < 0x80)).toBe(true);
      expect(evaluate(escaped)).toEqual(evaluate(code));
    });
  }

  it('leaves ASCII code untouched', () => {
    const code = 'const a = "x\\u00e4"; /a\\/b/.test(a)';
    expect(escapeNonAscii(code)).toBe(code);
  });
});

describe('escapeRefusedByChromium (the content script stays UTF-8, minus what Chromium refuses)', () => {
  /** Chromium's rule for a content script, on the text before it is written: every code point must encode to
   *  strict UTF-8 (a lone surrogate would silently become U+FFFD on writing) and none is a noncharacter. */
  const chromiumAccepts = (code: string): boolean =>
    ![...code].some((c) => {
      const cp = c.codePointAt(0)!;
      return (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
    });
  const refusedRaw = [`"Dexie's sentinel ${raw(0xffff)} and ${raw(0xfdd0)}"`, `"lone ${raw(0xd800)}".length`, `"\\${raw(0xfffe)}"`];
  const cases = [
    `"Pöytäkirja 07.06.2021 – § 210"`,
    `/(?:Pöytäkirja|Föredragningslista)\\s+\\d/.test("Föredragningslista 1")`,
    `"emoji 😀"`,
    `/😀/u.test("😀")`,
    ...refusedRaw,
  ];

  it('the check below would catch what Chromium refuses', () => {
    expect(refusedRaw.filter(chromiumAccepts)).toEqual([]);
  });

  for (const code of cases) {
    it(`means the same and loads in Chromium: ${JSON.stringify(code)}`, () => {
      const escaped = escapeRefusedByChromium(code);
      expect(chromiumAccepts(escaped)).toBe(true);
      expect(evaluate(escaped)).toEqual(evaluate(code));
    });
  }

  it('keeps Finnish letters raw: 2 bytes each instead of a 6-byte escape', () => {
    const code = '/^Päätös$/';
    expect(escapeRefusedByChromium(code)).toBe(code);
    expect(Buffer.byteLength(escapeRefusedByChromium(code))).toBeLessThan(Buffer.byteLength(escapeNonAscii(code)));
  });

  it('refuses exactly surrogates and noncharacters', () => {
    const refused = [0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfdd0, 0xfdef, 0xfffe, 0xffff];
    const accepted = [0x7f, 0x80, 0xa0, 0xe4, 0x2028, 0xd7ff, 0xe000, 0xfdcf, 0xfdf0, 0xfeff, 0xfffd];
    expect(refused.filter((u) => !refusedByChromium(u))).toEqual([]);
    expect(accepted.filter(refusedByChromium)).toEqual([]);
  });
});
