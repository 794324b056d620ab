/**
 * A Vite plugin that leaves only ASCII in emitted JavaScript. Chromium refuses a whole extension when a
 * content script is not valid UTF-8 text (docs: toolchain.md, pitfall 1), and esbuild's `charset: 'ascii'`
 * does not escape regular-expression literals, where this project's Finnish and Swedish label patterns
 * live. Every non-ASCII character becomes a `\uXXXX` escape (surrogate pairs beyond the BMP), which means
 * the same in string, template and regular-expression literals and in identifiers.
 */
import type { Plugin } from 'vite';

export function escapeNonAscii(code: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (unit < 0x80) {
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

export function asciiOnly(): Plugin {
  return {
    name: 'pykala:ascii-only',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = escapeNonAscii(file.code);
      }
    },
  };
}
