import { describe, expect, it } from 'vitest';
import { escapeNonAscii } from '../../../scripts/ascii-only';

/** Evaluates a JS expression (trusted test input only). */
const evaluate = (code: string): unknown => new Function(`return (${code});`)();

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
