import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { LANGUAGES, loadAllCatalogues } from '@/lib/locales';

describe('message catalogues', () => {
  const catalogues = loadAllCatalogues(resolve(__dirname, '../../locales'));

  it('define the same keys in Finnish, Swedish and English', () => {
    const fiKeys = Object.keys(catalogues.fi).sort();
    for (const lang of LANGUAGES) expect(Object.keys(catalogues[lang]).sort()).toEqual(fiKeys);
  });

  it('give every message a non-empty text', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of Object.entries(catalogues[lang])) {
        expect(value.message.trim(), `${lang}/${key}`).not.toBe('');
      }
    }
  });

  it('use placeholders the same way in every language', () => {
    for (const [key, value] of Object.entries(catalogues.fi)) {
      const names = Object.keys(value.placeholders ?? {}).sort();
      for (const lang of LANGUAGES) {
        expect(Object.keys(catalogues[lang][key]?.placeholders ?? {}).sort(), `${lang}/${key}`).toEqual(names);
      }
    }
  });
});
