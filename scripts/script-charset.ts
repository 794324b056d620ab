/**
 * What characters built scripts may hold. Chromium refuses a whole extension when a content script is not
 * valid UTF-8 text in its strict sense (docs: toolchain.md, pitfall 1): no unpaired surrogates and no
 * noncharacters (Dexie's U+FFFF was enough). Minifiers write such characters raw, and esbuild's
 * `charset: 'ascii'` does not escape regular-expression literals, where this project's Finnish and Swedish
 * label patterns live. So every script is made pure ASCII, except the content script: it runs in every
 * Dynasty page and is held to a size budget (issue #4), and written as UTF-8 its `ä` is 2 bytes instead of
 * 4 to 6 as an escape. It keeps ordinary characters raw and escapes only what Chromium refuses.
 *
 * An escaped character becomes `\uXXXX` (surrogate pairs as two escapes), which means the same in string,
 * template and regular-expression literals and in identifiers.
 */
import type { Plugin } from 'vite';

/** True for a UTF-16 code unit Chromium's UTF-8 check refuses once encoded: surrogates (escaped even when
 *  paired, which means the same) and the noncharacters U+FDD0-U+FDEF, U+FFFE and U+FFFF. */
export function refusedByChromium(unit: number): boolean {
  return (unit >= 0xd800 && unit <= 0xdfff) || (unit >= 0xfdd0 && unit <= 0xfdef) || unit >= 0xfffe;
}

function escapeWhere(code: string, mustEscape: (unit: number) => boolean): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (!mustEscape(unit)) {
      out += code[i];
      continue;
    }
    changed = true;
    // `\ä` (an identity escape) must become `\u00e4`, not `\\u00e4`.
    let backslashes = 0;
    for (let j = out.length - 1; j >= 0 && out[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 1) out = out.slice(0, -1);
    out += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return changed ? out : code;
}

/** Every non-ASCII character escaped. */
export const escapeNonAscii = (code: string): string => escapeWhere(code, (unit) => unit >= 0x80);

/** Only what Chromium refuses escaped; the rest stays raw UTF-8. */
export const escapeRefusedByChromium = (code: string): string => escapeWhere(code, refusedByChromium);

/** A Vite plugin that applies `escape` to every emitted chunk, last. */
export function scriptCharset(escape: (code: string) => string): Plugin {
  return {
    name: 'pykala:script-charset',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = escape(file.code);
      }
    },
  };
}
